package org.latentdyn.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Unsupervised segmentation scores (spec nld.md §10.4-10.5): accuracy of predicted labels against the true states
 * under the one relabelling that maximises total agreement over all sequences, and the occupancy error
 * {@code l1 = sum_i |p_i - 1/k|}.
 */
public final class Segmentation {
  /** Largest number of states for the exhaustive permutation search ({@code 8! = 40320} relabellings). */
  public static final int MAX_STATES = 8;

  private Segmentation() {}

  /**
   * Accuracy under the best relabelling.
   *
   * @param permutation {@code permutation[label]} is the true state a predicted label is mapped to
   * @param perSequence the fraction of frames of each sequence whose mapped label equals the true state
   * @param mean mean of {@code perSequence}
   * @param sd sample standard deviation ({@code n - 1}) of {@code perSequence}; 0 for a single sequence
   */
  public record Accuracy(int[] permutation, double[] perSequence, double mean, double sd) {
    public Accuracy {
      permutation = permutation.clone();
      perSequence = perSequence.clone();
    }

    @Override
    public int[] permutation() {
      return permutation.clone();
    }

    @Override
    public double[] perSequence() {
      return perSequence.clone();
    }
  }

  /**
   * Scores {@code predicted} against {@code truth} (§10.5 steps 3-4): the permutation of {@code {0 ... states-1}}
   * with the largest total agreement over all frames of all sequences (exhaustive; ties go to the first in
   * lexicographic order, the identity first), then each sequence's accuracy, their mean and sample sd.
   *
   * @throws IllegalArgumentException if the sequence counts or lengths differ, a sequence is empty, or a label is
   *     outside {@code [0, states)}
   */
  public static Accuracy accuracy(int[][] predicted, int[][] truth, int states) {
    if (states < 1 || states > MAX_STATES) {
      throw new IllegalArgumentException("states must be in [1, " + MAX_STATES + "], got " + states);
    }
    if (predicted.length != truth.length || predicted.length == 0) {
      throw new IllegalArgumentException("predicted and truth must hold the same positive number of sequences, got "
          + predicted.length + " and " + truth.length);
    }
    long[][] confusion = new long[states][states];
    for (int n = 0; n < truth.length; n++) {
      if (predicted[n].length != truth[n].length || truth[n].length == 0) {
        throw new IllegalArgumentException("sequence " + n + " has " + predicted[n].length + " predicted and "
            + truth[n].length + " true labels; expected the same positive number");
      }
      for (int t = 0; t < truth[n].length; t++) {
        confusion[check(predicted[n][t], states, "predicted", n, t)][check(truth[n][t], states, "true", n, t)]++;
      }
    }
    int[] best = null;
    long bestAgreement = -1;
    for (int[] p : permutations(states)) {
      long agreement = 0;
      for (int a = 0; a < states; a++) {
        agreement += confusion[a][p[a]];
      }
      if (agreement > bestAgreement) {
        bestAgreement = agreement;
        best = p;
      }
    }
    double[] acc = new double[truth.length];
    for (int n = 0; n < truth.length; n++) {
      int hits = 0;
      for (int t = 0; t < truth[n].length; t++) {
        if (best[predicted[n][t]] == truth[n][t]) {
          hits++;
        }
      }
      acc[n] = (double) hits / truth[n].length;
    }
    double mean = mean(acc);
    return new Accuracy(best, acc, mean, sampleSd(acc, mean));
  }

  /** Occupancy error {@code sum_i |p_i - 1/k|} of a distribution over {@code k = p.length} states (§10.4). */
  public static double occupancyL1(double[] p) {
    if (p.length == 0) {
      throw new IllegalArgumentException("occupancy must have >= 1 state, got 0");
    }
    double l1 = 0;
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("occupancy entries must be in [0, 1], got " + v);
      }
      l1 += Math.abs(v - 1.0 / p.length);
    }
    return l1;
  }

  /** Fraction of frames with each label over all sequences, {@code [states]}. */
  public static double[] occupancy(int[][] labels, int states) {
    double[] p = new double[states];
    long total = 0;
    for (int n = 0; n < labels.length; n++) {
      for (int t = 0; t < labels[n].length; t++) {
        p[check(labels[n][t], states, "", n, t)]++;
      }
      total += labels[n].length;
    }
    if (total == 0) {
      throw new IllegalArgumentException("labels must hold >= 1 frame, got 0");
    }
    for (int i = 0; i < states; i++) {
      p[i] /= total;
    }
    return p;
  }

  private static int check(int label, int states, String kind, int n, int t) {
    if (label < 0 || label >= states) {
      throw new IllegalArgumentException((kind.isEmpty() ? "" : kind + " ") + "label at sequence " + n + ", frame "
          + t + " must be in [0, " + states + "), got " + label);
    }
    return label;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double sampleSd(double[] v, double mean) {
    if (v.length < 2) {
      return 0;
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (v.length - 1));
  }

  /** All permutations of {@code {0 ... k-1}} in lexicographic order. */
  static List<int[]> permutations(int k) {
    List<int[]> out = new ArrayList<>();
    int[] p = new int[k];
    for (int i = 0; i < k; i++) {
      p[i] = i;
    }
    while (true) {
      out.add(p.clone());
      int i = k - 2;
      while (i >= 0 && p[i] >= p[i + 1]) {
        i--;
      }
      if (i < 0) {
        return out;
      }
      int j = k - 1;
      while (p[j] <= p[i]) {
        j--;
      }
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
      for (int a = i + 1, b = k - 1; a < b; a++, b--) {
        tmp = p[a];
        p[a] = p[b];
        p[b] = tmp;
      }
    }
  }
}

package org.latentdyn.wells;

import org.latentdyn.dynamics.Potential;

/**
 * Unsupervised segmentation by wells (NLD spec §10.5): flow each latent position down the energy (at most 1,000
 * steps), label it by the nearest centre (k-means centroid or refined minimum), choose the one permutation of the
 * labels that maximises total agreement with the true states over all sequences (exhaustive over {@code k!}), and
 * score each sequence's accuracy.
 */
public final class Segmentation {
  private Segmentation() {}

  /** Exhaustive permutation search is limited to this many labels (8! = 40,320). */
  public static final int MAX_LABELS = 8;

  /**
   * @param permutation {@code permutation[label] = state}
   * @param accuracies per-sequence fraction of positions whose permuted label equals the true state
   * @param meanAccuracy mean of {@code accuracies}
   * @param sdAccuracy sample standard deviation (n - 1) of {@code accuracies}; NaN for one sequence
   * @param labels raw nearest-centre labels {@code [sequences, length]}
   */
  public record Result(int[] permutation, double[] accuracies, double meanAccuracy, double sdAccuracy,
      int[] labels) {}

  /**
   * @param energy the energy to flow down
   * @param positions latent positions {@code [sequences, length, dim]}, flat row-major (not modified)
   * @param sequences number of sequences, {@code >= 1}
   * @param centres well centres {@code [k][dim]}, {@code 1 <= k <= 8}
   * @param states true states {@code [sequences, length]} in {@code 0 .. k-1}
   * @param flow step size and cap; the flow runs {@code maxSteps} steps (1,000 for {@link GradientFlow.Options#segmentation})
   */
  public static Result segment(Potential energy, double[] positions, int sequences, double[][] centres,
      int[] states, GradientFlow.Options flow) {
    check(positions.length, energy.dim(), sequences, centres, states);
    return label(GradientFlow.flow(energy, positions, flow.maxSteps(), flow.stepSize()), energy.dim(), sequences,
        centres, states);
  }

  /**
   * Labels already flowed positions by their nearest centre and scores them against the states under the best
   * permutation (§10.5 steps 2-4 after the flow).
   *
   * @param flowed flowed latent positions {@code [sequences, length, dim]}, flat row-major
   * @param dim latent dimension
   */
  public static Result label(double[] flowed, int dim, int sequences, double[][] centres, int[] states) {
    check(flowed.length, dim, sequences, centres, states);
    int k = centres.length;
    int length = states.length / sequences;
    int n = states.length;
    int[] labels = nearest(flowed, dim, centres);
    long[][] overlap = new long[k][k];
    for (int i = 0; i < n; i++) {
      overlap[labels[i]][states[i]]++;
    }
    int[] perm = bestPermutation(overlap);
    double[] acc = new double[sequences];
    double mean = 0;
    for (int s = 0; s < sequences; s++) {
      int hits = 0;
      for (int t = 0; t < length; t++) {
        int i = s * length + t;
        if (perm[labels[i]] == states[i]) {
          hits++;
        }
      }
      acc[s] = hits / (double) length;
      mean += acc[s];
    }
    mean /= sequences;
    double var = 0;
    for (double a : acc) {
      var += (a - mean) * (a - mean);
    }
    double sd = sequences > 1 ? Math.sqrt(var / (sequences - 1)) : Double.NaN;
    return new Result(perm, acc, mean, sd, labels);
  }

  private static void check(int positionsLength, int dim, int sequences, double[][] centres, int[] states) {
    int k = centres.length;
    if (k < 1 || k > MAX_LABELS) {
      throw new IllegalArgumentException("centres has " + k + " rows, expected 1 to " + MAX_LABELS);
    }
    for (int c = 0; c < k; c++) {
      if (centres[c].length != dim) {
        throw new IllegalArgumentException("centres[" + c + "] has length " + centres[c].length + ", expected dim "
            + dim);
      }
    }
    if (sequences < 1 || states.length % sequences != 0 || states.length == 0) {
      throw new IllegalArgumentException("states has length " + states.length + ", expected a positive multiple of"
          + " sequences = " + sequences);
    }
    int length = states.length / sequences;
    if (positionsLength != states.length * dim) {
      throw new IllegalArgumentException("positions has length " + positionsLength + ", expected sequences * length"
          + " * dim = " + sequences + " * " + length + " * " + dim);
    }
    for (int i = 0; i < states.length; i++) {
      if (states[i] < 0 || states[i] >= k) {
        throw new IllegalArgumentException("states[" + i + "] = " + states[i] + ", expected 0 to " + (k - 1));
      }
    }
  }

  /** The index of the nearest centre (Euclidean; first wins ties) of every point {@code [points, dim]}. */
  public static int[] nearest(double[] points, int dim, double[][] centres) {
    int n = points.length / dim;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int c = 0; c < centres.length; c++) {
        double d2 = 0;
        for (int j = 0; j < dim; j++) {
          double d = points[i * dim + j] - centres[c][j];
          d2 += d * d;
        }
        if (d2 < bestD) {
          bestD = d2;
          best = c;
        }
      }
      labels[i] = best;
    }
    return labels;
  }

  /**
   * Mean dwell time, in frames, of label sequences {@code [sequences, length]}: the mean length of the runs of
   * one label that both begin and end inside a sequence (runs cut by a sequence's ends are left out, since
   * their length is unknown); NaN when there is no such run.
   */
  public static double meanDwell(int[] labels, int sequences) {
    if (sequences < 1 || labels.length % sequences != 0) {
      throw new IllegalArgumentException("labels has length " + labels.length + ", expected a multiple of sequences = "
          + sequences);
    }
    int length = labels.length / sequences;
    long frames = 0;
    long runs = 0;
    for (int s = 0; s < sequences; s++) {
      int start = -1; // start of the current complete run; -1 while in the first (cut) run
      for (int t = 1; t < length; t++) {
        int i = s * length + t;
        if (labels[i] != labels[i - 1]) {
          if (start >= 0) {
            frames += t - start;
            runs++;
          }
          start = t;
        }
      }
    }
    return runs == 0 ? Double.NaN : frames / (double) runs;
  }

  /** The permutation {@code label -> state} maximising {@code sum_label overlap[label][perm[label]]}; first wins ties. */
  static int[] bestPermutation(long[][] overlap) {
    int k = overlap.length;
    int[] current = new int[k];
    for (int i = 0; i < k; i++) {
      current[i] = i;
    }
    int[] best = current.clone();
    long bestScore = Long.MIN_VALUE;
    do {
      long score = 0;
      for (int i = 0; i < k; i++) {
        score += overlap[i][current[i]];
      }
      if (score > bestScore) {
        bestScore = score;
        best = current.clone();
      }
    } while (nextPermutation(current));
    return best;
  }

  /** Advances to the next permutation in lexicographic order; false after the last. */
  private static boolean nextPermutation(int[] a) {
    int i = a.length - 2;
    while (i >= 0 && a[i] >= a[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = a.length - 1;
    while (a[j] <= a[i]) {
      j--;
    }
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
      t = a[l];
      a[l] = a[r];
      a[r] = t;
    }
    return true;
  }
}

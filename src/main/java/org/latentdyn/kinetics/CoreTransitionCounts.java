package org.latentdyn.kinetics;

import java.util.List;

/**
 * Transitions between committed states and the time spent in each, counted by {@link CoreTransitions}, with rates
 * in transitions per frame and their errors. Immutable.
 */
public final class CoreTransitionCounts {
  private final List<String> names;
  private final long[][] transitions;
  private final long[] committedFrames;
  private final long uncommittedFrames;
  private final double[][] bootstrapErrors;
  private final CoreTransitions.Options options;

  CoreTransitionCounts(List<String> names, long[][] transitions, long[] committedFrames, long uncommittedFrames,
      double[][] bootstrapErrors, CoreTransitions.Options options) {
    this.names = List.copyOf(names);
    this.transitions = transitions;
    this.committedFrames = committedFrames;
    this.uncommittedFrames = uncommittedFrames;
    this.bootstrapErrors = bootstrapErrors;
    this.options = options;
  }

  public List<String> names() {
    return names;
  }

  /** {@code [states][states]} numbers of committed changes from row to column; the diagonal is 0. */
  public long[][] transitions() {
    long[][] out = new long[transitions.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = transitions[i].clone();
    }
    return out;
  }

  public long transitions(String from, String to) {
    return transitions[index(from)][index(to)];
  }

  /** Frames committed to each state. */
  public long[] committedFrames() {
    return committedFrames.clone();
  }

  public long committedFrames(String state) {
    return committedFrames[index(state)];
  }

  /** Frames before the first core of their trajectory. */
  public long uncommittedFrames() {
    return uncommittedFrames;
  }

  public CoreTransitions.Options options() {
    return options;
  }

  /** The rate {@code from -> to} with its counts and errors. */
  public Rate rate(String from, String to) {
    int i = index(from);
    int j = index(to);
    long nij = transitions[i][j];
    long t = committedFrames[i];
    double perFrame = t > 0 ? (double) nij / t : Double.NaN;
    double poisson = t > 0 ? Math.sqrt(nij) / t : Double.NaN;
    return new Rate(from, to, nij, t, i == j ? 0 : perFrame, i == j ? 0 : poisson, i == j ? 0 : bootstrapErrors[i][j]);
  }

  /** All rates per frame (NaN from a state never committed to; diagonal 0). */
  public RateMatrix rates() {
    return matrix(0);
  }

  /** Poisson errors {@code sqrt(N) / T} of {@link #rates()}. */
  public RateMatrix poissonErrors() {
    return matrix(1);
  }

  /** Block-bootstrap errors of {@link #rates()} (NaN when the bootstrap was skipped). */
  public RateMatrix bootstrapErrors() {
    return matrix(2);
  }

  private RateMatrix matrix(int what) {
    int s = names.size();
    double[][] out = new double[s][s];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < s; j++) {
        Rate r = rate(names.get(i), names.get(j));
        out[i][j] = what == 0 ? r.perFrame() : what == 1 ? r.poissonError() : r.bootstrapError();
      }
    }
    return new RateMatrix(names, out);
  }

  private int index(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no state named \"" + name + "\"; states are " + names);
    }
    return i;
  }

  @Override
  public String toString() {
    return "CoreTransitionCounts[states=" + names + ", " + rates() + "]";
  }
}

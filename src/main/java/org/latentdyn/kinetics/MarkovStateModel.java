package org.latentdyn.kinetics;

import java.util.List;

/**
 * A Markov state model fitted by {@link MaximumLikelihoodMsm}: a row-stochastic transition matrix {@code P} at lag
 * {@code tau} frames on the active states (the largest strongly connected set of the counts). Methods index
 * states by their position in the active set, {@code 0 .. size()-1}; {@link #labels()} gives the original label of
 * each and {@link #statesOf} maps labels to positions. Times are in frames, rates in transitions per frame.
 * Immutable and safe to share between threads.
 */
public final class MarkovStateModel {
  private final double[][] p;
  private final double[] pi;
  private final CountMatrix counts;
  private final ConnectedSet connectedSet;
  private final MaximumLikelihoodMsm.Options options;
  private final int iterations;
  private final boolean converged;
  private volatile double[][] eigen;

  MarkovStateModel(double[][] p, double[] pi, CountMatrix counts, ConnectedSet connectedSet,
      MaximumLikelihoodMsm.Options options, int iterations, boolean converged) {
    this.p = p;
    this.counts = counts;
    this.connectedSet = connectedSet;
    this.options = options;
    this.iterations = iterations;
    this.converged = converged;
    this.pi = pi != null ? pi : stationary(p);
  }

  /** Lag {@code tau} in frames. */
  public int lag() {
    return options.lag();
  }

  /** Number of active states. */
  public int size() {
    return p.length;
  }

  /** Whether detailed balance was imposed. */
  public boolean reversible() {
    return options.reversible();
  }

  /** Iterations of the reversible estimator (0 for the non-reversible one). */
  public int iterations() {
    return iterations;
  }

  /** Whether the reversible iteration met its tolerance within {@code maxIterations} (always true otherwise). */
  public boolean converged() {
    return converged;
  }

  public MaximumLikelihoodMsm.Options options() {
    return options;
  }

  /** The counts on the active states the model was estimated from. */
  public CountMatrix counts() {
    return counts;
  }

  /** Which labels the largest strongly connected set kept and dropped. */
  public ConnectedSet connectedSet() {
    return connectedSet;
  }

  /** Original label of each active state. */
  public int[] labels() {
    return counts.symbols();
  }

  /**
   * Active-state positions of the given labels, skipping labels outside the active set (as deeptime's
   * {@code symbols_to_states}); at least one label must be active.
   */
  public int[] statesOf(int... labels) {
    int[] sym = counts.symbols();
    int[] out = new int[labels.length];
    int m = 0;
    for (int label : labels) {
      for (int i = 0; i < sym.length; i++) {
        if (sym[i] == label) {
          out[m++] = i;
          break;
        }
      }
    }
    if (m == 0) {
      throw new IllegalArgumentException("none of the labels " + java.util.Arrays.toString(labels)
          + " is an active state; dropped labels are " + java.util.Arrays.toString(connectedSet.dropped()));
    }
    return java.util.Arrays.copyOf(out, m);
  }

  /** A copy of the transition matrix {@code P}, {@code [size][size]}. */
  public double[][] transitionMatrix() {
    return CountMatrix.deepCopy(p);
  }

  public double transitionProbability(int from, int to) {
    return p[state(from, "from")][state(to, "to")];
  }

  /** The stationary distribution {@code pi}, {@code pi P = pi}, {@code sum pi = 1}. */
  public double[] stationaryDistribution() {
    return pi.clone();
  }

  /**
   * Eigenvalues of {@code P} (real parts), sorted by decreasing modulus; the first is 1. For a reversible model
   * they are real, computed from the symmetric {@code D^1/2 P D^-1/2}, {@code D = diag(pi)}.
   */
  public double[] eigenvalues() {
    double[][] e = eigen();
    double[] out = new double[e.length];
    for (int i = 0; i < e.length; i++) {
      out[i] = e[i][0];
    }
    return out;
  }

  /** Moduli {@code |lambda_i|} of the eigenvalues, in the order of {@link #eigenvalues()}. */
  public double[] eigenvalueModuli() {
    double[][] e = eigen();
    double[] out = new double[e.length];
    for (int i = 0; i < e.length; i++) {
      out[i] = Math.hypot(e[i][0], e[i][1]);
    }
    return out;
  }

  /**
   * Implied timescales {@code t_i = -tau / ln|lambda_i|} in frames for {@code i = 1 .. size()-1} (Prinz et al. 2011,
   * Eq. 38), slowest first; a modulus of 1 gives an infinite timescale, 0 gives 0.
   */
  public double[] impliedTimescales() {
    double[] mod = eigenvalueModuli();
    double[] out = new double[mod.length - 1];
    for (int i = 1; i < mod.length; i++) {
      out[i - 1] = mod[i] >= 1 ? Double.POSITIVE_INFINITY : -lag() / Math.log(mod[i]);
    }
    return out;
  }

  /**
   * Mean first-passage times to the set {@code target} from every active state, in frames: the expected number of
   * lag steps {@code m} solves {@code m_i = 0} on the target and {@code m_i = 1 + sum_j P_ij m_j} elsewhere, i.e.
   * {@code (I - P)_UU m_U = 1} on the other states {@code U}; the result is {@code tau * m}.
   *
   * @param target active-state positions, at least one
   */
  public double[] meanFirstPassageTimes(int... target) {
    boolean[] inTarget = mask(target, "target");
    int n = size();
    int[] other = new int[n];
    int u = 0;
    for (int i = 0; i < n; i++) {
      if (!inTarget[i]) {
        other[u++] = i;
      }
    }
    double[] out = new double[n];
    if (u == 0) {
      return out;
    }
    double[][] a = new double[u][u];
    double[] ones = new double[u];
    for (int r = 0; r < u; r++) {
      ones[r] = 1;
      for (int s = 0; s < u; s++) {
        a[r][s] = (r == s ? 1 : 0) - p[other[r]][other[s]];
      }
    }
    double[] m = Linear.solve(a, ones, "the mean first-passage times");
    for (int r = 0; r < u; r++) {
      out[other[r]] = lag() * m[r];
    }
    return out;
  }

  /**
   * Mean first-passage time from set {@code from} to set {@code to} in frames, starting from the stationary
   * distribution restricted to {@code from}: {@code sum_{i in from} pi_i m_i / sum_{i in from} pi_i} with {@code m}
   * from {@link #meanFirstPassageTimes} (as deeptime's {@code mfpt_between_sets}).
   *
   * @param from active-state positions, at least one, disjoint from {@code to}
   * @param to active-state positions, at least one
   */
  public double meanFirstPassageTime(int[] from, int[] to) {
    boolean[] inFrom = mask(from, "from");
    boolean[] inTo = mask(to, "to");
    for (int i = 0; i < size(); i++) {
      if (inFrom[i] && inTo[i]) {
        throw new IllegalArgumentException("state " + i + " is in both from and to; the sets must be disjoint");
      }
    }
    double[] m = meanFirstPassageTimes(to);
    double weighted = 0;
    double weight = 0;
    for (int i = 0; i < size(); i++) {
      if (inFrom[i]) {
        weighted += pi[i] * m[i];
        weight += pi[i];
      }
    }
    return weighted / weight;
  }

  /**
   * Coarse-grained rate from set {@code from} to set {@code to}, transitions per frame, defined as
   * {@code 1 / meanFirstPassageTime(from, to)} (the first-passage convention: the process starts in {@code from}
   * distributed as {@code pi} restricted to {@code from}). For well-separated metastable sets this matches the rate
   * counted between cores by {@link CoreTransitions}.
   */
  public double rate(int[] from, int[] to) {
    return 1.0 / meanFirstPassageTime(from, to);
  }

  /**
   * Rates between named, disjoint sets of active states, as {@link #rate}, for comparison with a
   * {@link CoreTransitions} count.
   *
   * @param names one name per set
   * @param sets active-state positions per set
   */
  public RateMatrix rates(List<String> names, List<int[]> sets) {
    if (names.size() != sets.size()) {
      throw new IllegalArgumentException("names has " + names.size() + " entries but sets has " + sets.size());
    }
    int k = sets.size();
    double[][] r = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        if (a != b) {
          r[a][b] = rate(sets.get(a), sets.get(b));
        }
      }
    }
    return new RateMatrix(names, r);
  }

  private double[][] eigen() {
    double[][] e = eigen;
    if (e == null) {
      int n = size();
      if (reversible()) {
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            double v = Math.sqrt(pi[i] / pi[j]) * p[i][j];
            double w = Math.sqrt(pi[j] / pi[i]) * p[j][i];
            s[i][j] = 0.5 * (v + w);
          }
        }
        e = Linear.eigenvalues(s, true);
      } else {
        e = Linear.eigenvalues(p, false);
      }
      eigen = e;
    }
    return e;
  }

  /** The stationary distribution of an irreducible {@code P}: {@code (P^T - I) pi = 0} with one row replaced by {@code sum pi = 1}. */
  private static double[] stationary(double[][] p) {
    int n = p.length;
    double[][] a = new double[n][n];
    double[] b = new double[n];
    for (int i = 0; i < n - 1; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = p[j][i] - (i == j ? 1 : 0);
      }
    }
    java.util.Arrays.fill(a[n - 1], 1.0);
    b[n - 1] = 1;
    double[] pi = Linear.solve(a, b, "the stationary distribution");
    for (int i = 0; i < n; i++) {
      pi[i] = Math.max(pi[i], 0);
    }
    double s = 0;
    for (double v : pi) {
      s += v;
    }
    for (int i = 0; i < n; i++) {
      pi[i] /= s;
    }
    return pi;
  }

  private int state(int i, String what) {
    if (i < 0 || i >= size()) {
      throw new IllegalArgumentException(what + " state must be in [0, " + size() + "), got " + i);
    }
    return i;
  }

  private boolean[] mask(int[] states, String what) {
    if (states == null || states.length == 0) {
      throw new IllegalArgumentException(what + " must name at least one state");
    }
    boolean[] in = new boolean[size()];
    for (int s : states) {
      in[state(s, what)] = true;
    }
    return in;
  }

  @Override
  public String toString() {
    return "MarkovStateModel[states=" + size() + ", lag=" + lag() + ", reversible=" + reversible() + ", converged="
        + converged + "]";
  }
}

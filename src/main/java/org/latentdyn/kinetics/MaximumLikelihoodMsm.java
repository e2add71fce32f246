package org.latentdyn.kinetics;

/**
 * Maximum-likelihood Markov state model estimator: counts transitions at a lag, restricts them to the largest
 * strongly connected set and estimates the transition matrix {@code P} on it.
 *
 * <p><b>Reversible</b> (default): the maximum of the likelihood {@code prod P_ij^C_ij} under detailed balance
 * {@code pi_i P_ij = pi_j P_ji}, by the fixed-point iteration of Bowman et al. 2009 (J. Chem. Phys. 131, 124101)
 * and Prinz et al. 2011 (J. Chem. Phys. 134, 174105, Eq. 27) on the symmetric unnormalised
 * {@code X_ij = pi_i P_ij}, written as in deeptime's {@code mle_trev} in terms of {@code x_i = sum_j X_ij}:
 * <pre>
 *   x_i <- sum_j (C_ij + C_ji) / (c_i / x_i + c_j / x_j),   c_i = sum_j C_ij,   then normalise sum_i x_i = 1,
 * </pre>
 * starting from {@code x_i ∝ sum_j (C_ij + C_ji)}, until {@code max_i |x_i' - x_i| / ((x_i' + x_i) / 2) <=
 * tolerance} or {@code maxIterations}. Then {@code X_ij = (C_ij + C_ji) / (c_i / x_i + c_j / x_j)},
 * {@code P_ij = X_ij / sum_k X_ik} and {@code pi_i = sum_k X_ik / sum_kl X_kl}; since {@code X} is symmetric, detailed
 * balance holds to rounding whether or not the iteration converged (the model reports whether it did).
 *
 * <p><b>Non-reversible</b>: the unconstrained maximum, {@code P_ij = C_ij / c_i}; its stationary distribution is
 * solved from {@code pi P = pi}, {@code sum pi = 1}.
 */
public final class MaximumLikelihoodMsm {
  private MaximumLikelihoodMsm() {}

  /**
   * @param lag lag time {@code tau} in frames, {@code >= 1}
   * @param reversible whether to impose detailed balance
   * @param tolerance convergence threshold of the reversible iteration (relative change of {@code x}), {@code > 0}
   * @param maxIterations most iterations of the reversible estimator, {@code >= 1}
   */
  public record Options(int lag, boolean reversible, double tolerance, int maxIterations) {
    /** Tighter than deeptime's 1e-8; the iteration costs only the non-zero counts per step. */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    public static final int DEFAULT_MAX_ITERATIONS = 1_000_000;

    public Options {
      if (lag < 1) {
        throw new IllegalArgumentException("lag must be >= 1, got " + lag);
      }
      if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
        throw new IllegalArgumentException("tolerance must be a finite number > 0, got " + tolerance);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
      }
    }

    /** A reversible estimate at {@code lag} with the default tolerance and iterations. */
    public static Options of(int lag) {
      return new Options(lag, true, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    public Options withLag(int value) {
      return new Options(value, reversible, tolerance, maxIterations);
    }

    public Options withReversible(boolean value) {
      return new Options(lag, value, tolerance, maxIterations);
    }

    public Options withTolerance(double value) {
      return new Options(lag, reversible, value, maxIterations);
    }

    public Options withMaxIterations(int value) {
      return new Options(lag, reversible, tolerance, value);
    }
  }

  /** Fits discrete trajectories whose states are labelled {@code 0 .. max label}; negative labels are no state. */
  public static MarkovStateModel fit(int[][] dtrajs, Options options) {
    checkOptions(options);
    return fit(CountMatrix.count(dtrajs, options.lag()), options);
  }

  /** Fits discrete trajectories over {@code states} states, e.g. the {@code k} centres of a {@link KMeansModel}. */
  public static MarkovStateModel fit(int[][] dtrajs, int states, Options options) {
    checkOptions(options);
    return fit(CountMatrix.count(dtrajs, options.lag(), states), options);
  }

  /**
   * Fits a count matrix (not modified) taken at {@code options.lag()}, after restricting it to its largest
   * strongly connected set.
   */
  public static MarkovStateModel fit(CountMatrix counts, Options options) {
    checkOptions(options);
    if (counts == null) {
      throw new IllegalArgumentException("counts must not be null");
    }
    if (counts.lag() != options.lag()) {
      throw new IllegalArgumentException("counts were taken at lag " + counts.lag() + " but options.lag is "
          + options.lag());
    }
    ConnectedSet set = counts.largestConnectedSet();
    CountMatrix active = counts.restrictToLargestConnectedSet();
    double[][] c = active.counts();
    int n = c.length;
    if (active.total() == 0) {
      throw new IllegalArgumentException("no transition counts at lag " + options.lag()
          + " in any state; the trajectories are too short or all frames are in no state");
    }
    if (n == 1) {
      return new MarkovStateModel(new double[][] {{1}}, new double[] {1}, active, set, options, 0, true);
    }
    if (!options.reversible()) {
      double[] rows = active.rowSums();
      double[][] p = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          p[i][j] = c[i][j] / rows[i];
        }
      }
      return new MarkovStateModel(p, null, active, set, options, 0, true);
    }
    return reversible(c, active, set, options);
  }

  private static MarkovStateModel reversible(double[][] c, CountMatrix active, ConnectedSet set, Options options) {
    int n = c.length;
    // the symmetric counts C + C^T in compressed rows, and the row sums c_i
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      int nnz = 0;
      for (int j = 0; j < n; j++) {
        if (c[i][j] + c[j][i] > 0) {
          nnz++;
        }
      }
      start[i + 1] = start[i] + nnz;
    }
    int[] col = new int[start[n]];
    double[] sym = new double[start[n]];
    double[] rowSum = new double[n];
    for (int i = 0; i < n; i++) {
      int m = start[i];
      for (int j = 0; j < n; j++) {
        rowSum[i] += c[i][j];
        double v = c[i][j] + c[j][i];
        if (v > 0) {
          col[m] = j;
          sym[m++] = v;
        }
      }
    }
    double[] x = new double[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      for (int m = start[i]; m < start[i + 1]; m++) {
        x[i] += sym[m];
      }
      norm += x[i];
    }
    for (int i = 0; i < n; i++) {
      x[i] /= norm;
    }
    double[] ratio = new double[n];
    double[] next = new double[n];
    int iterations = 0;
    boolean converged = false;
    while (iterations < options.maxIterations()) {
      for (int i = 0; i < n; i++) {
        ratio[i] = rowSum[i] / x[i];
      }
      norm = 0;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int m = start[i]; m < start[i + 1]; m++) {
          s += sym[m] / (ratio[i] + ratio[col[m]]);
        }
        next[i] = s;
        norm += s;
      }
      double err = 0;
      for (int i = 0; i < n; i++) {
        next[i] /= norm;
        if (!(next[i] > 0)) {
          throw new IllegalStateException("the reversible estimate of state " + i + " (label "
              + active.symbols()[i] + ") became " + next[i] + " at iteration " + iterations);
        }
        err = Math.max(err, Math.abs(next[i] - x[i]) / (0.5 * (next[i] + x[i])));
      }
      double[] swap = x;
      x = next;
      next = swap;
      iterations++;
      if (err <= options.tolerance()) {
        converged = true;
        break;
      }
    }
    for (int i = 0; i < n; i++) {
      ratio[i] = rowSum[i] / x[i];
    }
    double[][] p = new double[n][n];
    double[] pi = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int m = start[i]; m < start[i + 1]; m++) {
        double v = sym[m] / (ratio[i] + ratio[col[m]]);
        p[i][col[m]] = v;
        pi[i] += v;
      }
      for (int j = 0; j < n; j++) {
        p[i][j] /= pi[i];
      }
      total += pi[i];
    }
    for (int i = 0; i < n; i++) {
      pi[i] /= total;
    }
    return new MarkovStateModel(p, pi, active, set, options, iterations, converged);
  }

  private static void checkOptions(Options options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
  }
}

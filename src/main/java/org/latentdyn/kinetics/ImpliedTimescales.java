package org.latentdyn.kinetics;

import java.util.Arrays;

/**
 * Implied timescales against the lag, the data of an implied-timescale plot (Swope et al. 2004; Prinz et al. 2011,
 * Sec. IV.B): for a Markovian discretisation {@code t_i(tau)} stays flat once {@code tau} exceeds the memory of the
 * discretisation. {@code timescales[l][i]} is process {@code i} (slowest first) of the model at {@code lags[l]}, in
 * frames; NaN where the model at that lag has fewer than {@code i + 2} active states.
 *
 * @param lags the lags in frames, ascending as given
 * @param timescales {@code [lags][processes]}, in frames
 */
public record ImpliedTimescales(int[] lags, double[][] timescales) {
  public ImpliedTimescales {
    if (lags.length == 0 || timescales.length != lags.length) {
      throw new IllegalArgumentException("timescales has " + timescales.length + " rows, expected one per lag ("
          + lags.length + ", at least 1)");
    }
    for (int l = 0; l < lags.length; l++) {
      if (timescales[l].length != timescales[0].length || timescales[0].length == 0) {
        throw new IllegalArgumentException("timescales row " + l + " has " + timescales[l].length
            + " processes, expected " + timescales[0].length + " (at least 1) as row 0");
      }
    }
    lags = lags.clone();
    timescales = CountMatrix.deepCopy(timescales);
  }

  /**
   * Fits one model per lag with {@code options} (its lag replaced) and collects the slowest {@code processes}
   * timescales of each.
   *
   * @param dtrajs discrete trajectories
   * @param lags lags in frames, each {@code >= 1}
   * @param processes how many timescales to keep, {@code >= 1}
   */
  public static ImpliedTimescales estimate(int[][] dtrajs, int[] lags, int processes,
      MaximumLikelihoodMsm.Options options) {
    if (lags == null || lags.length == 0) {
      throw new IllegalArgumentException("lags must hold at least one lag");
    }
    if (processes < 1) {
      throw new IllegalArgumentException("processes must be >= 1, got " + processes);
    }
    double[][] t = new double[lags.length][processes];
    for (int l = 0; l < lags.length; l++) {
      MarkovStateModel m = MaximumLikelihoodMsm.fit(dtrajs, options.withLag(lags[l]));
      double[] its = m.impliedTimescales();
      Arrays.fill(t[l], Double.NaN);
      System.arraycopy(its, 0, t[l], 0, Math.min(processes, its.length));
    }
    return new ImpliedTimescales(lags, t);
  }

  @Override
  public int[] lags() {
    return lags.clone();
  }

  @Override
  public double[][] timescales() {
    return CountMatrix.deepCopy(timescales);
  }

  /** Timescale of process {@code i} (0 = slowest) at every lag: one curve of the plot. */
  public double[] process(int i) {
    if (i < 0 || i >= timescales[0].length) {
      throw new IllegalArgumentException("process must be in [0, " + timescales[0].length + "), got " + i);
    }
    double[] out = new double[lags.length];
    for (int l = 0; l < lags.length; l++) {
      out[l] = timescales[l][i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImpliedTimescales t && Arrays.equals(lags, t.lags) && Arrays.deepEquals(timescales,
        t.timescales);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lags) + Arrays.deepHashCode(timescales);
  }

  @Override
  public String toString() {
    return "ImpliedTimescales[lags=" + Arrays.toString(lags) + ", processes=" + timescales[0].length + "]";
  }
}

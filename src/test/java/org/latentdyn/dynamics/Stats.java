package org.latentdyn.dynamics;

/** Small statistics helpers for the tests. */
final class Stats {
  private Stats() {}

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Unbiased sample variance. */
  static double variance(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }

  /** Standard error of the mean of independent values. */
  static double standardError(double[] v) {
    return Math.sqrt(variance(v) / v.length);
  }

  /** Column {@code j} of a row-major {@code [frames, features]} array as doubles. */
  static double[] column(float[] values, int features, int j) {
    double[] out = new double[values.length / features];
    for (int f = 0; f < out.length; f++) {
      out[f] = values[f * features + j];
    }
    return out;
  }

  /** Least-squares slope of {@code log y} against {@code log x}. */
  static double logLogSlope(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(x[i]) / n;
      my += Math.log(y[i]) / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(x[i]) - mx;
      sxy += dx * (Math.log(y[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }
}

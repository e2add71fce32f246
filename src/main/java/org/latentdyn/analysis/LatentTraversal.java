package org.latentdyn.analysis;

import java.util.Arrays;

/**
 * Latent traversals (paper Figs. 5-6): for each latent dimension {@code j}, {@code steps} codes whose {@code j}-th
 * value runs evenly in percentile from {@code lowPercentile} to {@code highPercentile} of that dimension over the
 * data, with every other dimension held at its median. Decoding the codes shows what each dimension controls.
 *
 * @param percentiles the percentiles of the columns, {@code [steps]}
 * @param median the data median per dimension, {@code [d]}
 * @param values per dimension the traversed values, {@code [d][steps]} (the percentiles of that dimension)
 */
public record LatentTraversal(double[] percentiles, double[] median, double[][] values) {
  public LatentTraversal {
    percentiles = percentiles.clone();
    median = median.clone();
    values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
  }

  /**
   * Traversals of the latent {@code z}, row-major {@code [frames, d]}.
   *
   * @param steps codes per dimension, at least 2
   * @param lowPercentile first percentile in [0, 100)
   * @param highPercentile last percentile in (lowPercentile, 100]
   */
  public static LatentTraversal of(float[] z, int d, int steps, double lowPercentile, double highPercentile) {
    if (d < 1 || z.length == 0 || z.length % d != 0) {
      throw new IllegalArgumentException("z must hold whole rows of d = " + d + " values and at least one, got "
          + z.length + " values");
    }
    if (steps < 2) {
      throw new IllegalArgumentException("steps must be >= 2, got " + steps);
    }
    if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
      throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got " + lowPercentile
          + " and " + highPercentile);
    }
    int n = z.length / d;
    double[] p = new double[steps];
    for (int k = 0; k < steps; k++) {
      p[k] = lowPercentile + (highPercentile - lowPercentile) * k / (steps - 1);
    }
    double[] median = new double[d];
    double[][] values = new double[d][steps];
    double[] column = new double[n];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        column[i] = z[i * d + j];
      }
      Arrays.sort(column);
      median[j] = quantile(column, 0.5);
      for (int k = 0; k < steps; k++) {
        values[j][k] = quantile(column, p[k] / 100);
      }
    }
    return new LatentTraversal(p, median, values);
  }

  /** Latent dimension d. */
  public int latentDim() {
    return median.length;
  }

  /** Codes per dimension. */
  public int steps() {
    return percentiles.length;
  }

  /**
   * The codes, row-major {@code [d * steps, d]}: row {@code j * steps + k} is the median with dimension {@code j}
   * set to {@code values[j][k]}.
   */
  public float[] codes() {
    int d = latentDim();
    int s = steps();
    float[] out = new float[d * s * d];
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < s; k++) {
        int row = (j * s + k) * d;
        for (int i = 0; i < d; i++) {
          out[row + i] = (float) (i == j ? values[j][k] : median[i]);
        }
      }
    }
    return out;
  }

  /** Linear interpolation between order statistics (NumPy's default) of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int k = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[k] - sorted[i]);
  }
}

package org.latentdyn.metrics;

import java.util.Arrays;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * Principal component analysis of {@code [frames, features]} data (Pearson 1901; Jolliffe 2002,
 * <i>Principal Component Analysis</i>, ch. 1): the eigen-decomposition of the sample covariance
 * {@code C = X_c^T X_c / (frames - 1)} of the mean-free data {@code X_c}, components sorted by decreasing
 * variance. Projections are {@code (x - mean) . component}, so the projection onto component {@code i} has
 * sample variance {@code variances[i]}. Signs are fixed so that the largest-magnitude loading of each
 * component is positive (ties to the lower feature index), which makes a fit reproducible.
 *
 * <p>The baseline "first two principal components of the aligned coordinates" is
 * {@code Pca.fit(aligned, 3n).project(aligned, 2)} with {@code aligned} from
 * {@link org.latentdyn.md.Kabsch#align}.
 *
 * <p>The covariance is {@code features x features}, so this suits up to a few thousand features.
 */
public final class Pca {
  private final double[] mean;
  private final double[][] components;
  private final double[] variances;
  private final int frames;

  private Pca(double[] mean, double[][] components, double[] variances, int frames) {
    this.mean = mean;
    this.components = components;
    this.variances = variances;
    this.frames = frames;
  }

  /**
   * Fits on {@code data} ({@code [frames, features]}, flat row-major; not modified).
   *
   * @throws IllegalArgumentException for fewer than 2 frames, a length that is not a multiple of
   *     {@code features}, or a non-finite value
   */
  public static Pca fit(float[] data, int features) {
    if (features < 1) {
      throw new IllegalArgumentException("features must be >= 1, got " + features);
    }
    if (data == null || data.length % features != 0 || data.length / features < 2) {
      throw new IllegalArgumentException("data must hold [frames >= 2, features = " + features
          + "] values, got length " + (data == null ? "null" : data.length));
    }
    int n = data.length / features;
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw new IllegalArgumentException("data has a non-finite value " + data[i] + " at frame " + i / features
            + ", feature " + i % features);
      }
    }
    double[] mean = new double[features];
    for (int f = 0; f < n; f++) {
      for (int j = 0; j < features; j++) {
        mean[j] += data[f * features + j];
      }
    }
    for (int j = 0; j < features; j++) {
      mean[j] /= n;
    }
    double[][] cov = new double[features][features];
    double[] row = new double[features];
    for (int f = 0; f < n; f++) {
      for (int j = 0; j < features; j++) {
        row[j] = data[f * features + j] - mean[j];
      }
      for (int i = 0; i < features; i++) {
        double ri = row[i];
        double[] ci = cov[i];
        for (int j = i; j < features; j++) {
          ci[j] += ri * row[j];
        }
      }
    }
    for (int i = 0; i < features; i++) {
      for (int j = i; j < features; j++) {
        cov[i][j] /= n - 1;
        cov[j][i] = cov[i][j];
      }
    }
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(cov));
    double[] values = eig.getEigenvalues();
    Integer[] idx = new Integer[features];
    for (int i = 0; i < features; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (p, q) -> Double.compare(values[q], values[p]));
    double[][] components = new double[features][];
    double[] variances = new double[features];
    for (int c = 0; c < features; c++) {
      double[] v = eig.getEigenvector(idx[c]).toArray();
      int big = 0;
      for (int j = 1; j < features; j++) {
        if (Math.abs(v[j]) > Math.abs(v[big])) {
          big = j;
        }
      }
      if (v[big] < 0) {
        for (int j = 0; j < features; j++) {
          v[j] = -v[j];
        }
      }
      components[c] = v;
      variances[c] = Math.max(0.0, values[idx[c]]);
    }
    return new Pca(mean, components, variances, n);
  }

  /** Number of features. */
  public int features() {
    return mean.length;
  }

  /** Number of frames fitted. */
  public int frames() {
    return frames;
  }

  /** A copy of the feature means. */
  public double[] mean() {
    return mean.clone();
  }

  /** A copy of the components {@code [features][features]}: row {@code i} is the unit component {@code i}. */
  public double[][] components() {
    return Inputs.copy(components);
  }

  /** A copy of the variance along each component (eigenvalues of the covariance), decreasing. */
  public double[] variances() {
    return variances.clone();
  }

  /** The fraction of the total variance along each component, decreasing, summing to 1. */
  public double[] explainedVarianceRatio() {
    double total = 0;
    for (double v : variances) {
      total += v;
    }
    double[] out = new double[variances.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = total > 0 ? variances[i] / total : 0.0;
    }
    return out;
  }

  /**
   * The projection of {@code data} ({@code [frames, features]}, flat) onto the first {@code m} components,
   * {@code [frames, m]} flat.
   */
  public float[] project(float[] data, int m) {
    int features = mean.length;
    if (m < 1 || m > features) {
      throw new IllegalArgumentException("m must be in [1, " + features + "] (the features), got " + m);
    }
    if (data == null || data.length % features != 0) {
      throw new IllegalArgumentException("data must hold [frames, features = " + features
          + "] values, got length " + (data == null ? "null" : data.length));
    }
    int n = data.length / features;
    float[] out = new float[n * m];
    double[] row = new double[features];
    for (int f = 0; f < n; f++) {
      for (int j = 0; j < features; j++) {
        row[j] = data[f * features + j] - mean[j];
      }
      for (int c = 0; c < m; c++) {
        double[] v = components[c];
        double s = 0;
        for (int j = 0; j < features; j++) {
          s += v[j] * row[j];
        }
        out[f * m + c] = (float) s;
      }
    }
    return out;
  }
}

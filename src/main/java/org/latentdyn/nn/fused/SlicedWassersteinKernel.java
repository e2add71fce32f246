package org.latentdyn.nn.fused;

import java.util.Arrays;

/**
 * Squared sliced Wasserstein distance (paper Eq. 10-12, spec §3) between samples {@code a} and constant
 * samples {@code b}, both feature-major {@code [d][n]}, along directions {@code [d, L]} row-major, with its
 * gradient w.r.t. {@code a}: {@code SW = 1/(L n) sum_l sum_k (sort(a theta_l)_k - sort(b theta_l)_k)^2}, and
 * {@code dSW/d(a theta_l)_{perm(k)} = 2/(L n) (sort(a theta_l)_k - sort(b theta_l)_k)} through the sorting
 * permutation of {@code a theta_l}. Ties sort by sample index.
 */
public final class SlicedWassersteinKernel {
  private final int d;
  private final int maxRows;
  private final long[] keys;
  private final float[] pa;
  private final float[] pb;
  private final float[] gp;

  public SlicedWassersteinKernel(int d, int maxRows) {
    this.d = d;
    this.maxRows = maxRows;
    keys = new long[maxRows];
    pa = new float[maxRows];
    pb = new float[maxRows];
    gp = new float[maxRows];
  }

  /**
   * Returns the distance and writes {@code scale * dSW/da} into {@code gradA} {@code [d][n]} (overwritten).
   *
   * @param dirs directions {@code [d, projections]} row-major
   */
  public double distance(float[][] a, float[][] b, int n, float[] dirs, int projections, float scale,
      float[][] gradA) {
    if (n < 1 || n > maxRows) {
      throw new IllegalArgumentException("batch of " + n + " rows; expected 1 <= rows <= " + maxRows);
    }
    for (int i = 0; i < d; i++) {
      Arrays.fill(gradA[i], 0, n, 0f);
    }
    double sum = 0;
    float coef = scale * 2f / ((float) projections * n);
    for (int l = 0; l < projections; l++) {
      Arrays.fill(pa, 0, n, 0f);
      Arrays.fill(pb, 0, n, 0f);
      for (int i = 0; i < d; i++) {
        float c = dirs[i * projections + l];
        float[] ai = a[i];
        float[] bi = b[i];
        for (int t = 0; t < n; t++) {
          pa[t] += c * ai[t];
          pb[t] += c * bi[t];
        }
      }
      for (int t = 0; t < n; t++) {
        keys[t] = ((long) sortable(pa[t]) << 32) | t;
      }
      Arrays.sort(keys, 0, n);
      Arrays.sort(pb, 0, n);
      for (int k = 0; k < n; k++) {
        int idx = (int) keys[k];
        float diff = pa[idx] - pb[k];
        sum += (double) diff * diff;
        gp[idx] = coef * diff;
      }
      for (int i = 0; i < d; i++) {
        float c = dirs[i * projections + l];
        float[] gi = gradA[i];
        for (int t = 0; t < n; t++) {
          gi[t] += c * gp[t];
        }
      }
    }
    return sum / ((double) projections * n);
  }

  /** An int whose signed order is the float order (-0 before +0; NaN is not expected). */
  private static int sortable(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}

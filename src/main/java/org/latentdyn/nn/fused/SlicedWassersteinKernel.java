package org.latentdyn.nn.fused;

import java.util.Arrays;

/**
 * Squared sliced Wasserstein distance (paper Eq. 10-12, spec §3) between samples {@code a} and constant
 * samples {@code b}, both feature-major {@code [d][n]}, along directions {@code [d, L]} row-major, with its
 * gradient w.r.t. {@code a}: {@code SW = 1/(L n) sum_l sum_k (sort(a theta_l)_k - sort(b theta_l)_k)^2}, and
 * {@code dSW/d(a theta_l)_{perm(k)} = 2/(L n) (sort(a theta_l)_k - sort(b theta_l)_k)} through the sorting
 * permutation of {@code a theta_l}. Ties sort by sample index (stable radix sort).
 */
public final class SlicedWassersteinKernel {
  private final int d;
  private final int maxRows;
  private final int[] keys;
  private final int[] index;
  private final int[] keys2;
  private final int[] index2;
  private final int[] counts = new int[256];
  private final float[] pa;
  private final float[] pb;
  private final float[] gp;

  public SlicedWassersteinKernel(int d, int maxRows) {
    this.d = d;
    this.maxRows = maxRows;
    keys = new int[maxRows];
    index = new int[maxRows];
    keys2 = new int[maxRows];
    index2 = new int[maxRows];
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
    return distance(a, b, 0, n, dirs, projections, scale, gradA);
  }

  /**
   * {@link #distance(float[][], float[][], int, float[], int, float, float[][])} of the rows {@code [from, from + n)}
   * of {@code a} and {@code b}; writes only those rows of {@code gradA}.
   */
  public double distance(float[][] a, float[][] b, int from, int n, float[] dirs, int projections, float scale,
      float[][] gradA) {
    if (n < 1 || n > maxRows || from < 0) {
      throw new IllegalArgumentException("batch of " + n + " rows from " + from + "; expected 1 <= rows <= "
          + maxRows + " and from >= 0");
    }
    for (int i = 0; i < d; i++) {
      Arrays.fill(gradA[i], from, from + n, 0f);
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
          pa[t] += c * ai[from + t];
          pb[t] += c * bi[from + t];
        }
      }
      for (int t = 0; t < n; t++) {
        keys[t] = sortable(pb[t]);
      }
      radixSort(n);
      for (int t = 0; t < n; t++) {
        pb[t] = Float.intBitsToFloat(unsortable(keys[t]));
        keys[t] = sortable(pa[t]);
        index[t] = t;
      }
      radixSort(n);
      for (int k = 0; k < n; k++) {
        int idx = index[k];
        float diff = pa[idx] - pb[k];
        sum += (double) diff * diff;
        gp[idx] = coef * diff;
      }
      for (int i = 0; i < d; i++) {
        float c = dirs[i * projections + l];
        float[] gi = gradA[i];
        for (int t = 0; t < n; t++) {
          gi[from + t] += c * gp[t];
        }
      }
    }
    return sum / ((double) projections * n);
  }

  /**
   * Stable LSD radix sort of {@code keys[0, n)} as unsigned ints, carrying {@code index}, in four byte passes
   * (a pass whose byte is the same for all keys is skipped). Result in {@code keys}, {@code index}.
   */
  private void radixSort(int n) {
    int[] k = keys;
    int[] ix = index;
    int[] k2 = keys2;
    int[] ix2 = index2;
    int[] c = counts;
    for (int shift = 0; shift < 32; shift += 8) {
      Arrays.fill(c, 0);
      for (int t = 0; t < n; t++) {
        c[(k[t] >>> shift) & 0xff]++;
      }
      if (c[(k[0] >>> shift) & 0xff] == n) {
        continue;
      }
      int sum = 0;
      for (int v = 0; v < 256; v++) {
        int cv = c[v];
        c[v] = sum;
        sum += cv;
      }
      for (int t = 0; t < n; t++) {
        int pos = c[(k[t] >>> shift) & 0xff]++;
        k2[pos] = k[t];
        ix2[pos] = ix[t];
      }
      int[] swap = k;
      k = k2;
      k2 = swap;
      swap = ix;
      ix = ix2;
      ix2 = swap;
    }
    if (k != keys) {
      System.arraycopy(k, 0, keys, 0, n);
      System.arraycopy(ix, 0, index, 0, n);
    }
  }

  /** An int whose unsigned order is the float order (-0 before +0; NaN is not expected). */
  private static int sortable(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits ^ ((bits >> 31) | 0x80000000);
  }

  /** Inverse of {@link #sortable}. */
  private static int unsortable(int u) {
    return u ^ ((~u >> 31) | 0x80000000);
  }
}

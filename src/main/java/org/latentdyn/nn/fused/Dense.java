package org.latentdyn.nn.fused;

import java.util.Arrays;

/**
 * Dense-layer kernels on feature-major rows ({@code [width][batch]}, see the package note) with weights in the
 * flat {@code W [in, out]}, {@code b [out]} layout.
 */
public final class Dense {
  private Dense() {}

  /**
   * {@code dst[a][t] (+)= sum_b w[wOff + a * strideA + b * strideB] * src[b][t]} for {@code t < n}: the
   * forward product ({@code strideA = 1, strideB = out}) and the input gradient through the transposed weights
   * ({@code strideA = out, strideB = 1}) are both this kernel.
   */
  public static void combine(float[][] src, int srcRows, float[][] dst, int dstRows, float[] w, int wOff,
      int strideA, int strideB, int n, boolean accumulate) {
    for (int a = 0; a < dstRows; a++) {
      float[] d = dst[a];
      if (!accumulate) {
        Arrays.fill(d, 0, n, 0f);
      }
      int base = wOff + a * strideA;
      int b = 0;
      for (; b + 4 <= srcRows; b += 4) {
        float c0 = w[base + b * strideB];
        float c1 = w[base + (b + 1) * strideB];
        float c2 = w[base + (b + 2) * strideB];
        float c3 = w[base + (b + 3) * strideB];
        float[] s0 = src[b];
        float[] s1 = src[b + 1];
        float[] s2 = src[b + 2];
        float[] s3 = src[b + 3];
        for (int t = 0; t < n; t++) {
          d[t] += (c0 * s0[t] + c1 * s1[t]) + (c2 * s2[t] + c3 * s3[t]);
        }
      }
      for (; b < srcRows; b++) {
        float c = w[base + b * strideB];
        float[] s = src[b];
        for (int t = 0; t < n; t++) {
          d[t] += c * s[t];
        }
      }
    }
  }

  /** Forward product {@code y = x W + b} for layer weights at {@code wOff}: x {@code [in][n]}, y {@code [out][n]}. */
  public static void forward(float[][] x, int in, float[] w, int wOff, int out, float[][] y, int n) {
    int bOff = wOff + in * out;
    for (int j = 0; j < out; j++) {
      Arrays.fill(y[j], 0, n, w[bOff + j]);
    }
    combine(x, in, y, out, w, wOff, 1, out, n, true);
  }

  /** Input gradient {@code dx (+)= dy W^T}: dy {@code [out][n]}, dx {@code [in][n]}. */
  public static void backwardInput(float[][] dy, int out, float[] w, int wOff, int in, float[][] dx, int n,
      boolean accumulate) {
    combine(dy, out, dx, in, w, wOff, out, 1, n, accumulate);
  }

  /**
   * Weight gradient {@code g[gOff + k * out + j] += sum_t x[k][t] dy[j][t]}. The sum runs as an outer product
   * accumulation over samples along the wider of the two dimensions (a long contiguous reduction would not
   * vectorise): the narrower operand is transposed into {@code work.transposed}.
   */
  public static void weightGradient(float[][] x, int in, float[][] dy, int out, int n, float[] g, int gOff,
      Work work) {
    boolean alongIn = in >= out;
    float[][] a = alongIn ? dy : x; // rows of the accumulator
    int aRows = alongIn ? out : in;
    float[][] t = alongIn ? x : dy; // transposed operand, [n][cols]
    int cols = alongIn ? in : out;
    float[][] tr = work.transposed;
    int r0 = 0;
    for (; r0 + 4 <= cols; r0 += 4) {
      float[] t0 = t[r0];
      float[] t1 = t[r0 + 1];
      float[] t2 = t[r0 + 2];
      float[] t3 = t[r0 + 3];
      for (int s = 0; s < n; s++) {
        float[] row = tr[s];
        row[r0] = t0[s];
        row[r0 + 1] = t1[s];
        row[r0 + 2] = t2[s];
        row[r0 + 3] = t3[s];
      }
    }
    for (; r0 < cols; r0++) {
      float[] src = t[r0];
      for (int s = 0; s < n; s++) {
        tr[s][r0] = src[s];
      }
    }
    float[][] acc = work.accumulator;
    for (int r = 0; r < aRows; r++) {
      float[] d = acc[r];
      Arrays.fill(d, 0, cols, 0f);
      float[] ar = a[r];
      int s = 0;
      for (; s + 4 <= n; s += 4) {
        float c0 = ar[s];
        float c1 = ar[s + 1];
        float c2 = ar[s + 2];
        float c3 = ar[s + 3];
        float[] t0 = tr[s];
        float[] t1 = tr[s + 1];
        float[] t2 = tr[s + 2];
        float[] t3 = tr[s + 3];
        for (int k = 0; k < cols; k++) {
          d[k] += (c0 * t0[k] + c1 * t1[k]) + (c2 * t2[k] + c3 * t3[k]);
        }
      }
      for (; s < n; s++) {
        float c = ar[s];
        float[] t0 = tr[s];
        for (int k = 0; k < cols; k++) {
          d[k] += c * t0[k];
        }
      }
    }
    if (alongIn) {
      for (int j = 0; j < out; j++) {
        float[] d = acc[j];
        for (int k = 0; k < in; k++) {
          g[gOff + k * out + j] += d[k];
        }
      }
    } else {
      for (int k = 0; k < in; k++) {
        float[] d = acc[k];
        int o = gOff + k * out;
        for (int j = 0; j < out; j++) {
          g[o + j] += d[j];
        }
      }
    }
  }

  /** Bias gradient {@code g[gOff + j] += sum_t dy[j][t]}. */
  public static void biasGradient(float[][] dy, int out, int n, float[] g, int gOff) {
    for (int j = 0; j < out; j++) {
      float[] r = dy[j];
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      int t = 0;
      for (; t + 4 <= n; t += 4) {
        s0 += r[t];
        s1 += r[t + 1];
        s2 += r[t + 2];
        s3 += r[t + 3];
      }
      for (; t < n; t++) {
        s0 += r[t];
      }
      g[gOff + j] += (s0 + s1) + (s2 + s3);
    }
  }

  /** Dot product {@code sum_t a[t] b[t]} with four partial sums (fixed order). */
  public static float dot(float[] a, float[] b, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int t = 0;
    for (; t + 4 <= n; t += 4) {
      s0 += a[t] * b[t];
      s1 += a[t + 1] * b[t + 1];
      s2 += a[t + 2] * b[t + 2];
      s3 += a[t + 3] * b[t + 3];
    }
    for (; t < n; t++) {
      s0 += a[t] * b[t];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** In-place ReLU of rows {@code [rows][n]}. */
  public static void relu(float[][] h, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      float[] v = h[r];
      for (int t = 0; t < n; t++) {
        v[t] = Math.max(v[t], 0f);
      }
    }
  }

  /**
   * {@code dy *= (h > 0)}: the ReLU derivative taken from the activated value {@code h >= 0}, as PyTorch does.
   * The step is computed branch-free (so that it vectorises) as {@code min(1, h * 2^150)}, which is exactly 0 or 1
   * for every {@code h >= 0}, the smallest subnormal included.
   */
  public static void reluBackward(float[][] dy, float[][] h, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      float[] d = dy[r];
      float[] v = h[r];
      for (int t = 0; t < n; t++) {
        d[t] *= Math.min(1f, (v[t] * 0x1p126f) * 0x1p24f);
      }
    }
  }

  /** In-place tanh of rows {@code [rows][n]} ({@link FastMath#tanh}). */
  public static void tanh(float[][] h, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      FastMath.tanh(h[r], n);
    }
  }

  /** {@code dy *= 1 - h^2} for {@code h = tanh(pre)}. */
  public static void tanhBackward(float[][] dy, float[][] h, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      float[] d = dy[r];
      float[] v = h[r];
      for (int t = 0; t < n; t++) {
        d[t] *= 1f - v[t] * v[t];
      }
    }
  }

  /** Preallocated work space of {@link #weightGradient}: batches up to {@code rows}, widths up to {@code width}. */
  public static final class Work {
    final float[][] transposed;
    final float[][] accumulator;

    public Work(int rows, int width) {
      transposed = new float[rows][width];
      accumulator = new float[width][width];
    }
  }
}

package org.latentdyn.nn.fused;

import java.util.Arrays;

/**
 * The log-diffusion network {@code g = log M : R^d -> R^d} (two tanh hidden layers, weights in the layout of
 * {@link org.latentdyn.nn.Mlp}) with the diagonal of its input Jacobian {@code J_i = dg_i/dz_i}, needed for
 * {@code dM_i/dz_i = M_i J_i} in the prior loss (paper Eq. 6-7), and the exact backward pass of both outputs into
 * the weights (second derivatives of the tanh net: the spec's deviation from the reference code).
 *
 * <p>Forward mode for input direction i: {@code t1_i = s1 * W0[i, :]}, {@code u2_i = t1_i W1},
 * {@code t2_i = s2 * u2_i}, {@code J_i = t2_i . W2[:, i]}, with {@code s = 1 - h^2} of each tanh layer. The
 * backward pass runs these in reverse, adding {@code ds/dh = -2 h} to the primal hidden gradients.
 */
public final class JacobianDiagonalMlp {
  private final int d;
  private final int w;
  private final int maxRows;
  private final int off0;
  private final int off1;
  private final int off2;
  private final float[][] z;
  private final float[][] h1;
  private final float[][] h2;
  private final float[][] s1;
  private final float[][] s2;
  private final float[][] g;
  private final float[][] jac;
  private final float[][][] t1;
  private final float[][][] u2;
  private final float[][][] t2;
  private final float[][] gradG;
  private final float[][] gradJ;
  private final float[][] dh1;
  private final float[][] dh2;
  private final float[][] ds1;
  private final float[][] ds2;
  private final float[][] dT;
  private final float[][] dU;
  private final Dense.Work work;

  /**
   * @param d input and output dimension
   * @param width hidden width
   * @param offset start of the weights in their flat vector
   * @param maxRows largest batch
   */
  public JacobianDiagonalMlp(int d, int width, int offset, int maxRows) {
    this.d = d;
    this.w = width;
    this.maxRows = maxRows;
    off0 = offset;
    off1 = off0 + d * width + width;
    off2 = off1 + width * width + width;
    z = new float[d][maxRows];
    h1 = new float[width][maxRows];
    h2 = new float[width][maxRows];
    s1 = new float[width][maxRows];
    s2 = new float[width][maxRows];
    g = new float[d][maxRows];
    jac = new float[d][maxRows];
    t1 = new float[d][width][maxRows];
    u2 = new float[d][width][maxRows];
    t2 = new float[d][width][maxRows];
    gradG = new float[d][maxRows];
    gradJ = new float[d][maxRows];
    dh1 = new float[width][maxRows];
    dh2 = new float[width][maxRows];
    ds1 = new float[width][maxRows];
    ds2 = new float[width][maxRows];
    dT = new float[width][maxRows];
    dU = new float[width][maxRows];
    work = new Dense.Work(maxRows, Math.max(d, width));
  }

  /** Number of weights and biases. */
  public int parameterCount() {
    return off2 + w * d + d - off0;
  }

  /** Input rows {@code [d][maxRows]}. */
  public float[][] input() {
    return z;
  }

  /** Output {@code g = log M}, rows {@code [d][maxRows]}. */
  public float[][] output() {
    return g;
  }

  /** Jacobian diagonal {@code dg_i/dz_i}, rows {@code [d][maxRows]}. */
  public float[][] jacobianDiagonal() {
    return jac;
  }

  /** Write dLoss/dg here before {@link #backward}. */
  public float[][] outputGradient() {
    return gradG;
  }

  /** Write dLoss/dJ here before {@link #backward} (zeros: no gradient through the Jacobian). */
  public float[][] jacobianGradient() {
    return gradJ;
  }

  /** Forward pass with the Jacobian diagonal for the first {@code n} samples of {@link #input()}. */
  public void forward(float[] p, int n) {
    check(n);
    Dense.forward(z, d, p, off0, w, h1, n);
    Dense.tanh(h1, w, n);
    oneMinusSquare(h1, s1, n);
    Dense.forward(h1, w, p, off1, w, h2, n);
    Dense.tanh(h2, w, n);
    oneMinusSquare(h2, s2, n);
    Dense.forward(h2, w, p, off2, d, g, n);
    for (int i = 0; i < d; i++) {
      float[][] ti = t1[i];
      for (int k = 0; k < w; k++) {
        float c = p[off0 + i * w + k];
        float[] dst = ti[k];
        float[] s = s1[k];
        for (int t = 0; t < n; t++) {
          dst[t] = c * s[t];
        }
      }
      Dense.combine(ti, w, u2[i], w, p, off1, 1, w, n, false);
      float[][] ui = u2[i];
      float[][] vi = t2[i];
      for (int k = 0; k < w; k++) {
        float[] dst = vi[k];
        float[] u = ui[k];
        float[] s = s2[k];
        for (int t = 0; t < n; t++) {
          dst[t] = s[t] * u[t];
        }
      }
      // J_i = sum_k t2_i[k] W2[k, i]
      float[] ji = jac[i];
      Arrays.fill(ji, 0, n, 0f);
      for (int k = 0; k < w; k++) {
        float c = p[off2 + k * d + i];
        float[] src = vi[k];
        for (int t = 0; t < n; t++) {
          ji[t] += c * src[t];
        }
      }
    }
  }

  /**
   * Adds to {@code grad} (flat, at this network's offset) the weight gradient of a loss whose derivatives
   * w.r.t. the outputs {@code g} and {@code J} are in {@link #outputGradient()} and {@link #jacobianGradient()}.
   */
  public void backward(float[] p, int n, float[] grad) {
    check(n);
    // primal output layer
    Dense.weightGradient(h2, w, gradG, d, n, grad, off2, work);
    Dense.biasGradient(gradG, d, n, grad, off2 + w * d);
    Dense.backwardInput(gradG, d, p, off2, w, dh2, n, false);
    for (int k = 0; k < w; k++) {
      Arrays.fill(ds1[k], 0, n, 0f);
      Arrays.fill(ds2[k], 0, n, 0f);
    }
    for (int i = 0; i < d; i++) {
      float[] gj = gradJ[i];
      float[][] ti = t1[i];
      float[][] ui = u2[i];
      float[][] vi = t2[i];
      // J_i = t2_i . W2[:, i]: dW2[k, i] += sum_t gJ t2_i[k]; dT2_i[k] = gJ W2[k, i]; then through t2 = s2 u2
      for (int k = 0; k < w; k++) {
        grad[off2 + k * d + i] += Dense.dot(gj, vi[k], n);
        float c = p[off2 + k * d + i];
        float[] du = dU[k];
        float[] dsk = ds2[k];
        float[] s = s2[k];
        float[] u = ui[k];
        for (int t = 0; t < n; t++) {
          float dt2 = c * gj[t];
          du[t] = dt2 * s[t];
          dsk[t] += dt2 * u[t];
        }
      }
      // u2_i = t1_i W1
      Dense.weightGradient(ti, w, dU, w, n, grad, off1, work);
      Dense.backwardInput(dU, w, p, off1, w, dT, n, false);
      // t1_i[k] = W0[i, k] s1[k]
      for (int k = 0; k < w; k++) {
        float[] dt = dT[k];
        float[] s = s1[k];
        grad[off0 + i * w + k] += Dense.dot(dt, s, n);
        float c = p[off0 + i * w + k];
        float[] dsk = ds1[k];
        for (int t = 0; t < n; t++) {
          dsk[t] += c * dt[t];
        }
      }
    }
    // second hidden layer: dh2 += -2 h2 ds2, then through tanh
    for (int k = 0; k < w; k++) {
      float[] dh = dh2[k];
      float[] h = h2[k];
      float[] ds = ds2[k];
      float[] s = s2[k];
      for (int t = 0; t < n; t++) {
        dh[t] = (dh[t] - 2f * h[t] * ds[t]) * s[t];
      }
    }
    Dense.weightGradient(h1, w, dh2, w, n, grad, off1, work);
    Dense.biasGradient(dh2, w, n, grad, off1 + w * w);
    Dense.backwardInput(dh2, w, p, off1, w, dh1, n, false);
    for (int k = 0; k < w; k++) {
      float[] dh = dh1[k];
      float[] h = h1[k];
      float[] ds = ds1[k];
      float[] s = s1[k];
      for (int t = 0; t < n; t++) {
        dh[t] = (dh[t] - 2f * h[t] * ds[t]) * s[t];
      }
    }
    Dense.weightGradient(z, d, dh1, w, n, grad, off0, work);
    Dense.biasGradient(dh1, w, n, grad, off0 + d * w);
  }

  private static void oneMinusSquare(float[][] h, float[][] s, int n) {
    for (int k = 0; k < h.length; k++) {
      float[] src = h[k];
      float[] dst = s[k];
      for (int t = 0; t < n; t++) {
        dst[t] = 1f - src[t] * src[t];
      }
    }
  }

  private void check(int n) {
    if (n < 1 || n > maxRows) {
      throw new IllegalArgumentException("batch of " + n + " rows; expected 1 <= rows <= " + maxRows);
    }
  }
}

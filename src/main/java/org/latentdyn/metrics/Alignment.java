package org.latentdyn.metrics;

import java.util.Arrays;

/**
 * An affine map {@code z -> scale * q z + b} from latent space (dimension {@code d}) to truth space
 * (dimension {@code d'}), fitted by {@link Procrustes}.
 *
 * <p>{@code q} is {@code double[d'][d]}: orthogonal when {@code d == d'} (reflections allowed, so its
 * determinant is +1 or -1), with orthonormal columns ({@code q^T q = I}) when {@code d < d'}, with
 * orthonormal rows ({@code q q^T = I}) when {@code d > d'}. {@code scale} is 1 for the isometric fit of
 * Eq. 9 and the fitted factor for the similarity fit.
 *
 * <p>{@code mse} is the mean squared residual per frame, summed over dimensions, of the fit that produced
 * this alignment. When {@code d > d'} it also counts the latent spread in the {@code d - d'} directions
 * that {@code q} drops (the truth is embedded in {@code R^d} with zeros; see {@link Procrustes}).
 *
 * @param q the orthogonal part {@code [d'][d]}
 * @param b the shift {@code [d']}
 * @param scale the isotropic scale factor, 1 for an isometry
 * @param mse mean squared residual of the fit
 */
public record Alignment(double[][] q, double[] b, double scale, double mse) {

  public Alignment {
    if (q == null || q.length == 0 || q[0] == null || q[0].length == 0) {
      throw new IllegalArgumentException("q must be a non-empty [truthDim][latentDim] matrix");
    }
    if (b == null || b.length != q.length) {
      throw new IllegalArgumentException("b has length " + (b == null ? "null" : b.length)
          + ", expected truthDim = " + q.length);
    }
    for (int i = 0; i < q.length; i++) {
      if (q[i] == null || q[i].length != q[0].length) {
        throw new IllegalArgumentException("q row " + i + " has " + (q[i] == null ? "no" : q[i].length)
            + " columns, expected " + q[0].length);
      }
    }
    q = Inputs.copy(q);
    b = b.clone();
  }

  /** A copy of {@code q}, shape {@code [truthDim][latentDim]}. */
  @Override
  public double[][] q() {
    return Inputs.copy(q);
  }

  /** A copy of the shift, length {@code truthDim}. */
  @Override
  public double[] b() {
    return b.clone();
  }

  /** Latent dimension {@code d}. */
  public int latentDim() {
    return q[0].length;
  }

  /** Truth dimension {@code d'}. */
  public int truthDim() {
    return q.length;
  }

  /**
   * Maps latents into truth space.
   *
   * @param z latents {@code [frames][latentDim]}
   * @return aligned latents {@code [frames][truthDim]}, row {@code n} = {@code scale * q z_n + b}
   */
  public double[][] apply(double[][] z) {
    int d = latentDim();
    if (z == null) {
      throw new IllegalArgumentException("z must not be null");
    }
    double[][] out = new double[z.length][];
    for (int n = 0; n < z.length; n++) {
      if (z[n] == null || z[n].length != d) {
        throw new IllegalArgumentException("z frame " + n + " has " + (z[n] == null ? "no" : z[n].length)
            + " columns, expected latentDim = " + d);
      }
      out[n] = applyRow(z[n]);
    }
    return out;
  }

  /** Maps one latent vector of length {@code latentDim} into truth space. */
  public double[] applyRow(double[] zRow) {
    double[] y = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      double s = 0;
      double[] qi = q[i];
      for (int j = 0; j < qi.length; j++) {
        s += qi[j] * zRow[j];
      }
      y[i] = scale * s + b[i];
    }
    return y;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Alignment a && Arrays.deepEquals(q, a.q) && Arrays.equals(b, a.b)
        && Double.compare(scale, a.scale) == 0 && Double.compare(mse, a.mse) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.deepHashCode(q) + Arrays.hashCode(b)) + Double.hashCode(scale) * 17
        + Double.hashCode(mse);
  }

  @Override
  public String toString() {
    return "Alignment[q=" + Arrays.deepToString(q) + ", b=" + Arrays.toString(b) + ", scale=" + scale
        + ", mse=" + mse + "]";
  }
}

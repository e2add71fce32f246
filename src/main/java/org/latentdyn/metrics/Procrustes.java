package org.latentdyn.metrics;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Orthogonal Procrustes with a shift, the alignment inside the isometry-corrected MSE of Eq. 9 of
 * Wang &amp; Tiwary, "From latent dynamics to meaningful representations":
 * {@code L_z = min_{Q, b} mean_n ||Q z_n + b - y_n||^2} over orthogonal {@code Q} (reflections allowed).
 *
 * <p>Closed form: centre both sets, form the cross-covariance {@code C = sum_n (y_n - ybar)(z_n - zbar)^T},
 * take its SVD {@code C = U S V^T}; then {@code Q = U V^T} and {@code b = ybar - Q zbar}. No determinant
 * correction is applied, so reflections are allowed as in the paper. The similarity fit adds an isotropic
 * scale, {@code s = trace(S) / sum_n ||z_n - zbar||^2} (Umeyama's solution without the reflection guard).
 *
 * <p>Different dimensions ({@code d = latentDim != d' = truthDim}): both sets are embedded in
 * {@code R^max(d, d')} by appending zero coordinates and the square problem is solved there, which is exact.
 * The returned {@code Q} is the {@code [d'][d]} block that acts on real coordinates:
 * <ul>
 *   <li>{@code d < d'}: orthonormal columns, an isometric embedding of the latent into truth space;
 *   <li>{@code d > d'}: orthonormal rows, a projection; the latent spread along the {@code d - d'} dropped
 *       directions is counted in the MSE, since an isometric latent must not have it.
 * </ul>
 * Residuals are computed directly rather than from the singular values, so an exact isometry gives an MSE
 * at rounding level.
 */
public final class Procrustes {
  private Procrustes() {}

  /**
   * The isometric fit of Eq. 9 (scale fixed at 1).
   *
   * @param latent {@code [frames][d]}
   * @param truth {@code [frames][d']}, same frames
   * @return the alignment; its {@code mse} is {@code L_z}
   */
  public static Alignment orthogonal(double[][] latent, double[][] truth) {
    return fit(latent, truth, false);
  }

  /**
   * The similarity fit: {@code min_{s, Q, b} mean_n ||s Q z_n + b - y_n||^2} with {@code s >= 0}. For a
   * latent with no spread at all, {@code s = 0} and the fit is the truth mean.
   *
   * @param latent {@code [frames][d]}
   * @param truth {@code [frames][d']}, same frames
   */
  public static Alignment similarity(double[][] latent, double[][] truth) {
    return fit(latent, truth, true);
  }

  private static Alignment fit(double[][] latent, double[][] truth, boolean withScale) {
    int d = Inputs.columns("latent", latent);
    int dt = Inputs.columns("truth", truth);
    Inputs.sameFrames(latent, truth);
    int frames = latent.length;
    int m = Math.max(d, dt);
    double[] zMean = Inputs.mean(latent, d);
    double[] yMean = Inputs.mean(truth, dt);

    double[][] cross = new double[m][m];
    double zSquares = 0;
    double[] zc = new double[d];
    double[] yc = new double[dt];
    for (int n = 0; n < frames; n++) {
      center(latent[n], zMean, zc);
      center(truth[n], yMean, yc);
      for (int i = 0; i < dt; i++) {
        double yi = yc[i];
        double[] row = cross[i];
        for (int j = 0; j < d; j++) {
          row[j] += yi * zc[j];
        }
      }
      for (int j = 0; j < d; j++) {
        zSquares += zc[j] * zc[j];
      }
    }

    RealMatrix c = MatrixUtils.createRealMatrix(cross);
    SingularValueDecomposition svd = new SingularValueDecomposition(c);
    double[][] qFull = svd.getU().multiply(svd.getVT()).getData();

    double scale = 1.0;
    if (withScale) {
      double traceS = 0;
      for (double s : svd.getSingularValues()) {
        traceS += s;
      }
      scale = zSquares > 0 ? traceS / zSquares : 0.0;
    }

    double[][] q = new double[dt][d];
    for (int i = 0; i < dt; i++) {
      System.arraycopy(qFull[i], 0, q[i], 0, d);
    }
    double[] b = new double[dt];
    for (int i = 0; i < dt; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += q[i][j] * zMean[j];
      }
      b[i] = yMean[i] - scale * s;
    }

    // Residual in the padded space R^m: rows >= dt of qFull compare against zero truth coordinates.
    double sum = 0;
    for (int n = 0; n < frames; n++) {
      center(latent[n], zMean, zc);
      center(truth[n], yMean, yc);
      for (int i = 0; i < m; i++) {
        double s = 0;
        double[] qi = qFull[i];
        for (int j = 0; j < d; j++) {
          s += qi[j] * zc[j];
        }
        double r = scale * s - (i < dt ? yc[i] : 0.0);
        sum += r * r;
      }
    }
    return new Alignment(q, b, scale, sum / frames);
  }

  private static void center(double[] row, double[] mean, double[] out) {
    for (int j = 0; j < out.length; j++) {
      out[j] = row[j] - mean[j];
    }
  }
}

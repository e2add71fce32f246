package org.latentdyn.metrics;

import org.latentdyn.data.Trajectory;

/**
 * Isometry-corrected evaluation of a latent against ground-truth slow variables (spec section 5): the
 * {@code L_z} of Eq. 9 of Wang &amp; Tiwary, its relative form, the similarity fit and per-dimension
 * correlations, under a stated {@link DiffusionConvention}.
 */
public final class IsometryMetrics {
  private IsometryMetrics() {}

  /** {@link #evaluate(double[][], double[][], DiffusionConvention, int[])} for one trajectory. */
  public static Evaluation evaluate(double[][] latent, double[][] truth, DiffusionConvention convention) {
    return evaluate(latent, truth, convention, null);
  }

  /** As {@link #evaluate(double[][], double[][], DiffusionConvention)} on two trajectories of equal frames. */
  public static Evaluation evaluate(Trajectory latent, Trajectory truth, DiffusionConvention convention) {
    if (latent == null || truth == null) {
      throw new IllegalArgumentException("latent and truth must not be null");
    }
    return evaluate(latent.toDoubleRows(), truth.toDoubleRows(), convention, null);
  }

  /**
   * Evaluates {@code latent} against {@code truth}.
   *
   * @param latent {@code [frames][d]}
   * @param truth {@code [frames][d']}, frame {@code n} matching latent frame {@code n}; consecutive frames
   *     are one lag apart (used by the diffusion estimate)
   * @param convention how the truth is scaled first
   * @param trajectoryLengths lengths of the consecutive trajectories concatenated in both arrays, so that
   *     the diffusion estimate uses no increment across a boundary; {@code null} for one trajectory
   * @throws IllegalArgumentException for a frame mismatch, fewer than 2 frames, non-finite values, or a
   *     truth without variance
   */
  public static Evaluation evaluate(
      double[][] latent, double[][] truth, DiffusionConvention convention, int[] trajectoryLengths) {
    if (convention == null) {
      throw new IllegalArgumentException("convention must not be null; valid values are 'raw', 'unit-diffusion'");
    }
    int d = Inputs.columns("latent", latent);
    int dt = Inputs.columns("truth", truth);
    Inputs.sameFrames(latent, truth);
    int frames = latent.length;
    if (frames < 2) {
      throw new IllegalArgumentException("evaluation needs at least 2 frames, got " + frames);
    }

    double diffusion = DiffusionConvention.estimateDiffusion(truth, trajectoryLengths);
    double truthScale = convention.truthScale(diffusion);
    double[][] y = new double[frames][dt];
    for (int n = 0; n < frames; n++) {
      for (int j = 0; j < dt; j++) {
        y[n][j] = truth[n][j] * truthScale;
      }
    }
    double variance = Inputs.totalVariance(y, dt);
    if (!(variance > 0)) {
      throw new IllegalArgumentException("truth has zero total variance; relative errors are undefined");
    }

    Alignment iso = Procrustes.orthogonal(latent, y);
    Alignment sim = Procrustes.similarity(latent, y);
    double[][] aligned = iso.apply(latent);
    double[] corr = new double[dt];
    for (int j = 0; j < dt; j++) {
      corr[j] = Math.abs(pearson(aligned, y, j));
    }
    return new Evaluation(convention.label(), iso.mse(), iso.mse() / variance, sim.scale(),
        sim.mse() / variance, corr, diffusion, truthScale, variance, frames, d, dt, iso);
  }

  private static double pearson(double[][] a, double[][] b, int j) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i][j];
      mb += b[i][j];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double x = a[i][j] - ma;
      double y = b[i][j] - mb;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    return (saa > 0 && sbb > 0) ? sab / Math.sqrt(saa * sbb) : Double.NaN;
  }
}

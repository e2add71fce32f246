package org.latentdyn.workflow;

import org.latentdyn.analysis.FreeEnergy;
import org.latentdyn.analysis.FreeEnergySurface;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.metrics.DiffusionConvention;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.metrics.IsometryMetrics;
import org.latentdyn.models.baselines.BaselineConfig;
import org.latentdyn.models.baselines.BaselineModel;
import org.latentdyn.models.baselines.Baselines;
import org.latentdyn.train.TrainingListener;

/**
 * Trains a baseline (beta-VAE, SWAE, SDE-VAE; paper Table 1) and analyses it like a DynAE run: latent,
 * reconstruction error, latent variance (a collapsed VAE has ~0), free energy of the latent and, with a truth,
 * the L_z evaluation (unit-diffusion convention).
 */
public final class BaselineRun {
  private BaselineRun() {}

  /**
   * The outcome.
   *
   * @param model the fitted model (the caller closes it)
   * @param latent encoded frames (posterior means), in order
   * @param reconstructionMse mean squared reconstruction error per frame (summed over features)
   * @param latentVariance variance of each latent dimension over the frames
   * @param freeEnergy F(z) of the first two latent dimensions (null when d = 1)
   * @param evaluation L_z against the truth (null without one)
   * @param aligned latent after the isometric alignment (null without a truth)
   * @param truth the ground truth (null without one)
   * @param data the observations
   * @param reconstruction psi(z) of every frame
   */
  public record Result(BaselineModel model, Trajectory latent, double reconstructionMse, double[] latentVariance,
      FreeEnergySurface freeEnergy, Evaluation evaluation, double[][] aligned, Trajectory truth, Trajectory data,
      Trajectory reconstruction) {}

  /** Variance of each column over the frames. */
  public static double[] variance(Trajectory z) {
    int d = z.features();
    double[] mean = new double[d];
    double[] var = new double[d];
    for (int i = 0; i < z.frames(); i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += z.get(i, j) / z.frames();
      }
    }
    for (int i = 0; i < z.frames(); i++) {
      for (int j = 0; j < d; j++) {
        double e = z.get(i, j) - mean[j];
        var[j] += e * e / z.frames();
      }
    }
    return var;
  }

  /** Trains and analyses. */
  public static Result run(Trajectory data, Trajectory truth, BaselineConfig config, TrainingListener listener) {
    if (truth != null && truth.frames() != data.frames()) {
      throw new IllegalArgumentException("truth has " + truth.frames() + " frames, data has " + data.frames()
          + "; expected the same number");
    }
    BaselineModel model = Baselines.fit(Dataset.of(data), config, listener);
    try {
      Trajectory z = model.encode(data);
      Trajectory rec = model.decode(z);
      double se = 0;
      float[] x = data.view();
      float[] r = rec.view();
      for (int i = 0; i < x.length; i++) {
        double e = r[i] - x[i];
        se += e * e;
      }
      int d = z.features();
      double[] var = variance(z);
      FreeEnergySurface fe = null;
      if (d >= 2) {
        double[][] rows = z.toDoubleRows();
        double[] zx = new double[rows.length];
        double[] zy = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          zx[i] = rows[i][0];
          zy[i] = rows[i][1];
        }
        fe = FreeEnergy.surface(zx, zy, 60, 60, 1.0);
      }
      Evaluation ev = null;
      double[][] aligned = null;
      if (truth != null) {
        ev = IsometryMetrics.evaluate(z, truth, DiffusionConvention.UNIT_DIFFUSION);
        aligned = ev.alignment().apply(z.toDoubleRows());
      }
      return new Result(model, z, se / data.frames(), var, fe, ev, aligned, truth, data, rec);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}

package org.latentdyn.workflow;

import org.latentdyn.analysis.FreeEnergySurface;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Trajectory;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.models.baselines.BaselineConfig;
import org.latentdyn.models.baselines.BaselineModel;
import org.latentdyn.models.baselines.Baselines;
import org.latentdyn.train.Checkpoint;
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
      FreeEnergySurface freeEnergy, Evaluation evaluation, double[][] aligned, Trajectory truth, FrameStore data,
      FrameStore reconstruction) {}

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
    return run(data, truth, config, listener, null);
  }

  /** Trains (continuing from {@code resume} when it is not null) and analyses. */
  public static Result run(Trajectory data, Trajectory truth, BaselineConfig config, TrainingListener listener,
      Checkpoint resume) {
    return run(Dataset.of(data), truth, config, listener, resume);
  }

  /**
   * Trains on several trajectories (pairs never cross from one to the next) and analyses their concatenation;
   * {@code truth} has one row per frame of the concatenation.
   */
  public static Result run(Dataset dataset, Trajectory truth, BaselineConfig config, TrainingListener listener,
      Checkpoint resume) {
    Trajectory data = dataset.trajectoryCount() == 1 ? dataset.trajectory(0) : dataset.concatenated();
    checkTruth(truth, data.frames());
    return analyse(Baselines.fit(dataset, config, listener, resume), FrameStore.of(data), truth);
  }

  /**
   * Trains on one trajectory whose frames are read as they are needed (a movie streamed from its memory map) and
   * analyses it chunk by chunk.
   */
  public static Result run(FrameStore data, Trajectory truth, BaselineConfig config, TrainingListener listener,
      Checkpoint resume) {
    checkTruth(truth, data.frames());
    return analyse(Baselines.fit(data, config, listener, resume), data, truth);
  }

  private static void checkTruth(Trajectory truth, int frames) {
    if (truth != null && truth.frames() != frames) {
      throw new IllegalArgumentException("truth has " + truth.frames() + " frames, data has " + frames
          + "; expected the same number");
    }
  }

  /**
   * The latent as L_z compares it with the unit-diffusion truth: a model whose prior fixes another diffusion
   * constant {@code D} ({@link BaselineConfig#latentDiffusion()}; SDE-VAE's unit transition covariance means
   * {@code D = 1/2}) is multiplied by {@code 1/sqrt(D)}, so that a latent that matches its own prior exactly is
   * not charged for a scale that only the convention sets (a floor of {@code (1 - sqrt(D))^2} in relative L_z,
   * 0.086 for SDE-VAE). The relative L_z is then that of the truth scaled to the model's own diffusion. Models
   * without a dynamical prior are compared as they are.
   */
  static Trajectory inUnitDiffusion(Trajectory z, BaselineConfig config) {
    double d = config.latentDiffusion();
    if (!Double.isFinite(d)) {
      return z;
    }
    float s = (float) (1 / Math.sqrt(d));
    float[] v = z.toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] *= s;
    }
    return Trajectory.wrap(v, z.frames(), z.features());
  }

  private static Result analyse(BaselineModel model, FrameStore data, Trajectory truth) {
    try {
      Trajectory z = LatentAnalysis.encode(data, model::encode);
      LatentAnalysis.Reconstruction rec = LatentAnalysis.reconstruct(data, z, model::decode);
      Trajectory zEval = inUnitDiffusion(z, model.config());
      Evaluation ev = LatentAnalysis.evaluate(zEval, truth);
      return new Result(model, z, rec.mse(), variance(z), LatentAnalysis.freeEnergy(z), ev,
          LatentAnalysis.aligned(zEval, ev), truth, data, rec.frames());
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}

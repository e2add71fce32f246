package org.latentdyn.workflow;

import java.util.ArrayList;
import java.util.List;
import org.latentdyn.analysis.FreeEnergySurface;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Trajectory;
import org.latentdyn.metrics.DiffusionConvention;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.metrics.IsometryMetrics;
import org.latentdyn.models.dynae.Dynae;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.models.dynae.DynaeModel;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/**
 * Trains DynAE on a trajectory and analyses the result: latent, reconstruction error, learned-field
 * diagnostics (mean M on the data, variance of the residual dz - f(z), which is 2 per dimension for unit
 * diffusion), free energy of the latent and, with a ground truth, the L_z evaluation (unit-diffusion convention).
 */
public final class DynaeRun {
  private DynaeRun() {}

  /**
   * The outcome.
   *
   * @param model the fitted model (the caller closes it)
   * @param latent encoded frames, in order
   * @param reconstructionMse mean squared reconstruction error per frame (summed over features)
   * @param meanDiffusion mean of M(z) over the data, per latent dimension
   * @param residualVariance variance of dz - f(z) over consecutive frames, per latent dimension
   * @param freeEnergy F(z) of the first two latent dimensions (null when d = 1)
   * @param evaluation L_z against the truth (null without a truth)
   * @param aligned latent after the isometric alignment to the (scaled) truth (null without a truth)
   * @param truth the ground truth (null without one)
   * @param progress per epoch: cumulative training seconds and relative L_z (empty without a truth)
   * @param recoveries divergences survived by rolling back and lowering the learning rates
   * @param data the observations X the model was trained on
   * @param reconstruction psi(phi(X)) for every frame
   * @param fields f(z) and M(z) on a grid over the occupied latent region (null when d != 2)
   */
  public record Result(DynaeModel model, Trajectory latent, double reconstructionMse, double[] meanDiffusion,
      double[] residualVariance, FreeEnergySurface freeEnergy, Evaluation evaluation, double[][] aligned,
      Trajectory truth, List<EpochAccuracy> progress, List<String> recoveries, FrameStore data, FrameStore reconstruction,
      FieldMap fields) {

    /** Training seconds until the relative L_z first fell below {@code threshold}, or NaN if it never did. */
    public double secondsToRelativeLz(double threshold) {
      for (EpochAccuracy a : progress) {
        if (a.lzRelative() < threshold) {
          return a.seconds();
        }
      }
      return Double.NaN;
    }
  }

  /**
   * Learned fields on the grid points of the occupied latent region (paper Fig. 2 e-f).
   *
   * @param points grid points {@code [n, 2]}
   * @param force f(z) at the points {@code [n, 2]}
   * @param diffusion diagonal M(z) at the points {@code [n, 2]}
   * @param spacing grid spacing along each axis
   */
  public record FieldMap(double[][] points, double[][] force, double[][] diffusion, double[] spacing) {}

  /**
   * A {@code perAxis x perAxis} grid over the 1%-99% quantile box of the latent, keeping the cells that hold at
   * least {@code minCount} frames, with f and M evaluated at the cell centres.
   */
  public static FieldMap fieldMap(DynaeModel model, Trajectory z, int perAxis, int minCount) {
    if (z.features() != 2) {
      throw new IllegalArgumentException("field maps need a 2-d latent, got " + z.features() + " dimensions");
    }
    double[] lo = new double[2];
    double[] width = new double[2];
    for (int j = 0; j < 2; j++) {
      double[] col = new double[z.frames()];
      for (int i = 0; i < col.length; i++) {
        col[i] = z.get(i, j);
      }
      java.util.Arrays.sort(col);
      lo[j] = col[(int) (0.01 * (col.length - 1))];
      double hi = col[(int) (0.99 * (col.length - 1))];
      width[j] = Math.max(hi - lo[j], 1e-12) / perAxis;
    }
    int[] counts = new int[perAxis * perAxis];
    for (int i = 0; i < z.frames(); i++) {
      int a = (int) Math.floor((z.get(i, 0) - lo[0]) / width[0]);
      int b = (int) Math.floor((z.get(i, 1) - lo[1]) / width[1]);
      if (a >= 0 && a < perAxis && b >= 0 && b < perAxis) {
        counts[a * perAxis + b]++;
      }
    }
    List<double[]> pts = new ArrayList<>();
    for (int a = 0; a < perAxis; a++) {
      for (int b = 0; b < perAxis; b++) {
        if (counts[a * perAxis + b] >= minCount) {
          pts.add(new double[] {lo[0] + (a + 0.5) * width[0], lo[1] + (b + 0.5) * width[1]});
        }
      }
    }
    double[][] points = pts.toArray(new double[0][]);
    if (points.length == 0) {
      return new FieldMap(points, new double[0][], new double[0][], width);
    }
    Trajectory grid = Trajectory.ofRows(points);
    return new FieldMap(points, model.force(grid).toDoubleRows(), model.diffusion(grid).toDoubleRows(), width);
  }

  /**
   * Accuracy after an epoch.
   *
   * @param epoch the epoch
   * @param seconds cumulative training seconds (evaluation time excluded)
   * @param lzRelative relative L_z of the latent at that point (unit-diffusion convention)
   */
  public record EpochAccuracy(int epoch, double seconds, double lzRelative) {}

  /** Trains (or resumes) on one trajectory and analyses. */
  public static Result run(Trajectory data, Trajectory truth, DynaeConfig config, TrainingListener listener,
      Checkpoint resume) {
    return run(Dataset.of(data), truth, config, listener, resume);
  }

  /**
   * Trains (or resumes) on several trajectories (lagged pairs never cross from one to the next) and analyses
   * their concatenation; {@code truth} has one row per frame of the concatenation.
   */
  public static Result run(Dataset dataset, Trajectory truth, DynaeConfig config, TrainingListener listener,
      Checkpoint resume) {
    Trajectory data = dataset.trajectoryCount() == 1 ? dataset.trajectory(0) : dataset.concatenated();
    return run(FrameStore.of(data), truth, config, listener, resume, l -> Dynae.fit(dataset, config, l, resume));
  }

  /**
   * Trains (or resumes) on one trajectory whose frames are read as they are needed (a movie streamed from its
   * memory map, issue 10 part 3) and analyses it chunk by chunk: only the latent and a few figure frames are held.
   */
  public static Result run(FrameStore data, Trajectory truth, DynaeConfig config, TrainingListener listener,
      Checkpoint resume) {
    return run(data, truth, config, listener, resume, l -> Dynae.fit(data, config, l, resume));
  }

  private static Result run(FrameStore data, Trajectory truth, DynaeConfig config, TrainingListener listener,
      Checkpoint resume, java.util.function.Function<TrainingListener, DynaeModel> fit) {
    if (truth != null && truth.frames() != data.frames()) {
      throw new IllegalArgumentException("truth has " + truth.frames() + " frames, data has " + data.frames()
          + "; expected the same number");
    }
    List<EpochAccuracy> progress = new ArrayList<>();
    List<String> recoveries = new ArrayList<>();
    TrainingListener monitored = new TrainingListener() {
        double seconds;

        @Override
        public void epochStarted(int epoch, int epochs, int steps) {
          listener.epochStarted(epoch, epochs, steps);
        }

        @Override
        public void stepFinished(int epoch, int step, double a, double b, double c) {
          listener.stepFinished(epoch, step, a, b, c);
        }

        @Override
        public void recovered(int epoch, String message, double scale) {
          recoveries.add("epoch " + epoch + ": " + message + " -> learning rates x" + scale);
          listener.recovered(epoch, message, scale);
        }

        @Override
        public void epochFinished(EpochRecord r, Checkpoint checkpoint) {
          seconds += r.seconds();
          if (truth != null) {
            try (DynaeModel m = DynaeModel.fromCheckpoint(config, data.features(), checkpoint)) {
              double lz = IsometryMetrics.evaluate(LatentAnalysis.encode(data, m::encode), truth,
                  DiffusionConvention.UNIT_DIFFUSION).lzRelative();
              progress.add(new EpochAccuracy(r.epoch(), seconds, lz));
            }
          }
          listener.epochFinished(r, checkpoint);
        }
      };
    DynaeModel model = fit.apply(monitored);
    try {
      return analyse(model, data, truth, progress, recoveries);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The analysis of a fitted model on its data. */
  public static Result analyse(DynaeModel model, Trajectory data, Trajectory truth, List<EpochAccuracy> progress,
      List<String> recoveries) {
    return analyse(model, FrameStore.of(data), truth, progress, recoveries);
  }

  /** The analysis of a fitted model on its data, read chunk by chunk unless it is in memory. */
  public static Result analyse(DynaeModel model, FrameStore data, Trajectory truth, List<EpochAccuracy> progress,
      List<String> recoveries) {
    Trajectory z = LatentAnalysis.encode(data, model::encode);
    LatentAnalysis.Reconstruction rec = LatentAnalysis.reconstruct(data, z, model::decode);
    int d = z.features();
    Trajectory m = model.diffusion(z);
    Trajectory f = model.force(z);
    double[] meanM = new double[d];
    double[] mean = new double[d];
    double[] sq = new double[d];
    int n = z.frames() - 1;
    for (int i = 0; i < z.frames(); i++) {
      for (int j = 0; j < d; j++) {
        meanM[j] += m.get(i, j) / z.frames();
        if (i < n) {
          double res = z.get(i + 1, j) - z.get(i, j) - f.get(i, j);
          mean[j] += res;
          sq[j] += res * res;
        }
      }
    }
    double[] resVar = new double[d];
    for (int j = 0; j < d; j++) {
      resVar[j] = sq[j] / n - (mean[j] / n) * (mean[j] / n);
    }
    Evaluation ev = LatentAnalysis.evaluate(z, truth);
    return new Result(model, z, rec.mse(), meanM, resVar,
        LatentAnalysis.freeEnergy(z), ev, LatentAnalysis.aligned(z, ev), truth, List.copyOf(progress),
        List.copyOf(recoveries), data, rec.frames(), d == 2 ? fieldMap(model, z, 20, 20) : null);
  }

}

package org.latentdyn.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.analysis.Clustering;
import org.latentdyn.analysis.FreeEnergy;
import org.latentdyn.analysis.FreeEnergySurface;
import org.latentdyn.analysis.RegularSpaceClustering;
import org.latentdyn.analysis.WellTemperedResampling;
import org.latentdyn.data.Trajectory;
import org.latentdyn.dynamics.SimulationOptions;
import org.latentdyn.dynamics.ThreeWellDataset;
import org.latentdyn.dynamics.ThreeWellWarp;
import org.latentdyn.metrics.DiffusionConvention;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.metrics.IsometryMetrics;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.train.TrainingListener;

/**
 * The three-well demo (spec dynae.md §6, paper Fig. 2-3): simulate the warped three-well data, compute the
 * free-energy surface of the true variables, bin the unit-diffusion latent space the way DynAE's Algorithm 1
 * does (regular-space clustering with d_min, well-tempered resampling with gamma), and evaluate candidate
 * representations with the isometry-corrected L_z (paper Eq. 9): the DynAE latent learned from the warped
 * observations, and two references that show what L_z measures: the observations themselves (warped,
 * L_z > 0) and the exactly un-warped observations (an isometry of the truth, L_z = 0), each rescaled to unit
 * diffusion per frame as a DynAE latent is. All in the unit-diffusion convention.
 */
public final class ThreeWellDemo {
  private ThreeWellDemo() {}

  /**
   * Demo settings.
   *
   * @param frames frames to simulate (spec: 200,000)
   * @param seed seed of the simulation
   * @param dMin minimum centre distance of the regular-space binning, in unit-diffusion latent units (paper: 5)
   * @param gamma well-tempered resampling exponent (paper: 2)
   * @param histogramBins bins per axis of the free-energy histogram
   * @param epochs DynAE training epochs (0: no training)
   */
  public record Options(int frames, long seed, double dMin, double gamma, int histogramBins, int epochs) {
    public Options {
      if (frames < 1000) {
        throw new IllegalArgumentException("frames must be >= 1000 for a meaningful demo, got " + frames);
      }
      if (!(dMin > 0)) {
        throw new IllegalArgumentException("dMin must be > 0, got " + dMin);
      }
      if (!(gamma >= 1)) {
        throw new IllegalArgumentException("gamma must be >= 1, got " + gamma);
      }
      if (epochs < 0) {
        throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
      }
      if (histogramBins < 4) {
        throw new IllegalArgumentException("histogramBins must be >= 4, got " + histogramBins);
      }
    }

    /**
     * The paper's settings: 200,000 frames, 50 epochs, d_min = 5, gamma = 2; {@code fast} uses 100,000 frames and
     * 20 epochs (about half a minute on 2 cores, relative L_z about 0.006).
     */
    public static Options defaults(boolean fast, long seed) {
      return new Options(fast ? 100_000 : ThreeWellDataset.FRAMES, seed, 5.0, 2.0, 60, fast ? 20 : 50);
    }

    public Options withFrames(int value) {
      return new Options(value, seed, dMin, gamma, histogramBins, epochs);
    }

    public Options withEpochs(int value) {
      return new Options(frames, seed, dMin, gamma, histogramBins, value);
    }
  }

  /**
   * Everything the demo computed.
   *
   * @param data the simulated truth and observations
   * @param freeEnergy F(x, y) = -kT log p of the true variables
   * @param diffusionEstimate D-hat of the truth per frame (spec §5)
   * @param bins regular-space centres in unit-diffusion truth coordinates
   * @param resampling well-tempered resampling of the frames over those bins
   * @param evaluations candidate name to its evaluation (unit-diffusion convention)
   * @param seconds wall-clock seconds per stage
   * @param dynae the trained DynAE and its analysis (null when epochs = 0); the caller closes its model
   */
  public record Result(Simulation.Result data, FreeEnergySurface freeEnergy, double diffusionEstimate,
      Clustering bins, WellTemperedResampling.Resampling resampling, Map<String, Evaluation> evaluations,
      Map<String, Double> seconds, DynaeRun.Result dynae) {}

  /** Runs the demo. */
  public static Result run(Options o, TrainingListener listener) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    Simulation.Options sim = new Simulation.Options(SimulatedSystem.THREE_WELL,
        new SimulationOptions(ThreeWellDataset.TIME_STEP, ThreeWellDataset.STRIDE, ThreeWellDataset.BURN_IN, o.frames(),
            o.seed()), 1.0, 1.0, 0);
    Simulation.Result data = Simulation.run(sim);
    seconds.put("simulate", lap(t0));

    long t1 = System.nanoTime();
    double[][] truth = data.truth().toDoubleRows();
    FreeEnergySurface surface = FreeEnergy.surface(truth, o.histogramBins(), o.histogramBins(), sim.kT());
    seconds.put("freeEnergy", lap(t1));

    long t2 = System.nanoTime();
    double d = DiffusionConvention.estimateDiffusion(truth);
    double scale = DiffusionConvention.UNIT_DIFFUSION.truthScale(d);
    double[][] scaled = new double[truth.length][];
    for (int i = 0; i < truth.length; i++) {
      scaled[i] = new double[] {truth[i][0] * scale, truth[i][1] * scale};
    }
    Clustering bins = RegularSpaceClustering.fit(scaled, new RegularSpaceClustering.Options(o.dMin()));
    int[] assignment = bins.assign(scaled);
    WellTemperedResampling.Resampling resampling = WellTemperedResampling.sample(assignment, truth.length,
        new WellTemperedResampling.Options(o.gamma(), 2 * truth[0].length + 1), o.seed());
    seconds.put("binning", lap(t2));

    long t3 = System.nanoTime();
    Map<String, Evaluation> evaluations = new LinkedHashMap<>();
    evaluations.put("observations (warped)", evaluate(data.observations(), data.truth()));
    evaluations.put("un-warped observations", evaluate(ThreeWellWarp.inverseMap().apply(data.observations()),
        data.truth()));
    seconds.put("evaluate", lap(t3));
    DynaeRun.Result dynae = null;
    if (o.epochs() > 0) {
      long t4 = System.nanoTime();
      DynaeConfig config = DynaeConfig.defaults(o.seed()).withEpochs(o.epochs()).withDMin(o.dMin());
      dynae = DynaeRun.run(data.observations(), data.truth(), config, listener, null);
      evaluations.put("DynAE latent", dynae.evaluation());
      seconds.put("train", lap(t4));
    }
    return new Result(data, surface, d, bins, resampling, evaluations, seconds, dynae);
  }

  private static Evaluation evaluate(Trajectory latent, Trajectory truth) {
    double[][] z = latent.toDoubleRows();
    double s = DiffusionConvention.UNIT_DIFFUSION.truthScale(DiffusionConvention.estimateDiffusion(z));
    for (double[] row : z) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= s;
      }
    }
    return IsometryMetrics.evaluate(z, truth.toDoubleRows(), DiffusionConvention.UNIT_DIFFUSION);
  }

  private static double lap(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}

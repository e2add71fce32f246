package org.latentdyn.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.latentdyn.data.io.AtomicFiles;
import org.latentdyn.mechanics.HamiltonianSystem;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.mechanics.PhaseSpaceData;
import org.latentdyn.models.vin.Vin;
import org.latentdyn.models.vin.VinConfig;
import org.latentdyn.models.vin.VinModel;
import org.latentdyn.train.TrainingListener;

/**
 * The phase-space comparison of VIN spec §5 and §10 (paper Figs. 3-4): for every seed a fresh training draw (§3a:
 * noise 0.1, 30 frames, h 0.1) and 25 fresh noise-free test trajectories of 101 frames (10 s); every model trained
 * on it (best of the training lengths by training NLL, §4a), forecast 100 steps from the true test starts and
 * scored by the RMSE against the horizon; per model the mean over seeds and its standard error. A long-horizon
 * energy check rolls 10^4 steps from the first test start and reports the largest relative deviation of the true
 * energy and the ratio of its mean over the last 1000 steps to the first 1000 (bounded VINs near 1, a drifting
 * ResRNN far from it). Runs are stored as {@code dir/runs/<model>-seed<s>/} (model and {@code result.json}) and
 * reused when the comparison runs again with the same settings.
 */
public final class VinComparison {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /** Seed offset of the test draw: test trajectories of seed s are drawn with seed s + this. */
  public static final long TEST_SEED_OFFSET = 1_000_003;
  /** Training frames, noise and step of spec §3a. */
  public static final int TRAIN_FRAMES = 30;
  public static final double NOISE = 0.1;
  public static final double TIME_STEP = 0.1;
  /** Test trajectories and horizon of spec §5. */
  public static final int TEST_TRAJECTORIES = 25;
  public static final int HORIZON = 100;

  private VinComparison() {}

  /**
   * Settings.
   *
   * @param system "pendulum" or "mass-spring" (spec constants)
   * @param models command-line names: vin-sv, vin-vv, vin-so2, resrnn, dvae, hnn, nn
   * @param seeds seeds 1..seeds
   * @param trajectories training trajectories per seed (25 moderate, 5 low)
   * @param epochs training lengths tried per run (the best training NLL kept)
   * @param hidden hidden width (200)
   * @param energySteps steps of the long-horizon energy check (10^4)
   * @param energyWindow steps averaged at each end of it (1000)
   */
  public record Options(String system, List<String> models, int seeds, int trajectories, int[] epochs, int hidden,
      int energySteps, int energyWindow) {
    public Options {
      VinEvaluation.system(system, Map.of());
      if (models == null || models.isEmpty()) {
        throw new IllegalArgumentException("models must name at least one of vin-sv, vin-vv, vin-so2, resrnn, dvae,"
            + " hnn, nn");
      }
      for (String m : models) {
        kind(m);
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
      }
      if (trajectories < 1) {
        throw new IllegalArgumentException("trajectories must be >= 1, got " + trajectories);
      }
      if (epochs == null || epochs.length == 0 || Arrays.stream(epochs).anyMatch(e -> e < 1)) {
        throw new IllegalArgumentException("epochs must list training lengths >= 1, got " + Arrays.toString(epochs));
      }
      if (hidden < 1) {
        throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
      }
      if (energyWindow < 1 || energySteps < energyWindow) {
        throw new IllegalArgumentException("energy check needs 1 <= energyWindow <= energySteps, got "
            + energyWindow + " and " + energySteps);
      }
      models = List.copyOf(models);
      epochs = epochs.clone();
    }

    /** Spec defaults: 25 trajectories, 2000 epochs, width 200, 10^4 energy steps with 1000-step windows. */
    public static Options defaults(String system, List<String> models, int seeds) {
      return new Options(system, models, seeds, 25, new int[] {2000}, 200, 10_000, 1000);
    }
  }

  /**
   * One finished run.
   *
   * @param model model name
   * @param seed data and model seed
   * @param rmse time-averaged RMSE over steps 1..100
   * @param rmseByStep RMSE at steps 0..100
   * @param epochs training length chosen
   * @param nll final training NLL
   * @param noiseStd learned noise std
   * @param energy the long-horizon energy check
   * @param energyByStep true energy of the forecast of test trajectory 0, steps 0..100
   * @param trueEnergy the true energy of test trajectory 0
   * @param energyLong true energy of the long-horizon rollout, every {@code energyStride}-th step from 0
   * @param energyStride steps between the values of {@code energyLong}
   * @param trainSeconds training wall time
   * @param settings the settings the run was made with (a reused run must match)
   */
  public record Run(String model, long seed, double rmse, double[] rmseByStep, int epochs, double nll,
      double noiseStd, VinEvaluation.EnergyCheck energy, double[] energyByStep, double trueEnergy,
      double[] energyLong, int energyStride, double trainSeconds, Map<String, Object> settings) {}

  /**
   * Per model over seeds.
   *
   * @param model model name
   * @param seeds runs
   * @param rmseMean mean of the per-seed RMSE
   * @param rmseSe its standard error (sample sd / sqrt(seeds); 0 for one seed)
   * @param rmsePerSeed per-seed RMSE, seeds 1..
   * @param rmseByStep mean over seeds of the RMSE at each step
   * @param energyMaxRelativeDeviation mean over seeds of the long-horizon maximum relative energy deviation
   * @param energyRatio mean over seeds of the late-to-early energy ratio
   * @param trainSecondsMean mean training time
   */
  public record Summary(String model, int seeds, double rmseMean, double rmseSe, double[] rmsePerSeed,
      double[] rmseByStep, double energyMaxRelativeDeviation, double energyRatio, double trainSecondsMean) {}

  /** Every run, the per-model summaries, and how many runs were trained now or reused. */
  public record Result(List<Run> runs, List<Summary> models, int trained, int reused) {}

  static VinConfig.Kind kind(String model) {
    return switch (model) {
      case "vin-sv" -> VinConfig.Kind.VIN_SV;
      case "vin-vv" -> VinConfig.Kind.VIN_VV;
      case "vin-so2" -> VinConfig.Kind.VIN_SO2;
      case "resrnn" -> VinConfig.Kind.RESRNN;
      case "dvae" -> VinConfig.Kind.DVAE;
      case "hnn" -> VinConfig.Kind.HNN;
      case "nn" -> VinConfig.Kind.NN;
      default -> throw new IllegalArgumentException("unknown model '" + model + "'; expected some of vin-sv, vin-vv,"
          + " vin-so2, resrnn, dvae, hnn, nn");
    };
  }

  /** The settings a run depends on, stored with it and compared on reuse. */
  static Map<String, Object> settings(Options o) {
    return Map.of("system", o.system(), "trajectories", o.trajectories(), "epochs", Arrays.stream(o.epochs()).boxed()
        .toList(), "hidden", o.hidden(), "energySteps", o.energySteps(), "energyWindow", o.energyWindow());
  }

  /** Trains (or reuses) every run; {@code log} gets one line per run. */
  public static Result run(Options o, Path dir, Consumer<String> log) throws IOException {
    HamiltonianSystem system = VinEvaluation.system(o.system(), Map.of());
    Map<String, Object> settings = JSON.convertValue(settings(o), Map.class);
    List<Run> runs = new ArrayList<>();
    int trained = 0;
    for (long s = 1; s <= o.seeds(); s++) {
      PhaseSpaceData.Result train = null;
      PhaseSpaceData.Result test = null;
      for (String m : o.models()) {
        Path runDir = dir.resolve("runs").resolve(m + "-seed" + s);
        Path result = runDir.resolve("result.json");
        if (Files.isRegularFile(result)) {
          Run old = JSON.readValue(result.toFile(), Run.class);
          if (settings.equals(old.settings())) {
            runs.add(old);
            continue;
          }
          log.accept(m + " seed " + s + ": settings changed since the stored run; training again");
        }
        if (train == null) {
          train = PhaseSpaceData.generate(system, new PhaseSpaceData.Options(o.trajectories(), TRAIN_FRAMES, NOISE,
              TIME_STEP, s));
          test = PhaseSpaceData.generate(system, new PhaseSpaceData.Options(TEST_TRAJECTORIES, HORIZON + 1, 0,
              TIME_STEP, s + TEST_SEED_OFFSET));
        }
        VinConfig config = VinConfig.defaults(kind(m), s).withHidden(o.hidden()).withTimeStep(TIME_STEP);
        long t0 = System.nanoTime();
        try (VinModel model = Vin.fitBest(train.observations(), train.derivatives(), config, o.epochs(),
            TrainingListener.NONE)) {
          double trainSeconds = (System.nanoTime() - t0) / 1e9;
          PhaseSpaceArray truth = test.truth();
          double[][] starts = new double[truth.trajectories()][];
          for (int b = 0; b < starts.length; b++) {
            starts[b] = truth.state(b, 0);
          }
          PhaseSpaceArray f = model.forecast(starts, HORIZON);
          double[] rmse = VinEvaluation.rmseByStep(f, truth);
          double[] energy = VinEvaluation.energies(system, f)[0];
          var check = VinEvaluation.energyCheck(model, system, starts[0], o.energySteps(), o.energyWindow());
          int stride = Math.max(1, o.energySteps() / 1000);
          double[] longSeries = new double[o.energySteps() / stride + 1];
          for (int i = 0; i < longSeries.length; i++) {
            longSeries[i] = check.getValue()[i * stride];
          }
          Run run = new Run(m, s, VinEvaluation.meanRmse(rmse), rmse, model.config().epochs(), model.nll(),
              model.noiseStd(), check.getKey(), energy, system.hamiltonian(starts[0]), longSeries, stride,
              trainSeconds, settings);
          Path modelDir = runDir.resolve("model");
          Files.createDirectories(runDir);
          AtomicFiles.deleteTree(modelDir);
          model.save(modelDir);
          AtomicFiles.writeString(result, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run));
          runs.add(run);
          trained++;
          log.accept(String.format(Locale.ROOT, "%s seed %d: RMSE %.4f, energy max rel. deviation %.3g, late/early"
              + " %.4f, %d epochs, %.1f s", m, s, run.rmse(), check.getKey().maxRelativeDeviation(),
              check.getKey().lateToEarlyRatio(), run.epochs(), trainSeconds));
        }
      }
    }
    List<Summary> summaries = new ArrayList<>();
    for (String m : o.models()) {
      List<Run> all = runs.stream().filter(r -> r.model().equals(m)).toList();
      double[] per = all.stream().mapToDouble(Run::rmse).toArray();
      double mean = Arrays.stream(per).average().orElse(Double.NaN);
      double ss = 0;
      for (double v : per) {
        ss += (v - mean) * (v - mean);
      }
      double se = per.length < 2 ? 0 : Math.sqrt(ss / (per.length - 1)) / Math.sqrt(per.length);
      double[] byStep = new double[HORIZON + 1];
      for (Run r : all) {
        for (int t = 0; t < byStep.length; t++) {
          byStep[t] += r.rmseByStep()[t] / all.size();
        }
      }
      summaries.add(new Summary(m, all.size(), mean, se, per, byStep,
          all.stream().mapToDouble(r -> r.energy().maxRelativeDeviation()).average().orElse(Double.NaN),
          all.stream().mapToDouble(r -> r.energy().lateToEarlyRatio()).average().orElse(Double.NaN),
          all.stream().mapToDouble(Run::trainSeconds).average().orElse(Double.NaN)));
    }
    return new Result(runs, summaries, trained, runs.size() - trained);
  }
}

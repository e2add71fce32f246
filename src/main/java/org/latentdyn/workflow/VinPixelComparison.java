package org.latentdyn.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.latentdyn.data.io.AtomicFiles;
import org.latentdyn.mechanics.HamiltonianSystem;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.Pendulum;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.mechanics.PhaseSpaceData;
import org.latentdyn.mechanics.PixelRenderer;
import org.latentdyn.models.vin.PixelScores;
import org.latentdyn.models.vin.PixelVae;
import org.latentdyn.models.vin.PixelVaeConfig;
import org.latentdyn.models.vin.PixelVaeModel;
import org.latentdyn.models.vin.VinConfig;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/**
 * The pixel comparison of VIN spec §3b, §5 (paper Table 1, Figs. 7-8): for every seed a fresh 60-frame trajectory
 * from the §3b starts (pendulum g = 9.81; spring k = 2, m = 1), rendered to binary 28 x 28 frames; every model's
 * pixel VAE trained on it (the best training ELBO kept), then the 50-frame forecast from t = 0 decoded and scored
 * against that same trajectory (both pairings of §5); per model the mean over seeds and its standard error. Runs are
 * stored as {@code dir/runs/<model>-seed<s>/} (model and {@code result.json}) and reused when the comparison runs
 * again with the same settings.
 */
public final class VinPixelComparison {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /** Frames per trajectory (6 s at 10 Hz) and their spacing. */
  public static final int FRAMES = 60;
  public static final double FRAME_SECONDS = 0.1;
  /** Steps of the decoded rollouts of Figs. 7-8 (20 s). */
  public static final int ROLLOUT_STEPS = 200;

  private VinPixelComparison() {}

  /**
   * Settings.
   *
   * @param system "pendulum" or "mass-spring"
   * @param models command-line names: vin-vv, vin-sv, vin-so2, resrnn, dvae
   * @param seeds seeds 1..seeds
   * @param epochs full-batch epochs per run (6000)
   * @param hidden encoder, decoder and potential width (1000)
   */
  public record Options(String system, List<String> models, int seeds, int epochs, int hidden) {
    public Options {
      VinPixelComparison.system(system);
      if (models == null || models.isEmpty()) {
        throw new IllegalArgumentException("models must name at least one of vin-vv, vin-sv, vin-so2, resrnn, dvae");
      }
      for (String m : models) {
        kind(m);
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
      }
      if (hidden < 1) {
        throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
      }
      models = List.copyOf(models);
    }

    /** Paper models: pendulum ResRNN, VIN-VV, VIN-SO(2); spring ResRNN, VIN-SV; 6000 epochs, widths 1000. */
    public static Options defaults(String system, int seeds) {
      return new Options(system, defaultModels(system), seeds, 6000, 1000);
    }
  }

  /** The Table-1 models of a system. */
  public static List<String> defaultModels(String system) {
    return "pendulum".equals(system) ? List.of("resrnn", "vin-vv", "vin-so2") : List.of("resrnn", "vin-sv");
  }

  /** Table 1 of the paper (spec §9): {@code {rmse, rmseSe, logLik x 1e-2, its se}}, or null where not reported. */
  public static double[] paper(String system, String model) {
    return switch (system + "/" + model) {
      case "pendulum/resrnn" -> new double[] {6.1, 0.2, -246.7, 79.2};
      case "pendulum/vin-vv" -> new double[] {4.3, 0.6, -13.4, 5.8};
      case "pendulum/vin-so2" -> new double[] {3.4, 0.6, -3.2, 1.9};
      case "mass-spring/resrnn" -> new double[] {6.1, 0.1, -4.7, 2.4};
      case "mass-spring/vin-sv" -> new double[] {3.2, 0.2, -0.2, 0.0};
      default -> null;
    };
  }

  /** The system of the pixel experiment: pendulum (g 9.81, m = l = 1) or mass-spring (k 2, m 1). */
  public static HamiltonianSystem system(String name) {
    return switch (name == null ? "" : name) {
      case "pendulum" -> Pendulum.withGravity(Pendulum.GRAVITY);
      case "mass-spring" -> new MassSpring(2, 1);
      default -> throw new IllegalArgumentException("system must be pendulum or mass-spring, got '" + name + "'");
    };
  }

  static VinConfig.Kind kind(String model) {
    return switch (model) {
      case "vin-vv" -> VinConfig.Kind.VIN_VV;
      case "vin-sv" -> VinConfig.Kind.VIN_SV;
      case "vin-so2" -> VinConfig.Kind.VIN_SO2;
      case "resrnn" -> VinConfig.Kind.RESRNN;
      case "dvae" -> VinConfig.Kind.DVAE;
      default -> throw new IllegalArgumentException("unknown pixel model '" + model + "'; expected some of vin-vv,"
          + " vin-sv, vin-so2, resrnn, dvae");
    };
  }

  /**
   * The binary frames {@code [1, frames, 28, 28]} of seed {@code seed}'s trajectory; the first 60 frames of a longer
   * draw are the training frames (the start depends only on the seed).
   */
  public static VinPixels.Frames frames(String system, long seed, int frames) {
    HamiltonianSystem sys = system(system);
    PhaseSpaceArray x = PhaseSpaceData.pixelTrajectories(sys, 1, frames, FRAME_SECONDS, seed);
    double[][] q = new double[1][frames];
    for (int t = 0; t < frames; t++) {
      q[0][t] = x.get(0, t, 0);
    }
    PixelRenderer r = PixelRenderer.of(PixelRenderer.Options.DEFAULTS);
    PixelRenderer.Frames f = "pendulum".equals(system) ? r.pendulumFrames(q) : r.springFrames(q);
    return new VinPixels.Frames(f.pixels(), f.shape());
  }

  /**
   * One finished run.
   *
   * @param model model name
   * @param seed data and model seed
   * @param rmse spec §5 RMSE (sqrt of the mean over frames of the summed squared pixel error)
   * @param logLik mean over frames of the summed log-likelihood (nats)
   * @param rmseTotal the summed pairing's RMSE
   * @param logLikTotal the summed pairing's log-likelihood
   * @param scoredFrames frames scored (50)
   * @param bestElbo best training ELBO
   * @param bestEpoch its epoch
   * @param trainSeconds training wall time
   * @param secondsPerEpoch mean epoch time
   * @param settings the settings the run was made with (a reused run must match)
   */
  public record Run(String model, long seed, double rmse, double logLik, double rmseTotal, double logLikTotal,
      int scoredFrames, double bestElbo, int bestEpoch, double trainSeconds, double secondsPerEpoch,
      Map<String, Object> settings) {}

  /** Mean and standard error (sample sd / sqrt(n); 0 for one value). */
  public record Stat(double mean, double se) {
    static Stat of(double[] v) {
      double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
      double ss = 0;
      for (double x : v) {
        ss += (x - mean) * (x - mean);
      }
      return new Stat(mean, v.length < 2 ? 0 : Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length));
    }
  }

  /**
   * Per model over seeds.
   *
   * @param paper Table 1's {@code {rmse, se, logLik x 1e-2, se}} or null
   */
  public record Summary(String model, int seeds, Stat rmse, Stat logLik, Stat rmseTotal, Stat logLikTotal,
      double trainSecondsMean, double[] paper) {}

  /** Every run, the per-model summaries, and how many runs were trained now or reused. */
  public record Result(List<Run> runs, List<Summary> models, int trained, int reused) {}

  /** The settings a run depends on, stored with it and compared on reuse. */
  static Map<String, Object> settings(Options o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("system", o.system());
    m.put("frames", FRAMES);
    m.put("epochs", o.epochs());
    m.put("hidden", o.hidden());
    return m;
  }

  /** The run folder of a model and seed. */
  public static Path runDir(Path dir, String model, long seed) {
    return dir.resolve("runs").resolve(model + "-seed" + seed);
  }

  /** The configuration a run trains with. */
  public static PixelVaeConfig config(Options o, String model, long seed) {
    PixelVaeConfig c = PixelVaeConfig.defaults(kind(model), seed).withEpochs(o.epochs());
    return c.withWidths(o.hidden(), o.hidden(), c.lstmUnits(), o.hidden());
  }

  /** What a run's checkpoint must match to be continued (its configuration and the comparison's settings). */
  static Map<String, Object> checkpointDescription(PixelVaeConfig config, Options o) throws IOException {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("config", config);
    d.put("settings", settings(o));
    return CheckpointStore.normalised(d);
  }

  /** Epochs between two checkpoints of a run (about a minute of a paper-sized pixel model on 2 cores). */
  public static final int CHECKPOINT_EVERY = 250;

  /**
   * Trains (or reuses) every run; {@code log} gets one line per run. A run leaves a checkpoint every
   * {@link #CHECKPOINT_EVERY} epochs in {@code runs/<model>-seed<s>/checkpoint}, from which a comparison stopped
   * in the middle continues (removed once the run's result is written).
   */
  public static Result run(Options o, Path dir, Consumer<String> log) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> settings = JSON.convertValue(settings(o), Map.class);
    List<Run> runs = new ArrayList<>();
    int trained = 0;
    for (long s = 1; s <= o.seeds(); s++) {
      VinPixels.Frames y = null;
      for (String m : o.models()) {
        Path runDir = runDir(dir, m, s);
        Path result = runDir.resolve("result.json");
        if (Files.isRegularFile(result)) {
          Run old = JSON.readValue(result.toFile(), Run.class);
          if (settings.equals(old.settings())) {
            runs.add(old);
            continue;
          }
          log.accept(m + " seed " + s + ": settings changed since the stored run; training again");
        }
        if (y == null) {
          y = frames(o.system(), s, FRAMES);
        }
        // an interrupted run continues from its last checkpoint (every CHECKPOINT_EVERY epochs) when it matches
        PixelVaeConfig config = config(o, m, s);
        CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoint"));
        Map<String, Object> description = checkpointDescription(config, o);
        Checkpoint start = store.readIfOf(description);
        double before = start == null ? 0 : start.history().stream().mapToDouble(EpochRecord::seconds).sum();
        if (start != null) {
          log.accept(String.format(Locale.ROOT, "%s seed %d: continues from its checkpoint at epoch %d of %d", m, s,
              start.nextEpoch() + 1, config.epochs()));
        }
        TrainingListener saver = store.writer(description);
        long t0 = System.nanoTime();
        try (PixelVaeModel model = PixelVae.fit(y.values(), y.shape(), config, saver, start, CHECKPOINT_EVERY)) {
          double trainSeconds = (System.nanoTime() - t0) / 1e9 + before;
          PixelScores sc = model.scores(y.values(), PixelVaeModel.TABLE_FRAMES);
          Run run = new Run(m, s, sc.rmse(), sc.logLikelihood(), sc.rmseTotal(), sc.logLikelihoodTotal(), sc.frames(),
              model.bestElbo(), model.bestEpoch(), trainSeconds, trainSeconds / o.epochs(), settings);
          Path modelDir = runDir.resolve("model");
          Files.createDirectories(runDir);
          AtomicFiles.deleteTree(modelDir);
          model.save(modelDir);
          AtomicFiles.writeString(result, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run));
          AtomicFiles.deleteTree(store.dir());
          runs.add(run);
          trained++;
          log.accept(String.format(Locale.ROOT, "%s seed %d: rmse %.3f, logLik %.2f (x 1e-2), best elbo %.1f at epoch"
              + " %d, %.1f s", m, s, run.rmse(), run.logLik() * 1e-2, run.bestElbo(), run.bestEpoch(), trainSeconds));
        }
      }
    }
    List<Summary> summaries = new ArrayList<>();
    for (String m : o.models()) {
      List<Run> all = runs.stream().filter(r -> r.model().equals(m)).toList();
      summaries.add(new Summary(m, all.size(), Stat.of(all.stream().mapToDouble(Run::rmse).toArray()),
          Stat.of(all.stream().mapToDouble(Run::logLik).toArray()),
          Stat.of(all.stream().mapToDouble(Run::rmseTotal).toArray()),
          Stat.of(all.stream().mapToDouble(Run::logLikTotal).toArray()),
          all.stream().mapToDouble(Run::trainSeconds).average().orElse(Double.NaN), paper(o.system(), m)));
    }
    return new Result(runs, summaries, trained, runs.size() - trained);
  }

  /**
   * Decoded rollouts of paper Figs. 7-8: the true frames of {@code seed}'s trajectory continued to
   * {@code steps + 1} frames, and each stored model's decoded forecast from the first {@code depth} frames.
   *
   * @return the truth first ({@code "truth"}), then one entry per model with a stored run, each {@code [steps+1][P]}
   */
  public static Map<String, double[][]> rollouts(Options o, Path dir, long seed, int steps) throws IOException {
    VinPixels.Frames y = frames(o.system(), seed, steps + 1);
    Map<String, double[][]> out = new LinkedHashMap<>();
    double[][] truth = new double[steps + 1][y.pixels()];
    for (int t = 0; t <= steps; t++) {
      for (int i = 0; i < y.pixels(); i++) {
        truth[t][i] = y.values()[t * y.pixels() + i];
      }
    }
    out.put("truth", truth);
    for (String m : o.models()) {
      Path model = runDir(dir, m, seed).resolve("model");
      if (!Files.isDirectory(model)) {
        continue;
      }
      try (PixelVaeModel p = PixelVaeModel.load(model)) {
        out.put(m, p.decode(p.rollout(p.encode(y.values()), steps)));
      }
    }
    return out;
  }
}

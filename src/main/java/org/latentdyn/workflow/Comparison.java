package org.latentdyn.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.AtomicFiles;
import org.latentdyn.data.io.Npy;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.models.baselines.BaselineConfig;
import org.latentdyn.models.baselines.BetaVaeConfig;
import org.latentdyn.models.baselines.SdeVaeConfig;
import org.latentdyn.models.baselines.SwaeConfig;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.TrainingListener;

/**
 * Compares representation models over seeds and beta values the way the paper's Table 2 does: every
 * (model, beta, seed) run is trained independently (one at a time for now), evaluated with L_z (Eq. 9, unit-diffusion
 * convention), and stored as {@code runs/<model>-beta<b>-seed<s>/result.json} plus its aligned latent and the
 * settings it was trained with ({@code settings.json}); runs whose result exists with the same settings are not
 * trained again, so an interrupted sweep resumes where it stopped, and a run whose settings changed is retrained. Image movies
 * (flattened {@code [frames, C*64*64]}) run the same way on the convolutional networks of {@link Options#networks}.
 */
public final class Comparison {
  /** Results from an older format (a missing field) are not reused but trained again. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES).build();
  /** The model names the comparison knows, as on the command line. */
  public static final List<String> MODELS = List.of("dynae", "betavae", "swae", "sdevae");

  private Comparison() {}

  /**
   * Sweep settings.
   *
   * @param models model names from {@link #MODELS}
   * @param betas beta values to sweep per model name; a model without an entry uses the entry {@code "*"} if
   *     there is one, else its own default ({@link #defaultBeta})
   * @param seeds seeds 1..seeds
   * @param epochs epochs per run
   * @param latentDim latent dimension
   * @param threads runs trained at the same time, each on one thread (the MLP models train on the plain-Java step
   *     engine, which keeps no process-wide state); 1 for convolutional networks, which train on DJL
   * @param networks the encoder/decoder of every run ({@link Networks#MODEL_DEFAULTS}: each model's MLPs and
   *     minibatch size)
   */
  public record Options(List<String> models, Map<String, List<Double>> betas, int seeds, int epochs, int latentDim,
      int threads, Networks networks) {
    /** Options on each model's default networks. */
    public Options(List<String> models, Map<String, List<Double>> betas, int seeds, int epochs, int latentDim,
        int threads) {
      this(models, betas, seeds, epochs, latentDim, threads, Networks.MODEL_DEFAULTS);
    }

    public Options {
      if (networks == null) {
        networks = Networks.MODEL_DEFAULTS;
      }
      if (networks.architecture() == Architecture.CONV && threads != 1) {
        throw new IllegalArgumentException("threads must be 1 for convolutional networks (DJL records gradients"
            + " process-wide), got " + threads);
      }
      if (models.isEmpty()) {
        throw new IllegalArgumentException("models must name at least one of " + MODELS);
      }
      for (String m : models) {
        if (!MODELS.contains(m)) {
          throw new IllegalArgumentException("unknown model '" + m + "'; expected some of " + MODELS);
        }
      }
      for (Map.Entry<String, List<Double>> e : betas.entrySet()) {
        if (!e.getKey().equals("*") && !MODELS.contains(e.getKey())) {
          throw new IllegalArgumentException("--beta names unknown model '" + e.getKey() + "'; expected some of "
              + MODELS);
        }
        if (e.getValue().isEmpty()) {
          throw new IllegalArgumentException("--beta for " + e.getKey() + " lists no values");
        }
        for (double b : e.getValue()) {
          if (!(b >= 0) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("beta must be a finite number >= 0, got " + b);
          }
        }
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
      }
      if (latentDim < 1) {
        throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      models = List.copyOf(models);
      Map<String, List<Double>> copy = new LinkedHashMap<>();
      betas.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      betas = java.util.Collections.unmodifiableMap(copy);
    }

    /** The betas swept for {@code model}. */
    public List<Double> betasOf(String model) {
      List<Double> b = betas.get(model);
      if (b == null) {
        b = betas.get("*");
      }
      return b == null ? List.of(defaultBeta(model)) : b;
    }
  }

  /**
   * The encoder/decoder and minibatch size given to every run's configuration.
   *
   * @param architecture MLP (vector frames) or CONV (flattened 64x64 image frames; trains on DJL)
   * @param conv sizes of the convolutional networks (used with CONV)
   * @param batchSize minibatch size, or 0 for each model's default
   * @param budget the movie budget whose DynAE settings apply, or null for DynAE's defaults
   */
  public record Networks(Architecture architecture, ConvOptions conv, int batchSize, MovieBudget budget) {
    /** Each model's own MLPs and minibatch size. */
    public static final Networks MODEL_DEFAULTS = new Networks(Architecture.MLP, ConvOptions.defaults(), 0);

    /** Networks without a movie budget. */
    public Networks(Architecture architecture, ConvOptions conv, int batchSize) {
      this(architecture, conv, batchSize, null);
    }

    public Networks {
      if (architecture == null || conv == null) {
        throw new IllegalArgumentException("architecture and conv must be given, got " + architecture + " and "
            + conv);
      }
      if (batchSize != 0 && batchSize < 2) {
        throw new IllegalArgumentException("batchSize must be >= 2 (or 0 for the model's default), got "
            + batchSize);
      }
    }

    /** The convolutional networks of a movie budget. */
    public static Networks of(MovieBudget budget) {
      return new Networks(Architecture.CONV, budget.conv(), budget.batchSize(), budget);
    }

    DynaeConfig apply(DynaeConfig c) {
      c = c.withArchitecture(architecture).withConv(conv);
      c = budget == null ? c : budget.applyTo(c);
      return batchSize == 0 ? c : c.withBatchSize(batchSize);
    }

    BetaVaeConfig apply(BetaVaeConfig c) {
      c = c.withArchitecture(architecture).withConv(conv);
      return batchSize == 0 ? c : c.withBatchSize(batchSize);
    }

    SwaeConfig apply(SwaeConfig c) {
      c = c.withArchitecture(architecture).withConv(conv);
      return batchSize == 0 ? c : c.withBatchSize(batchSize);
    }

    SdeVaeConfig apply(SdeVaeConfig c) {
      c = c.withArchitecture(architecture).withConv(conv);
      return batchSize == 0 ? c : c.withBatchSize(batchSize);
    }
  }

  /**
   * Parses {@code --beta} values: {@code "0.1,1,10"} (every model without its own list) or
   * {@code "betavae=0.1,1,10"} (one model). Repeating a model is an error.
   */
  public static Map<String, List<Double>> parseBetas(List<String> specs) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      String model = eq < 0 ? "*" : spec.substring(0, eq).trim();
      String list = eq < 0 ? spec : spec.substring(eq + 1);
      List<Double> values = new ArrayList<>();
      for (String v : list.split(",")) {
        try {
          values.add(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--beta '" + spec + "': '" + v + "' is not a number; expected a list"
              + " like 0.1,1,10 or betavae=0.1,1,10");
        }
      }
      if (out.put(model, values) != null) {
        throw new IllegalArgumentException("--beta given twice for " + (model.equals("*") ? "all models" : model));
      }
    }
    return out;
  }

  /**
   * One finished run.
   *
   * @param model model name
   * @param beta beta used
   * @param seed seed
   * @param lz isometry-corrected MSE
   * @param lzRelative L_z over the truth variance
   * @param similarityRelativeMse relative MSE after the best similarity (isometry and scale): scale-free, so it
   *     separates a warped latent from a merely rescaled one
   * @param reconstruction mean squared reconstruction error per frame
   * @param latentVariance variance of each latent dimension
   * @param seconds training seconds
   * @param secondsPerEpoch training seconds per epoch
   */
  public record Run(String model, double beta, long seed, double lz, double lzRelative, double similarityRelativeMse,
      double reconstruction,
      double[] latentVariance, double seconds, double secondsPerEpoch) {}

  /**
   * Mean and standard deviation over seeds for one (model, beta).
   *
   * @param model model name
   * @param beta beta
   * @param seeds the seeds
   * @param lzMean mean L_z
   * @param lzSd sample standard deviation of L_z (0 for one seed)
   * @param lzRelativeMean mean relative L_z
   * @param lzRelativeSd its standard deviation
   * @param similarityRelativeMseMean mean relative MSE after a similarity fit
   * @param similarityRelativeMseSd its standard deviation
   * @param reconstructionMean mean reconstruction error
   * @param minLatentVarianceMean mean over seeds of the smallest per-dimension latent variance (about 0 for a
   *     collapsed posterior)
   * @param secondsMean mean training seconds
   * @param secondsPerEpochMean mean seconds per epoch
   */
  public record Summary(String model, double beta, List<Long> seeds, double lzMean, double lzSd, double lzRelativeMean,
      double lzRelativeSd, double similarityRelativeMseMean, double similarityRelativeMseSd, double reconstructionMean,
      double minLatentVarianceMean, double secondsMean, double secondsPerEpochMean) {}

  /**
   * The result.
   *
   * @param models one summary per (model, beta)
   * @param chosen per model, the summary of the beta with the lowest mean L_z (the model's row of Table 2)
   * @param runs every run
   * @param trained runs trained by this call
   * @param reused runs read back from earlier calls
   * @param meanPredictorError reconstruction error of predicting every frame by the data mean (the total
   *     variance): a model that does not beat it has learnt nothing about the frames
   */
  public record Result(List<Summary> models, List<Summary> chosen, List<Run> runs, int trained, int reused,
      double meanPredictorError) {}

  /** Folder name of one run. */
  public static String runName(String model, double beta, long seed) {
    return String.format(Locale.ROOT, "%s-beta%s-seed%d", model, trim(beta), seed);
  }

  /** Hears about the runs of a comparison as they finish (called from the pool's threads, one at a time). */
  public interface Progress {
    /** {@code toTrain} of the {@code total} runs need training; the others are reused. */
    default void started(int total, int toTrain) {}

    /** A run finished training. */
    default void finished(Run run) {}

    /** The run {@code name}, interrupted before, continues from its checkpoint at epoch {@code epoch} (from 0). */
    default void resumed(String name, int epoch) {}

    /** The finished run {@code name} was trained with other settings (or data); it is trained again. */
    default void retrained(String name) {}

    /** Ignores everything. */
    Progress NONE = new Progress() {};
  }

  /** Runs (or reuses) every run and summarises them. Arrays and results go under {@code dir/runs}. */
  public static Result run(Trajectory data, Trajectory truth, Options o, Path dir) throws IOException {
    return run(data, truth, o, dir, Progress.NONE);
  }

  /** {@link #run(Trajectory, Trajectory, Options, Path)}, reporting each finished run to {@code progress}. */
  public static Result run(Trajectory data, Trajectory truth, Options o, Path dir, Progress progress)
      throws IOException {
    return run(FrameStore.of(data), truth, o, dir, progress);
  }

  /**
   * {@link #run(Trajectory, Trajectory, Options, Path, Progress)} on frames read as the runs need them: a movie
   * streamed from its memory map trains and is analysed without being held. Several runs read the frames at once
   * when {@code o.threads() > 1}, which needs frames in memory.
   */
  public static Result run(FrameStore data, Trajectory truth, Options o, Path dir, Progress progress)
      throws IOException {
    if (!data.inMemory() && o.threads() > 1) {
      throw new IllegalArgumentException("streamed frames train one run at a time; got threads = " + o.threads());
    }
    if (truth == null || truth.frames() != data.frames()) {
      throw new IllegalArgumentException("compare needs a truth with as many frames as the data ("
          + data.frames() + "), got " + (truth == null ? "none" : truth.frames() + " frames"));
    }
    Files.createDirectories(dir.resolve("runs"));
    List<double[]> grid = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String m : o.models()) {
      for (double b : o.betasOf(m)) {
        for (long s = 1; s <= o.seeds(); s++) {
          names.add(m);
          grid.add(new double[] {b, s});
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(o.threads());
    List<Future<Run>> futures = new ArrayList<>();
    int[] trained = {0};
    try {
      Run[] previous = new Run[grid.size()];
      int toTrain = 0;
      for (int k = 0; k < grid.size(); k++) {
        String m = names.get(k);
        long s = (long) grid.get(k)[1];
        Path runDir = dir.resolve("runs").resolve(runName(m, grid.get(k)[0], s));
        previous[k] = finished(runDir, checkpointDescription(m, runConfig(m, grid.get(k)[0], s, o), data), progress);
        toTrain += previous[k] == null ? 1 : 0;
      }
      progress.started(grid.size(), toTrain);
      for (int k = 0; k < grid.size(); k++) {
        String m = names.get(k);
        double b = grid.get(k)[0];
        long s = (long) grid.get(k)[1];
        Path runDir = dir.resolve("runs").resolve(runName(m, b, s));
        if (previous[k] != null) {
          futures.add(java.util.concurrent.CompletableFuture.completedFuture(previous[k]));
          continue;
        }
        futures.add(pool.submit(() -> {
          Run r = trainOne(data, truth, m, b, s, o, runDir, progress);
          synchronized (trained) {
            trained[0]++;
            progress.finished(r);
          }
          return r;
        }));
      }
      List<Run> runs = new ArrayList<>();
      for (Future<Run> f : futures) {
        try {
          runs.add(f.get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IOException(c);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      List<Summary> summaries = summarise(runs);
      return new Result(summaries, choose(summaries), runs, trained[0], runs.size() - trained[0],
          meanPredictorError(data));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The stored result of a finished run, or null if there is none, it is in an older format, or its
   * {@code settings.json} (the description of model, configuration and data it was trained with) differs from
   * {@code description}; a result written before settings were recorded is reused as it is.
   */
  private static Run finished(Path runDir, Map<String, Object> description, Progress progress) {
    Path result = runDir.resolve("result.json");
    if (!Files.isRegularFile(result)) {
      return null;
    }
    try {
      Path settings = runDir.resolve("settings.json");
      if (Files.isRegularFile(settings) && !description.equals(JSON.readValue(settings.toFile(),
          new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {}))) {
        progress.retrained(runDir.getFileName().toString());
        return null;
      }
      return JSON.readValue(result.toFile(), Run.class);
    } catch (IOException e) {
      return null;
    }
  }

  /** The configuration of one run: DynAE's or a baseline's, with the options' networks, epochs and latent size. */
  static Object runConfig(String model, double beta, long seed, Options o) {
    return model.equals("dynae") ? o.networks().apply(DynaeConfig.defaults(seed).withBeta(beta)
        .withEpochs(o.epochs()).withLatentDim(o.latentDim())) : baselineConfig(model, beta, seed, o);
  }

  /**
   * Trains and evaluates one run. Every epoch leaves a checkpoint in {@code runDir/checkpoint}; a run interrupted
   * before (the process stopped) continues from it when its description (model, configuration, data shape) is the
   * same, with the numbers of an uninterrupted run, and the checkpoint is removed once the result is written.
   */
  private static Run trainOne(FrameStore data, Trajectory truth, String model, double beta, long seed, Options o,
      Path runDir, Progress progress) {
    try {
      Files.createDirectories(runDir);
      Trajectory latent;
      double rec;
      double[] var;
      Evaluation ev;
      double seconds;
      int epochs;
      Object config = runConfig(model, beta, seed, o);
      CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoint"));
      Map<String, Object> description = checkpointDescription(model, config, data);
      Checkpoint start = store.readIfOf(description);
      if (start != null) {
        progress.resumed(runDir.getFileName().toString(), start.nextEpoch());
      }
      TrainingListener saver = store.writer(description);
      if (config instanceof DynaeConfig c) {
        DynaeRun.Result r = DynaeRun.run(data, truth, c, saver, start);
        try (var m = r.model()) {
          latent = r.latent();
          rec = r.reconstructionMse();
          var = BaselineRun.variance(latent);
          ev = r.evaluation();
          seconds = m.history().stream().mapToDouble(e -> e.seconds()).sum();
          epochs = m.history().size();
          Npy.write(runDir.resolve("aligned_latent.npy"), Trajectory.ofRows(r.aligned()));
        }
      } else {
        BaselineRun.Result r = BaselineRun.run(data, truth, (BaselineConfig) config, saver, start);
        try (var m = r.model()) {
          latent = r.latent();
          rec = r.reconstructionMse();
          var = r.latentVariance();
          ev = r.evaluation();
          seconds = m.history().stream().mapToDouble(e -> e.seconds()).sum();
          epochs = m.history().size();
          Npy.write(runDir.resolve("aligned_latent.npy"), Trajectory.ofRows(r.aligned()));
        }
      }
      Run run = new Run(model, beta, seed, ev.lz(), ev.lzRelative(), ev.similarityRelativeMse(), rec, var, seconds,
          seconds / epochs);
      AtomicFiles.writeString(runDir.resolve("settings.json"), JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(description));
      AtomicFiles.writeString(runDir.resolve("result.json"), JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(run));
      AtomicFiles.deleteTree(store.dir());
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a run's checkpoint must match to be continued, as read back from its JSON (so that the two compare). */
  static Map<String, Object> checkpointDescription(String model, Object config, FrameStore data) throws IOException {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("model", model);
    d.put("config", config);
    d.put("frames", data.frames());
    d.put("features", data.features());
    return CheckpointStore.normalised(d);
  }

  static BaselineConfig baselineConfig(String model, double beta, long seed, Options o) {
    return switch (model) {
      case "betavae" -> o.networks().apply(BetaVaeConfig.defaults(seed).withBeta(beta).withEpochs(o.epochs())
          .withLatentDim(o.latentDim()));
      case "swae" -> o.networks().apply(SwaeConfig.defaults(seed).withBeta(beta).withEpochs(o.epochs())
          .withLatentDim(o.latentDim()));
      case "sdevae" -> o.networks().apply(SdeVaeConfig.defaults(seed).withBeta(beta).withEpochs(o.epochs())
          .withLatentDim(o.latentDim()));
      default -> throw new IllegalArgumentException("unknown model '" + model + "'; expected some of " + MODELS);
    };
  }

  /** Each model's default beta (DynAE and SWAE 10, beta-VAE and SDE-VAE 1). */
  public static double defaultBeta(String model) {
    return switch (model) {
      case "dynae" -> DynaeConfig.defaults(0).beta();
      case "betavae" -> BetaVaeConfig.defaults(0).beta();
      case "swae" -> SwaeConfig.defaults(0).beta();
      case "sdevae" -> SdeVaeConfig.defaults(0).beta();
      default -> throw new IllegalArgumentException("unknown model '" + model + "'; expected some of " + MODELS);
    };
  }

  static List<Summary> summarise(List<Run> runs) {
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    for (Run r : runs) {
      groups.computeIfAbsent(r.model() + "\u0000" + r.beta(), k -> new ArrayList<>()).add(r);
    }
    List<Summary> out = new ArrayList<>();
    for (List<Run> g : groups.values()) {
      g.sort(Comparator.comparingLong(Run::seed));
      out.add(new Summary(g.get(0).model(), g.get(0).beta(), g.stream().map(Run::seed).toList(),
          mean(g, Run::lz), sd(g, Run::lz), mean(g, Run::lzRelative), sd(g, Run::lzRelative),
          mean(g, Run::similarityRelativeMse), sd(g, Run::similarityRelativeMse), mean(g, Run::reconstruction),
          mean(g, r -> java.util.Arrays.stream(r.latentVariance()).min().orElse(Double.NaN)), mean(g, Run::seconds),
          mean(g, Run::secondsPerEpoch)));
    }
    return out;
  }

  /** Per model (in order of first appearance), the summary with the lowest mean L_z. */
  static List<Summary> choose(List<Summary> summaries) {
    Map<String, Summary> best = new LinkedHashMap<>();
    for (Summary s : summaries) {
      best.merge(s.model(), s, (a, b) -> b.lzMean() < a.lzMean() ? b : a);
    }
    return List.copyOf(best.values());
  }

  /** Mean over frames of the squared distance to the mean frame (summed over features). */
  static double meanPredictorError(FrameStore x) {
    int n = x.frames();
    int f = x.features();
    double[] mean = new double[f];
    float[] row = new float[f];
    for (int i = 0; i < n; i++) {
      x.copy(i, row, 0);
      for (int j = 0; j < f; j++) {
        mean[j] += row[j];
      }
    }
    double s = 0;
    for (int j = 0; j < f; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      x.copy(i, row, 0);
      for (int j = 0; j < f; j++) {
        double e = row[j] - mean[j];
        s += e * e;
      }
    }
    return s / n;
  }

  private static double mean(List<Run> g, java.util.function.ToDoubleFunction<Run> f) {
    return g.stream().mapToDouble(f).average().orElse(Double.NaN);
  }

  /** Sample standard deviation (n - 1); 0 for a single value. */
  static double sd(List<Run> g, java.util.function.ToDoubleFunction<Run> f) {
    if (g.size() < 2) {
      return 0;
    }
    double m = mean(g, f);
    double s = 0;
    for (Run r : g) {
      double e = f.applyAsDouble(r) - m;
      s += e * e;
    }
    return Math.sqrt(s / (g.size() - 1));
  }

  private static String trim(double b) {
    return b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
  }
}

package org.latentdyn.cli;

import org.latentdyn.train.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.FeatureFolder;
import org.latentdyn.metrics.AngleEvaluation;
import org.latentdyn.metrics.AngleMetrics;
import org.latentdyn.metrics.Pca;
import org.latentdyn.models.baselines.BaselineConfig;
import org.latentdyn.models.baselines.BetaVaeConfig;
import org.latentdyn.models.baselines.SdeVaeConfig;
import org.latentdyn.models.baselines.SwaeConfig;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.movies.io.MovieFiles;
import org.latentdyn.movies.io.MovieReader;
import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.report.TrainReport;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.workflow.BaselineRun;
import org.latentdyn.workflow.DynaeRun;
import org.latentdyn.workflow.MovieBudget;
import org.latentdyn.workflow.MovieEncoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn train}: fit a model, write it with its latent, metrics, history and report. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train a representation model (DynAE: paper Algorithm 1) and write DIR/model, DIR/latent.npy,"
        + " DIR/metrics.json, DIR/history.csv, DIR/run.json and DIR/report.html. A checkpoint is kept after every"
        + " epoch; 'train --resume DIR' continues an interrupted run to the same result.")
final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", description = "observations [frames, features] (.npy, .npz[:key], .csv, .h5:/path), or a"
      + " folder written by 'featurize' (its files stay separate trajectories)")
  String data;

  @Option(names = "--truth", description = "ground truth [frames, d'] to evaluate the latent with L_z")
  String truth;

  @Option(names = "--model", defaultValue = "dynae",
      description = "model: dynae, betavae, swae, sdevae, or nld-overdamped / nld-underdamped on sequences"
          + " [sequences, frames, features], or vin-sv, vin-vv, vin-so2, resrnn, dvae, hnn, nn on phase-space"
          + " trajectories [N, T, 2] (VIN spec) (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--latent-dim", defaultValue = "2", description = "latent dimension d (default: ${DEFAULT-VALUE})")
  int latentDim;

  @Option(names = "--epochs", description = "epochs including the warm-up (default: 50; movies: the budget's; for nld"
      + " models the preset's);"
      + " VIN models: full-batch steps, or a list such as 2000,5000,10000 (each trained, the best training NLL kept;"
      + " default 2000); on pixel frames one number (default 6000, the best training ELBO kept)")
  String epochsOption;

  Integer epochs;

  @Option(names = "--derivatives", description = "VIN models hnn, nn: observed (qdot, pdot) [N, T, 2], e.g."
      + " derivatives.npy of 'simulate pendulum'")
  String derivatives;

  @Option(names = "--time-step", description = "VIN models: step h of the cell, the data's frame spacing (default:"
      + " 0.1); on pixel frames [N, T, 28, 28] the latent step h (default: 1.0, spec vin.md §4b)")
  Double timeStep;

  @Option(names = "--unroll", defaultValue = "grow", description = "VIN models: grow (window from 5 points to the full"
      + " length over half the epochs, spec §10) or full (default: ${DEFAULT-VALUE})")
  String unroll;

  @Option(names = "--hidden", description = "VIN models: hidden width of the networks (default: 200); on pixel frames"
      + " the encoder, decoder and potential widths (default: 1000)")
  Integer hidden;

  @Option(names = "--learn-mass", description = "VIN models vin-sv, vin-vv: learn the inverse mass matrix")
  boolean learnMass;

  @Option(names = "--length", description = "nld models: frames of each training sequence (default: the preset's,"
      + " 200); the data must have at least this many")
  Integer length;

  @Option(names = "--preset", description = "nld models: spec preset O0-O4 (overdamped) or U0-U4 (underdamped)"
      + " (default: O1 for nld-overdamped, U1 for nld-underdamped)")
  String preset;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--beta", description = "regulariser weight beta (default: 10 for dynae and swae, 1 for betavae"
      + " and sdevae)")
  Double beta;

  @Option(names = "--d-min", description = "latent bin distance d_min (default: 5; movies: the budget's)")
  Double dMin;

  @Option(names = "--max-bins", description = "dynae: most latent bins; reaching it is an error that asks for a"
      + " larger --d-min (default: 200)")
  Integer maxBins;

  @Option(names = "--learning-rate", description = "dynae: encoder/decoder Adam learning rate after the warm-up"
      + " epoch (default: 1e-3; movies: the budget's)")
  Double learningRate;

  @Option(names = "--warmup-learning-rate", description = "dynae: encoder/decoder Adam learning rate in the warm-up"
      + " epoch (default: 1e-4; movies: the budget's)")
  Double warmupLearningRate;

  @Option(names = "--uniform-reconstruction", negatable = true, description = "dynae: take the reconstruction term"
      + " on a separate minibatch of pairs drawn uniformly from all pairs, the sliced-Wasserstein term on the"
      + " single-bin minibatch (default: off; movies: the budget's, on under --budget cpu)")
  Boolean uniformReconstruction;

  @Option(names = "--lag", defaultValue = "1", description = "frames between pair members (default: ${DEFAULT-VALUE})")
  int lag;

  @Option(names = "--batch-size", description = "pairs per minibatch (default: 256; movies: the budget's)")
  Integer batchSize;

  @Option(names = "--budget", description = "movies: training protocol paper (100000 frames, 50 epochs, batch 256,"
      + " filters 32,32,64,64) or cpu (16000 frames, 4 epochs, batch 64, filters 16,16,32,32; DynAE with beta 100,"
      + " learning rate 1e-3 (also in the warm-up) and its reconstruction on a uniform minibatch); --frames, --epochs"
      + " and --batch-size override its values (default: paper)")
  String budgetName;

  @Option(names = "--frames", description = "movies: train on the first N frames at most (default: the budget's)")
  Integer frames;

  @Mixin
  MovieOptions movieOptions = new MovieOptions();

  @Option(names = "--engine", defaultValue = "JAVA", description = "training step: JAVA (fused plain-Java step) or"
      + " DJL (autograd on PyTorch, the reference) (default: ${DEFAULT-VALUE})")
  Engine engine;

  @Option(names = "--truth-angles", description = "torsions [frames, 2] (phi, psi in radians, e.g. DIR/dihedrals.npy"
      + " of 'featurize'): evaluate the latent by circular-linear correlations, k-NN R^2 of their sin and cos, and"
      + " the Ramachandran-state accuracy, against the first two principal components of the data")
  String truthAngles;

  @Option(names = "--standardize", defaultValue = "auto", description = "dynae: train on (x - mean) / s with one"
      + " scale s for all features: on, off, or auto = on when the mean per-feature variance is outside [0.1, 10],"
      + " e.g. coordinates in nm (default: ${DEFAULT-VALUE})")
  String standardize;

  @Option(names = "--out", description = "output folder")
  Path out;

  @Option(names = "--resume", description = "continue the interrupted run in this folder")
  Path resume;

  @Override
  public Integer call() throws Exception {
    if (resume != null && PixelTraining.isPixelRun(resume)) {
      return PixelTraining.resume(spec, resume);
    }
    if (resume != null && VinTraining.isPhaseSpaceRun(resume)) {
      return VinTraining.resume(spec, resume);
    }
    if (resume == null && VinTraining.handles(model)) {
      return VinTraining.train(spec, new VinTraining.Request(data, derivatives, out, model, epochsOption, timeStep,
          seed, unroll, hidden, learnMass, engine));
    }
    if (epochsOption != null) {
      try {
        epochs = Integer.parseInt(epochsOption.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--epochs must be an integer for --model " + model + ", got '"
            + epochsOption + "'");
      }
    }
    if (resume == null ? model.startsWith("nld-") : isNldRun(resume)) {
      return NldTraining.train(spec, data, out, model, preset, epochs, length, seed, resume);
    }
    MovieBudget budget = budgetName == null ? null : MovieBudget.named(budgetName);
    Path target = resume != null ? resume : out;
    if (target != null && Files.exists(target) && !Files.isDirectory(target)) {
      throw new IllegalArgumentException("--out " + target + " exists and is not a directory; expected a folder path");
    }
    CheckpointStore store;
    Object config;
    Checkpoint start = null;
    Map<String, Object> run;
    if (resume != null) {
      out = resume;
      store = new CheckpointStore(resume.resolve("checkpoint"));
      if (!store.exists()) {
        throw new IllegalArgumentException("--resume " + resume + ": no checkpoint in " + store.dir()
            + "; expected the folder of an interrupted 'latentdyn train'");
      }
      run = store.run();
      data = (String) run.get("data");
      truth = (String) run.get("truth");
      movieOptions = MovieOptions.fromMap((Map<?, ?>) run.get("movieOptions"));
      frames = run.get("maxFrames") instanceof Number n ? n.intValue() : null;
      model = (String) run.getOrDefault("model", "dynae");
      config = new ObjectMapper().convertValue(run.get("config"), configClass(model));
      start = store.read();
    } else {
      if (data == null || out == null) {
        throw new IllegalArgumentException("train needs --data and --out (or --resume DIR)");
      }
      data = movieOptions.spec(data);
      boolean movie = MovieFiles.isMovie(data);
      movieOptions.requireMovie(movie, data);
      if (movie) {
        budget = (budget == null ? MovieBudget.PAPER : budget).override(frames, epochs, batchSize);
        frames = budget.frames();
        epochs = budget.epochs();
        batchSize = budget.batchSize();
      } else if (budget != null || frames != null) {
        throw new IllegalArgumentException("--budget and --frames apply to movies; --data " + data + " is not one"
            + " (expected .npy/.npz of rank 3 or 4, .tif/.tiff or a folder of .png frames)");
      }
      epochs = epochs == null ? 50 : epochs;
      batchSize = batchSize == null ? 256 : batchSize;
      config = configure(budget);
      store = new CheckpointStore(out.resolve("checkpoint"));
      if (store.exists()) {
        throw new IllegalArgumentException("--out " + out + " holds an interrupted run; continue it with --resume "
            + out + " or choose another --out");
      }
      if (Files.exists(out.resolve("model"))) {
        throw new IllegalArgumentException("--out " + out + " already holds a trained model; choose another --out");
      }
      run = new LinkedHashMap<>();
      run.put("data", data);
      run.put("truth", truth);
      run.put("model", model);
      run.put("config", config);
      run.put("movieOptions", movieOptions.toMap());
      run.put("maxFrames", frames);
      run.put("budget", budget);
    }
    boolean movie = MovieFiles.isMovie(data);
    try (MovieReader reader = movie ? MovieReader.open(data, movieOptions.options()) : null) {
      // a movie streams: minibatches read their frames from the reader (memory-mapped .npy), nothing else is held
      Dataset dataset = movie ? null : FeatureFolder.readDataset(data);
      FrameStore frameStore = movie ? reader.store(Math.min(frames == null ? Integer.MAX_VALUE : frames,
          reader.frames())) : FrameStore.of(dataset.trajectoryCount() == 1 ? dataset.trajectory(0)
          : dataset.concatenated());
      Map<String, Object> readerDescription = null;
      if (movie) {
        checkFinite(reader, frameStore.frames());
        readerDescription = reader.describe();
        readerDescription.put("framesRead", frameStore.frames());
        readerDescription.put("streamed", true);
        if (reader.frames() > frameStore.frames()) {
          spec.commandLine().getErr().printf(Locale.ROOT, "training on the first %d of the %d frames of %s"
              + " (--frames)%n", frameStore.frames(), reader.frames(), data);
        }
      }
      if (start == null && movie) {
        // image frames [C, 64, 64]: the convolutional encoder/decoder (spec §2); pixels in [0, 1] stay unscaled
        int side = ConvOptions.IMAGE_SIDE;
        Architecture a = Architecture.forFrameShape(ConvOptions.channelsOf(frameStore.features()), side, side);
        config = config instanceof DynaeConfig c ? c.withArchitecture(a).withConv(budget.conv()).withStandardize(false)
            : ((BaselineConfig) config).withArchitecture(a).withConv(budget.conv());
        run.put("config", config);
      } else if (start == null && config instanceof DynaeConfig c) {
        config = c.withStandardize(standardize(dataset));
        run.put("config", config);
      }
      Trajectory y = truth == null ? null : ArrayFiles.readTrajectory(truth);
      int dataFrames = movie ? reader.frames() : frameStore.frames();
      if (y != null && y.frames() != dataFrames) {
        throw new IllegalArgumentException("--truth " + truth + " has " + y.frames() + " frames, --data " + data
            + " has " + dataFrames + "; expected the same number");
      }
      if (y != null && y.frames() > frameStore.frames()) {
        y = y.slice(0, frameStore.frames());
      }
      Trajectory angles = truthAngles == null ? null : ArrayFiles.readTrajectory(truthAngles);
      if (angles != null && (angles.frames() != frameStore.frames() || angles.features() < 2)) {
        throw new IllegalArgumentException("--truth-angles " + truthAngles + " has shape [" + angles.frames() + ", "
            + angles.features() + "]; expected [" + frameStore.frames() + ", 2] (phi, psi per frame of --data)");
      }
      long configSeed = config instanceof DynaeConfig c ? c.seed() : ((BaselineConfig) config).seed();
      RunRecord.Builder record = RunContext.record(spec, "train", configSeed).parameter("model", model)
          .parameter("config", config).input("data", describe(data, frameStore, readerDescription));
      if (movie) {
        record.parameter("budget", run.get("budget")).parameter("movieOptions", movieOptions.toMap());
      }
      if (y != null) {
        record.input("truth", describe(truth, y));
      }
      boolean createdOut = !Files.exists(out);
      long t0 = System.nanoTime();
      Object result;
      try (TrainingProgress progress = new TrainingProgress(spec.commandLine().getErr(), store, run)) {
        if (config instanceof DynaeConfig c) {
          result = movie ? DynaeRun.run(frameStore, y, c, progress, start)
              : DynaeRun.run(dataset, y, c, progress, start);
        } else {
          BaselineConfig c = (BaselineConfig) config;
          result = movie ? BaselineRun.run(frameStore, y, c, progress, start)
              : BaselineRun.run(dataset, y, c, progress, start);
        }
      } catch (IllegalArgumentException e) {
        if (createdOut && start == null) {
          deleteQuietly(out);
        }
        throw e;
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      record.parameter("trainSeconds", seconds);
      var o = spec.commandLine().getOut();
      org.latentdyn.metrics.Evaluation evaluation;
      if (result instanceof DynaeRun.Result r) {
        try (var m = r.model(); RunFolder folder = RunFolder.open(out)) {
          m.save(folder.directory("model"));
          folder.writeArray("latent.npy", r.latent());
          record.output("latent.npy", SimulateCommand.describe(r.latent(), "encoded frames, in order"));
          TrainReport.Angles a = angles == null ? null : angleEvaluation(r.latent(),
              frameStore.read(0, frameStore.frames()), angles, configSeed);
          if (angles != null) {
            record.input("truthAngles", describe(truthAngles, angles));
          }
          TrainReport.write(r, folder, record, a, truthColumns(truth, y));
          folder.commit();
          if (a != null) {
            o.printf(Locale.ROOT, "torsions from the latent: mean kNN R^2 %s (phi %s, psi %s), state accuracy %s;"
                + " two principal components: R^2 %s, accuracy %s%n", Tables.num(a.latent().r2Mean()),
                Tables.num(a.latent().r2Phi()), Tables.num(a.latent().r2Psi()), Tables.num(a.latent().stateAccuracy()),
                Tables.num(a.pca().r2Mean()), Tables.num(a.pca().stateAccuracy()));
          }
        }
        o.printf(Locale.ROOT, "trained dynae in %.1f s: reconstruction MSE %s, mean M %s, var(dz - f) %s%n", seconds,
            Tables.num(r.reconstructionMse()), nums(r.meanDiffusion()), nums(r.residualVariance()));
        evaluation = r.evaluation();
      } else {
        BaselineRun.Result r = (BaselineRun.Result) result;
        try (var m = r.model(); RunFolder folder = RunFolder.open(out)) {
          m.save(folder.directory("model"));
          folder.writeArray("latent.npy", r.latent());
          record.output("latent.npy", SimulateCommand.describe(r.latent(),
              "encoded frames (posterior means), in order"));
          TrainReport.write(r, folder, record, truthColumns(truth, y));
          folder.commit();
        }
        o.printf(Locale.ROOT, "trained %s in %.1f s: reconstruction MSE %s, latent variance %s%n", model, seconds,
            Tables.num(r.reconstructionMse()), nums(r.latentVariance()));
        evaluation = r.evaluation();
      }
      deleteQuietly(store.dir());
      if (evaluation != null) {
        o.printf(Locale.ROOT, "L_z = %s, relative L_z = %s (%s)%n", Tables.num(evaluation.lz()),
            Tables.num(evaluation.lzRelative()), evaluation.convention());
      }
      o.printf("wrote %s (report: %s)%n", out, out.resolve("report.html"));
      return 0;
    }
  }

  /** The latent's and the two-principal-component baseline's evaluation against the torsions. */
  static TrainReport.Angles angleEvaluation(Trajectory z, Trajectory x, Trajectory angles, long seed) {
    float[] phi = new float[angles.frames()];
    float[] psi = new float[angles.frames()];
    for (int i = 0; i < phi.length; i++) {
      phi[i] = angles.get(i, 0);
      psi[i] = angles.get(i, 1);
    }
    AngleEvaluation latent = AngleMetrics.evaluate(z.view(), z.features(), phi, psi, seed);
    Pca pca = Pca.fit(x.view(), x.features());
    AngleEvaluation base = AngleMetrics.evaluate(pca.project(x.view(), 2), 2, phi, psi, seed);
    return new TrainReport.Angles(latent, base, angles);
  }

  /**
   * Names of the truth's columns from the {@code run.json} beside it ({@code outputs.<file>.columns}, as
   * {@code simulate} writes for movies), or null when there is none or it does not match the truth's width.
   */
  static java.util.List<String> truthColumns(String truthSpec, Trajectory y) {
    if (truthSpec == null || y == null) {
      return null;
    }
    try {
      Path file = org.latentdyn.data.io.ArrayFiles.parse(truthSpec).file();
      Path runJson = file.resolveSibling("run.json");
      if (!Files.isRegularFile(runJson)) {
        return null;
      }
      var columns = new ObjectMapper().readTree(runJson.toFile()).path("outputs").path(file.getFileName().toString())
          .path("columns");
      if (!columns.isArray() || columns.size() != y.features()) {
        return null;
      }
      java.util.List<String> names = new java.util.ArrayList<>();
      columns.forEach(c -> names.add(c.asText()));
      return names;
    } catch (IOException | RuntimeException e) {
      return null; // names only label figures
    }
  }

  /** Resolves {@code --standardize} for {@code data}, saying so when auto turns it on. */
  private boolean standardize(Dataset data) {
    return switch (standardize) {
      case "on" -> true;
      case "off" -> false;
      case "auto" -> {
        double v = org.latentdyn.data.Standardizer.meanVariance(data);
        boolean on = v < 0.1 || v > 10;
        if (on) {
          spec.commandLine().getErr().printf(Locale.ROOT, "standardizing the inputs: their mean per-feature variance"
              + " is %s (use --standardize off to keep the units)%n", Tables.num(v));
        }
        yield on;
      }
      default -> throw new IllegalArgumentException("--standardize must be on, off or auto, got '" + standardize
          + "'");
    };
  }

  /** Whether {@code dir} holds an interrupted NLD run (and a checkpoint at all: else the DynAE path reports it). */
  private static boolean isNldRun(Path dir) throws IOException {
    CheckpointStore s = new CheckpointStore(dir.resolve("checkpoint"));
    return s.exists() && String.valueOf(s.run().get("model")).startsWith("nld-");
  }

  /** The configuration class of a model name. */
  static Class<?> configClass(String model) {
    return switch (model) {
      case "dynae" -> DynaeConfig.class;
      case "betavae" -> BetaVaeConfig.class;
      case "swae" -> SwaeConfig.class;
      case "sdevae" -> SdeVaeConfig.class;
      default -> throw new IllegalArgumentException("unknown --model '" + model + "'; expected dynae, betavae, swae"
          + " or sdevae");
    };
  }

  /** The configuration of a new run from the options (DynAE, or a baseline of paper Table 1). */
  private Object configure(MovieBudget budget) {
    return switch (model) {
      case "dynae" -> {
        DynaeConfig c = DynaeConfig.defaults(seed).withLatentDim(latentDim).withEpochs(epochs)
            .withBeta(beta != null ? beta : budget == null ? 10 : budget.dynae().beta()).withLag(lag)
            .withBatchSize(batchSize).withEngine(engine);
        c = budget == null ? c : budget.applyTo(c);
        c = uniformReconstruction == null ? c : c.withUniformReconstruction(uniformReconstruction);
        c = maxBins == null ? c : c.withMaxBins(maxBins);
        c = c.withLearningRates(learningRate == null ? c.learningRate() : learningRate,
            warmupLearningRate == null ? c.warmupLearningRate() : warmupLearningRate, c.priorLearningRate());
        yield dMin == null ? c : c.withDMin(dMin);
      }
      case "betavae" -> withBeta(BetaVaeConfig.defaults(seed).withLatentDim(latentDim).withEpochs(epochs)
          .withBatchSize(batchSize)).withEngine(engine);
      case "swae" -> withBeta(SwaeConfig.defaults(seed).withLatentDim(latentDim).withEpochs(epochs)
          .withBatchSize(batchSize)).withEngine(engine);
      case "sdevae" -> withBeta(SdeVaeConfig.defaults(seed).withLatentDim(latentDim).withEpochs(epochs)
          .withBatchSize(batchSize).withLag(lag)).withEngine(engine);
      default -> throw new IllegalArgumentException("unknown --model '" + model + "'; expected dynae, betavae, swae,"
          + " sdevae, nld-overdamped, nld-underdamped or one of " + VinTraining.MODELS);
    };
  }

  private BetaVaeConfig withBeta(BetaVaeConfig c) {
    return beta == null ? c : c.withBeta(beta);
  }

  private SwaeConfig withBeta(SwaeConfig c) {
    return beta == null ? c : c.withBeta(beta);
  }

  private SdeVaeConfig withBeta(SdeVaeConfig c) {
    return beta == null ? c : c.withBeta(beta);
  }

  static String nums(double[] v) {
    return java.util.Arrays.stream(v).mapToObj(Tables::num).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }

  static Map<String, Object> describe(String spec, Trajectory t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", spec);
    m.put("shape", new int[] {t.frames(), t.features()});
    return m;
  }

  /** The path and shape of the frames, with what the movie reader did to them when there is a movie. */
  static Map<String, Object> describe(String spec, FrameStore frames, Map<String, Object> reader) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", spec);
    m.put("shape", new int[] {frames.frames(), frames.features()});
    if (reader != null) {
      m.put("reader", reader);
    }
    return m;
  }

  /**
   * Reads every frame a streamed movie will train on once, so that a NaN pixel or a damaged page is the usual
   * one-line error before anything is written rather than a failure mid-run.
   */
  static void checkFinite(MovieReader reader, int frames) throws IOException {
    for (int from = 0; from < frames; from += MovieEncoding.CHUNK_FRAMES) {
      reader.read(from, Math.min(MovieEncoding.CHUNK_FRAMES, frames - from));
    }
  }

  static void deleteQuietly(Path dir) {
    try {
      org.latentdyn.data.io.AtomicFiles.deleteTree(dir);
    } catch (IOException ignored) {
      // best effort
    }
  }

}

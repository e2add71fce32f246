package org.latentdyn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.dynamics.MarkovChainBenchmark;
import org.latentdyn.workflow.MarkovChainData;
import org.latentdyn.workflow.NldAnalysis;
import org.latentdyn.workflow.NldComparison;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.dynamics.ThreeWellDataset;
import org.latentdyn.report.ComparisonReport;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.movies.Movies;
import org.latentdyn.movies.TruthUnits;
import org.latentdyn.movies.io.MovieFiles;
import org.latentdyn.movies.io.MovieReader;
import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.workflow.Comparison;
import org.latentdyn.workflow.MovieBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn compare}: several models over several seeds (and betas), paper Table 2 style. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train every model for every seed (and beta), evaluate L_z, and write DIR/comparison.md, .csv,"
        + " .json and figures. Finished runs in DIR/runs are reused, so an interrupted comparison resumes. With"
        + " --dataset pendulum|mass-spring: the phase-space VIN comparison (VIN spec §5: RMSE of 10-s forecasts and"
        + " the long-horizon energy check) into DIR/table. With --dataset pendulum-pixels|mass-spring-pixels: paper"
        + " Table 1 (VIN spec §5: per seed a fresh 60-frame trajectory, pixel VAEs trained, 50-frame forecasts scored)"
        + " and the decoded 20-s rollouts of Figs. 7-8 into DIR/table. With --dataset dsprites2|dsprites3|dna-blob|"
        + "shapes3d-like or a movie as --data: Table 2 with the convolutional networks of --budget, one run at a"
        + " time.")
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", description = "observations [frames, features], or a movie (.npy/.npz [frames, (C,) H, W],"
      + " .tif/.tiff, a folder of .png frames) compared with the convolutional networks")
  String data;

  @Option(names = "--truth", description = "ground truth [frames, d'] (required with --data)")
  String truth;

  @Option(names = "--dataset", description = "simulate the data instead: three-well, markov-chain, pendulum, mass-spring,"
      + " pendulum-pixels, mass-spring-pixels, or the movies dsprites2, dsprites3, dna-blob, shapes3d-like (simulated"
      + " once into DIR/data with seed 1 and compared with the convolutional networks)")
  String dataset;

  @Option(names = "--frames", description = "frames for --dataset (default: 200000; movies: the budget's, also the"
      + " most frames read from a --data movie)")
  Integer frames;

  @Option(names = "--budget", description = "movies: training protocol paper (100000 frames, 50 epochs, batch 256,"
      + " filters 32,32,64,64) or cpu (16000 frames, 4 epochs, batch 64, filters 16,16,32,32; DynAE with beta 100,"
      + " learning rate 1e-3 (also in the warm-up) and its reconstruction on a uniform minibatch); --frames, --epochs"
      + " and --batch-size override its values (default: paper)")
  String budgetName;

  @Option(names = "--batch-size", description = "minibatch size of every run (default: each model's, 256; movies:"
      + " the budget's)")
  Integer batchSize;

  @Mixin
  MovieOptions movieOptions = new MovieOptions();

  @Option(names = "--models", split = ",", defaultValue = "dynae,betavae,swae,sdevae",
      description = "comma-separated models (default: ${DEFAULT-VALUE})")
  List<String> models;

  @Option(names = "--seeds", defaultValue = "3", description = "seeds 1..N per model (default: ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--beta", description = "beta values to sweep: 0.1,1,10 for every model, or betavae=0.1,1,10 for"
      + " one model; repeatable (default: each model's own beta). Each model's row of Table 2 uses the beta with"
      + " the lowest mean L_z")
  List<String> betas;

  @Option(names = "--epochs", description = "epochs per run (default: 50; for nld models the preset's; for the"
      + " pendulum and mass-spring VIN comparison a list such as 2000,5000,10000, best training NLL kept, default"
      + " 2000; for *-pixels one number, default 6000)")
  String epochsOption;

  Integer epochs;

  @Option(names = "--trajectories", defaultValue = "25", description = "pendulum, mass-spring: training trajectories"
      + " per seed, 25 (moderate) or 5 (low) (default: ${DEFAULT-VALUE})")
  int trajectories;

  @Option(names = "--hidden", description = "pendulum, mass-spring: hidden width (default: 200); *-pixels: encoder,"
      + " decoder and potential widths (default: 1000)")
  Integer hidden;

  @Option(names = "--energy-steps", defaultValue = "10000", description = "pendulum, mass-spring: steps of the"
      + " long-horizon energy check (default: ${DEFAULT-VALUE})")
  int energySteps;

  @Option(names = "--sequences", defaultValue = "500", description = "nld models: test sequences analysed per run"
      + " (default: ${DEFAULT-VALUE})")
  int sequences;

  @Option(names = "--samples", defaultValue = "1000", description = "nld models: GHMC chains per analysis (default:"
      + " ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--latent-dim", description = "latent dimension (default: 2; movies: the truth's columns, the"
      + " movie's factors: dsprites2 2, dsprites3 3, dna-blob 2, shapes3d-like 5)")
  Integer latentDim;

  @Option(names = "--threads", description = "runs trained at the same time (default: the number of cores)")
  Integer threads;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Override
  public Integer call() throws Exception {
    if ("pendulum".equals(dataset) || "mass-spring".equals(dataset)) {
      return VinCompare.compare(spec, dataset, models, seeds, trajectories, epochsOption,
          hidden == null ? 200 : hidden, energySteps, out);
    }
    if ("pendulum-pixels".equals(dataset) || "mass-spring-pixels".equals(dataset)) {
      return VinPixelCompare.compare(spec, dataset, models, seeds, epochsOption, hidden, out);
    }
    if (epochsOption != null) {
      try {
        epochs = Integer.parseInt(epochsOption.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--epochs must be an integer, got '" + epochsOption + "'");
      }
    }
    MovieBudget budget = budgetName == null ? null : MovieBudget.named(budgetName);
    if (dataset != null ? Movies.isMovie(dataset) : data != null && MovieFiles.isMovie(movieOptions.spec(data))) {
      return compareMovies(budget == null ? MovieBudget.PAPER : budget);
    }
    if (budget != null) {
      throw new IllegalArgumentException("--budget applies to movies; got " + (dataset != null ? "--dataset "
          + dataset : "--data " + data + ", which is not a movie"));
    }
    movieOptions.requireMovie(false, dataset != null ? dataset : data);
    if (models.stream().anyMatch(m -> m.startsWith("nld-")) || "markov-chain".equals(dataset)) {
      return compareNld();
    }
    Comparison.Options options = new Comparison.Options(models,
        Comparison.parseBetas(betas == null ? List.of() : betas), seeds, epochs == null ? 50 : epochs,
        latentDim == null ? 2 : latentDim, threads != null ? threads : Runtime.getRuntime().availableProcessors(),
        batchSize == null ? Comparison.Networks.MODEL_DEFAULTS
            : new Comparison.Networks(Architecture.MLP, ConvOptions.defaults(), batchSize));
    Trajectory x;
    Trajectory y;
    RunRecord.Builder record = RunContext.record(spec, "compare", 1).parameter("options", options);
    data = data == null ? null : movieOptions.spec(data);
    if (dataset != null) {
      if (data != null) {
        throw new IllegalArgumentException("give either --data or --dataset, not both");
      }
      if (!dataset.equals("three-well")) {
        throw new IllegalArgumentException("unknown --dataset '" + dataset + "'; expected three-well, markov-chain,"
            + " pendulum, mass-spring, pendulum-pixels, mass-spring-pixels or one of " + Movies.NAMES);
      }
      int n = frames == null ? 200_000 : frames;
      ThreeWellDataset d = ThreeWellDataset.generate(n, 1);
      x = d.observations();
      y = d.truth();
      record.input("data", "simulated three-well, " + n + " frames, seed 1");
    } else {
      if (data == null || truth == null) {
        throw new IllegalArgumentException("compare needs --data and --truth (or --dataset three-well)");
      }
      x = ArrayFiles.readTrajectory(data);
      y = ArrayFiles.readTrajectory(truth);
      record.input("data", data).input("truth", truth);
    }
    return compare(FrameStore.of(x), y, options, record);
  }

  /**
   * Movies (paper Table 2 on image frames): {@code --dataset MOVIE} simulates the movie into DIR/data once (seed 1,
   * the budget's frames; reused when DIR/data/run.json exists), {@code --data MOVIE --truth T} reads any movie;
   * every run trains the convolutional networks of the budget, one at a time.
   */
  private int compareMovies(MovieBudget named) throws Exception {
    MovieBudget budget = named.override(frames, epochs, batchSize);
    if (threads != null && threads != 1) {
      throw new IllegalArgumentException("--threads must be 1 for movies (the convolutional networks train on DJL,"
          + " which records gradients process-wide), got " + threads);
    }
    checkOut();
    // bad loader options, models, betas or seeds fail before anything is simulated
    movieOptions.options();
    movieComparison(budget, latentDim == null ? 1 : latentDim);
    RunRecord.Builder record = RunContext.record(spec, "compare", 1);
    String obs;
    String truthSpec;
    if (dataset != null) {
      if (data != null) {
        throw new IllegalArgumentException("give either --data or --dataset, not both");
      }
      Path dir = out.resolve("data");
      if (Files.isRegularFile(dir.resolve("run.json"))) {
        var p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("run.json").toFile())
            .path("parameters");
        boolean gridUnits = !"dna-blob".equals(dataset);
        if (gridUnits && !"index".equals(p.path("truthUnits").asText())) {
          throw new IllegalArgumentException(dir + " holds a truth in '" + p.path("truthUnits").asText("value")
              + "' units, written before grid-index truths; choose another --out");
        }
        if (!dataset.equals(p.path("dataset").asText()) || p.path("frames").asInt() != budget.frames()) {
          throw new IllegalArgumentException(dir + " holds " + p.path("frames").asInt() + " frames of '"
              + p.path("dataset").asText() + "', not " + budget.frames() + " frames of '" + dataset + "'; choose"
              + " another --out or the same --dataset and --frames");
        }
      } else {
        spec.commandLine().getErr().println(SimulateCommand.writeMovie(RunContext.record(spec, "compare", 1)
            .parameter("dataset", dataset), dataset, budget.frames(), null, TruthUnits.INDEX, 1, dir));
      }
      obs = dir.resolve("observations.npy").toString();
      truthSpec = dir.resolve("truth.npy").toString();
    } else {
      if (truth == null) {
        throw new IllegalArgumentException("compare --data " + data + " needs --truth (ground truth [frames, d'])");
      }
      obs = movieOptions.spec(data);
      truthSpec = truth;
    }
    try (MovieReader reader = MovieReader.open(obs, movieOptions.options())) {
      // the runs stream the movie's frames from the reader (memory-mapped .npy), as train does
      FrameStore x = reader.store(Math.min(budget.frames(), reader.frames()));
      TrainCommand.checkFinite(reader, x.frames());
      Trajectory y = ArrayFiles.readTrajectory(truthSpec);
      if (y.frames() != reader.frames()) {
        throw new IllegalArgumentException("--truth " + truthSpec + " has " + y.frames() + " frames, --data " + obs
            + " has " + reader.frames() + "; expected the same number");
      }
      Map<String, Object> description = reader.describe();
      description.put("framesRead", x.frames());
      description.put("streamed", true);
      if (y.frames() > x.frames()) {
        spec.commandLine().getErr().printf(Locale.ROOT, "comparing on the first %d of the %d frames of %s"
            + " (--frames)%n", x.frames(), reader.frames(), obs);
        y = y.slice(0, x.frames());
      }
      Comparison.Options options = movieComparison(budget, latentDim == null ? y.features() : latentDim);
      record.parameter("options", options).parameter("budget", budget).parameter("movieOptions",
          movieOptions.toMap()).input("data", TrainCommand.describe(obs, x, description))
          .input("truth", TrainCommand.describe(truthSpec, y));
      return compare(x, y, options, record);
    }
  }

  /** The comparison options of a movie: the budget's epochs and networks, one run at a time. */
  private Comparison.Options movieComparison(MovieBudget budget, int d) {
    Map<String, List<Double>> b = new java.util.LinkedHashMap<>(Comparison.parseBetas(betas == null ? List.of()
        : betas));
    if (!b.containsKey("dynae") && !b.containsKey("*")) {
      b.put("dynae", List.of(budget.dynae().beta())); // the budget's DynAE beta unless --beta says otherwise
    }
    return new Comparison.Options(models, b, seeds, budget.epochs(), d, 1, Comparison.Networks.of(budget));
  }

  private void checkOut() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " exists and is not a directory; expected a folder path");
    }
  }

  /** Runs (or reuses) every run of the comparison and writes the report into --out. */
  private int compare(FrameStore x, Trajectory y, Comparison.Options options, RunRecord.Builder record)
      throws Exception {
    checkOut();
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    Comparison.Result result;
    try (RunProgress progress = new RunProgress(spec.commandLine().getErr())) {
      result = Comparison.run(x, y, options, out, progress);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    record.parameter("wallSeconds", seconds);
    try (RunFolder folder = RunFolder.open(out)) {
      ComparisonReport.write(result, out.resolve("runs"), y, folder, record, dataset);
      folder.commit();
    }
    var o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%d runs (%d trained, %d reused) in %.1f s%n", result.runs().size(), result.trained(),
        result.reused(), seconds);
    for (Comparison.Summary s : result.models()) {
      o.printf(Locale.ROOT, "  %-8s beta %-6s L_z %s +- %s, relative L_z %s +- %s%s%n", s.model(),
          Tables.num(s.beta()), Tables.num(s.lzMean()), Tables.num(s.lzSd()), Tables.num(s.lzRelativeMean()),
          Tables.num(s.lzRelativeSd()), result.chosen().contains(s) && result.models().size() > result.chosen().size()
              ? "  (chosen)" : "");
    }
    o.printf("wrote %s%n", out.resolve("comparison.md"));
    return 0;
  }

  /** A progress bar over the runs to train on a terminal (with time left); one line per finished run otherwise. */
  private static final class RunProgress implements Comparison.Progress, AutoCloseable {
    private final java.io.PrintWriter log;
    private me.tongfei.progressbar.ProgressBar bar;
    private int total;
    private int done;

    RunProgress(java.io.PrintWriter log) {
      this.log = log;
    }

    @Override
    public void started(int runs, int toTrain) {
      total = toTrain;
      log.printf(Locale.ROOT, "%d runs: %d to train, %d already finished%n", runs, toTrain, runs - toTrain);
      log.flush();
      if (System.console() != null && toTrain > 0) {
        bar = new me.tongfei.progressbar.ProgressBarBuilder().setTaskName("compare").setInitialMax(toTrain)
            .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
            .setMaxRenderedLength(120).build();
      }
    }

    @Override
    public void finished(Comparison.Run r) {
      done++;
      String line = String.format(Locale.ROOT, "%s: L_z %s, relative %s, reconstruction %s, %.1f s",
          Comparison.runName(r.model(), r.beta(), r.seed()), Tables.num(r.lz()), Tables.num(r.lzRelative()),
          Tables.num(r.reconstruction()), r.seconds());
      if (bar != null) {
        bar.step();
        bar.setExtraMessage(" " + line);
      } else {
        log.printf(Locale.ROOT, "run %d/%d %s%n", done, total, line);
        log.flush();
      }
    }

    @Override
    public synchronized void resumed(String name, int epoch) {
      note(String.format(Locale.ROOT, "%s: continues from its checkpoint at epoch %d", name, epoch + 1));
    }

    @Override
    public synchronized void retrained(String name) {
      note(name + ": finished with other settings or data (its settings.json); trained again");
    }

    private void note(String line) {
      if (bar != null) {
        bar.setExtraMessage(" " + line);
      } else {
        log.println(line);
        log.flush();
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  /**
   * NLD variants on the Markov-chain benchmark (paper Table 1): {@code --dataset markov-chain} simulates the default
   * data into DIR/data once; {@code --data DIR} takes a folder of 'simulate markov-chain'.
   */
  private int compareNld() throws Exception {
    if (threads != null && threads != 1) {
      throw new IllegalArgumentException("--threads must be 1 for nld models (DJL records gradients process-wide),"
          + " got " + threads);
    }
    if (models.equals(List.of("dynae", "betavae", "swae", "sdevae"))) {
      models = NldComparison.MODELS; // the default model list does not apply to this dataset
    }
    if (models.stream().anyMatch(m -> !m.startsWith("nld-"))) {
      throw new IllegalArgumentException("--models " + models + " mixes nld models with others; expected only "
          + NldComparison.MODELS);
    }
    NldComparison.Options options = new NldComparison.Options(models, seeds, epochs,
        new NldAnalysis.Options(sequences, samples, 3, 1));
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " exists and is not a directory; expected a folder path");
    }
    Path dir;
    if (data != null) {
      dir = Path.of(data);
    } else if ("markov-chain".equals(dataset)) {
      dir = out.resolve("data");
      if (!Files.isRegularFile(dir.resolve("run.json"))) {
        try (RunFolder f = RunFolder.open(dir)) {
          MarkovChainData.write(MarkovChainBenchmark.Options.defaults(1), f::path);
          f.writeJson("run.json", RunContext.record(spec, "compare", 1).parameter("data", "markov-chain defaults,"
              + " seed 1").build());
          f.commit();
        }
      }
    } else {
      throw new IllegalArgumentException("nld models need --dataset markov-chain or --data DIR (a folder of"
          + " 'simulate markov-chain')");
    }
    NpyArray train = ArrayFiles.readArray(dir.resolve("train/observations.npy").toString());
    NpyArray test = ArrayFiles.readArray(dir.resolve("test/observations.npy").toString());
    NpyArray states = ArrayFiles.readArray(dir.resolve("test/states.npy").toString());
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    var err = spec.commandLine().getErr();
    NldComparison.Result r = NldComparison.run(train.toFloatArray(), train.shape(), test.toFloatArray(),
        test.shape(), states.toIntArray(), options, out, line -> {
          err.println(line);
          err.flush();
        });
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "runs", "three wells", "l1 sampled", "l1 0th order", "l1 2nd order", "p1",
        "accuracy", "train s"));
    for (NldComparison.Summary m : r.models()) {
      rows.add(List.of(m.model(), Integer.toString(m.runs()), Integer.toString(m.successful()), pm(m.l1Sampled()),
          pm(m.l1Zeroth()), pm(m.l1Second()), pm(m.p1()), pm(m.accuracy()), Tables.num(m.secondsMean())));
    }
    StringBuilder csv = new StringBuilder("model,seed,wells_found,success,l1_sampled,l1_zeroth,l1_second,p1,accuracy,"
        + "accuracy_sd,beta,c,train_seconds,analysis_seconds\n");
    for (NldComparison.Run x : r.runs()) {
      csv.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", x.model(), x.seed(),
          x.wellsFound(), x.success(), x.l1Sampled(), x.l1Zeroth(), x.l1Second(), x.p1(), x.accuracy(), x.accuracySd(),
          x.beta(), x.c(), x.trainSeconds(), x.analysisSeconds()));
    }
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("models", r.models());
    json.put("runs", r.runs());
    json.put("trained", r.trained());
    json.put("reused", r.reused());
    try (RunFolder folder = RunFolder.open(out.resolve("table"))) {
      folder.writeText("comparison.md", "# Neural Langevin Dynamics (paper Table 1)\n\nMean +- sd over the runs that"
          + " found three wells.\n\n" + Tables.markdown(rows));
      folder.writeText("comparison.csv", csv.toString());
      folder.writeJson("comparison.json", json);
      folder.writeJson("run.json", RunContext.record(spec, "compare", 1).parameter("options", options)
          .parameter("wallSeconds", seconds).input("data", dir.toString()).build());
      folder.commit();
    }
    var o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%d runs (%d trained, %d reused) in %.1f s%n", r.runs().size(), r.trained(), r.reused(),
        seconds);
    o.print(Tables.markdown(rows));
    o.printf("wrote %s%n", out.resolve("table/comparison.md"));
    return 0;
  }

  private static String pm(double[] v) {
    return Double.isNaN(v[0]) ? "n/a" : Tables.num(v[0]) + " +- " + Tables.num(v[1]);
  }
}

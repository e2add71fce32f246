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
import java.util.concurrent.Callable;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.dynamics.ThreeWellDataset;
import org.latentdyn.report.ComparisonReport;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.workflow.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn compare}: several models over several seeds (and betas), paper Table 2 style. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train every model for every seed (and beta), evaluate L_z, and write DIR/comparison.md, .csv,"
        + " .json and figures. Finished runs in DIR/runs are reused, so an interrupted comparison resumes. With"
        + " --dataset pendulum|mass-spring: the phase-space VIN comparison (VIN spec §5: RMSE of 10-s forecasts and"
        + " the long-horizon energy check) into DIR/table. With --dataset pendulum-pixels|mass-spring-pixels: paper"
        + " Table 1 (VIN spec §5: per seed a fresh 60-frame trajectory, pixel VAEs trained, 50-frame forecasts scored)"
        + " and the decoded 20-s rollouts of Figs. 7-8 into DIR/table.")
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", description = "observations [frames, features]")
  String data;

  @Option(names = "--truth", description = "ground truth [frames, d'] (required with --data)")
  String truth;

  @Option(names = "--dataset", description = "simulate the data instead: three-well, markov-chain, pendulum, mass-spring,"
      + " pendulum-pixels or mass-spring-pixels")
  String dataset;

  @Option(names = "--frames", defaultValue = "200000", description = "frames for --dataset (default: ${DEFAULT-VALUE})")
  int frames;

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

  @Option(names = "--latent-dim", defaultValue = "2", description = "latent dimension (default: ${DEFAULT-VALUE})")
  int latentDim;

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
    if (models.stream().anyMatch(m -> m.startsWith("nld-")) || "markov-chain".equals(dataset)) {
      return compareNld();
    }
    Comparison.Options options = new Comparison.Options(models,
        Comparison.parseBetas(betas == null ? List.of() : betas), seeds, epochs == null ? 50 : epochs, latentDim,
        threads != null ? threads : Runtime.getRuntime().availableProcessors());
    Trajectory x;
    Trajectory y;
    RunRecord.Builder record = RunContext.record(spec, "compare", 1).parameter("options", options);
    if (dataset != null) {
      if (data != null) {
        throw new IllegalArgumentException("give either --data or --dataset, not both");
      }
      if (!dataset.equals("three-well")) {
        throw new IllegalArgumentException("unknown --dataset '" + dataset + "'; expected three-well, markov-chain,"
            + " pendulum or mass-spring");
      }
      ThreeWellDataset d = ThreeWellDataset.generate(frames, 1);
      x = d.observations();
      y = d.truth();
      record.input("data", "simulated three-well, " + frames + " frames, seed 1");
    } else {
      if (data == null || truth == null) {
        throw new IllegalArgumentException("compare needs --data and --truth (or --dataset three-well)");
      }
      x = ArrayFiles.readTrajectory(data);
      y = ArrayFiles.readTrajectory(truth);
      record.input("data", data).input("truth", truth);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " exists and is not a directory; expected a folder path");
    }
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    Comparison.Result result;
    try (RunProgress progress = new RunProgress(spec.commandLine().getErr())) {
      result = Comparison.run(x, y, options, out, progress);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    record.parameter("wallSeconds", seconds);
    try (RunFolder folder = RunFolder.open(out)) {
      ComparisonReport.write(result, out.resolve("runs"), y, folder, record);
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

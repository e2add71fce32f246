package org.latentdyn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        + " .json and figures. Finished runs in DIR/runs are reused, so an interrupted comparison resumes.")
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", description = "observations [frames, features]")
  String data;

  @Option(names = "--truth", description = "ground truth [frames, d'] (required with --data)")
  String truth;

  @Option(names = "--dataset", description = "simulate the data instead: three-well")
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

  @Option(names = "--epochs", defaultValue = "50", description = "epochs per run (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--latent-dim", defaultValue = "2", description = "latent dimension (default: ${DEFAULT-VALUE})")
  int latentDim;

  @Option(names = "--threads", description = "runs trained at the same time (default: the number of cores)")
  Integer threads;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Override
  public Integer call() throws Exception {
    Comparison.Options options = new Comparison.Options(models,
        Comparison.parseBetas(betas == null ? List.of() : betas), seeds, epochs, latentDim,
        threads != null ? threads : Runtime.getRuntime().availableProcessors());
    Trajectory x;
    Trajectory y;
    RunRecord.Builder record = RunContext.record(spec, "compare", 1).parameter("options", options);
    if (dataset != null) {
      if (data != null) {
        throw new IllegalArgumentException("give either --data or --dataset, not both");
      }
      if (!dataset.equals("three-well")) {
        throw new IllegalArgumentException("unknown --dataset '" + dataset + "'; expected three-well");
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
}

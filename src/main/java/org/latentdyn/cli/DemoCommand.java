package org.latentdyn.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentdyn.report.DemoReport;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.workflow.ThreeWellDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn demo}: the three-well example end to end, with a report. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Three-well demo: simulate the warped three-well data, train DynAE on the observations, evaluate"
        + " its latent against the true variables with L_z, and write a report (index.html).")
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", defaultValue = "runs/demo", description = "output folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--fast", description = "a smaller run (100,000 frames, 20 epochs) that finishes in about half a minute")
  boolean fast;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--frames", description = "frames to simulate (default: 200000, or 100000 with --fast)")
  Integer frames;

  @Option(names = "--epochs", description = "DynAE training epochs (default: 50, or 20 with --fast; 0 = no training)")
  Integer epochs;

  @Override
  public Integer call() throws Exception {
    ThreeWellDemo.Options options = ThreeWellDemo.Options.defaults(fast, seed);
    if (frames != null) {
      options = options.withFrames(frames);
    }
    if (epochs != null) {
      options = options.withEpochs(epochs);
    }
    RunRecord.Builder record = RunContext.record(spec, "demo", seed).parameter("options", options)
        .parameters(org.latentdyn.workflow.SimulatedSystem.THREE_WELL.describe());
    ThreeWellDemo.Result result;
    try (TrainingProgress progress = new TrainingProgress(spec.commandLine().getErr(), null, null)) {
      result = ThreeWellDemo.run(options, progress);
    }
    try (RunFolder folder = RunFolder.open(out)) {
      DemoReport.write(result, folder, record);
      folder.commit();
    } finally {
      if (result.dynae() != null) {
        result.dynae().model().close();
      }
    }
    var o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "three-well demo: %d frames, D-hat = %s per frame, %d bins%n", result.data().truth().frames(),
        Tables.num(result.diffusionEstimate()), result.bins().size());
    result.evaluations().forEach((name, e) -> o.printf(Locale.ROOT, "  %-24s L_z = %s (relative %s, %s)%n", name,
        Tables.num(e.lz()), Tables.num(e.lzRelative()), e.convention()));
    o.printf("report: %s%n", out.resolve("index.html"));
    return 0;
  }
}

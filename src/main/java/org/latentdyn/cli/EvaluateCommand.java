package org.latentdyn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.metrics.DiffusionConvention;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.metrics.IsometryMetrics;
import org.latentdyn.report.Json;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn evaluate}: isometry-corrected MSE L_z of a latent against a ground truth (paper Eq. 9). */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compare a latent with the ground truth up to an isometry (rotation/reflection + shift): L_z"
        + " (paper Eq. 9), relative L_z, similarity fit and per-dimension correlations.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--latent", required = true, description = "latent array [frames, d] (.npy, .npz[:key], .csv, .h5:/path)")
  String latent;

  @Option(names = "--truth", required = true, description = "ground-truth array [frames, d']")
  String truth;

  @Option(names = "--convention", defaultValue = "unit-diffusion",
      description = "raw | unit-diffusion: compare with the truth as given, or rescaled to unit diffusion per frame"
          + " (default: ${DEFAULT-VALUE})")
  String convention;

  @Option(names = "--json", description = "print exactly one JSON object instead of the table")
  boolean json;

  @Option(names = "--out", description = "also write evaluation.json, evaluation.md, aligned_latent.npy and run.json here")
  Path out;

  @Override
  public Integer call() throws Exception {
    DiffusionConvention conv = DiffusionConvention.parse(convention);
    Trajectory z = ArrayFiles.readTrajectory(latent);
    Trajectory y = ArrayFiles.readTrajectory(truth);
    Evaluation e = IsometryMetrics.evaluate(z, y, conv);
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.println(Json.mapper().writeValueAsString(e));
    } else {
      o.print(table(e));
    }
    if (out != null) {
      RunRecord.Builder record = RunContext.record(spec, "evaluate", 0).parameter("convention", conv.label())
          .input("latent", latent).input("truth", truth);
      try (RunFolder folder = RunFolder.open(out)) {
        folder.writeJson("evaluation.json", e);
        folder.writeText("evaluation.md", table(e));
        folder.writeArray("aligned_latent.npy", Trajectory.ofRows(e.alignment().apply(z.toDoubleRows())));
        record.output("aligned_latent.npy", "latent after the optimal isometry, in scaled-truth units");
        folder.writeJson("run.json", record.build());
        folder.commit();
      }
    }
    return 0;
  }

  /** The readable table of an evaluation; always names the convention. */
  static String table(Evaluation e) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("quantity", "value"));
    rows.add(List.of("L_z (isometry-corrected MSE)", Tables.num(e.lz())));
    rows.add(List.of("L_z / Var(truth)", Tables.num(e.lzRelative())));
    rows.add(List.of("similarity scale", Tables.num(e.similarityScale())));
    rows.add(List.of("similarity relative MSE", Tables.num(e.similarityRelativeMse())));
    double[] c = e.correlations();
    for (int j = 0; j < c.length; j++) {
      rows.add(List.of("abs. correlation, dim " + j + " after alignment", Tables.num(c[j])));
    }
    rows.add(List.of("truth variance (scaled)", Tables.num(e.truthVariance())));
    rows.add(List.of("frames", Integer.toString(e.frames())));
    return String.format(Locale.ROOT, "convention: %s (D-hat of truth = %s per frame, truth scaled by %s)%n%s",
        e.convention(), Tables.num(e.diffusionEstimate()), Tables.num(e.truthScale()), Tables.markdown(rows));
  }
}

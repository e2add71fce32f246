package org.latentdyn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentdyn.report.HtmlReport;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.Tables;
import org.latentdyn.report.VinFigures;
import org.latentdyn.workflow.VinComparison;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code compare --dataset pendulum|mass-spring}: the phase-space comparison of VIN spec §5 ({@link VinComparison});
 * writes DIR/table/comparison.md, .csv, .json, figures (RMSE against the horizon per model, the true energy of the
 * forecasts of one seed, the long-horizon energy), report.html and run.json.
 */
final class VinCompare {
  /** The models compared when the command line names none of this family. */
  static final List<String> DEFAULT_MODELS = List.of("vin-sv", "vin-vv", "resrnn", "hnn", "nn");

  private VinCompare() {}

  static int compare(CommandSpec spec, String dataset, List<String> models, int seeds, int trajectories,
      String epochsOption, int hidden, int energySteps, Path out) throws Exception {
    if (models.equals(List.of("dynae", "betavae", "swae", "sdevae"))) {
      models = DEFAULT_MODELS; // the default model list does not apply to this dataset
    }
    int[] epochs = VinTraining.epochs(epochsOption, 2000);
    VinComparison.Options options = new VinComparison.Options(dataset, models, seeds, trajectories, epochs, hidden,
        energySteps, Math.min(1000, energySteps));
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " exists and is not a directory; expected a folder path");
    }
    Files.createDirectories(out);
    var err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    VinComparison.Result r = VinComparison.run(options, out, line -> {
      err.println(line);
      err.flush();
    });
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "seeds", "RMSE (mean +- se)", "energy max rel. dev.", "energy late/early", "train s"));
    for (VinComparison.Summary s : r.models()) {
      rows.add(List.of(s.model(), Integer.toString(s.seeds()), Tables.num(s.rmseMean()) + " +- "
          + Tables.num(s.rmseSe()), Tables.num(s.energyMaxRelativeDeviation()), Tables.num(s.energyRatio()),
          Tables.num(s.trainSecondsMean())));
    }
    StringBuilder csv = new StringBuilder("model,seed,rmse,epochs,nll,noise_std,energy_max_relative_deviation,"
        + "energy_late_early_ratio,train_seconds\n");
    for (VinComparison.Run x : r.runs()) {
      csv.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%s,%s,%s,%s,%s%n", x.model(), x.seed(), x.rmse(), x.epochs(),
          x.nll(), x.noiseStd(), x.energy().maxRelativeDeviation(), x.energy().lateToEarlyRatio(), x.trainSeconds()));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dataset", dataset);
    json.put("options", options);
    List<Map<String, Object>> summary = new ArrayList<>();
    for (VinComparison.Summary s : r.models()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", s.model());
      m.put("seeds", s.seeds());
      m.put("rmseMean", s.rmseMean());
      m.put("rmseSe", s.rmseSe());
      m.put("rmsePerSeed", s.rmsePerSeed());
      m.put("energyMaxRelativeDeviation", s.energyMaxRelativeDeviation());
      m.put("energyLateToEarlyRatio", s.energyRatio());
      m.put("trainSecondsMean", s.trainSecondsMean());
      m.put("rmseByStep", s.rmseByStep());
      summary.add(m);
    }
    json.put("models", summary);
    json.put("runs", r.runs().stream().map(x -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", x.model());
      m.put("seed", x.seed());
      m.put("rmse", x.rmse());
      m.put("epochs", x.epochs());
      m.put("nll", x.nll());
      m.put("noiseStd", x.noiseStd());
      m.put("energy", x.energy());
      m.put("trainSeconds", x.trainSeconds());
      return m;
    }).toList());
    json.put("trained", r.trained());
    json.put("reused", r.reused());
    String header = String.format(Locale.ROOT, "# VIN phase-space comparison: %s (VIN spec §5, paper Figs. 3-4)%n%n"
        + "%d training trajectories of %d frames per seed (noise %s, h %s), %d noise-free test trajectories, %d-step"
        + " forecasts from the true starts; RMSE over steps 1..%d, mean +- standard error over seeds. Energy: %d steps"
        + " from the first test start, max |H - H0| / H0 and mean H over the last %d steps / the first %d.%n%n",
        dataset, trajectories, VinComparison.TRAIN_FRAMES, Tables.num(VinComparison.NOISE),
        Tables.num(VinComparison.TIME_STEP), VinComparison.TEST_TRAJECTORIES, VinComparison.HORIZON,
        VinComparison.HORIZON, energySteps, options.energyWindow(), options.energyWindow());
    try (RunFolder folder = RunFolder.open(out.resolve("table"))) {
      folder.writeText("comparison.md", header + Tables.markdown(rows));
      folder.writeText("comparison.csv", csv.toString());
      folder.writeJson("comparison.json", json);
      double h = VinComparison.TIME_STEP;
      folder.writePng("rmse_by_step.png", VinFigures.againstTime(dataset + ": RMSE against the horizon (mean over "
          + seeds + " seeds)", "RMSE of (q, p)", h, r.models().stream().map(VinComparison.Summary::model).toList(),
          r.models().stream().map(VinComparison.Summary::rmseByStep).toList()));
      List<VinComparison.Run> first = r.runs().stream().filter(x -> x.seed() == 1).toList();
      List<String> names = new ArrayList<>();
      List<double[]> ys = new ArrayList<>();
      List<String> longNames = new ArrayList<>();
      List<double[]> longYs = new ArrayList<>();
      for (VinComparison.Run x : first) {
        names.add(x.model());
        ys.add(x.energyByStep());
        longNames.add(x.model());
        longYs.add(x.energyLong());
      }
      if (!first.isEmpty()) {
        double[] flat = new double[VinComparison.HORIZON + 1];
        java.util.Arrays.fill(flat, first.get(0).trueEnergy());
        names.add("truth");
        ys.add(flat);
      }
      folder.writePng("energy.png", VinFigures.againstTime(dataset + ": true energy of the forecast of test"
          + " trajectory 0 (seed 1)", "H(q, p)", h, names, ys));
      int stride = first.isEmpty() ? 1 : first.get(0).energyStride();
      folder.writePng("energy_long.png", VinFigures.againstTime(dataset + ": true energy over " + energySteps
          + " steps (seed 1)", "H(q, p)", h * stride, longNames, longYs));
      HtmlReport html = new HtmlReport("latentdyn: VIN comparison on " + dataset);
      html.paragraph(header.replace("# ", "").replace("\n", " ")).table(rows);
      html.figure("rmse_by_step.png", "RMSE against the forecast horizon, mean over seeds (paper Figs. 3-4)");
      html.figure("energy.png", "True energy of the predicted states, one test trajectory of seed 1");
      html.figure("energy_long.png", "True energy over the long-horizon rollout (seed 1)");
      for (String f : List.of("comparison.md", "comparison.csv", "comparison.json", "run.json", "../runs/")) {
        html.file(f, "");
      }
      folder.writeText("report.html", html.render());
      folder.writeJson("run.json", RunContext.record(spec, "compare", 1).parameter("options", options)
          .parameter("wallSeconds", seconds).parameter("testSeedOffset", VinComparison.TEST_SEED_OFFSET).build());
      folder.commit();
    }
    var o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%d runs (%d trained, %d reused) in %.1f s%n", r.runs().size(), r.trained(), r.reused(),
        seconds);
    o.print(Tables.markdown(rows));
    o.printf("wrote %s%n", out.resolve("table/comparison.md"));
    return 0;
  }
}

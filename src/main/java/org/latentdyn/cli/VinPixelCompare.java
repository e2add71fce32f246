package org.latentdyn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentdyn.report.HtmlReport;
import org.latentdyn.report.PixelFigures;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.Tables;
import org.latentdyn.workflow.VinPixelComparison;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code compare --dataset pendulum-pixels|mass-spring-pixels}: paper Table 1 and Figs. 7-8 ({@link
 * VinPixelComparison}); writes DIR/table/comparison.md, .csv, .json, rollouts.png (decoded 20-s rollouts of seed 1),
 * report.html and run.json.
 */
final class VinPixelCompare {
  private VinPixelCompare() {}

  static int compare(CommandSpec spec, String dataset, List<String> models, int seeds, String epochsOption,
      Integer hidden, Path out) throws Exception {
    String system = dataset.substring(0, dataset.length() - "-pixels".length());
    if (models.equals(List.of("dynae", "betavae", "swae", "sdevae"))) {
      models = VinPixelComparison.defaultModels(system); // the default model list does not apply to this dataset
    }
    if (epochsOption != null && epochsOption.contains(",")) {
      throw new IllegalArgumentException("--epochs for " + dataset + " is one number, got '" + epochsOption + "'");
    }
    int epochs = VinTraining.epochs(epochsOption, 6000)[0];
    VinPixelComparison.Options options = new VinPixelComparison.Options(system, models, seeds, epochs,
        hidden == null ? 1000 : hidden);
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " exists and is not a directory; expected a folder path");
    }
    Files.createDirectories(out);
    var err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    VinPixelComparison.Result r = VinPixelComparison.run(options, out, line -> {
      err.println(line);
      err.flush();
    });
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "seeds", "RMSE (mean +- se)", "log p(y|x) x 1e-2", "RMSE total", "log p total x 1e-2",
        "paper RMSE", "paper log p x 1e-2", "train s"));
    for (VinPixelComparison.Summary s : r.models()) {
      double[] p = s.paper();
      rows.add(List.of(s.model(), Integer.toString(s.seeds()), pm(s.rmse(), 1), pm(s.logLik(), 1e-2),
          pm(s.rmseTotal(), 1), pm(s.logLikTotal(), 1e-2), p == null ? "-" : p[0] + " +- " + p[1],
          p == null ? "-" : p[2] + " +- " + p[3], Tables.num(s.trainSecondsMean())));
    }
    StringBuilder csv = new StringBuilder("model,seed,rmse,logLik,rmseTotal,logLikTotal,scoredFrames,bestElbo,"
        + "bestEpoch,trainSeconds,secondsPerEpoch\n");
    for (VinPixelComparison.Run x : r.runs()) {
      csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%d,%s,%d,%s,%s%n", x.model(), x.seed(), x.rmse(),
          x.logLik(), x.rmseTotal(), x.logLikTotal(), x.scoredFrames(), x.bestElbo(), x.bestEpoch(), x.trainSeconds(),
          x.secondsPerEpoch()));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dataset", dataset);
    json.put("options", options);
    List<Map<String, Object>> summary = new ArrayList<>();
    for (VinPixelComparison.Summary s : r.models()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", s.model());
      m.put("seeds", s.seeds());
      m.put("rmseMean", s.rmse().mean());
      m.put("rmseSe", s.rmse().se());
      m.put("logLikMean", s.logLik().mean());
      m.put("logLikSe", s.logLik().se());
      m.put("rmseTotalMean", s.rmseTotal().mean());
      m.put("rmseTotalSe", s.rmseTotal().se());
      m.put("logLikTotalMean", s.logLikTotal().mean());
      m.put("logLikTotalSe", s.logLikTotal().se());
      m.put("trainSecondsMean", s.trainSecondsMean());
      if (s.paper() != null) {
        m.put("paper", Map.of("rmse", s.paper()[0], "rmseSe", s.paper()[1], "logLikHundreds", s.paper()[2],
            "logLikHundredsSe", s.paper()[3]));
      }
      summary.add(m);
    }
    json.put("models", summary);
    json.put("runs", r.runs());
    json.put("trained", r.trained());
    json.put("reused", r.reused());
    String header = String.format(Locale.ROOT, "# VIN pixel comparison: %s (VIN spec §5, paper Table 1)%n%n"
        + "Per seed one %d-frame trajectory (spec §3b starts), %d epochs, widths %d; the %d-frame forecast from t = 0"
        + " on the training trajectory, scored against it. RMSE = sqrt(mean over frames of the summed squared pixel"
        + " error), log p = mean over frames of the summed Bernoulli log-likelihood (printed x 1e-2); the totals sum"
        + " over frames and pixels. Mean +- standard error over seeds; the paper's Table 1 for reference.%n%n",
        dataset, VinPixelComparison.FRAMES, epochs, options.hidden(), 50);
    try (RunFolder folder = RunFolder.open(out.resolve("table"))) {
      folder.writeText("comparison.md", header + Tables.markdown(rows));
      folder.writeText("comparison.csv", csv.toString());
      folder.writeJson("comparison.json", json);
      Map<String, double[][]> roll = VinPixelComparison.rollouts(options, out, 1, VinPixelComparison.ROLLOUT_STEPS);
      folder.writeBytes("rollouts.png", PixelFigures.strip(dataset + ": decoded 20-s rollouts from t = 0 (seed 1)",
          new ArrayList<>(roll.keySet()), new ArrayList<>(roll.values()), 28, 28,
          PixelFigures.every(10, VinPixelComparison.ROLLOUT_STEPS + 1), VinPixelComparison.FRAME_SECONDS));
      HtmlReport html = new HtmlReport("latentdyn: VIN pixel comparison on " + dataset);
      html.paragraph(header.replace("# ", "").replace("\n", " ")).table(rows);
      html.figure("rollouts.png", "True frames and each model's decoded rollout, every 1 s for 20 s (paper Figs."
          + " 7-8); the models saw 6 s in training");
      for (String f : List.of("comparison.md", "comparison.csv", "comparison.json", "run.json", "../runs/")) {
        html.file(f, "");
      }
      folder.writeText("report.html", html.render());
      folder.writeJson("run.json", RunContext.record(spec, "compare", 1).parameter("options", options)
          .parameter("wallSeconds", seconds).build());
      folder.commit();
    }
    var o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%d runs (%d trained, %d reused) in %.1f s%n", r.runs().size(), r.trained(), r.reused(),
        seconds);
    o.print(Tables.markdown(rows));
    o.printf("wrote %s%n", out.resolve("table/comparison.md"));
    return 0;
  }

  private static String pm(VinPixelComparison.Stat s, double scale) {
    return Tables.num(s.mean() * scale) + " +- " + Tables.num(s.se() * scale);
  }
}

package org.latentdyn.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;
import org.latentdyn.workflow.Comparison;

/**
 * Writes a comparison (paper Table 2 style): {@code comparison.md}, {@code comparison.csv},
 * {@code comparison.json}, the aligned latents of the first seed of each model side by side (paper Fig. 3) and,
 * for a beta sweep, L_z against reconstruction error per beta (paper Fig. S5).
 */
public final class ComparisonReport {
  private ComparisonReport() {}

  /**
   * The paper's Table 2 (L_z, mean +- sd over 5 seeds; spec dynae.md §7) per simulated movie and model, shown beside a
   * comparison on the same kind of data. Our movies are generated stand-ins, so the numbers compare orderings, not
   * values.
   */
  static final Map<String, Map<String, String>> PAPER_TABLE_2 = Map.of(
      "dna-blob", Map.of("betavae", "1.10 +- 0.04", "swae", "0.92 +- 0.13", "sdevae", "0.50 +- 0.08",
          "dynae", "0.39 +- 0.06"),
      "dsprites2", Map.of("betavae", "0.022 +- 0.003", "swae", "0.37 +- 0.18", "sdevae", "0.0020 +- 0.0001",
          "dynae", "0.0020 +- 0.0001"),
      "dsprites3", Map.of("betavae", "0.730 +- 0.022", "swae", "0.75 +- 0.05", "sdevae", "0.63 +- 0.03",
          "dynae", "0.22 +- 0.09"),
      "shapes3d-like", Map.of("betavae", "0.66 +- 0.13", "swae", "0.31 +- 0.15", "sdevae", "0.32 +- 0.08",
          "dynae", "0.10 +- 0.07"));

  /** Writes everything into {@code folder}; {@code runsDir} holds the per-run aligned latents. */
  public static void write(Comparison.Result r, Path runsDir, Trajectory truth, RunFolder folder,
      RunRecord.Builder record) throws IOException {
    write(r, runsDir, truth, folder, record, null);
  }

  /**
   * As {@link #write(Comparison.Result, Path, Trajectory, RunFolder, RunRecord.Builder)}; when {@code dataset} names
   * a movie of the paper's Table 2 ({@code dsprites2}, {@code dsprites3}, {@code dna-blob}, {@code shapes3d-like}) the
   * tables gain the paper's L_z of each model beside ours.
   */
  public static void write(Comparison.Result r, Path runsDir, Trajectory truth, RunFolder folder,
      RunRecord.Builder record, String dataset) throws IOException {
    Map<String, String> paper = dataset == null ? null : PAPER_TABLE_2.get(dataset);
    List<List<String>> rows = withPaper(rows(r.models()), paper);
    List<List<String>> chosen = withPaper(rows(r.chosen()), paper);
    boolean sweep = r.models().size() > r.chosen().size();
    StringBuilder md = new StringBuilder();
    md.append("# Comparison (paper Table 2)").append(dataset == null ? "" : ": " + dataset).append("\n\n");
    md.append("L_z is the isometry-corrected MSE in the unit-diffusion convention (paper Eq. 9); SDE-VAE's latent,"
        + " whose transition prior N(z + f(z), I) means diffusion 1/2 per lag, is multiplied by sqrt(2) first. The"
        + " similarity relative MSE also allows a scale, so it measures warping alone. Reconstruction is the mean squared"
        + " error per frame; predicting every frame by the data mean gives ").append(Tables.num(r.meanPredictorError()))
        .append(". Min latent var is the smallest per-dimension variance of the latent (about 0 when a posterior"
            + " collapses).").append(paper == null ? "" : " The last column is the paper's Table 2 L_z on the real"
            + " data set of which ours is a generated stand-in: compare the ordering of the models, not the values.")
        .append("\n\n");
    if (sweep) {
      md.append("## Each model at its chosen beta (lowest mean L_z of its sweep)\n\n").append(Tables.markdown(chosen))
          .append("\n## Every beta\n\n");
    }
    md.append(Tables.markdown(rows));
    folder.writeText("comparison.md", md.toString());

    StringBuilder csv = new StringBuilder(
        "model,beta,seed,lz,lz_relative,similarity_relative_mse,reconstruction,seconds,seconds_per_epoch\n");
    for (Comparison.Run run : r.runs()) {
      csv.append(run.model()).append(',').append(run.beta()).append(',').append(run.seed()).append(',')
          .append(run.lz()).append(',').append(run.lzRelative()).append(',').append(run.similarityRelativeMse())
          .append(',').append(run.reconstruction()).append(',')
          .append(run.seconds()).append(',').append(run.secondsPerEpoch()).append('\n');
    }
    folder.writeText("comparison.csv", csv.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("models", r.models());
    json.put("chosen", r.chosen());
    json.put("meanPredictorError", r.meanPredictorError());
    json.put("runs", r.runs());
    json.put("trained", r.trained());
    json.put("reused", r.reused());
    folder.writeJson("comparison.json", json);

    HtmlReport html = new HtmlReport("latentdyn: comparison");
    if (sweep) {
      html.heading("Each model at its chosen beta (lowest mean L_z)").table(chosen);
      html.heading("Every beta").table(rows);
    } else {
      html.heading("Table").table(rows);
    }
    html.paragraph("Predicting every frame by the data mean gives a reconstruction error of "
        + Tables.num(r.meanPredictorError()) + ".");
    html.heading("Aligned latents, first seed (paper Fig. 3)");
    double[] colour = DemoReport.column(truth, 0);
    List<String> drawn = new ArrayList<>();
    for (Comparison.Summary s : r.models()) {
      String run = Comparison.runName(s.model(), s.beta(), s.seeds().get(0));
      Path aligned = runsDir.resolve(run).resolve("aligned_latent.npy");
      if (!Files.isRegularFile(aligned) || drawn.contains(run)) {
        continue;
      }
      drawn.add(run);
      Trajectory a = Npy.readTrajectory(aligned);
      if (a.features() < 2) {
        continue;
      }
      String name = "aligned_" + run + ".png";
      folder.writePng(name, Figures.colouredScatter(s.model() + " (beta " + Tables.num(s.beta()) + ")", "aligned z0",
          "aligned z1", "true x", DemoReport.column(a, 0), DemoReport.column(a, 1), colour, 10, false, 3));
      html.figure(name, s.model() + ", beta " + Tables.num(s.beta()) + ", coloured by the first true variable");
    }
    Map<String, List<Comparison.Summary>> byModel = new LinkedHashMap<>();
    for (Comparison.Summary s : r.models()) {
      byModel.computeIfAbsent(s.model(), k -> new ArrayList<>()).add(s);
    }
    if (byModel.values().stream().anyMatch(l -> l.size() > 1)) {
      var chart = Figures.chart("L_z against reconstruction error per beta (paper Fig. S5)", "reconstruction error",
          "relative L_z");
      chart.getStyler().setMarkerSize(8);
      boolean positive = r.models().stream().allMatch(m -> m.reconstructionMean() > 0);
      chart.getStyler().setXAxisLogarithmic(positive); // reconstruction errors span decades across betas
      for (Map.Entry<String, List<Comparison.Summary>> e : byModel.entrySet()) {
        double[] x = e.getValue().stream().mapToDouble(Comparison.Summary::reconstructionMean).toArray();
        double[] y = e.getValue().stream().mapToDouble(Comparison.Summary::lzRelativeMean).toArray();
        chart.addSeries(e.getKey(), x, y);
      }
      folder.writePng("beta_sweep.png", chart);
      html.figure("beta_sweep.png", "Each point is one beta (mean over seeds); reconstruction error on a log axis");
    }
    for (String f : List.of("comparison.md", "comparison.csv", "comparison.json", "run.json")) {
      html.file(f, "");
    }
    folder.writeText("index.html", html.render());
    folder.writeJson("run.json", record.build());
  }

  /** {@code rows} with a last column of the paper's value per model (the header row first); unchanged without one. */
  static List<List<String>> withPaper(List<List<String>> rows, Map<String, String> paper) {
    if (paper == null) {
      return rows;
    }
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = new ArrayList<>(rows.get(i));
      row.add(i == 0 ? "paper L_z (Table 2)" : paper.getOrDefault(row.get(0), "n/a"));
      out.add(row);
    }
    return out;
  }

  private static List<List<String>> rows(List<Comparison.Summary> summaries) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "beta", "seeds", "L_z (mean +- sd)", "relative L_z (mean +- sd)",
        "similarity rel. MSE (mean +- sd)", "reconstruction", "min latent var", "train s", "s/epoch"));
    for (Comparison.Summary s : summaries) {
      rows.add(List.of(s.model(), Tables.num(s.beta()), Integer.toString(s.seeds().size()),
          Tables.num(s.lzMean()) + " +- " + Tables.num(s.lzSd()),
          Tables.num(s.lzRelativeMean()) + " +- " + Tables.num(s.lzRelativeSd()),
          Tables.num(s.similarityRelativeMseMean()) + " +- " + Tables.num(s.similarityRelativeMseSd()),
          Tables.num(s.reconstructionMean()), Tables.num(s.minLatentVarianceMean()), Tables.num(s.secondsMean()),
          Tables.num(s.secondsPerEpochMean())));
    }
    return rows;
  }
}

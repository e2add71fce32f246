package org.latentdyn.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.data.Trajectory;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.data.Trajectory;
import org.latentdyn.metrics.AngleEvaluation;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.workflow.BaselineRun;
import org.latentdyn.workflow.DynaeRun;

/** Writes the metrics, history and report of a training run (figures, {@code report.html}). */
public final class TrainReport {
  private TrainReport() {}

  /**
   * An evaluation against torsion angles (molecular data): the latent's and the two-principal-component
   * baseline's, and the angles themselves for the figures.
   *
   * @param latent the learned latent's evaluation
   * @param pca the evaluation of the first two principal components of the data
   * @param angles phi and psi per frame, radians
   */
  public record Angles(AngleEvaluation latent, AngleEvaluation pca, Trajectory angles) {}

  /** Writes metrics.json, metrics.md, history.csv, figures, report.html and run.json into {@code folder}. */
  public static void write(DynaeRun.Result r, RunFolder folder, RunRecord.Builder record) throws IOException {
    write(r, folder, record, null);
  }

  /** {@link #write(DynaeRun.Result, RunFolder, RunRecord.Builder)} with an evaluation against angles (or null). */
  public static void write(DynaeRun.Result r, RunFolder folder, RunRecord.Builder record, Angles angles)
      throws IOException {
    write(r, folder, record, angles, null);
  }

  /**
   * {@link #write(DynaeRun.Result, RunFolder, RunRecord.Builder, Angles)} with the names of the truth's columns
   * for the figures (null: "factor 0", "factor 1", ...).
   */
  public static void write(DynaeRun.Result r, RunFolder folder, RunRecord.Builder record, Angles angles,
      List<String> truthNames) throws IOException {
    List<EpochRecord> history = r.model().history();
    EpochRecord last = history.get(history.size() - 1);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("model", "dynae");
    metrics.put("epochs", history.size());
    metrics.put("reconstruction", last.reconstruction());
    metrics.put("regulariser", last.regulariser());
    metrics.put("prior", last.prior());
    metrics.put("validationReconstruction", last.validationReconstruction());
    metrics.put("validationPrior", last.validationPrior());
    metrics.put("bins", last.bins());
    metrics.put("reconstructionMse", r.reconstructionMse());
    metrics.put("meanDiffusion", r.meanDiffusion());
    metrics.put("residualVariance", r.residualVariance());
    double total = 0;
    for (EpochRecord e : history) {
      total += e.seconds();
    }
    metrics.put("trainSeconds", total);
    metrics.put("recoveries", r.recoveries());
    metrics.put("secondsPerEpoch", total / history.size());
    if (r.evaluation() != null) {
      metrics.put("evaluation", r.evaluation());
      metrics.put("secondsToRelativeLzBelow0.01", r.secondsToRelativeLz(0.01));
      StringBuilder acc = new StringBuilder("epoch,train_seconds,lz_relative\n");
      r.progress().forEach(a -> acc.append(a.epoch()).append(',').append(a.seconds()).append(',').append(a.lzRelative())
          .append('\n'));
      folder.writeText("lz_by_epoch.csv", acc.toString());
    }
    if (angles != null) {
      metrics.put("angles", angles.latent().toMap());
      metrics.put("anglesPca2", angles.pca().toMap());
    }
    folder.writeJson("metrics.json", metrics);

    writeHistory(history, folder);

    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("quantity", "value"));
    rows.add(List.of("epochs", Integer.toString(history.size())));
    rows.add(List.of("final bins", Integer.toString(last.bins())));
    rows.add(List.of("reconstruction MSE (per frame)", Tables.num(r.reconstructionMse())));
    for (int j = 0; j < r.meanDiffusion().length; j++) {
      rows.add(List.of("mean M(z), dim " + j, Tables.num(r.meanDiffusion()[j])));
      rows.add(List.of("var(dz - f(z)), dim " + j + " (unit diffusion: 2)", Tables.num(r.residualVariance()[j])));
    }
    rows.add(List.of("seconds per epoch", Tables.num(total / history.size())));
    Evaluation ev = r.evaluation();
    if (ev != null) {
      addEvaluationRows(rows, ev);
      rows.add(List.of("training seconds until relative L_z < 0.01", Tables.num(r.secondsToRelativeLz(0.01))));
    }
    if (angles != null) {
      addAngleRows(rows, angles);
    }
    folder.writeText("metrics.md", Tables.markdown(rows));

    HtmlReport html = new HtmlReport("latentdyn: DynAE training report");
    html.heading("Metrics").table(rows);
    html.heading("Figures");
    DynaeRunFigures.write(r, folder, html, truthNames);
    if (angles != null) {
      angleFigures(r.latent(), angles.angles(), folder, html);
    }
    finish(html, folder, record);
  }

  /** Writes metrics.json, metrics.md, history.csv, figures, report.html and run.json of a baseline run. */
  public static void write(BaselineRun.Result r, RunFolder folder, RunRecord.Builder record) throws IOException {
    write(r, folder, record, null);
  }

  /** {@link #write(BaselineRun.Result, RunFolder, RunRecord.Builder)} with the names of the truth's columns. */
  public static void write(BaselineRun.Result r, RunFolder folder, RunRecord.Builder record, List<String> truthNames)
      throws IOException {
    List<EpochRecord> history = r.model().history();
    EpochRecord last = history.get(history.size() - 1);
    double total = 0;
    for (EpochRecord e : history) {
      total += e.seconds();
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("model", r.model().modelName());
    metrics.put("beta", r.model().config().beta());
    metrics.put("epochs", history.size());
    metrics.put("reconstruction", last.reconstruction());
    metrics.put("regulariser", last.regulariser());
    metrics.put("validationReconstruction", last.validationReconstruction());
    metrics.put("reconstructionMse", r.reconstructionMse());
    metrics.put("latentVariance", r.latentVariance());
    metrics.put("trainSeconds", total);
    metrics.put("secondsPerEpoch", total / history.size());
    if (r.evaluation() != null) {
      metrics.put("evaluation", r.evaluation());
    }
    folder.writeJson("metrics.json", metrics);
    writeHistory(history, folder);

    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("quantity", "value"));
    rows.add(List.of("model", r.model().modelName()));
    rows.add(List.of("beta", Tables.num(r.model().config().beta())));
    rows.add(List.of("epochs", Integer.toString(history.size())));
    rows.add(List.of("reconstruction MSE (per frame)", Tables.num(r.reconstructionMse())));
    for (int j = 0; j < r.latentVariance().length; j++) {
      rows.add(List.of("latent variance, dim " + j, Tables.num(r.latentVariance()[j])));
    }
    rows.add(List.of("seconds per epoch", Tables.num(total / history.size())));
    if (r.evaluation() != null) {
      addEvaluationRows(rows, r.evaluation());
    }
    folder.writeText("metrics.md", Tables.markdown(rows));
    HtmlReport html = new HtmlReport("latentdyn: " + r.model().modelName() + " training report");
    html.heading("Metrics").table(rows);
    html.heading("Figures");
    DynaeRunFigures.write(r, folder, html, truthNames);
    finish(html, folder, record);
  }

  private static void addAngleRows(List<List<String>> rows, Angles a) {
    for (var e : List.of(java.util.Map.entry("latent", a.latent()), java.util.Map.entry("2 principal components",
        a.pca()))) {
      AngleEvaluation v = e.getValue();
      rows.add(List.of(e.getKey() + ": kNN R^2 of sin/cos phi", Tables.num(v.r2Phi())));
      rows.add(List.of(e.getKey() + ": kNN R^2 of sin/cos psi", Tables.num(v.r2Psi())));
      rows.add(List.of(e.getKey() + ": mean torsion R^2", Tables.num(v.r2Mean())));
      rows.add(List.of(e.getKey() + ": Ramachandran-state accuracy", Tables.num(v.stateAccuracy())));
    }
    double[][] c = a.latent().correlations();
    for (int j = 0; j < c.length; j++) {
      rows.add(List.of("circular-linear correlation of z" + j + " with phi, psi", Tables.num(c[j][0]) + ", "
          + Tables.num(c[j][1])));
    }
  }

  /** The latent coloured by phi and by psi (paper Fig. 4e-f). */
  private static void angleFigures(Trajectory z, Trajectory angles, RunFolder folder, HtmlReport html)
      throws IOException {
    if (z.features() < 2) {
      return;
    }
    double[] zx = DemoReport.column(z, 0);
    double[] zy = DemoReport.column(z, 1);
    String[] names = {"phi", "psi"};
    for (int k = 0; k < 2; k++) {
      double[] deg = DemoReport.column(angles, k);
      for (int i = 0; i < deg.length; i++) {
        deg[i] = Math.toDegrees(deg[i]);
      }
      folder.writePng("latent_by_" + names[k] + ".png", Figures.colouredScatter("Latent coloured by " + names[k],
          "z0", "z1", names[k] + " (deg)", zx, zy, deg, 12, false, 3));
      html.figure("latent_by_" + names[k] + ".png", "Encoded frames coloured by the torsion " + names[k]
          + " (paper Fig. 4e-f)");
    }
  }

  private static void writeHistory(List<EpochRecord> history, RunFolder folder) throws IOException {
    StringBuilder csv = new StringBuilder(EpochRecord.csvHeader()).append('\n');
    history.forEach(e -> csv.append(e.csvRow()).append('\n'));
    folder.writeText("history.csv", csv.toString());
  }

  private static void addEvaluationRows(List<List<String>> rows, Evaluation ev) {
    rows.add(List.of("L_z (" + ev.convention() + ")", Tables.num(ev.lz())));
    rows.add(List.of("relative L_z", Tables.num(ev.lzRelative())));
    rows.add(List.of("similarity relative MSE", Tables.num(ev.similarityRelativeMse())));
  }

  /** Links the run's files, writes report.html and run.json. */
  private static void finish(HtmlReport html, RunFolder folder, RunRecord.Builder record) throws IOException {
    for (String name : List.of("metrics.json", "metrics.md", "history.csv", "latent.npy", "run.json", "model/")) {
      html.file(name, "");
    }
    folder.writeText("report.html", html.render());
    folder.writeJson("run.json", record.build());
  }
}

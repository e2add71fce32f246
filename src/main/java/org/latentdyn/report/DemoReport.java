package org.latentdyn.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.analysis.FreeEnergySurface;
import org.latentdyn.analysis.WellTemperedResampling;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.workflow.ThreeWellDemo;

/** Writes the three-well demo's arrays, metrics, figures and HTML page into a run folder. */
public final class DemoReport {
  private DemoReport() {}

  /** Writes everything and the run record; the caller commits the folder. */
  public static void write(ThreeWellDemo.Result r, RunFolder folder, RunRecord.Builder record) throws IOException {
    Trajectory truth = r.data().truth();
    Trajectory obs = r.data().observations();
    folder.writeArray("observations.npy", obs);
    folder.writeArray("truth.npy", truth);
    FreeEnergySurface f = r.freeEnergy();
    folder.writeArray("free_energy.npy", NpyArray.ofDoubles(flatten(f.values()), f.values().length, f.values()[0].length));
    folder.writeArray("bin_centres.npy", Trajectory.ofRows(r.bins().centers()));
    record.output("observations.npy", "warped (x, y + x^2) [frames, 2] float32");
    record.output("truth.npy", "true (x, y) [frames, 2] float32");
    record.output("free_energy.npy", "F(x, y) in kT on the histogram grid [nx, ny] float64, +inf where empty");
    record.output("bin_centres.npy", "regular-space bin centres in unit-diffusion truth units [bins, 2]");

    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("frames", truth.frames());
    metrics.put("diffusionEstimate", r.diffusionEstimate());
    WellTemperedResampling.Resampling rs = r.resampling();
    Map<String, Object> binning = new LinkedHashMap<>();
    binning.put("bins", r.bins().size());
    binning.put("keptBins", rs.keptBins());
    binning.put("smallestKeptBin", rs.smallestKeptBin());
    binning.put("droppedFraction", rs.droppedFraction());
    metrics.put("binning", binning);
    metrics.put("evaluations", r.evaluations());
    metrics.put("seconds", r.seconds());
    folder.writeJson("metrics.json", metrics);

    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("representation", "L_z", "L_z relative", "similarity rel. MSE", "min abs. corr."));
    for (Map.Entry<String, Evaluation> e : r.evaluations().entrySet()) {
      Evaluation v = e.getValue();
      double minCorr = Double.POSITIVE_INFINITY;
      for (double c : v.correlations()) {
        minCorr = Math.min(minCorr, c);
      }
      rows.add(List.of(e.getKey(), Tables.num(v.lz()), Tables.num(v.lzRelative()), Tables.num(v.similarityRelativeMse()),
          Tables.num(minCorr)));
    }
    String convention = r.evaluations().values().iterator().next().convention();
    String table = "Three-well demo, " + truth.frames() + " frames; convention: " + convention + " (D-hat = "
        + Tables.num(r.diffusionEstimate()) + " per frame)\n\n" + Tables.markdown(rows) + "\nBinning: "
        + r.bins().size() + " regular-space bins, " + rs.keptBins() + " kept, smallest kept bin " + rs.smallestKeptBin()
        + " frames, dropped fraction " + Tables.num(rs.droppedFraction()) + "\n";
    folder.writeText("metrics.md", table);

    double[] tx = column(truth, 0);
    double[] ty = column(truth, 1);
    double[] fAt = new double[truth.frames()];
    for (int i = 0; i < fAt.length; i++) {
      fAt[i] = f.at(tx[i], ty[i]);
    }
    folder.writePng("truth.png", Figures.colouredScatter("True variables coloured by F (kT)", "x", "y", "F", tx, ty, fAt,
        10, false, 3));
    folder.writePng("observations.png", Figures.colouredScatter("Observations (warped) coloured by true F", "x'",
        "y' = y + x^2", "F", column(obs, 0), column(obs, 1), fAt, 10, false, 3));
    folder.writePng("free_energy.png", freeEnergyChart(f));
    double[][] c = r.bins().centers();
    double[] cx = new double[c.length];
    double[] cy = new double[c.length];
    double[] counts = new double[c.length];
    int[] sizes = rs.binSizes();
    for (int k = 0; k < c.length; k++) {
      cx[k] = c[k][0];
      cy[k] = c[k][1];
      counts[k] = Math.log10(Math.max(1, sizes[k]));
    }
    folder.writePng("bins.png", Figures.colouredScatter("Regular-space bins (unit-diffusion units)", "x / sqrt(D)",
        "y / sqrt(D)", "log10 frames", cx, cy, counts, 6, true, 9));

    HtmlReport html = new HtmlReport("latentdyn: three-well demo");
    html.paragraph("Overdamped Langevin dynamics in the three-well potential of spec dynae.md section 6, observed"
        + " through the warp (x, y + x^2). DynAE learns a 2-d latent from the warped observations alone. The table"
        + " evaluates representations against the true (x, y) with the isometry-corrected MSE L_z of paper Eq. 9 ("
        + convention + " convention).");
    html.heading("Metrics").table(rows);
    html.paragraph("Binning of Algorithm 1: " + r.bins().size() + " regular-space bins with d_min = "
        + Tables.num(r.bins().dMin()) + ", well-tempered resampling; smallest kept bin " + rs.smallestKeptBin()
        + " frames.");
    html.heading("Figures");
    html.figure("truth.png", "True variables, coloured by free energy");
    html.figure("observations.png", "Warped observations, coloured by the true free energy");
    html.figure("free_energy.png", "Free energy F = -kT log p of the true variables");
    html.figure("bins.png", "Regular-space bin centres, coloured by population");
    if (r.dynae() != null) {
      DynaeRunFigures.write(r.dynae(), folder, html);
      Map<String, Object> dynae = new LinkedHashMap<>();
      dynae.put("reconstructionMse", r.dynae().reconstructionMse());
      dynae.put("meanDiffusion", r.dynae().meanDiffusion());
      dynae.put("residualVariance", r.dynae().residualVariance());
      dynae.put("bins", r.dynae().model().history().get(r.dynae().model().history().size() - 1).bins());
      metrics.put("dynae", dynae);
      folder.writeJson("metrics.json", metrics);
      r.dynae().model().save(folder.directory("model"));
      folder.writeArray("latent.npy", r.dynae().latent());
      record.output("latent.npy", "DynAE latent of every frame [frames, 2] float32");
      html.file("latent.npy", "DynAE latent").file("model/", "trained DynAE (latentdyn encode --model)");
    }
    for (String name : List.of("observations.npy", "truth.npy", "free_energy.npy", "bin_centres.npy", "metrics.json",
        "metrics.md", "run.json")) {
      html.file(name, "");
    }
    folder.writeText("index.html", html.render());
    folder.writeJson("run.json", record.build());
  }

  /** One square marker per non-empty histogram cell, coloured by F. */
  static org.knowm.xchart.XYChart freeEnergyChart(FreeEnergySurface f) {
    double[] xc = f.xCenters();
    double[] yc = f.yCenters();
    double[][] v = f.values();
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < xc.length; i++) {
      for (int j = 0; j < yc.length; j++) {
        if (Double.isFinite(v[i][j])) {
          pts.add(new double[] {xc[i], yc[j], v[i][j]});
        }
      }
    }
    double[] x = new double[pts.size()];
    double[] y = new double[pts.size()];
    double[] z = new double[pts.size()];
    for (int k = 0; k < pts.size(); k++) {
      x[k] = pts.get(k)[0];
      y[k] = pts.get(k)[1];
      z[k] = pts.get(k)[2];
    }
    return Figures.colouredScatter("Free energy (kT)", "x", "y", "F", x, y, z, 10, true, 7);
  }

  static double[] column(Trajectory t, int j) {
    double[] out = new double[t.frames()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.get(i, j);
    }
    return out;
  }

  static double[] flatten(double[][] m) {
    double[] out = new double[m.length * m[0].length];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
    }
    return out;
  }
}

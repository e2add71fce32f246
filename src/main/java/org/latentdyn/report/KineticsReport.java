package org.latentdyn.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.latentdyn.analysis.FreeEnergy;
import org.latentdyn.data.Trajectory;
import org.latentdyn.kinetics.ImpliedTimescales;
import org.latentdyn.workflow.Kinetics;

/**
 * Writes the kinetics of a learned latent: {@code kinetics.json} (lag, slowest implied timescales of the latent
 * and torsion MSMs with errors, rates per state pair from the data, the latent MSM and the latent SDE),
 * {@code kinetics.md}, the implied-timescale plot, the simulated latent trajectory over the latent free energy,
 * the Ramachandran plot of the data and {@code index.html}.
 */
public final class KineticsReport {
  private KineticsReport() {}

  /** The JSON form of a result (also what {@code kinetics.json} holds). */
  public static Map<String, Object> json(Kinetics.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lagFrames", r.lagFrames());
    m.put("slowestTimescaleLatent", r.slowestTimescaleLatent().frames());
    m.put("slowestTimescaleLatentError", r.slowestTimescaleLatent().error());
    if (r.slowestTimescaleAngles() != null) {
      m.put("slowestTimescaleAngles", r.slowestTimescaleAngles().frames());
      m.put("slowestTimescaleAnglesError", r.slowestTimescaleAngles().error());
      m.put("slowestTimescaleRatio", r.slowestTimescaleLatent().frames() / r.slowestTimescaleAngles().frames());
    }
    m.put("units", "frames; rates in transitions per frame; errors are standard errors (Poisson for counted"
        + " transitions, block jackknife for MSM quantities)");
    m.put("rates", r.rates());
    m.put("sdeFrames", r.sde().frames());
    m.put("sdeEscapedFrames", r.escapedFrames());
    m.put("impliedTimescalesLatent", its(r.timescalesLatent()));
    if (r.timescalesAngles() != null) {
      m.put("impliedTimescalesAngles", its(r.timescalesAngles()));
    }
    return m;
  }

  private static Map<String, Object> its(ImpliedTimescales t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lags", t.lags());
    m.put("timescales", t.timescales());
    return m;
  }

  /** Writes everything except run.json into {@code folder}; returns the rate table rows for the console. */
  public static List<List<String>> write(Kinetics.Result r, Trajectory angles, RunFolder folder, HtmlReport html)
      throws IOException {
    folder.writeJson("kinetics.json", json(r));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("from", "to", "MD (torsion cores)", "MD transitions", "latent MSM (1/MFPT)",
        "MD (latent cores)", "latent SDE (latent cores)", "SDE transitions", "SDE / MD"));
    for (Kinetics.RateRow w : r.rates()) {
      rows.add(List.of(w.from(), w.to(), pm(w.md(), w.mdError()), Long.toString(w.mdTransitions()),
          pm(w.latentMsm(), w.latentMsmError()), pm(w.mdLatentCores(), w.mdLatentCoresError()),
          pm(w.latentSde(), w.latentSdeError()),
          Long.toString(w.latentSdeTransitions()), Tables.num(w.latentSde() / w.md())));
    }
    StringBuilder md = new StringBuilder("# Kinetics of the learned latent\n\n");
    md.append("Lag ").append(r.lagFrames()).append(" frames. Slowest implied timescale: latent MSM ")
        .append(pm(r.slowestTimescaleLatent().frames(), r.slowestTimescaleLatent().error())).append(" frames");
    if (r.slowestTimescaleAngles() != null) {
      md.append(", torsion MSM ").append(pm(r.slowestTimescaleAngles().frames(), r.slowestTimescaleAngles().error()))
          .append(" frames (ratio ").append(Tables.num(r.slowestTimescaleLatent().frames()
              / r.slowestTimescaleAngles().frames())).append(")");
    }
    md.append(".\n\nRates in transitions per frame (+- standard error). The latent SDE ran ")
        .append(r.sde().frames()).append(" frames; ").append(r.escapedFrames())
        .append(" of them left the region the data cover.\n\n").append(Tables.markdown(rows));
    folder.writeText("kinetics.md", md.toString());
    html.heading("Rates").table(rows);
    html.paragraph(md.toString().split("\n\n")[1]);

    XYChart its = Figures.chart("Implied timescales against the lag", "lag (frames)", "timescale (frames)");
    its.getStyler().setYAxisLogarithmic(true);
    its.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    addIts(its, "latent MSM", r.timescalesLatent());
    if (r.timescalesAngles() != null) {
      addIts(its, "torsion MSM", r.timescalesAngles());
    }
    double[] lagLine = java.util.Arrays.stream(r.timescalesLatent().lags()).asDoubleStream().toArray();
    XYSeries diagonal = its.addSeries("timescale = lag (below: not resolved)", lagLine, lagLine);
    diagonal.setMarker(SeriesMarkers.NONE);
    diagonal.setLineColor(java.awt.Color.GRAY);
    its.getStyler().setLegendVisible(true);
    folder.writePng("implied_timescales.png", its);
    html.figure("implied_timescales.png", "Slowest implied timescales of the MSMs (reversible maximum likelihood);"
        + " a timescale below the grey line is faster than the lag and not resolved");

    Trajectory z = r.latent();
    if (z.features() >= 2) {
      double[] zx = DemoReport.column(z, 0);
      double[] zy = DemoReport.column(z, 1);
      XYChart fe = DemoReport.freeEnergyChart(FreeEnergy.surface(zx, zy, 60, 60, 1.0));
      double[] sx = DynaeRunFigures.thin(DemoReport.column(r.sde(), 0));
      double[] sy = DynaeRunFigures.thin(DemoReport.column(r.sde(), 1));
      XYSeries s = fe.addSeries("latent SDE", sx, sy);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(new java.awt.Color(0, 0, 0, 60));
      folder.writePng("latent_sde.png", fe);
      html.figure("latent_sde.png", "Free energy of the encoded data with frames of the simulated latent SDE (black)");
      if (r.dataStates() != null) {
        double[] state = new double[r.dataStates().length];
        for (int i = 0; i < state.length; i++) {
          state[i] = r.dataStates()[i];
        }
        folder.writePng("latent_states.png", Figures.colouredScatter("Latent coloured by state (-1 other, 0 beta,"
            + " 1 alphaR, 2 alphaL)", "z0", "z1", "state", zx, zy, state, 4, false, 3));
        html.figure("latent_states.png", "Encoded frames coloured by their Ramachandran state");
      }
    }
    if (angles != null) {
      double[] phi = DemoReport.column(angles, 0);
      double[] psi = DemoReport.column(angles, 1);
      for (int i = 0; i < phi.length; i++) {
        phi[i] = Math.toDegrees(phi[i]);
        psi[i] = Math.toDegrees(psi[i]);
      }
      XYChart rama = DemoReport.freeEnergyChart(FreeEnergy.surface(phi, psi, 90, 90, 1.0));
      rama.setTitle("Ramachandran plot of the data, -kT ln p(phi, psi)");
      rama.setXAxisTitle("phi (degrees)");
      rama.setYAxisTitle("psi (degrees)");
      folder.writePng("ramachandran.png", rama);
      html.figure("ramachandran.png", "Ramachandran plot of the data");
    }
    return rows;
  }

  private static void addIts(XYChart chart, String name, ImpliedTimescales t) {
    double[] lags = new double[t.lags().length];
    for (int i = 0; i < lags.length; i++) {
      lags[i] = t.lags()[i];
    }
    for (int p = 0; p < Math.min(2, t.timescales()[0].length); p++) {
      double[] v = t.process(p);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < v.length; i++) {
        if (Double.isFinite(v[i]) && v[i] > 0) {
          xs.add(lags[i]);
          ys.add(v[i]);
        }
      }
      if (!xs.isEmpty()) {
        XYSeries s = chart.addSeries(name + " process " + (p + 1), xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
      }
    }
  }

  private static String pm(double v, double e) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Tables.num(v) + " +- " + Tables.num(e);
  }
}

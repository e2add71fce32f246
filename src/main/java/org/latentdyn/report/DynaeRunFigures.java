package org.latentdyn.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Trajectory;
import org.latentdyn.nn.Architecture;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.analysis.FreeEnergySurface;
import org.latentdyn.workflow.BaselineRun;
import org.latentdyn.workflow.DynaeRun;

/**
 * Figures of a DynAE or baseline run: losses, latent, its free energy, the aligned latent coloured by the truth; on
 * a movie (convolutional networks) the frame figures of {@link MovieFigures} instead of the feature scatters.
 */
final class DynaeRunFigures {
  private DynaeRunFigures() {}

  /** Every k-th value so that at most 5,000 remain. */
  static double[] thin(double[] v) {
    int step = Math.max(1, v.length / 5000);
    double[] out = new double[(v.length + step - 1) / step];
    for (int i = 0; i < out.length; i++) {
      out[i] = v[i * step];
    }
    return out;
  }

  /** Writes the figures of a DynAE run into {@code folder} and adds them to {@code html}. */
  static void write(DynaeRun.Result r, RunFolder folder, HtmlReport html) throws IOException {
    write(r, folder, html, null);
  }

  /** {@link #write(DynaeRun.Result, RunFolder, HtmlReport)} with names of the truth's columns (or null). */
  static void write(DynaeRun.Result r, RunFolder folder, HtmlReport html, List<String> truthNames)
      throws IOException {
    writeCommon(r.model().history(), r.latent(), r.freeEnergy(), folder, html);
    if (r.fields() != null) {
      double[] zx = DemoReport.column(r.latent(), 0);
      double[] zy = DemoReport.column(r.latent(), 1);
      folder.writePng("force_field.png", FieldPlots.forceChart(r.fields(), zx, zy));
      html.figure("force_field.png", "Learned force f(z) on the occupied latent region (paper Fig. 2e)");
      folder.writePng("diffusion_field.png", FieldPlots.diffusionChart(r.fields(), zx, zy));
      html.figure("diffusion_field.png", "Learned diffusion M(z): ellipse semi-axes 0.35 cell x sqrt(M_i) (Fig. 2f)");
    }
    if (r.model().config().architecture() == Architecture.CONV) {
      MovieFigures.write(r.data(), r.reconstruction(), r.latent(), r.model()::decode, r.aligned(), r.truth(),
          truthNames, folder, html);
    } else {
      writeTail(all(r.data()), all(r.reconstruction()), r.aligned(), r.truth(), folder, html);
    }
  }

  /** Writes the figures of a baseline run. */
  static void write(BaselineRun.Result r, RunFolder folder, HtmlReport html, List<String> truthNames)
      throws IOException {
    writeCommon(r.model().history(), r.latent(), r.freeEnergy(), folder, html);
    if (r.model().config().architecture() == Architecture.CONV) {
      MovieFigures.write(r.data(), r.reconstruction(), r.latent(), r.model()::decode, r.aligned(), r.truth(),
          truthNames, folder, html);
    } else {
      writeTail(all(r.data()), all(r.reconstruction()), r.aligned(), r.truth(), folder, html);
    }
  }

  private static Trajectory all(FrameStore frames) {
    return frames.read(0, frames.frames());
  }

  private static void writeCommon(List<EpochRecord> history, Trajectory latent, FreeEnergySurface fe,
      RunFolder folder, HtmlReport html) throws IOException {
    double[] epochs = new double[history.size()];
    List<double[]> curves = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      curves.add(new double[history.size()]);
    }
    for (int i = 0; i < history.size(); i++) {
      EpochRecord e = history.get(i);
      epochs[i] = e.epoch();
      curves.get(0)[i] = e.reconstruction();
      curves.get(1)[i] = e.validationReconstruction();
      curves.get(2)[i] = e.regulariser();
      curves.get(3)[i] = e.prior();
    }
    folder.writePng("losses.png", Figures.lines("Losses per epoch", "epoch", "loss", epochs,
        List.of("reconstruction", "validation reconstruction", "regulariser", "prior"), curves));
    html.figure("losses.png", "Training and validation losses");
    if (latent.features() >= 2) {
      folder.writePng("latent.png", Figures.scatter("Latent", "z0", "z1", DemoReport.column(latent, 0),
          DemoReport.column(latent, 1)));
      html.figure("latent.png", "Encoded frames");
      if (fe != null) {
        folder.writePng("latent_free_energy.png", DemoReport.freeEnergyChart(fe));
        html.figure("latent_free_energy.png", "Free energy of the latent, F = -kT log p(z)");
      }
    }
  }

  private static void writeTail(Trajectory data, Trajectory x, double[][] aligned, Trajectory truth, RunFolder folder,
      HtmlReport html) throws IOException {
    if (x.features() >= 2) {
      XYChart rc = Figures.scatter("Reconstruction (first two features)", "feature 0", "feature 1",
          DemoReport.column(data, 0), DemoReport.column(data, 1));
      XYSeries rs = rc.addSeries("reconstruction", thin(DemoReport.column(x, 0)), thin(DemoReport.column(x, 1)));
      rs.setMarker(SeriesMarkers.CIRCLE);
      rs.setMarkerColor(new Color(220, 90, 20, 90));
      rc.getStyler().setLegendVisible(true);
      folder.writePng("reconstruction.png", rc);
      html.figure("reconstruction.png", "Observations (blue) and their reconstructions psi(phi(X)) (orange)");
    }
    if (aligned != null && aligned[0].length >= 2) {
      double[][] a = aligned;
      double[] ax = new double[a.length];
      double[] ay = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        ax[i] = a[i][0];
        ay[i] = a[i][1];
      }
      for (int j = 0; j < truth.features(); j++) {
        String name = "aligned_by_truth_" + j + ".png";
        folder.writePng(name, Figures.colouredScatter("Aligned latent coloured by true variable " + j, "aligned z0",
            "aligned z1", "truth " + j, ax, ay, DemoReport.column(truth, j), 10, false, 3));
        html.figure(name, "Latent after the optimal isometry (Eq. 9), coloured by true variable " + j);
      }
    }
  }
}

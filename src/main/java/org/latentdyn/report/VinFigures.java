package org.latentdyn.report;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.latentdyn.mechanics.PhaseSpaceArray;

/**
 * Figures of the phase-space VIN runs (VIN spec §5, paper Figs. 3-4): phase portraits of predicted against observed
 * or true trajectories, rollouts against time, curves such as the RMSE or the energy against the horizon. Draws
 * only; the numbers come from the workflow.
 */
public final class VinFigures {
  private static final int MAX_TRAJECTORIES = 8;

  private VinFigures() {}

  /**
   * Phase portrait: {@code reference} as points (noisy data) or dashed lines (a noise-free truth), {@code predicted}
   * as solid lines, the first {@value #MAX_TRAJECTORIES} trajectories in distinct colours.
   *
   * @param reference may be null
   * @param referencePoints draw the reference as points rather than lines
   */
  public static XYChart phasePortrait(String title, PhaseSpaceArray predicted, PhaseSpaceArray reference,
      String referenceName, boolean referencePoints) {
    XYChart chart = Figures.chart(title, "q", "p");
    chart.getStyler().setXAxisDecimalPattern("0.##");
    int n = Math.min(MAX_TRAJECTORIES, predicted.trajectories());
    for (int b = 0; b < n; b++) {
      Color c = Figures.colour(n == 1 ? 0.2 : 0.9 * b / (n - 1));
      if (reference != null && b < reference.trajectories()) {
        XYSeries r = chart.addSeries(referenceName + " " + b, column(reference, b, 0), column(reference, b, 1));
        if (referencePoints) {
          r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          r.setMarker(SeriesMarkers.CIRCLE);
          r.setMarkerColor(c);
        } else {
          r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          r.setMarker(SeriesMarkers.NONE);
          r.setLineColor(Color.GRAY);
        }
      }
      XYSeries s = chart.addSeries("predicted " + b, column(predicted, b, 0), column(predicted, b, 1));
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(c);
    }
    chart.getStyler().setLegendVisible(false);
    return chart;
  }

  /** {@code q} and {@code p} of the first few trajectories against time, predicted (solid) and true (grey). */
  public static XYChart rollouts(String title, PhaseSpaceArray predicted, PhaseSpaceArray truth, double timeStep) {
    XYChart chart = Figures.chart(title, "t (s)", "q, p");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    int n = Math.min(3, predicted.trajectories());
    int frames = predicted.frames();
    double[] t = new double[frames];
    for (int k = 0; k < frames; k++) {
      t[k] = k * timeStep;
    }
    for (int b = 0; b < n; b++) {
      for (int j = 0; j < predicted.width(); j++) {
        Color c = Figures.colour(n * predicted.width() == 1 ? 0.2 : 0.9 * (b * predicted.width() + j)
            / (n * predicted.width() - 1));
        String coord = j == 0 ? "q" : "p";
        if (truth != null) {
          XYSeries r = chart.addSeries("true " + coord + " " + b, t, column(truth, b, j, frames));
          r.setMarker(SeriesMarkers.NONE);
          r.setLineColor(Color.LIGHT_GRAY);
        }
        XYSeries s = chart.addSeries(coord + " " + b, t, column(predicted, b, j, frames));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
      }
    }
    return chart;
  }

  /** Curves against the step index times {@code timeStep} (RMSE or energy against the horizon). */
  public static XYChart againstTime(String title, String yLabel, double timeStep, List<String> names,
      List<double[]> ys) {
    int frames = ys.stream().mapToInt(v -> v.length).max().orElse(0);
    double[] t = new double[frames];
    for (int k = 0; k < frames; k++) {
      t[k] = k * timeStep;
    }
    XYChart chart = Figures.chart(title, "t (s)", yLabel);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setXAxisDecimalPattern("0.##");
    for (int i = 0; i < names.size(); i++) {
      double[] y = ys.get(i);
      XYSeries s = chart.addSeries(names.get(i), java.util.Arrays.copyOf(t, y.length), finite(y));
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  private static double[] column(PhaseSpaceArray a, int b, int j) {
    return column(a, b, j, a.frames());
  }

  private static double[] column(PhaseSpaceArray a, int b, int j, int frames) {
    double[] out = new double[Math.min(frames, a.frames())];
    for (int t = 0; t < out.length; t++) {
      out[t] = finite(a.get(b, t, j));
    }
    return out;
  }

  /** Non-finite values (a blown-up rollout) become gaps. */
  static double finite(double v) {
    return Double.isFinite(v) && Math.abs(v) < 1e12 ? v : Double.NaN;
  }

  static double[] finite(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = finite(v[i]);
    }
    return out;
  }
}

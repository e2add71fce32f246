package org.latentdyn.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots drawn with XChart and encoded as PNG bytes. Figures only draw what analysis computed; they compute
 * nothing themselves except the colour levels of a colour-coded scatter.
 */
public final class Figures {
  /** Viridis, sampled at 9 stops. */
  private static final Color[] VIRIDIS = {
      new Color(68, 1, 84), new Color(71, 44, 122), new Color(59, 81, 139), new Color(44, 113, 142),
      new Color(33, 144, 141), new Color(39, 173, 129), new Color(92, 200, 99), new Color(170, 220, 50),
      new Color(253, 231, 37)};
  private static final int MAX_POINTS = 20_000;

  private Figures() {}

  /** An empty square-ish chart with the project's styling. */
  public static XYChart chart(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder().width(640).height(560).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setAntiAlias(true);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    return chart;
  }

  /** A plain scatter of (x, y), thinned evenly to at most 20,000 points. */
  public static XYChart scatter(String title, String xLabel, String yLabel, double[] x, double[] y) {
    XYChart chart = chart(title, xLabel, yLabel);
    int[] idx = thin(x.length);
    XYSeries s = chart.addSeries("frames", pick(x, idx), pick(y, idx));
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(new Color(33, 100, 170, 90));
    chart.getStyler().setLegendVisible(false);
    return chart;
  }

  /**
   * A scatter whose colour encodes {@code value} in {@code levels} equal-width levels between the finite
   * minimum and maximum; non-finite values are left out. Used for free-energy maps (one point per grid cell,
   * square markers) and for latents coloured by a ground-truth variable.
   */
  public static XYChart colouredScatter(String title, String xLabel, String yLabel, String valueLabel,
      double[] x, double[] y, double[] value, int levels, boolean squares, int markerSize) {
    if (x.length != y.length || x.length != value.length) {
      throw new IllegalArgumentException("x, y and value lengths differ: " + x.length + ", " + y.length + ", " + value.length);
    }
    if (levels < 2) {
      throw new IllegalArgumentException("levels must be >= 2, got " + levels);
    }
    XYChart chart = chart(title, xLabel, yLabel);
    chart.getStyler().setMarkerSize(markerSize);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : value) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi >= lo)) {
      return chart;
    }
    double width = hi > lo ? (hi - lo) / levels : 1.0;
    int[] idx = thin(x.length);
    List<List<Double>> xs = new ArrayList<>();
    List<List<Double>> ys = new ArrayList<>();
    for (int k = 0; k < levels; k++) {
      xs.add(new ArrayList<>());
      ys.add(new ArrayList<>());
    }
    for (int i : idx) {
      if (!Double.isFinite(value[i])) {
        continue;
      }
      int k = Math.min(levels - 1, (int) ((value[i] - lo) / width));
      xs.get(k).add(x[i]);
      ys.get(k).add(y[i]);
    }
    for (int k = 0; k < levels; k++) {
      if (xs.get(k).isEmpty()) {
        continue;
      }
      String name = String.format("%s %.2f..%.2f", valueLabel, lo + k * width, lo + (k + 1) * width);
      XYSeries s = chart.addSeries(name, xs.get(k), ys.get(k));
      s.setMarker(squares ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
      s.setMarkerColor(colour((k + 0.5) / levels));
    }
    return chart;
  }

  /** Lines {@code y[k]} against {@code x}, one series per name. */
  public static XYChart lines(String title, String xLabel, String yLabel, double[] x, List<String> names, List<double[]> ys) {
    XYChart chart = chart(title, xLabel, yLabel);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    for (int k = 0; k < names.size(); k++) {
      XYSeries s = chart.addSeries(names.get(k), x, ys.get(k));
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /** Viridis colour at {@code t} in [0, 1]. */
  public static Color colour(double t) {
    double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    int i = Math.min(VIRIDIS.length - 2, (int) u);
    double f = u - i;
    Color a = VIRIDIS[i];
    Color b = VIRIDIS[i + 1];
    return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  /** PNG bytes of a chart. */
  public static byte[] png(XYChart chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode chart '" + chart.getTitle() + "' as PNG: " + e.getMessage(), e);
    }
  }

  private static int[] thin(int n) {
    int m = Math.min(n, MAX_POINTS);
    int[] idx = new int[m];
    for (int i = 0; i < m; i++) {
      idx[i] = (int) ((long) i * n / m);
    }
    return idx;
  }

  private static double[] pick(double[] v, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = v[idx[i]];
    }
    return out;
  }
}

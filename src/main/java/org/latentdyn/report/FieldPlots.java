package org.latentdyn.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.latentdyn.workflow.DynaeRun;

/**
 * Drawings of learned fields on the latent space (paper Fig. 2 e-f): force arrows and diffusion ellipses,
 * each a line series with NaN gaps between the shapes, over a faint scatter of the latent.
 */
final class FieldPlots {
  private static final int ELLIPSE_POINTS = 24;
  /** Radius, in grid spacings, of the ellipse axis of a unit diffusion coefficient. */
  static final double UNIT_RADIUS = 0.35;

  private FieldPlots() {}

  /** Arrow segments (shaft and two head strokes) scaled so that the longest arrow spans 0.9 grid spacings. */
  static double[][] arrows(double[][] points, double[][] vectors, double[] spacing) {
    double max = 0;
    for (double[] v : vectors) {
      max = Math.max(max, Math.hypot(v[0] / spacing[0], v[1] / spacing[1]));
    }
    double scale = max > 0 ? 0.9 / max : 0;
    List<double[]> xy = new ArrayList<>();
    for (int k = 0; k < points.length; k++) {
      double x0 = points[k][0];
      double y0 = points[k][1];
      double dx = vectors[k][0] * scale;
      double dy = vectors[k][1] * scale;
      double x1 = x0 + dx;
      double y1 = y0 + dy;
      xy.add(new double[] {x0, y0});
      xy.add(new double[] {x1, y1});
      xy.add(new double[] {Double.NaN, Double.NaN});
      double u = dx / spacing[0];
      double v = dy / spacing[1];
      for (double side : new double[] {-1, 1}) {
        // head strokes: the arrow rotated by +-150 degrees in grid units, 30% long
        double a = Math.toRadians(150 * side);
        double hx = 0.3 * (u * Math.cos(a) - v * Math.sin(a)) * spacing[0];
        double hy = 0.3 * (u * Math.sin(a) + v * Math.cos(a)) * spacing[1];
        xy.add(new double[] {x1, y1});
        xy.add(new double[] {x1 + hx, y1 + hy});
        xy.add(new double[] {Double.NaN, Double.NaN});
      }
    }
    return transpose(xy);
  }

  /** Axis-aligned ellipses with semi-axes UNIT_RADIUS * spacing * sqrt(M_i): unit diffusion = equal ellipses. */
  static double[][] ellipses(double[][] points, double[][] diffusion, double[] spacing) {
    List<double[]> xy = new ArrayList<>();
    for (int k = 0; k < points.length; k++) {
      double rx = UNIT_RADIUS * spacing[0] * Math.sqrt(diffusion[k][0]);
      double ry = UNIT_RADIUS * spacing[1] * Math.sqrt(diffusion[k][1]);
      for (int t = 0; t <= ELLIPSE_POINTS; t++) {
        double a = 2 * Math.PI * t / ELLIPSE_POINTS;
        xy.add(new double[] {points[k][0] + rx * Math.cos(a), points[k][1] + ry * Math.sin(a)});
      }
      xy.add(new double[] {Double.NaN, Double.NaN});
    }
    return transpose(xy);
  }

  static XYChart forceChart(DynaeRun.FieldMap f, double[] zx, double[] zy) {
    XYChart c = background("Learned force f(z)", zx, zy);
    double[][] a = arrows(f.points(), f.force(), f.spacing());
    line(c, "f(z), longest arrow = 0.9 cell", a, new Color(200, 40, 40));
    return c;
  }

  static XYChart diffusionChart(DynaeRun.FieldMap f, double[] zx, double[] zy) {
    XYChart c = background("Learned diffusion M(z) (circles of one size = unit, isotropic)", zx, zy);
    line(c, "M(z) ellipses", ellipses(f.points(), f.diffusion(), f.spacing()), new Color(30, 110, 60));
    if (f.points().length > 0) {
      double[][] ref = ellipses(new double[][] {{f.points()[0][0], f.points()[0][1]}}, new double[][] {{1, 1}},
          f.spacing());
      line(c, "M = 1 reference", ref, Color.BLACK);
    }
    return c;
  }

  private static XYChart background(String title, double[] zx, double[] zy) {
    XYChart c = Figures.scatter(title, "z0", "z1", zx, zy);
    c.getSeriesMap().values().forEach(s -> s.setMarkerColor(new Color(150, 150, 150, 40)));
    c.getStyler().setLegendVisible(true);
    return c;
  }

  private static void line(XYChart c, String name, double[][] xy, Color colour) {
    if (xy[0].length == 0) {
      return;
    }
    XYSeries s = c.addSeries(name, xy[0], xy[1]);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
  }

  private static double[][] transpose(List<double[]> xy) {
    double[][] out = new double[2][xy.size()];
    for (int i = 0; i < xy.size(); i++) {
      out[0][i] = xy.get(i)[0];
      out[1][i] = xy.get(i)[1];
    }
    return out;
  }
}

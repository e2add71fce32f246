package org.latentdyn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;
import org.latentdyn.workflow.NldAnalysis;

/**
 * The figures of the NLD analysis (Koop et al., NLDL 2024, §5.1 and Fig. 3; spec nld.md §10.6): the learned energy
 * on the principal plane of the flowed samples with the minima marked, prior paths coloured by well, the
 * occupancies against the uniform 1/3, and a test sequence's labels against the true states.
 */
public final class NldFigures {
  private static final int PLOT = 500;
  private static final int LEFT = 70;
  private static final int TOP = 40;
  private static final int BAR = 90;
  private static final int BOTTOM = 50;

  private NldFigures() {}

  /**
   * The energy map as a PNG: one pixel per grid point of the plane, viridis from the minimum energy up to its 90th
   * percentile (higher values saturate, so the walls of {@code c |z|^2} do not wash out the wells), the minima as
   * white crosses, and a colour bar.
   */
  public static byte[] energyPlane(NldAnalysis.EnergyPlane p, String title) {
    int n = p.size();
    double[] sorted = p.energies().clone();
    Arrays.sort(sorted);
    double lo = sorted[0];
    double hi = sorted[(int) (0.9 * (sorted.length - 1))];
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    BufferedImage img = new BufferedImage(LEFT + PLOT + BAR, TOP + PLOT + BOTTOM, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int py = 0; py < PLOT; py++) {
      int j = (PLOT - 1 - py) * (n - 1) / (PLOT - 1); // v grows upwards
      for (int px = 0; px < PLOT; px++) {
        int i = px * (n - 1) / (PLOT - 1);
        double e = p.energies()[j * n + i];
        img.setRGB(LEFT + px, TOP + py, Figures.colour((e - lo) / (hi - lo)).getRGB());
      }
    }
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(2.5f));
    for (double[] m : p.minima()) {
      int x = LEFT + (int) Math.round((m[0] - p.uMin()) / (p.uMax() - p.uMin()) * (PLOT - 1));
      int y = TOP + PLOT - 1 - (int) Math.round((m[1] - p.vMin()) / (p.vMax() - p.vMin()) * (PLOT - 1));
      g.drawLine(x - 7, y - 7, x + 7, y + 7);
      g.drawLine(x - 7, y + 7, x + 7, y - 7);
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(LEFT, TOP, PLOT, PLOT);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, LEFT, 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(num(p.uMin()), LEFT, TOP + PLOT + 16);
    String uMax = num(p.uMax());
    g.drawString(uMax, LEFT + PLOT - g.getFontMetrics().stringWidth(uMax), TOP + PLOT + 16);
    g.drawString("principal axis 1 of the flowed samples", LEFT + PLOT / 2 - 110, TOP + PLOT + 36);
    g.drawString(num(p.vMax()), 4, TOP + 12);
    g.drawString(num(p.vMin()), 4, TOP + PLOT);
    g.drawString("axis 2", 4, TOP + PLOT / 2);
    int bx = LEFT + PLOT + 25;
    for (int py = 0; py < PLOT; py++) {
      g.setColor(Figures.colour(1 - py / (double) (PLOT - 1)));
      g.drawLine(bx, TOP + py, bx + 15, TOP + py);
    }
    g.setColor(Color.BLACK);
    g.drawRect(bx, TOP, 15, PLOT);
    g.drawString(num(hi) + "+", bx - 5, TOP - 5);
    g.drawString(num(lo), bx - 5, TOP + PLOT + 16);
    g.drawString("E", bx + 3, TOP + PLOT + 32);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the energy map as PNG: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * The first {@code shown} prior paths: latent coordinate 0 against the frame, one path above the other, each
   * position coloured by its well; the title gives the mean dwell time against the chain's.
   */
  public static XYChart priorPaths(NldAnalysis.Prior p, int dim, int shown, double chainDwell) {
    int k = Math.min(shown, p.paths());
    int len = p.length();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k * len; i++) {
      double v = p.positions()[i * dim];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double offset = 1.2 * Math.max(hi - lo, 1e-9);
    int wells = 0;
    for (int i = 0; i < k * len; i++) {
      wells = Math.max(wells, p.labels()[i] + 1);
    }
    List<List<Double>> xs = new ArrayList<>();
    List<List<Double>> ys = new ArrayList<>();
    for (int w = 0; w < wells; w++) {
      xs.add(new ArrayList<>());
      ys.add(new ArrayList<>());
    }
    for (int i = 0; i < k; i++) {
      for (int t = 0; t < len; t++) {
        int f = i * len + t;
        xs.get(p.labels()[f]).add((double) t);
        ys.get(p.labels()[f]).add(p.positions()[f * dim] - i * offset);
      }
    }
    String title = String.format(Locale.ROOT, "Prior paths by well: mean dwell %s frames (chain %s)",
        num(p.meanDwell()), num(chainDwell));
    XYChart chart = Figures.chart(title, "frame", "z0 (paths offset)");
    for (int w = 0; w < wells; w++) {
      if (!xs.get(w).isEmpty()) {
        XYSeries s = chart.addSeries("well " + w, xs.get(w), ys.get(w));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(Figures.colour((w + 0.5) / wells));
      }
    }
    return chart;
  }

  /** Occupancy bars per well (sampled, 0th and 2nd order, the prior's frames) with the uniform 1/3. */
  public static byte[] occupancy(double[] sampled, double[] zeroth, double[] second, double[] prior) {
    CategoryChart chart = new CategoryChartBuilder().width(640).height(480).title("Well occupancies against 1/3")
        .xAxisTitle("well (minima order)").yAxisTitle("occupancy").build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    List<String> wells = new ArrayList<>();
    for (int i = 0; i < Math.max(sampled.length, prior.length); i++) {
      wells.add("well " + i);
    }
    chart.addSeries("sampled", wells, box(sampled, wells.size()));
    chart.addSeries("0th order", wells, box(zeroth, wells.size()));
    chart.addSeries("2nd order", wells, box(second, wells.size()));
    chart.addSeries("prior paths", wells, box(prior, wells.size()));
    double[] third = new double[sampled.length];
    Arrays.fill(third, 1.0 / 3);
    CategorySeries u = chart.addSeries("1/3", wells, box(third, wells.size()));
    u.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    u.setLineColor(Color.BLACK);
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the occupancy chart as PNG: " + e.getMessage(), e);
    }
  }

  /** A sequence's labels (mapped by the segmentation permutation) against its true states, frame by frame. */
  public static XYChart labelsAgainstTruth(int[] labels, int[] permutation, int[] states, int from, int length) {
    double[] t = new double[length];
    double[] truth = new double[length];
    double[] mapped = new double[length];
    for (int i = 0; i < length; i++) {
      t[i] = i;
      truth[i] = states[from + i];
      mapped[i] = permutation[labels[from + i]] + 0.08; // drawn just above the truth where they agree
    }
    return Figures.lines("Test sequence 0: wells (permuted) against the true states", "frame", "state", t,
        List.of("true state", "well label"), List.of(truth, mapped));
  }

  /** The first {@code n} values, 0 where missing or not finite (no estimate when a Hessian is not definite). */
  private static List<Double> box(double[] v, int n) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x = v != null && i < v.length ? v[i] : Double.NaN;
      out.add(Double.isFinite(x) ? x : 0.0);
    }
    return out;
  }

  private static String num(double v) {
    return Tables.num(v);
  }
}

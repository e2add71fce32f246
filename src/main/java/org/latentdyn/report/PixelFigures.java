package org.latentdyn.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.latentdyn.workflow.VinPixels;

/**
 * Figures of the pixel experiments (VIN spec §5, paper Figs. 5-8): strips of frames drawn with Java2D (rows such as
 * "true" and a model's decoded Bernoulli means; 1 = black) and the latent orbit with its radius and energy.
 */
public final class PixelFigures {
  private static final int SCALE = 3;
  private static final int GAP = 4;
  private static final int LABEL = 90;
  private static final int TOP = 34;

  private PixelFigures() {}

  /**
   * A strip of frames: one row per entry of {@code rows}, one column per chosen frame.
   *
   * @param title drawn above
   * @param names row labels
   * @param rows per row {@code [frames][height * width]}, values in [0, 1] (1 = black); all rows as long
   * @param frames indices of the columns to draw
   * @param seconds time of frame 1 after frame 0 (0.1 s), for the column labels
   * @return PNG bytes
   */
  public static byte[] strip(String title, List<String> names, List<double[][]> rows, int height, int width,
      int[] frames, double seconds) {
    int cw = width * SCALE;
    int ch = height * SCALE;
    int w = LABEL + frames.length * (cw + GAP) + GAP;
    int h = TOP + rows.size() * (ch + GAP) + GAP + 14;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      FrameGrid.begin(g, w, h, title);
      for (int c = 0; c < frames.length; c++) {
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%.1f s", frames[c] * seconds), LABEL + c * (cw + GAP) + GAP, TOP - 4);
      }
      for (int r = 0; r < rows.size(); r++) {
        int y0 = TOP + r * (ch + GAP);
        g.setColor(Color.BLACK);
        g.drawString(names.get(r), GAP, y0 + ch / 2 + 4);
        double[][] row = rows.get(r);
        for (int c = 0; c < frames.length; c++) {
          int x0 = LABEL + c * (cw + GAP) + GAP;
          if (frames[c] >= row.length) {
            continue;
          }
          double[] f = row[frames[c]];
          for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
              double v = f[i * width + j];
              int grey = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, Double.isFinite(v) ? v : 0))));
              g.setColor(new Color(grey, grey, grey));
              g.fillRect(x0 + j * SCALE, y0 + i * SCALE, SCALE, SCALE);
            }
          }
          g.setColor(Color.LIGHT_GRAY);
          g.drawRect(x0 - 1, y0 - 1, cw + 1, ch + 1);
        }
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Frames {@code [T, P]} of one observed sequence as rows of doubles. */
  public static double[][] rows(float[] sequence, int pixels) {
    double[][] out = new double[sequence.length / pixels][pixels];
    for (int t = 0; t < out.length; t++) {
      for (int i = 0; i < pixels; i++) {
        out[t][i] = sequence[t * pixels + i];
      }
    }
    return out;
  }

  /** Every {@code stride}-th index below {@code count}. */
  public static int[] every(int stride, int count) {
    List<Integer> idx = new ArrayList<>();
    for (int t = 0; t < count; t += stride) {
      idx.add(t);
    }
    return idx.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The latent orbit in its plane (paper Fig. 6). */
  public static XYChart orbit(String title, VinPixels.Orbit o) {
    XYChart c = Figures.lines(title, o.xLabel(), o.yLabel(), VinFigures.finite(o.x()), List.of("latent orbit"),
        List.of(VinFigures.finite(o.y())));
    c.getStyler().setXAxisDecimalPattern("0.##");
    return c;
  }

  /** Radius and (for VINs) learned energy of the orbit against time, {@code seconds} per latent step. */
  public static XYChart radius(String title, VinPixels.Orbit o, double seconds) {
    List<String> names = new ArrayList<>(List.of("radius |x|"));
    List<double[]> ys = new ArrayList<>(List.of(o.radius()));
    if (java.util.Arrays.stream(o.energy()).anyMatch(Double::isFinite)) {
      names.add("learned energy");
      ys.add(o.energy());
    }
    return VinFigures.againstTime(title, "radius, energy", seconds, names, ys);
  }
}

package org.latentdyn.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A labelled grid of image frames drawn in plain Java (paper Figs. 5-6: originals over reconstructions, latent
 * traversals). A frame is {@code [channels, side, side]} in C order with values in [0, 1]: one channel is drawn
 * grey (0 black, 1 white), three channels as RGB; values outside [0, 1] are clamped and NaN drawn black. Each
 * pixel becomes a {@link #SCALE} x {@link #SCALE} block; cell (row, column) has its top-left corner at
 * ({@link #cellX}, {@link #cellY}).
 */
public final class FrameGrid {
  /** Image pixels per frame pixel along each axis. */
  public static final int SCALE = 2;
  static final int GAP = 4;
  static final int LABEL = 110;
  static final int TOP = 38;

  private FrameGrid() {}

  /** Starts a figure on {@code g}: white {@code w x h} background, {@code title} in bold, then the label font. */
  static void begin(Graphics2D g, int w, int h, String title) {
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    g.drawString(title, 4, 15);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
  }

  /**
   * Draws the grid.
   *
   * @param title drawn above
   * @param rowLabels one per row, drawn at its left
   * @param columnLabels one per column, drawn above it
   * @param frames {@code [rows][columns]} frames of {@code channels * side * side} values; null leaves a cell empty
   * @param channels 1 or 3
   * @param side frame height and width
   */
  public static BufferedImage draw(String title, List<String> rowLabels, List<String> columnLabels, float[][][] frames,
      int channels, int side) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    if (frames.length != rowLabels.size()) {
      throw new IllegalArgumentException(frames.length + " rows of frames but " + rowLabels.size() + " row labels");
    }
    int columns = columnLabels.size();
    int cell = side * SCALE;
    int w = cellX(columns, side) + GAP;
    int h = cellY(frames.length, side) + GAP;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      FrameGrid.begin(g, w, h, title);
      g.setColor(Color.DARK_GRAY);
      for (int c = 0; c < columns; c++) {
        g.drawString(columnLabels.get(c), cellX(c, side), TOP - 5);
      }
      for (int r = 0; r < frames.length; r++) {
        g.setColor(Color.BLACK);
        g.drawString(rowLabels.get(r), GAP, cellY(r, side) + cell / 2 + 4);
        if (frames[r].length > columns) {
          throw new IllegalArgumentException("row " + r + " has " + frames[r].length + " frames but there are "
              + columns + " column labels");
        }
        for (int c = 0; c < frames[r].length; c++) {
          if (frames[r][c] != null) {
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(cellX(c, side) - 1, cellY(r, side) - 1, cell + 1, cell + 1);
            paint(img, frames[r][c], channels, side, cellX(c, side), cellY(r, side));
          }
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Left edge of the cells of column {@code c} for frames of {@code side} pixels. */
  public static int cellX(int c, int side) {
    return LABEL + c * (side * SCALE + GAP);
  }

  /** Top edge of the cells of row {@code r} for frames of {@code side} pixels. */
  public static int cellY(int r, int side) {
    return TOP + r * (side * SCALE + GAP);
  }

  /** PNG bytes of an image. */
  public static byte[] png(BufferedImage img) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void paint(BufferedImage img, float[] frame, int channels, int side, int x0, int y0) {
    int plane = side * side;
    if (frame.length != channels * plane) {
      throw new IllegalArgumentException("a frame has " + frame.length + " values, expected " + channels + " x " + side
          + " x " + side);
    }
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        int p = i * side + j;
        int r = level(frame[p]);
        int rgb = channels == 1 ? (r << 16) | (r << 8) | r
            : (r << 16) | (level(frame[plane + p]) << 8) | level(frame[2 * plane + p]);
        for (int a = 0; a < SCALE; a++) {
          for (int b = 0; b < SCALE; b++) {
            img.setRGB(x0 + j * SCALE + b, y0 + i * SCALE + a, rgb);
          }
        }
      }
    }
  }

  /** 0..255 of a value in [0, 1] (clamped; NaN 0). */
  static int level(float v) {
    return v >= 0 ? (int) Math.round(255 * Math.min(1f, v)) : 0;
  }
}

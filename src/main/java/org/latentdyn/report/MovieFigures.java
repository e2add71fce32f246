package org.latentdyn.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.latentdyn.analysis.LatentTraversal;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Trajectory;
import org.latentdyn.nn.ConvOptions;

/**
 * Figures of a run on an image movie (paper Figs. 5-6): frames spread over the movie above their reconstructions,
 * latent traversals (each dimension from its 5th to its 95th percentile, the others at the median, decoded), and,
 * with a ground truth, the aligned latent coloured by each true factor, one panel per factor.
 */
final class MovieFigures {
  /** Frames in the originals/reconstructions grid. */
  static final int COLUMNS = 8;
  /** Codes per latent dimension in the traversals. */
  static final int STEPS = 7;
  /** Panels per row of the factor figure. */
  private static final int PANELS_PER_ROW = 3;

  private MovieFigures() {}

  /**
   * Writes {@code reconstructions.png}, {@code traversals.png} and, with a truth, {@code aligned_by_factor.png},
   * and adds them to {@code html}.
   *
   * @param data the frames {@code [frames, C * 64 * 64]}
   * @param reconstruction psi(phi(X)), same shape
   * @param latent phi(X) {@code [frames, d]}
   * @param decode the model's decoder psi on latent codes {@code [codes, d]}
   * @param aligned the latent after the isometric alignment to the truth, {@code [frames][d]} (null without one)
   * @param truth the true factors {@code [frames, factors]} (null without them)
   * @param truthNames names of the factors (null, or of another length: "factor 0", "factor 1", ...)
   */
  static void write(FrameStore data, FrameStore reconstruction, Trajectory latent, UnaryOperator<Trajectory> decode,
      double[][] aligned, Trajectory truth, List<String> truthNames, RunFolder folder, HtmlReport html)
      throws IOException {
    int side = ConvOptions.IMAGE_SIDE;
    int channels = ConvOptions.channelsOf(data.features());
    int[] picks = spread(data.frames(), COLUMNS);
    float[][][] grid = new float[2][picks.length][];
    List<String> columns = new ArrayList<>();
    for (int c = 0; c < picks.length; c++) {
      grid[0][c] = data.read(picks[c], 1).view();
      grid[1][c] = reconstruction.read(picks[c], 1).view();
      columns.add("frame " + picks[c]);
    }
    folder.writeBytes("reconstructions.png", FrameGrid.png(FrameGrid.draw("Frames (top) and reconstructions psi(phi(x))"
        + " (bottom)", List.of("original", "reconstructed"), columns, grid, channels, side)));
    html.figure("reconstructions.png", picks.length + " frames spread over the movie (top) and their reconstructions"
        + " (bottom) (paper Figs. 5-6)");

    int d = latent.features();
    LatentTraversal t = LatentTraversal.of(latent.view(), d, STEPS, 5, 95);
    Trajectory decoded = decode.apply(Trajectory.wrap(t.codes(), d * STEPS, d));
    float[][][] rows = new float[d][STEPS][];
    List<String> rowLabels = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < STEPS; k++) {
        rows[j][k] = decoded.frame(j * STEPS + k);
      }
      rowLabels.add(String.format(Locale.ROOT, "z%d %s..%s", j, Tables.num(t.values()[j][0]),
          Tables.num(t.values()[j][STEPS - 1])));
    }
    List<String> pcts = new ArrayList<>();
    for (double p : t.percentiles()) {
      pcts.add(String.format(Locale.ROOT, "%.0fth pct", p));
    }
    folder.writeBytes("traversals.png", FrameGrid.png(FrameGrid.draw("Latent traversals: each row moves one dimension"
        + " from its 5th to its 95th percentile, the others at the median", rowLabels, pcts, rows, channels, side)));
    html.figure("traversals.png", "Latent traversals: decoded codes along each latent dimension (5th to 95th"
        + " percentile; the other dimensions at their median)");

    if (aligned != null && truth != null) {
      List<String> names = new ArrayList<>();
      for (int j = 0; j < truth.features(); j++) {
        names.add(truthNames != null && truthNames.size() == truth.features() ? truthNames.get(j) : "factor " + j);
      }
      folder.writeBytes("aligned_by_factor.png", FrameGrid.png(factorPanels(aligned, truth, names)));
      html.figure("aligned_by_factor.png", "Latent after the optimal isometry (Eq. 9) coloured by each true factor"
          + (aligned[0].length > 2 ? " (first two aligned dimensions)" : ""));
    }
  }

  /** {@code count} frame indices spread evenly over {@code frames} frames, first and last included. */
  static int[] spread(int frames, int count) {
    int n = Math.min(frames, count);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = n == 1 ? 0 : (int) Math.round((double) i * (frames - 1) / (n - 1));
    }
    return out;
  }

  /** One scatter per true factor: the first two aligned dimensions (or the one against the factor when d = 1). */
  private static BufferedImage factorPanels(double[][] aligned, Trajectory truth, List<String> names) {
    int d = aligned[0].length;
    double[] ax = new double[aligned.length];
    double[] ay = new double[aligned.length];
    for (int i = 0; i < aligned.length; i++) {
      ax[i] = aligned[i][0];
      ay[i] = d >= 2 ? aligned[i][1] : 0;
    }
    List<BufferedImage> panels = new ArrayList<>();
    for (int j = 0; j < truth.features(); j++) {
      double[] v = DemoReport.column(truth, j);
      String name = names.get(j);
      XYChart chart = d >= 2
          ? Figures.colouredScatter("Aligned latent coloured by " + name, "aligned z0", "aligned z1", name, ax, ay,
              v, 10, false, 3)
          : Figures.colouredScatter("Aligned z0 against " + name, name, "aligned z0", name, v, ax, v, 10, false, 3);
      panels.add(BitmapEncoder.getBufferedImage(chart));
    }
    int w = panels.get(0).getWidth();
    int h = panels.get(0).getHeight();
    int cols = Math.min(PANELS_PER_ROW, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    BufferedImage img = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      for (int k = 0; k < panels.size(); k++) {
        g.drawImage(panels.get(k), (k % cols) * w, (k / cols) * h, null);
      }
    } finally {
      g.dispose();
    }
    return img;
  }
}

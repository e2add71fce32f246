package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.io.Npy;
import org.latentdyn.report.FrameGrid;

/** {@code train} on a movie writes the frame figures of paper Figs. 5-6 and links them from report.html. */
class MovieReportCliTest {
  @TempDir
  Path tmp;

  @Test
  void trainOnAMovieWritesReconstructionsTraversalsAndFactorPanels() throws IOException {
    Path movie = tmp.resolve("movie");
    CliTest.Run r = CliTest.run("simulate", "dsprites2", "--frames", "16", "--seed", "3", "--out", movie.toString());
    assertEquals(0, r.code(), r.err());
    Path obs = movie.resolve("observations.npy");
    // the panels are named after the truth's columns from the run.json of 'simulate'
    assertEquals(java.util.List.of("posX", "posY"), TrainCommand.truthColumns(movie.resolve("truth.npy").toString(),
        Npy.readTrajectory(movie.resolve("truth.npy"))));
    assertEquals(null, TrainCommand.truthColumns(obs.toString(), Npy.readTrajectory(movie.resolve("truth.npy"))));
    float[] frames = Npy.read(obs).toFloatArray();
    for (String model : new String[] {"dynae", "betavae"}) {
      Path out = tmp.resolve("run-" + model);
      r = CliTest.run("train", "--model", model, "--data", obs.toString(), "--truth",
          movie.resolve("truth.npy").toString(), "--epochs", "1", "--batch-size", "4", "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      String html = Files.readString(out.resolve("report.html"));
      for (String png : new String[] {"reconstructions.png", "traversals.png", "aligned_by_factor.png"}) {
        assertTrue(Files.size(out.resolve(png)) > 1000, model + " " + png);
        assertTrue(html.contains("<img src=\"" + png + "\""), model + " report links " + png);
      }
      assertTrue(!html.contains("reconstruction.png"), "no feature scatter of pixels");

      // originals: the top-left cell is frame 0 of the movie, pixel for pixel
      BufferedImage rec = ImageIO.read(out.resolve("reconstructions.png").toFile());
      int side = 64;
      int s = FrameGrid.SCALE;
      int x0 = FrameGrid.cellX(0, side);
      int y0 = FrameGrid.cellY(0, side);
      int brightest = 0;
      for (int p = 1; p < side * side; p++) {
        if (frames[p] > frames[brightest]) {
          brightest = p;
        }
      }
      for (int p : new int[] {0, brightest}) {
        int level = Math.round(255 * Math.min(1f, Math.max(0f, frames[p])));
        int rgb = rec.getRGB(x0 + (p % side) * s, y0 + (p / side) * s) & 0xFFFFFF;
        assertEquals(level * 0x010101, rgb, model + " pixel " + p);
      }
      assertTrue(frames[brightest] > 0.9f, "the heart is bright");
      // 8 frames over 2 rows; traversals: 2 latent dimensions x 7 codes
      assertEquals(FrameGrid.cellX(8, side) + 4, rec.getWidth());
      assertEquals(FrameGrid.cellY(2, side) + 4, rec.getHeight());
      BufferedImage trav = ImageIO.read(out.resolve("traversals.png").toFile());
      assertEquals(FrameGrid.cellX(7, side) + 4, trav.getWidth());
      assertEquals(FrameGrid.cellY(2, side) + 4, trav.getHeight());
      // two factors (x, y) of dsprites2: two panels side by side
      BufferedImage panels = ImageIO.read(out.resolve("aligned_by_factor.png").toFile());
      assertEquals(2 * 640, panels.getWidth());
    }
  }
}

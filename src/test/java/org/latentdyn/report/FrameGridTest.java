package org.latentdyn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The frame grid puts each frame pixel at its place in the image, grey or in colour. */
class FrameGridTest {
  private static final int SIDE = 8;

  @Test
  void aWhitePixelOfAGreyFrameLandsAtItsPlace() throws IOException {
    float[] frame = new float[SIDE * SIDE];
    frame[3 * SIDE + 5] = 1f; // row 3, column 5
    frame[6 * SIDE + 1] = 0.5f;
    float[] other = new float[SIDE * SIDE];
    BufferedImage img = FrameGrid.draw("t", List.of("a", "b"), List.of("0", "1"),
        new float[][][] {{other, null}, {other, frame}}, 1, SIDE);
    // through PNG and back: the encoding is lossless
    img = ImageIO.read(new ByteArrayInputStream(FrameGrid.png(img)));
    int x0 = FrameGrid.cellX(1, SIDE);
    int y0 = FrameGrid.cellY(1, SIDE);
    int s = FrameGrid.SCALE;
    for (int a = 0; a < s; a++) {
      for (int b = 0; b < s; b++) {
        assertEquals(0xFFFFFF, img.getRGB(x0 + 5 * s + b, y0 + 3 * s + a) & 0xFFFFFF);
        assertEquals(0x808080, img.getRGB(x0 + 1 * s + b, y0 + 6 * s + a) & 0xFFFFFF);
      }
    }
    assertEquals(0x000000, img.getRGB(x0 + 4 * s, y0 + 3 * s) & 0xFFFFFF);
    assertEquals(0x000000, img.getRGB(x0, y0) & 0xFFFFFF);
    // the empty cell (row 0, column 1) stays background white
    assertEquals(0xFFFFFF, img.getRGB(FrameGrid.cellX(1, SIDE) + 2, FrameGrid.cellY(0, SIDE) + 2) & 0xFFFFFF);
    assertEquals(FrameGrid.cellX(2, SIDE) + FrameGrid.GAP, img.getWidth());
  }

  @Test
  void anRgbFrameKeepsItsColour() {
    int plane = SIDE * SIDE;
    float[] frame = new float[3 * plane];
    int p = 2 * SIDE + 7;
    frame[p] = 1f; // red
    frame[plane + p] = 0.2f; // green 51
    frame[2 * plane + p] = 0.6f; // blue 153
    frame[plane] = 2f; // clamped to 255 green at (0, 0)
    frame[2 * plane] = Float.NaN; // drawn as 0
    BufferedImage img = FrameGrid.draw("rgb", List.of("x"), List.of("c"), new float[][][] {{frame}}, 3, SIDE);
    int x0 = FrameGrid.cellX(0, SIDE);
    int y0 = FrameGrid.cellY(0, SIDE);
    int s = FrameGrid.SCALE;
    int[] rgb = rgb(img.getRGB(x0 + 7 * s + 1, y0 + 2 * s + 1));
    assertArrayEquals(new int[] {255, 51, 153}, rgb);
    assertArrayEquals(new int[] {0, 255, 0}, rgb(img.getRGB(x0, y0)));
  }

  private static int[] rgb(int v) {
    return new int[] {(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF};
  }
}

package org.latentdyn.mechanics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Known answers of spec {@code vin.md} §3b and §7 item 12 (reference counts measured with matplotlib 3.6): rod 36
 * on-pixels at {@code theta = 0, +-pi/2, pi}, 43 at {@code pi/4} (a 3-px-wide bar); disc 37 at any {@code q},
 * centre moving 4.34 px per unit of {@code q}. Counts and bounding boxes within +-3 px.
 */
class PixelRendererTest {
  private static final int SIZE = 28;

  @Test
  void axisAlignedRodsCover36Pixels() {
    for (double theta : new double[] {0, Math.PI / 2, -Math.PI / 2, Math.PI, -Math.PI}) {
      int count = PixelRenderer.count(PixelRenderer.pendulum(theta));
      assertTrue(Math.abs(count - 36) <= 3, "theta " + theta + ": " + count + " pixels, reference 36");
      assertEquals(36, count, "snapped rods are 3 x 12 pixels, theta " + theta);
    }
  }

  @Test
  void diagonalRodCoversAbout43Pixels() {
    int count = PixelRenderer.count(PixelRenderer.pendulum(Math.PI / 4));
    assertTrue(Math.abs(count - 43) <= 3, count + " pixels at pi/4, reference 43");
    PixelRenderer exactPivot = PixelRenderer.of(PixelRenderer.Options.DEFAULTS.withSnapPivot(false));
    assertEquals(43, PixelRenderer.count(exactPivot.pendulumFrame(Math.PI / 4)),
        "with matplotlib's unsnapped pivot the reference count is met exactly");
  }

  @Test
  void rodsWithinTheSnapToleranceOfAnAxisAreSnappedOntoIt() {
    // 1e-6 rad moves the bob 9e-6 px, under matplotlib's 1e-4 px test: drawn exactly vertical.
    assertArrayEquals(PixelRenderer.pendulum(0), PixelRenderer.pendulum(1e-6));
    assertArrayEquals(PixelRenderer.pendulum(Math.PI / 2), PixelRenderer.pendulum(Math.PI / 2 + 1e-6));
    PixelRenderer exactPivot = PixelRenderer.of(PixelRenderer.Options.DEFAULTS.withSnapPivot(false));
    for (double theta : new double[] {0, Math.PI / 2, -Math.PI / 2, Math.PI}) {
      assertArrayEquals(PixelRenderer.pendulum(theta), exactPivot.pendulumFrame(theta),
          "axis-aligned rods are snapped whatever snapPivot says, theta " + theta);
    }
  }

  @Test
  void verticalRodHangsFromThePivotRowToTheBobInThreeCentredColumns() {
    // Pivot at device (14.35, 28 - 13.86 = 14.14) from the top left: pixel row 14, column 14. The bob of the
    // hanging rod at y = -1 is 28 - (3.08 + 0.2 / 2.4 * 21.56) = 23.12 px from the top: row 23.
    int[] box = boundingBox(PixelRenderer.pendulum(0));
    assertArrayEquals(new int[] {13, 24, 13, 15}, box, "rows 13..24 (cap above the pivot row 14, cap below the"
        + " bob row 23), columns 13..15 around the pivot column 14");
    // Upside down the rod reaches up from the pivot: bob at 28 - (3.08 + 2.2 / 2.4 * 21.56) = 5.16 -> row 5.
    assertArrayEquals(new int[] {4, 15, 13, 15}, boundingBox(PixelRenderer.pendulum(Math.PI)));
    // Horizontal: bob at 3.5 + 2.2 / 2.4 * 21.7 = 23.39 px -> column 23; the bar spans rows 13..15.
    assertArrayEquals(new int[] {13, 15, 13, 24}, boundingBox(PixelRenderer.pendulum(Math.PI / 2)));
    assertArrayEquals(new int[] {13, 15, 4, 15}, boundingBox(PixelRenderer.pendulum(-Math.PI / 2)));
  }

  @Test
  void negatingThetaMirrorsTheImageAboutThePivotColumn() {
    int pivotColumn = 14;
    for (int i = 0; i <= 400; i++) {
      double theta = -4 + 8.0 * i / 400;
      float[] frame = PixelRenderer.pendulum(theta);
      float[] mirrored = PixelRenderer.pendulum(-theta);
      for (int row = 0; row < SIZE; row++) {
        assertEquals(0f, frame[row * SIZE], "column 0 has no mirror image, theta " + theta);
        for (int col = 1; col < SIZE; col++) {
          assertEquals(frame[row * SIZE + col], mirrored[row * SIZE + 2 * pivotColumn - col],
              "theta " + theta + " pixel (" + row + ", " + col + ")");
        }
      }
    }
  }

  @Test
  void shiftingThetaByTwoPiChangesNoPixel() {
    for (int i = 0; i <= 200; i++) {
      double theta = -Math.PI + 2 * Math.PI * i / 200;
      float[] frame = PixelRenderer.pendulum(theta);
      assertArrayEquals(frame, PixelRenderer.pendulum(theta + 2 * Math.PI), "theta " + theta + " + 2 pi");
      assertArrayEquals(frame, PixelRenderer.pendulum(theta - 2 * Math.PI), "theta " + theta + " - 2 pi");
      assertArrayEquals(frame, PixelRenderer.pendulum(theta + 6 * Math.PI), "theta " + theta + " + 6 pi");
    }
  }

  @Test
  void rodCountStaysNearTheReferenceAtEveryAngle() {
    for (int i = 0; i < 720; i++) {
      double theta = 2 * Math.PI * i / 720;
      int count = PixelRenderer.count(PixelRenderer.pendulum(theta));
      assertTrue(count >= 36 - 3 && count <= 43 + 3, "theta " + theta + ": " + count + " pixels");
    }
  }

  @Test
  void discCoversExactly37PixelsAnywhereInTheWindow() {
    for (int i = 0; i <= 96; i++) {
      double q = -2.4 + 4.8 * i / 96;
      float[] frame = PixelRenderer.spring(q);
      assertEquals(37, PixelRenderer.count(frame), "q " + q);
      int[] box = boundingBox(frame);
      assertEquals(7, box[1] - box[0] + 1, "disc height at q " + q);
      assertEquals(7, box[3] - box[2] + 1, "disc width at q " + q);
    }
  }

  @Test
  void discCentreMoves4Point34PixelsPerUnitOfQ() {
    int n = 401;
    double sumQ = 0;
    double sumX = 0;
    double sumQq = 0;
    double sumQx = 0;
    for (int i = 0; i < n; i++) {
      double q = -2 + 4.0 * i / (n - 1);
      double[] centroid = centroid(PixelRenderer.spring(q));
      assertEquals(14.5, centroid[0], 1e-12, "the disc stays on the row of y = 0, q " + q);
      sumQ += q;
      sumX += centroid[1];
      sumQq += q * q;
      sumQx += q * centroid[1];
    }
    double slope = (n * sumQx - sumQ * sumX) / (n * sumQq - sumQ * sumQ);
    assertEquals(4.34, slope, 0.03, "pixels per unit of q");
    assertEquals(14.5, centroid(PixelRenderer.spring(0))[1], 1e-12, "q = 0 sits on the pixel centre 14.5");
  }

  @Test
  void framesAreStrictlyBinary() {
    for (int i = 0; i <= 50; i++) {
      for (float v : PixelRenderer.pendulum(0.37 * i)) {
        assertTrue(v == 0f || v == 1f, "pendulum value " + v);
      }
      for (float v : PixelRenderer.spring(-2.5 + 0.1 * i)) {
        assertTrue(v == 0f || v == 1f, "spring value " + v);
      }
    }
    assertEquals(SIZE * SIZE, PixelRenderer.pendulum(1).length);
    assertEquals(SIZE * SIZE, PixelRenderer.spring(1).length);
  }

  @Test
  void batchesStackFramesInSequenceStepOrder() {
    double[][] angles = {{0, 0.5, 1.0}, {-1.0, 2.0, 3.0}};
    PixelRenderer.Frames frames = PixelRenderer.defaults().pendulumFrames(angles);
    assertArrayEquals(new int[] {2, 3, SIZE, SIZE}, frames.shape());
    assertEquals(2 * 3 * SIZE * SIZE, frames.pixels().length);
    for (int n = 0; n < 2; n++) {
      for (int t = 0; t < 3; t++) {
        assertArrayEquals(PixelRenderer.pendulum(angles[n][t]), frames.frame(n, t), "(" + n + ", " + t + ")");
      }
    }
    double[][] positions = {{-1.5}, {0.2}, {1.4}};
    PixelRenderer.Frames discs = PixelRenderer.defaults().springFrames(positions);
    assertArrayEquals(new int[] {3, 1, SIZE, SIZE}, discs.shape());
    assertArrayEquals(PixelRenderer.spring(1.4), discs.frame(2, 0));
  }

  @Test
  void badInputNamesTheValue() {
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> PixelRenderer.pendulum(Double.NaN));
    assertTrue(nan.getMessage().contains("theta") && nan.getMessage().contains("NaN"), nan.getMessage());
    IllegalArgumentException inf =
        assertThrows(IllegalArgumentException.class, () -> PixelRenderer.spring(Double.POSITIVE_INFINITY));
    assertTrue(inf.getMessage().contains("q") && inf.getMessage().contains("Infinity"), inf.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> PixelRenderer.defaults().pendulumFrames(new double[][] {{0, 1}, {0}}));
    assertTrue(ragged.getMessage().contains("angles[1]"), ragged.getMessage());
    IllegalArgumentException inBatch = assertThrows(IllegalArgumentException.class,
        () -> PixelRenderer.defaults().springFrames(new double[][] {{0, Double.NaN}}));
    assertTrue(inBatch.getMessage().contains("positions[0][1]"), inBatch.getMessage());
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> PixelRenderer.Options.DEFAULTS.withRodLength(-1));
    assertTrue(length.getMessage().contains("rodLength") && length.getMessage().contains("-1"),
        length.getMessage());
  }

  @Test
  void asciiArtDrawsOneLinePerRow() {
    String art = PixelRendererAscii.art(PixelRenderer.pendulum(0));
    String[] lines = art.split("\n");
    assertEquals(SIZE, lines.length);
    assertEquals(".............###............", lines[20]);
    assertEquals("............................", lines[0]);
  }

  /** {@code {minRow, maxRow, minCol, maxCol}} of the on-pixels. */
  private static int[] boundingBox(float[] frame) {
    int[] box = {SIZE, -1, SIZE, -1};
    for (int row = 0; row < SIZE; row++) {
      for (int col = 0; col < SIZE; col++) {
        if (frame[row * SIZE + col] > 0.5f) {
          box[0] = Math.min(box[0], row);
          box[1] = Math.max(box[1], row);
          box[2] = Math.min(box[2], col);
          box[3] = Math.max(box[3], col);
        }
      }
    }
    return box;
  }

  /** {@code {row, col}} centroid of the on-pixels, in pixel-centre coordinates (pixel k has centre k + 0.5). */
  private static double[] centroid(float[] frame) {
    double rows = 0;
    double cols = 0;
    int count = 0;
    for (int row = 0; row < SIZE; row++) {
      for (int col = 0; col < SIZE; col++) {
        if (frame[row * SIZE + col] > 0.5f) {
          rows += row + 0.5;
          cols += col + 0.5;
          count++;
        }
      }
    }
    return new double[] {rows / count, cols / count};
  }
}

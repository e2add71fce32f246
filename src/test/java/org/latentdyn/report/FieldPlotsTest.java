package org.latentdyn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.latentdyn.workflow.DynaeRun;

/** Geometry of the field drawings, and a headless smoke test of the PNGs. */
class FieldPlotsTest {
  @Test
  void longestArrowSpansNineTenthsOfACellAndPointsAlongTheField() {
    double[][] pts = {{0, 0}, {1, 0}};
    double[][] f = {{2, 0}, {0, -1}};
    double[] spacing = {0.5, 0.5};
    double[][] a = FieldPlots.arrows(pts, f, spacing);
    // first shaft: from (0,0) to (0.45, 0): longest arrow = 0.9 * 0.5
    assertEquals(0, a[0][0], 1e-12);
    assertEquals(0.45, a[0][1], 1e-12);
    assertEquals(0, a[1][1], 1e-12);
    assertTrue(Double.isNaN(a[0][2]));
    // second arrow (index 9 = start of its shaft): half as long, pointing down
    assertEquals(1, a[0][9], 1e-12);
    assertEquals(-0.225, a[1][10], 1e-12);
  }

  @Test
  void unitDiffusionGivesCirclesOfTheReferenceRadius() {
    double[][] e = FieldPlots.ellipses(new double[][] {{0, 0}}, new double[][] {{1, 4}}, new double[] {1, 1});
    assertEquals(FieldPlots.UNIT_RADIUS, e[0][0], 1e-12); // angle 0: x = rx
    assertEquals(2 * FieldPlots.UNIT_RADIUS, e[1][6], 1e-12); // angle 90 degrees: y = ry = 2 rx for M_y = 4
  }

  @Test
  void chartsRenderHeadless() throws IOException {
    DynaeRun.FieldMap f = new DynaeRun.FieldMap(new double[][] {{0, 0}, {1, 1}}, new double[][] {{1, 0}, {0, 1}},
        new double[][] {{1, 1}, {2, 0.5}}, new double[] {1, 1});
    double[] x = {0, 1, 2};
    for (byte[] png : new byte[][] {Figures.png(FieldPlots.forceChart(f, x, x)),
        Figures.png(FieldPlots.diffusionChart(f, x, x))}) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(640, img.getWidth());
    }
  }
}

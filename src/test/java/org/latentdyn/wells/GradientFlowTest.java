package org.latentdyn.wells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.latentdyn.dynamics.HarmonicPotential;

class GradientFlowTest {
  @Test
  void stepCountsOfSpec10_1() {
    GradientFlow.Options o = GradientFlow.Options.wells();
    assertEquals(341, o.steps(1.0));
    assertEquals(248, o.steps(1.3199));
    assertEquals(1000, GradientFlow.Options.segmentation().steps(0.01));
    assertEquals(50_000, o.steps(1e-4));
  }

  @Test
  void harmonicFlowIsGeometric() {
    // E = c|z|^2 (k = 2c): each Euler step multiplies z by (1 - 2 c eta).
    double c = 1.3;
    HarmonicPotential e = HarmonicPotential.isotropic(2, 2 * c);
    double[] z = {3, -1, 0.5, 2};
    double[] out = GradientFlow.flow(e, z, 248, 0.01);
    double f = Math.pow(1 - 2 * c * 0.01, 248);
    for (int i = 0; i < z.length; i++) {
      assertEquals(z[i] * f, out[i], 1e-14);
    }
    assertEquals(3, z[0]); // input untouched
  }

  @Test
  void sameResultOnOneThreadAsOnAll() throws Exception {
    MixtureEnergy e = MixtureEnergy.triangle(1);
    double[] pts = new double[2 * 5000];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < pts.length; i++) {
      pts[i] = -2 + 8 * r.nextDouble();
    }
    double[] all = GradientFlow.flow(e, pts, 200, 0.01);
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      double[] single = one.submit(() -> GradientFlow.flow(e, pts, 200, 0.01)).get();
      assertArrayEquals(all, single);
    } finally {
      one.shutdown();
    }
  }

  @Test
  void optionsNameTheBadField() {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> new GradientFlow.Options(0, 0.1, 10));
    assertEquals("stepSize must be a finite number > 0, got 0.0", ex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GradientFlow.Options.wells().steps(0));
  }
}

package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The spec §6 dataset: 200,000 frames (2,000,000 Euler–Maruyama steps, about 0.1-0.2 s). */
class ThreeWellDatasetTest {
  @Test
  void fullSizeDatasetVisitsAllWellsWithTheExpectedIncrements() {
    ThreeWellDataset d = ThreeWellDataset.generate(ThreeWellDataset.FRAMES, 2024);
    assertEquals(200_000, d.truth().frames());
    assertEquals(2, d.truth().features());
    assertEquals(1e-3, d.options().timeStep());
    assertEquals(10, d.options().stride());
    assertArrayEquals(d.potential().minima().get(0).position(), d.start(), 1e-12);
    assertArrayEquals(ThreeWellWarp.forward().apply(d.truth()).view(), d.observations().view());

    float[] v = d.truth().view();
    int frames = d.truth().frames();
    int[] occupancy = new int[3];
    double incrementVariance = 0;
    for (int f = 0; f < frames; f++) {
      double angle = Math.toDegrees(Math.atan2(v[2 * f + 1], v[2 * f]));
      // sector of width 120 degrees centred on each well (90, 210, 330)
      occupancy[(int) (((angle - 30) % 360 + 360) % 360 / 120)]++;
      if (f > 0) {
        double dx = v[2 * f] - v[2 * f - 2];
        double dy = v[2 * f + 1] - v[2 * f - 1];
        incrementVariance += 0.5 * (dx * dx + dy * dy) / (frames - 1);
      }
    }
    for (int k = 0; k < 3; k++) {
      assertTrue(occupancy[k] > 0.2 * frames && occupancy[k] < 0.47 * frames,
          "well " + k + " holds " + occupancy[k] + " frames");
    }
    // free diffusion would give 2 D dt = 0.02 per coordinate; the wells' curvature lowers it slightly
    // (the authors' data: 0.0185)
    assertEquals(0.0194, incrementVariance, 0.001);
  }

  @Test
  void sameSeedSameDataset() {
    assertArrayEquals(ThreeWellDataset.generate(1000, 1).observations().view(),
        ThreeWellDataset.generate(1000, 1).observations().view());
  }
}

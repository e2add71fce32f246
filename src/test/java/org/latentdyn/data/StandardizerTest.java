package org.latentdyn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fitted standardisation: zero means, mean variance 1, one common scale, exact inverse. */
class StandardizerTest {
  @Test
  void fitGivesZeroMeanUnitMeanVarianceAndInvertsExactly() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 20_000;
    float[] v = new float[n * 3];
    for (int i = 0; i < n; i++) {
      v[3 * i] = (float) (5 + 0.1 * r.nextGaussian());
      v[3 * i + 1] = (float) (-2 + 0.2 * r.nextGaussian());
      v[3 * i + 2] = (float) (0.3 * r.nextGaussian());
    }
    Trajectory x = Trajectory.wrap(v, n, 3);
    Dataset d = Dataset.of(x.slice(0, 5000), x.slice(5000, n));
    Standardizer s = Standardizer.fit(d);
    // mean variance (0.01 + 0.04 + 0.09) / 3, so scale = sqrt(0.14 / 3)
    assertEquals(Math.sqrt(0.14 / 3), s.scale(), 0.01 * s.scale());
    assertEquals(5.0, s.mean()[0], 0.01);
    Trajectory y = s.apply(x);
    double[] mean = new double[3];
    double var = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        mean[j] += y.get(i, j) / n;
        var += y.get(i, j) * (double) y.get(i, j) / (3.0 * n);
      }
    }
    assertArrayEquals(new double[3], mean, 1e-4);
    assertEquals(1.0, var, 1e-3);
    // one scale for all features: ratios of spreads are kept
    Trajectory back = s.invert(y);
    for (int i = 0; i < v.length; i++) {
      assertEquals(v[i], back.view()[i], 1e-5);
    }
    assertEquals(2, s.apply(d).trajectoryCount());
    assertTrue(Standardizer.identity(3).isIdentity());
    assertEquals(x, Standardizer.identity(3).apply(x));
    assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Dataset.of(Trajectory.wrap(new float[6], 3,
        2))));
  }
}

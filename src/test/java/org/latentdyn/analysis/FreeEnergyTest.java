package org.latentdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FreeEnergyTest {

  private static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  @Test
  void gaussianSamplesGiveTheQuadraticFormNearTheCentre() {
    // covariance [[1, 0.3], [0.3, 0.5]] via its Cholesky factor; F = kT/2 x^T C^-1 x + const
    double kT = 2.0;
    double l11 = 1.0;
    double l21 = 0.3;
    double l22 = Math.sqrt(0.5 - 0.09);
    double det = 0.5 - 0.09;
    int n = 200_000;
    double[] x = new double[n];
    double[] y = new double[n];
    SplittableRandom rng = new SplittableRandom(12);
    for (int i = 0; i < n; i++) {
      double a = gaussian(rng);
      double b = gaussian(rng);
      x[i] = l11 * a;
      y[i] = l21 * a + l22 * b;
    }

    FreeEnergySurface f = FreeEnergy.surface(x, y, 30, 30, new Range(-3, 3), new Range(-3, 3), kT);

    double[][] values = f.values();
    double[] xc = f.xCenters();
    double[] yc = f.yCenters();
    double sum = 0;
    int count = 0;
    double[][] diff = new double[30][30];
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 30; j++) {
        double q = (0.5 * xc[i] * xc[i] - 0.6 * xc[i] * yc[j] + 1.0 * yc[j] * yc[j]) / det; // x^T C^-1 x
        if (q <= 1.5 * 1.5) {
          diff[i][j] = values[i][j] - 0.5 * kT * q;
          sum += diff[i][j];
          count++;
        } else {
          diff[i][j] = Double.NaN;
        }
      }
    }
    double offset = sum / count;
    double worst = 0;
    for (double[] row : diff) {
      for (double d : row) {
        if (!Double.isNaN(d)) {
          worst = Math.max(worst, Math.abs(d - offset));
        }
      }
    }
    assertTrue(count > 50, "bins compared: " + count);
    assertTrue(worst < 0.15 * kT, "largest deviation from the quadratic form " + worst);
    assertEquals(0.0, f.at(0.05, 0.05), 0.15 * kT);
    assertEquals(n, f.samples() + f.outside());
  }

  @Test
  void smallHistogramKnownAnswer() {
    double[] x = {0.1, 0.2, 0.3, 1.6, 5.0};
    double[] y = {0.1, 0.1, 0.1, 0.1, 0.1};
    FreeEnergySurface f = FreeEnergy.surface(x, y, 2, 1, new Range(0, 2), new Range(0, 1), 1.0);

    assertArrayEquals(new double[] {0, 1, 2}, f.xEdges(), 0);
    assertArrayEquals(new double[] {0.5, 1.5}, f.xCenters(), 0);
    assertEquals(3, f.counts()[0][0]);
    assertEquals(1, f.counts()[1][0]);
    assertEquals(0.0, f.values()[0][0]);
    assertEquals(Math.log(3), f.values()[1][0], 1e-12);
    assertEquals(4, f.samples());
    assertEquals(1, f.outside());

    FreeEnergySurface empty = FreeEnergy.surface(x, y, 4, 1, new Range(0, 2), new Range(0, 1), 1.0);
    assertEquals(Double.POSITIVE_INFINITY, empty.values()[2][0]); // [1, 1.5) holds no sample
    assertEquals(Double.NaN, empty.at(-1, 0.5));
  }

  @Test
  void rangeFromDataIncludesTheExtremes() {
    double[] x = {-1, 0, 3};
    double[] y = {2, 2, 2}; // constant: widened to [1.5, 2.5]
    FreeEnergySurface f = FreeEnergy.surface(x, y, 4, 2, 1.0);
    assertEquals(3, f.samples());
    assertEquals(0, f.outside());
    assertEquals(-1.0, f.xEdges()[0]);
    assertEquals(3.0, f.xEdges()[4]);
    assertEquals(1.5, f.yEdges()[0]);
  }

  @Test
  void profileOfAGaussianIsAParabola() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] x = new double[100_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.5 * gaussian(rng);
    }
    FreeEnergyProfile p = FreeEnergy.profile(x, 40, new Range(-1, 1), 1.0);
    double[] c = p.centers();
    double[] v = p.values();
    double offset = v[20] - c[20] * c[20] / (2 * 0.25);
    for (int i = 0; i < 40; i++) {
      if (Math.abs(c[i]) <= 0.75) {
        assertEquals(c[i] * c[i] / (2 * 0.25) + offset, v[i], 0.1, "bin " + i);
      }
    }
  }

  @Test
  void rejectsBadArguments() {
    double[] x = {0, 1};
    IllegalArgumentException kT = assertThrows(IllegalArgumentException.class,
        () -> FreeEnergy.surface(x, x, 2, 2, 0.0));
    assertTrue(kT.getMessage().contains("kT"), kT.getMessage());
    IllegalArgumentException bins = assertThrows(IllegalArgumentException.class,
        () -> FreeEnergy.surface(x, x, 0, 2, 1.0));
    assertTrue(bins.getMessage().contains("nx"), bins.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Range(1, 1));
    assertThrows(IllegalArgumentException.class, () -> FreeEnergy.surface(x, new double[] {0}, 2, 2, 1.0));
  }
}

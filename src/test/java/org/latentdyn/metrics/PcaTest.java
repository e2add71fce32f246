package org.latentdyn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {

  @Test
  void pointsOnALineHaveOneComponent() {
    // y = 2x: component (1, 2) / sqrt 5, variance 5 var(x); nothing across the line
    float[] data = {0, 0, 1, 2, 2, 4, 3, 6, 4, 8};
    Pca pca = Pca.fit(data, 2);
    assertArrayEquals(new double[] {2, 4}, pca.mean(), 1e-12);
    assertArrayEquals(new double[] {1 / Math.sqrt(5), 2 / Math.sqrt(5)}, pca.components()[0], 1e-12);
    assertArrayEquals(new double[] {12.5, 0}, pca.variances(), 1e-12); // var(x) = 2.5 with n - 1
    assertArrayEquals(new double[] {1, 0}, pca.explainedVarianceRatio(), 1e-12);
    float[] p = pca.project(data, 1);
    assertArrayEquals(new float[] {(float) (-2 * Math.sqrt(5)), (float) -Math.sqrt(5), 0, (float) Math.sqrt(5),
        (float) (2 * Math.sqrt(5))}, p, 1e-6f);
  }

  @Test
  void recoversAPlantedPlaneAndItsVariances() {
    SplittableRandom rng = new SplittableRandom(4);
    int n = 20000;
    int features = 10;
    double[][] basis = TestData.orthogonal(features, 2, rng); // orthonormal columns a1, a2
    double[] shift = new double[features];
    for (int j = 0; j < features; j++) {
      shift[j] = j - 4.5;
    }
    float[] data = new float[n * features];
    for (int f = 0; f < n; f++) {
      double z1 = 3 * TestData.gaussian(rng); // variance 9
      double z2 = TestData.gaussian(rng); // variance 1
      for (int j = 0; j < features; j++) {
        data[f * features + j] =
            (float) (shift[j] + basis[j][0] * z1 + basis[j][1] * z2 + 0.01 * TestData.gaussian(rng));
      }
    }
    Pca pca = Pca.fit(data, features);
    double[] v = pca.variances();
    assertEquals(9.0, v[0], 9.0 * 0.05); // sampling error sqrt(2 / n) = 1%
    assertEquals(1.0, v[1], 0.05);
    for (int c = 2; c < features; c++) {
      assertEquals(1e-4, v[c], 2e-5, "noise variance of component " + c);
    }
    assertEquals(1.0, pca.explainedVarianceRatio()[0] + pca.explainedVarianceRatio()[1], 1e-4);
    // the first component is a1 (up to sign), and both lie in the planted plane
    double[][] comp = pca.components();
    assertEquals(1.0, Math.abs(dot(comp[0], column(basis, 0))), 1e-3);
    assertEquals(1.0, Math.abs(dot(comp[1], column(basis, 1))), 1e-3);
    for (int c = 0; c < 2; c++) {
      double inPlane = Math.pow(dot(comp[c], column(basis, 0)), 2) + Math.pow(dot(comp[c], column(basis, 1)), 2);
      assertEquals(1.0, inPlane, 1e-5);
    }
    // sign convention: the largest loading of each component is positive
    for (double[] row : comp) {
      int big = 0;
      for (int j = 1; j < features; j++) {
        if (Math.abs(row[j]) > Math.abs(row[big])) {
          big = j;
        }
      }
      assertTrue(row[big] > 0);
    }
    // projections are centred and have the component variances, and are uncorrelated
    float[] p = pca.project(data, 2);
    double m0 = 0;
    double m1 = 0;
    for (int f = 0; f < n; f++) {
      m0 += p[2 * f];
      m1 += p[2 * f + 1];
    }
    m0 /= n;
    m1 /= n;
    double s00 = 0;
    double s11 = 0;
    double s01 = 0;
    for (int f = 0; f < n; f++) {
      s00 += (p[2 * f] - m0) * (p[2 * f] - m0);
      s11 += (p[2 * f + 1] - m1) * (p[2 * f + 1] - m1);
      s01 += (p[2 * f] - m0) * (p[2 * f + 1] - m1);
    }
    assertEquals(0.0, m0, 1e-4);
    assertEquals(v[0], s00 / (n - 1), 1e-4 * v[0]);
    assertEquals(v[1], s11 / (n - 1), 1e-4 * v[1]);
    assertEquals(0.0, s01 / (n - 1), 1e-4);
    // reproducible
    assertArrayEquals(comp[0], Pca.fit(data, features).components()[0], 0.0);
  }

  @Test
  void rejectsBadInputsNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[3], 3));
    assertEquals("data must hold [frames >= 2, features = 3] values, got length 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[6], 3).project(new float[6], 4));
    assertEquals("m must be in [1, 3] (the features), got 4", e.getMessage());
    float[] nan = new float[6];
    nan[4] = Float.POSITIVE_INFINITY;
    e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(nan, 3));
    assertEquals("data has a non-finite value Infinity at frame 1, feature 1", e.getMessage());
  }

  private static double[] column(double[][] m, int c) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i][c];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}

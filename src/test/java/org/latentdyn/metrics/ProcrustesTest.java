package org.latentdyn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcrustesTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void recoversPlantedRotationWithReflectionAndShift(int d) {
    SplittableRandom rng = new SplittableRandom(11 + d);
    double[][] z = TestData.gaussianCloud(400, d, rng);
    double[][] q = TestData.orthogonal(d, d, rng);
    if (TestData.determinant(q) > 0) { // make it a reflection
      for (double[] row : q) {
        row[0] = -row[0];
      }
    }
    double[] b = new double[d];
    for (int i = 0; i < d; i++) {
      b[i] = 3.0 * (i + 1) - 1.5;
    }
    double[][] y = TestData.affine(z, q, b, 1.0);

    Alignment a = Procrustes.orthogonal(z, y);

    assertEquals(-1.0, TestData.determinant(a.q()), 1e-12);
    assertTrue(a.mse() / TestData.totalVariance(y) < 1e-8, "relative L_z " + a.mse() / TestData.totalVariance(y));
    for (int i = 0; i < d; i++) {
      assertArrayEquals(q[i], a.q()[i], 1e-10);
    }
    assertArrayEquals(b, a.b(), 1e-10);
    assertEquals(1.0, a.scale());
    double[][] aligned = a.apply(z);
    for (int n = 0; n < z.length; n++) {
      assertArrayEquals(y[n], aligned[n], 1e-9);
    }
  }

  @Test
  void warpIsNotAnIsometry() {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] z = TestData.gaussianCloud(2000, 2, rng);
    double[][] y = new double[z.length][];
    for (int n = 0; n < z.length; n++) {
      y[n] = new double[] {z[n][0], z[n][1] + z[n][0] * z[n][0]}; // the paper's warp y' = y + x^2
    }
    Alignment iso = Procrustes.orthogonal(z, y);
    Alignment sim = Procrustes.similarity(z, y);
    assertTrue(iso.mse() / TestData.totalVariance(y) > 0.1, "relative L_z " + iso.mse() / TestData.totalVariance(y));
    assertTrue(sim.mse() / TestData.totalVariance(y) > 0.1);
  }

  @Test
  void similarityRecoversPlantedScale() {
    SplittableRandom rng = new SplittableRandom(7);
    double[][] z = TestData.gaussianCloud(300, 3, rng);
    double[][] q = TestData.orthogonal(3, 3, rng);
    double[][] y = TestData.affine(z, q, new double[] {1, -2, 0.5}, 2.5);

    Alignment sim = Procrustes.similarity(z, y);
    Alignment iso = Procrustes.orthogonal(z, y);

    assertEquals(2.5, sim.scale(), 1e-10);
    assertTrue(sim.mse() < 1e-18 * TestData.totalVariance(y) + 1e-20, "similarity mse " + sim.mse());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(q[i], sim.q()[i], 1e-10);
    }
    // the isometric fit cannot absorb the scale: residual = (s - 1)^2 * spread of z
    double spread = TestData.totalVariance(z);
    assertEquals(1.5 * 1.5 * spread, iso.mse(), 1e-9 * spread);
  }

  @Test
  void lowerDimensionalLatentEmbedsIsometrically() {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] z = TestData.gaussianCloud(300, 2, rng);
    double[][] q = TestData.orthogonal(3, 2, rng); // orthonormal columns
    double[][] y = TestData.affine(z, q, new double[] {1, 2, 3}, 1.0);

    Alignment a = Procrustes.orthogonal(z, y);

    assertEquals(3, a.truthDim());
    assertEquals(2, a.latentDim());
    assertTrue(a.mse() < 1e-20 + 1e-12 * TestData.totalVariance(y));
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(q[i], a.q()[i], 1e-10);
    }
  }

  @Test
  void higherDimensionalLatentCountsTheDroppedSpread() {
    SplittableRandom rng = new SplittableRandom(4);
    double[][] y = TestData.gaussianCloud(500, 2, rng);
    double[][] r = TestData.orthogonal(3, 3, rng);
    // an extra latent coordinate with no (sample) correlation to the truth: noise with its least-squares
    // fit on the centred truth removed, so the best alignment cannot use it
    double[] noise = new double[y.length];
    for (int n = 0; n < y.length; n++) {
      noise[n] = 0.3 * TestData.gaussian(rng);
    }
    double[] e = uncorrelated(noise, y);
    double[][] padded = new double[y.length][];
    for (int n = 0; n < y.length; n++) {
      padded[n] = new double[] {y[n][0], y[n][1], e[n]};
    }
    double[][] z = TestData.affine(padded, r, new double[] {5, 5, 5}, 1.0);
    double[][] extra = new double[y.length][];
    for (int n = 0; n < y.length; n++) {
      extra[n] = new double[] {padded[n][2]};
    }

    Alignment a = Procrustes.orthogonal(z, y);

    // Q has orthonormal rows and the MSE is exactly the latent variance along the dropped direction.
    double[][] qa = a.q();
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        double dot = 0;
        for (int j = 0; j < 3; j++) {
          dot += qa[i][j] * qa[k][j];
        }
        assertEquals(i == k ? 1.0 : 0.0, dot, 1e-12);
      }
    }
    assertEquals(TestData.totalVariance(extra), a.mse(), 1e-10);
  }

  /** {@code v} minus its mean and its least-squares fit on the centred columns of {@code y}. */
  private static double[] uncorrelated(double[] v, double[][] y) {
    int n = v.length;
    int d = y[0].length;
    double[] ym = Inputs.mean(y, d);
    double vm = java.util.Arrays.stream(v).average().orElseThrow();
    double[][] yc = new double[n][d];
    double[] vc = new double[n];
    for (int i = 0; i < n; i++) {
      vc[i] = v[i] - vm;
      for (int j = 0; j < d; j++) {
        yc[i][j] = y[i][j] - ym[j];
      }
    }
    var ols = new org.hipparchus.linear.QRDecomposition(org.hipparchus.linear.MatrixUtils.createRealMatrix(yc))
        .getSolver().solve(new org.hipparchus.linear.ArrayRealVector(vc));
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double fit = 0;
      for (int j = 0; j < d; j++) {
        fit += yc[i][j] * ols.getEntry(j);
      }
      out[i] = vc[i] - fit;
    }
    return out;
  }

  @Test
  void rejectsBadInput() {
    double[][] z = {{0, 0}, {1, 1}, {2, 0}};
    IllegalArgumentException frames =
        assertThrows(IllegalArgumentException.class, () -> Procrustes.orthogonal(z, new double[][] {{0, 0}, {1, 1}}));
    assertTrue(frames.getMessage().contains("3") && frames.getMessage().contains("2"), frames.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Procrustes.orthogonal(new double[][] {{0, 0}, {1, Double.NaN}, {2, 0}}, z));
    assertTrue(nan.getMessage().contains("frame 1") && nan.getMessage().contains("column 1"), nan.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> Procrustes.orthogonal(new double[][] {{0, 0}, {1}, {2, 0}}, z));
    assertTrue(ragged.getMessage().contains("frame 1"), ragged.getMessage());
  }

  @Property(tries = 60)
  void anyOrthogonalMapWithShiftHasZeroLz(
      @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll long seed,
      @ForAll @DoubleRange(min = -100, max = 100) double shift) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] z = TestData.gaussianCloud(50 + 10 * d, d, rng);
    double[][] q = TestData.orthogonal(d, d, rng);
    double[] b = new double[d];
    java.util.Arrays.fill(b, shift);
    double[][] y = TestData.affine(z, q, b, 1.0);

    Alignment a = Procrustes.orthogonal(z, y);

    assertTrue(a.mse() / TestData.totalVariance(y) < 1e-8, "relative L_z " + a.mse() / TestData.totalVariance(y));
    for (int i = 0; i < d; i++) {
      assertArrayEquals(q[i], a.q()[i], 1e-8);
    }
  }
}

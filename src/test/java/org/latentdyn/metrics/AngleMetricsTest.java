package org.latentdyn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;
import org.latentdyn.md.Kabsch;

class AngleMetricsTest {
  private static final Path DATA = Path.of("../shared/data/alanine-dipeptide/");

  @Test
  void circularLinearCorrelationIsOneForAnExactCosineRelation() {
    SplittableRandom rng = new SplittableRandom(1);
    int n = 3000;
    double[] theta = new double[n];
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      theta[i] = Math.PI * (2 * rng.nextDouble() - 1);
      x[i] = 3 * Math.cos(theta[i] + 0.7) + 2; // = 3 cos 0.7 cos t - 3 sin 0.7 sin t + 2
      y[i] = -0.5 * Math.sin(theta[i] - 2.0);
    }
    assertEquals(1.0, AngleMetrics.circularLinearCorrelation(x, theta), 1e-12);
    assertEquals(1.0, AngleMetrics.circularLinearCorrelation(y, theta), 1e-12);
  }

  @Test
  void circularLinearCorrelationIsTheMultipleCorrelationOnCosAndSin() {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 2000;
    double[] theta = new double[n];
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      // a von-Mises-like cluster, so that cos and sin are correlated (r_cs != 0)
      theta[i] = 0.8 + 0.9 * TestData.gaussian(rng);
      x[i] = Math.cos(theta[i]) + 0.5 * Math.sin(theta[i]) + 0.4 * TestData.gaussian(rng);
    }
    // independent check: R^2 of the least-squares fit x ~ 1 + cos + sin from the normal equations
    double[][] design = new double[n][];
    for (int i = 0; i < n; i++) {
      design[i] = new double[] {1, Math.cos(theta[i]), Math.sin(theta[i])};
    }
    var a = MatrixUtils.createRealMatrix(design);
    var beta = new LUDecomposition(a.transpose().multiply(a)).getSolver()
        .solve(a.transpose().operate(MatrixUtils.createRealVector(x)));
    double[] fit = a.operate(beta).toArray();
    double mean = Arrays.stream(x).average().orElseThrow();
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < n; i++) {
      ssRes += (x[i] - fit[i]) * (x[i] - fit[i]);
      ssTot += (x[i] - mean) * (x[i] - mean);
    }
    double r = AngleMetrics.circularLinearCorrelation(x, theta);
    assertEquals(Math.sqrt(1 - ssRes / ssTot), r, 1e-10);
    assertTrue(r > 0.5 && r < 0.99, "r = " + r);
  }

  @Test
  void circularLinearCorrelationOfIndependentDataIsChanceLevel() {
    // n r^2 is asymptotically chi-squared with 2 degrees of freedom: mean 2, sd 2
    SplittableRandom rng = new SplittableRandom(3);
    int n = 2000;
    int reps = 200;
    double sum = 0;
    double largest = 0;
    for (int rep = 0; rep < reps; rep++) {
      double[] theta = new double[n];
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        theta[i] = Math.PI * (2 * rng.nextDouble() - 1);
        x[i] = TestData.gaussian(rng);
      }
      double r = AngleMetrics.circularLinearCorrelation(x, theta);
      sum += n * r * r;
      largest = Math.max(largest, n * r * r);
    }
    assertEquals(2.0, sum / reps, 0.5); // 3.5 standard errors (2 / sqrt(200) = 0.14)
    assertTrue(largest < 20, "largest n r^2 " + largest); // P(chi2_2 > 20) = 4.5e-5 per draw
  }

  @Test
  void latentOfCosAndSinPredictsTheAngles() {
    Angles a = Angles.synthetic(6000, 4);
    float[] latent = new float[a.n * 4];
    for (int i = 0; i < a.n; i++) {
      latent[4 * i] = (float) Math.cos(a.phi[i]);
      latent[4 * i + 1] = (float) Math.sin(a.phi[i]);
      latent[4 * i + 2] = (float) Math.cos(a.psi[i]);
      latent[4 * i + 3] = (float) Math.sin(a.psi[i]);
    }
    AngleEvaluation e = AngleMetrics.evaluate(latent, 4, a.phi, a.psi, 11L);
    for (double r2 : e.r2Targets()) {
      assertTrue(r2 > 0.99, "R^2 " + Arrays.toString(e.r2Targets()));
    }
    assertTrue(e.r2Mean() > 0.99);
    assertEquals(0.25 * Arrays.stream(e.r2Targets()).sum(), e.r2Mean(), 1e-15);
    assertEquals(0.5 * (e.r2Targets()[0] + e.r2Targets()[1]), e.r2Phi(), 1e-15);
    // latent dims 0, 1 are cos/sin phi: correlation 1 with phi; dims 2, 3 with psi
    double[][] c = e.correlations();
    assertEquals(1.0, c[0][0], 1e-9);
    assertEquals(1.0, c[1][0], 1e-9);
    assertEquals(1.0, c[2][1], 1e-9);
    assertEquals(1.0, c[3][1], 1e-9);
  }

  @Test
  void aRandomLatentPredictsNothing() {
    Angles a = Angles.synthetic(6000, 5);
    SplittableRandom rng = new SplittableRandom(6);
    float[] latent = new float[a.n * 3];
    for (int i = 0; i < latent.length; i++) {
      latent[i] = (float) TestData.gaussian(rng);
    }
    AngleEvaluation e = AngleMetrics.evaluate(latent, 3, a.phi, a.psi, 7L);
    for (double r2 : e.r2Targets()) {
      // a mean of k unrelated targets: expected R^2 = -1/k = -0.1
      assertTrue(r2 <= 0.05 && r2 > -0.2, "R^2 " + Arrays.toString(e.r2Targets()));
    }
    for (double[] row : e.correlations()) {
      for (double r : row) {
        assertTrue(r < 0.06, "correlation " + r); // sqrt(13.8 / 6000) = 0.048 at the 0.999 quantile
      }
    }
  }

  @Test
  void stateAccuracyIsOneForSeparatedRegionsAndChanceForNoise() {
    Angles a = Angles.synthetic(6000, 8);
    float[] latent = new float[a.n * 2];
    for (int i = 0; i < a.n; i++) {
      latent[2 * i] = a.phi[i];
      latent[2 * i + 1] = a.psi[i];
    }
    AngleEvaluation e = AngleMetrics.evaluate(latent, 2, a.phi, a.psi, 9L);
    assertEquals(1.0, e.stateAccuracy(), 0.0);
    assertEquals(1500, e.stateCounts()[0]); // the four regions equally often
    assertEquals(0.25, e.stateMajorityFraction(), 0.0);

    SplittableRandom rng = new SplittableRandom(10);
    float[] noise = new float[a.n * 2];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) TestData.gaussian(rng);
    }
    AngleEvaluation chance = AngleMetrics.evaluate(noise, 2, a.phi, a.psi, 9L);
    assertEquals(0.25, chance.stateAccuracy(), 0.02); // SE sqrt(.25 * .75 / 6000) = 0.0056
  }

  @Test
  void sameSeedSameNumbersAndFoldsAreBalanced() {
    Angles a = Angles.synthetic(1003, 12);
    SplittableRandom rng = new SplittableRandom(13);
    float[] latent = new float[a.n * 2];
    for (int i = 0; i < a.n; i++) {
      latent[2 * i] = (float) (a.phi[i] + 0.8 * TestData.gaussian(rng));
      latent[2 * i + 1] = (float) (a.psi[i] + 0.8 * TestData.gaussian(rng));
    }
    AngleEvaluation first = AngleMetrics.evaluate(latent, 2, a.phi, a.psi, 42L);
    AngleEvaluation again = AngleMetrics.evaluate(latent, 2, a.phi, a.psi, 42L);
    assertEquals(first.toMap(), again.toMap());
    AngleEvaluation other = AngleMetrics.evaluate(latent, 2, a.phi, a.psi, 43L);
    assertFalse(Arrays.equals(first.r2Targets(), other.r2Targets()));

    int[] fold = AngleMetrics.folds(1003, 5, 42L);
    assertArrayEquals(fold, AngleMetrics.folds(1003, 5, 42L));
    int[] sizes = new int[5];
    for (int f : fold) {
      sizes[f]++;
    }
    assertArrayEquals(new int[] {201, 201, 201, 200, 200}, sizes);
  }

  @Test
  void knnScoresOnHandMadeNeighbours() {
    // rows 0..3, k = 2
    int[] nb = {1, 2, 0, 3, 3, 0, 2, 1};
    double[] y = {0, 1, 2, 3};
    // predictions: (1+2)/2 = 1.5, (0+3)/2 = 1.5, (3+0)/2 = 1.5, (2+1)/2 = 1.5; SS_res = 2.25+.25+.25+2.25 = 5, SS_tot = 5
    assertEquals(0.0, AngleMetrics.knnR2(nb, 2, y), 1e-15);
    int[] labels = {0, 0, 1, 1};
    // row 0: votes {0: 1 (row 1), 1: 1 (row 2)}, tie -> nearest (row 1) -> 0, correct
    // row 1: {0 (row 0), 1 (row 3)} -> 0, correct; row 2: {1 (row 3), 0 (row 0)} -> 1, correct
    // row 3: {1 (row 2), 0 (row 1)} -> 1, correct
    assertEquals(1.0, AngleMetrics.knnAccuracy(nb, 2, labels), 0.0);
    int[] swapped = {2, 1, 0, 3, 3, 0, 2, 1}; // row 0 now nearest to row 2 (label 1): wrong
    assertEquals(0.75, AngleMetrics.knnAccuracy(swapped, 2, labels), 0.0);
  }

  @Test
  void mapIsJsonFriendly() {
    Angles a = Angles.synthetic(200, 14);
    float[] latent = new float[a.n * 2];
    for (int i = 0; i < a.n; i++) {
      latent[2 * i] = (float) Math.cos(a.phi[i]);
      latent[2 * i + 1] = 1.5f; // a constant dimension: its correlations are undefined
    }
    Map<String, Object> m = AngleMetrics.evaluate(latent, 2, a.phi, a.psi, 1L).toMap();
    assertEquals(List.of("frames", "latentDim", "neighbours", "folds", "seed", "circularLinearCorrelation",
        "knnR2", "stateAccuracy", "stateMajorityFraction", "stateCounts"), List.copyOf(m.keySet()));
    Map<?, ?> corr = (Map<?, ?>) m.get("circularLinearCorrelation");
    assertNull(((List<?>) corr.get("phi")).get(1));
    assertEquals(1.0, (Double) ((List<?>) corr.get("phi")).get(0), 1e-6);
    Map<?, ?> r2 = (Map<?, ?>) m.get("knnR2");
    assertEquals(List.of("sinPhi", "cosPhi", "sinPsi", "cosPsi", "phi", "psi", "mean"), List.copyOf(r2.keySet()));
    assertEquals(Map.of("beta", 50, "alphaR", 50, "alphaL", 50, "other", 50), m.get("stateCounts"));
  }

  @Test
  void rejectsBadInputsNamingThem() {
    float[] angles = new float[20];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AngleMetrics.evaluate(new float[39], 2, angles, angles, 1L));
    assertEquals("latent must hold [frames, d = 2] values, got length 39", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> AngleMetrics.evaluate(new float[40], 2, new float[19], angles, 1L));
    assertEquals("phi must hold one angle per latent frame (20), got 19", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new AngleMetrics.Options(0, 5, 1L));
    assertEquals("neighbours must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AngleMetrics.Options.defaults(1L).withFolds(1));
    assertEquals("folds must be >= 2, got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> AngleMetrics.evaluate(new float[24], 2, new float[12], new float[12], 1L));
    assertEquals("fold 0 leaves 9 rows to search, fewer than k = 10 neighbours", e.getMessage());
    float[] nan = new float[40];
    nan[7] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> AngleMetrics.evaluate(nan, 2, angles, angles, 1L));
    assertEquals("latent has a non-finite value NaN at frame 3, dimension 1", e.getMessage());
  }

  /**
   * The shipped torsions scored against themselves and against the baseline of the issue, the first two
   * principal components of the heavy atoms aligned to frame 0 (expected mean torsion R^2 about 0.88).
   */
  @Test
  void alanineDipeptideTorsionsAndThePcaBaseline() throws IOException {
    Path heavy = DATA.resolve("heavy_atoms.npy");
    Path dihedrals = DATA.resolve("dihedrals.npy");
    Assumptions.assumeTrue(Files.exists(heavy) && Files.exists(dihedrals), "shared alanine-dipeptide data absent");
    Trajectory phiPsi = Npy.readTrajectory(dihedrals);
    int n = phiPsi.frames();
    float[] phi = new float[n];
    float[] psi = new float[n];
    for (int f = 0; f < n; f++) {
      phi[f] = phiPsi.get(f, 0);
      psi[f] = phiPsi.get(f, 1);
    }
    AngleEvaluation self = AngleMetrics.evaluate(phiPsi.view(), 2, phi, psi, 1L);
    assertTrue(self.r2Mean() > 0.99, self.toString());
    assertTrue(self.stateAccuracy() > 0.995, self.toString()); // errors only on region boundaries
    assertEquals(34477.0 / 60000, self.stateMajorityFraction(), 1e-12);

    Trajectory aligned = Kabsch.align(Npy.readTrajectory(heavy), 0, Kabsch.Options.DEFAULT);
    float[] pcs = Pca.fit(aligned.view(), 30).project(aligned.view(), 2);
    AngleEvaluation pca = AngleMetrics.evaluate(pcs, 2, phi, psi, 1L);
    assertEquals(0.875, pca.r2Mean(), 0.01, pca.toString());
    assertEquals(0.9946, pca.stateAccuracy(), 0.003, pca.toString());
  }

  /**
   * Torsions drawn equally often from four separated patches, one inside each region (degrees, centre +-
   * half-width): beta (-120, 140) +- 20, alphaR (-70, -40) +- 20, alphaL (60, 40) +- 20, other (-80, 75) +- 10.
   */
  record Angles(int n, float[] phi, float[] psi) {
    static Angles synthetic(int n, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      double[][] patches = {{-120, 140, 20}, {-70, -40, 20}, {60, 40, 20}, {-80, 75, 10}};
      float[] phi = new float[n];
      float[] psi = new float[n];
      for (int i = 0; i < n; i++) {
        double[] p = patches[i % 4];
        phi[i] = (float) Math.toRadians(p[0] + p[2] * (2 * rng.nextDouble() - 1));
        psi[i] = (float) Math.toRadians(p[1] + p[2] * (2 * rng.nextDouble() - 1));
      }
      return new Angles(n, phi, psi);
    }
  }
}

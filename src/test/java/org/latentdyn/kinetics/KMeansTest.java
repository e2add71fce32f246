package org.latentdyn.kinetics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;

class KMeansTest {
  static final double[][] PLANTED = {{0, 0}, {5, 0}, {0, 5}};

  /** {@code perCluster} points around each planted centre, N(0, sigma^2) per coordinate, interleaved. */
  static double[] gaussianClusters(int perCluster, double sigma, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[PLANTED.length * perCluster * 2];
    for (int i = 0; i < PLANTED.length * perCluster; i++) {
      double[] c = PLANTED[i % PLANTED.length];
      x[2 * i] = c[0] + sigma * gaussian(r);
      x[2 * i + 1] = c[1] + sigma * gaussian(r);
    }
    return x;
  }

  static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void recoversThreePlantedGaussianClusters() {
    double[] x = gaussianClusters(3000, 0.3, 11);
    KMeansModel m = KMeans.fit(x, 2, KMeans.Options.of(3, 42).withRestarts(3));
    assertEquals(3, m.k());
    assertTrue(m.converged());
    for (double[] planted : PLANTED) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] c : m.centers()) {
        best = Math.min(best, Math.hypot(c[0] - planted[0], c[1] - planted[1]));
      }
      assertTrue(best < 0.05, "no centre within 0.05 of " + planted[0] + "," + planted[1] + ": " + best);
    }
    // every point goes to the centre of its own cluster
    int[] a = m.assign(x, 2);
    for (int i = 3; i < a.length; i++) {
      assertEquals(a[i % 3], a[i], "point " + i);
    }
    // inertia ~ 2 sigma^2 per point
    assertEquals(2 * 0.09 * 9000, m.inertia(), 0.05 * 2 * 0.09 * 9000);
  }

  @Test
  void sameSeedSameCentresOnAnyNumberOfThreads() throws Exception {
    double[] x = gaussianClusters(9000, 1.5, 5); // 27000 points: several parallel chunks
    KMeans.Options o = KMeans.Options.of(8, 7);
    KMeansModel a = KMeans.fit(x, 2, o);
    KMeansModel b = KMeans.fit(x, 2, o);
    assertArrayEquals(flat(a.centers()), flat(b.centers()), 0.0);
    assertEquals(a.inertia(), b.inertia(), 0.0);
    ForkJoinPool one = new ForkJoinPool(1);
    ForkJoinPool three = new ForkJoinPool(3);
    try {
      KMeansModel c = one.submit(() -> KMeans.fit(x, 2, o)).get();
      KMeansModel d = three.submit(() -> KMeans.fit(x, 2, o)).get();
      assertArrayEquals(flat(a.centers()), flat(c.centers()), 0.0);
      assertArrayEquals(flat(a.centers()), flat(d.centers()), 0.0);
    } finally {
      one.shutdown();
      three.shutdown();
    }
  }

  @Test
  void keepsTheRestartOfLowestInertia() {
    double[] x = gaussianClusters(500, 1.2, 3);
    KMeansModel m = KMeans.fit(x, 2, KMeans.Options.of(12, 1).withRestarts(5));
    double[] all = m.restartInertias();
    assertEquals(5, all.length);
    double min = Double.POSITIVE_INFINITY;
    for (double v : all) {
      min = Math.min(min, v);
    }
    assertEquals(min, m.inertia(), 0.0);
  }

  /**
   * With tolerance 0 a restart runs to a fixed point of Lloyd's map: each centre is the mean of the points nearest
   * to it and the inertia is theirs. A point wrongly skipped by Hamerly's bounds would break this.
   */
  @Property(tries = 40)
  void convergesToAFixedPointOfLloyd(@ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 25) int k, @ForAll @IntRange(min = 1, max = 4) int dim, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 5 == 0 ? 0.2 : 1) * gaussian(r) + (i / dim % 3);
    }
    int kk = Math.min(k, n);
    KMeansModel m = KMeans.fit(x, dim, new KMeans.Options(kk, 10_000, 0, 2, seed));
    assertTrue(m.converged());
    int[] a = m.assign(x, dim);
    double[] sums = new double[kk * dim];
    int[] counts = new int[kk];
    double inertia = 0;
    double[][] c = m.centers();
    for (int i = 0; i < n; i++) {
      counts[a[i]]++;
      for (int d = 0; d < dim; d++) {
        sums[a[i] * dim + d] += x[i * dim + d];
        inertia += Math.pow(x[i * dim + d] - c[a[i]][d], 2);
      }
    }
    assertEquals(inertia, m.inertia(), 1e-9 * Math.max(1, inertia));
    for (int j = 0; j < kk; j++) {
      if (counts[j] > 0) {
        for (int d = 0; d < dim; d++) {
          assertEquals(sums[j * dim + d] / counts[j], c[j][d], 1e-9, "centre " + j);
        }
      }
    }
  }

  @Test
  void handlesDuplicatePointsAndKEqualToN() {
    double[] x = {1, 1, 1, 1, 1, 1, 2, 2};
    KMeansModel m = KMeans.fit(x, 2, KMeans.Options.of(4, 0));
    assertEquals(0, m.inertia(), 0);
    int[] a = m.assign(new double[] {2, 2}, 2);
    assertArrayEquals(new double[] {2, 2}, m.center(a[0]), 0);
  }

  @Test
  void trajectoryRowsAndFlatInputsAgree() {
    double[] x = gaussianClusters(100, 0.5, 9);
    float[] f = new float[x.length];
    double[][] rows = new double[x.length / 2][];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
      x[i] = f[i];
    }
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {x[2 * i], x[2 * i + 1]};
    }
    KMeans.Options o = KMeans.Options.of(3, 4);
    KMeansModel fromFlat = KMeans.fit(x, 2, o);
    KMeansModel fromRows = KMeans.fit(rows, o);
    KMeansModel fromTraj = KMeans.fit(Trajectory.wrap(f, rows.length, 2), o);
    assertArrayEquals(flat(fromFlat.centers()), flat(fromRows.centers()), 0);
    assertArrayEquals(flat(fromFlat.centers()), flat(fromTraj.centers()), 0);
    assertArrayEquals(fromFlat.assign(x, 2), fromTraj.assign(Trajectory.wrap(f, rows.length, 2)));
  }

  @Test
  void optionsAndInputsAreValidated() {
    assertEquals("k must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> KMeans.Options.of(0, 1)).getMessage());
    assertEquals("restarts must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> KMeans.Options.of(2, 1).withRestarts(0)).getMessage());
    assertEquals("tolerance must be a finite number >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> KMeans.Options.of(2, 1).withTolerance(-1)).getMessage());
    assertEquals("maxIterations must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> KMeans.Options.of(2, 1).withMaxIterations(0))
            .getMessage());
    assertEquals("k = 5 exceeds the number of points 2", assertThrows(IllegalArgumentException.class,
        () -> KMeans.fit(new double[] {0, 1}, 1, KMeans.Options.of(5, 1))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> KMeans.fit(new double[] {0, Double.NaN}, 1,
        KMeans.Options.of(1, 1)));
    KMeansModel m = KMeans.fit(new double[] {0, 0, 1, 1}, 2, KMeans.Options.of(1, 1));
    assertEquals("points have dim 3 but the centres have dim 2",
        assertThrows(IllegalArgumentException.class, () -> m.assign(new double[] {0, 0, 0}, 3)).getMessage());
  }

  static double[] flat(double[][] rows) {
    double[] out = new double[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
    }
    return out;
  }
}

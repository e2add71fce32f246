package org.latentdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;

class RegularSpaceClusteringTest {

  /** The definition, scanned against every centre. */
  static double[][] referenceCenters(double[][] points, double dMin) {
    List<double[]> centers = new ArrayList<>();
    for (double[] p : points) {
      boolean far = true;
      for (double[] c : centers) {
        if (dist2(p, c) <= dMin * dMin) {
          far = false;
          break;
        }
      }
      if (far) {
        centers.add(p.clone());
      }
    }
    return centers.toArray(new double[0][]);
  }

  static int[] referenceAssign(double[][] points, double[][] centers) {
    int[] out = new int[points.length];
    for (int i = 0; i < points.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int k = 0; k < centers.length; k++) {
        double d2 = dist2(points[i], centers[k]);
        if (d2 < best) {
          best = d2;
          out[i] = k;
        }
      }
    }
    return out;
  }

  static double dist2(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return s;
  }

  static double[][] randomPoints(int n, int dim, double spread, SplittableRandom rng) {
    double[][] p = new double[n][dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        // a mix of uniform and clumped coordinates so both dense and sparse regions occur
        p[i][j] = (i % 3 == 0 ? 0.1 : 1.0) * spread * (2 * rng.nextDouble() - 1);
      }
    }
    return p;
  }

  @Property(tries = 80)
  void matchesReferenceAndKeepsItsGuarantees(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 7) int dim,
      @ForAll @DoubleRange(min = 0.05, max = 2.0) double dMin,
      @ForAll long seed) {
    double[][] points = randomPoints(n, dim, 2.0, new SplittableRandom(seed));

    Clustering c = RegularSpaceClustering.fit(points, new RegularSpaceClustering.Options(dMin, n));
    double[][] centers = c.centers();

    double[][] reference = referenceCenters(points, dMin);
    assertEquals(reference.length, centers.length);
    for (int k = 0; k < centers.length; k++) {
      assertArrayEquals(reference[k], centers[k], 0.0);
    }
    for (int a = 0; a < centers.length; a++) {
      for (int b = a + 1; b < centers.length; b++) {
        assertTrue(Math.sqrt(dist2(centers[a], centers[b])) > dMin, "centres " + a + ", " + b + " too close");
      }
    }
    int[] assignment = c.assign(points);
    assertArrayEquals(referenceAssign(points, centers), assignment);
    for (int i = 0; i < n; i++) {
      assertTrue(Math.sqrt(dist2(points[i], centers[assignment[i]])) <= dMin, "point " + i + " not covered");
    }
  }

  @Property(tries = 30)
  void voronoiAssignmentOfFarAwayPointsMatchesBruteForce(
      @ForAll @IntRange(min = 1, max = 5) int dim, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] points = randomPoints(200, dim, 1.0, rng);
    Clustering c = RegularSpaceClustering.fit(points, new RegularSpaceClustering.Options(0.3, 200));
    double[][] queries = randomPoints(300, dim, 20.0, rng); // mostly far outside: ring search and fallback

    assertArrayEquals(referenceAssign(queries, c.centers()), c.assign(queries));
  }

  @Test
  void pointsExactlyDMinAwayAreNotNewCentres() {
    double[][] lattice = new double[100][];
    for (int i = 0; i < 100; i++) {
      lattice[i] = new double[] {i % 10, i / 10};
    }
    Clustering c = RegularSpaceClustering.fit(lattice, new RegularSpaceClustering.Options(1.0, 100));
    double[][] reference = referenceCenters(lattice, 1.0);
    assertEquals(reference.length, c.size());
    for (int k = 0; k < reference.length; k++) {
      assertArrayEquals(reference[k], c.center(k), 0.0);
    }
    assertArrayEquals(new double[] {0, 0}, c.center(0), 0.0);
    assertArrayEquals(new double[] {2, 0}, c.center(1), 0.0); // (1, 0) is exactly dMin from (0, 0)
  }

  @Test
  void flatFloatAndTrajectoryInputsAgree() {
    double[][] points = randomPoints(500, 2, 3.0, new SplittableRandom(2));
    float[] flat = new float[1000];
    double[][] rounded = new double[500][2];
    for (int i = 0; i < 500; i++) {
      for (int j = 0; j < 2; j++) {
        flat[2 * i + j] = (float) points[i][j];
        rounded[i][j] = flat[2 * i + j];
      }
    }
    RegularSpaceClustering.Options options = new RegularSpaceClustering.Options(0.5, 500);
    double[][] fromRows = RegularSpaceClustering.fit(rounded, options).centers();
    double[][] fromFloat = RegularSpaceClustering.fit(flat, 2, options).centers();
    Clustering fromTrajectory = RegularSpaceClustering.fit(Trajectory.wrap(flat, 500, 2), options);
    assertArrayEquals(fromRows, fromFloat);
    assertArrayEquals(fromRows, fromTrajectory.centers());
    assertArrayEquals(fromTrajectory.assign(rounded), fromTrajectory.assign(Trajectory.wrap(flat, 500, 2)));
    Clustering reloaded = Clustering.ofCenters(fromRows, 0.5);
    assertArrayEquals(fromTrajectory.assign(rounded), reloaded.assign(rounded));
    int[] counts = reloaded.counts(reloaded.assign(rounded));
    assertEquals(500, java.util.Arrays.stream(counts).sum());
  }

  @Test
  void capIsAClearError() {
    double[][] points = randomPoints(1000, 2, 3.0, new SplittableRandom(4));
    TooManyCentersException e = assertThrows(TooManyCentersException.class,
        () -> RegularSpaceClustering.fit(points, new RegularSpaceClustering.Options(0.05, 20)));
    assertTrue(e.getMessage().contains("maxCenters = 20") && e.getMessage().contains("dMin = 0.05")
        && e.getMessage().contains("increase dMin or maxCenters"), e.getMessage());
    assertEquals(20, e.maxCenters());
    // exactly maxCenters centres is allowed
    int needed = referenceCenters(points, 1.0).length;
    assertEquals(needed, RegularSpaceClustering.fit(points, new RegularSpaceClustering.Options(1.0, needed)).size());
  }

  @Test
  void optionsAndInputsAreValidated() {
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> new RegularSpaceClustering.Options(0.0, 10));
    assertTrue(d.getMessage().contains("dMin") && d.getMessage().contains("0.0"), d.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> new RegularSpaceClustering.Options(1.0, 0));
    assertTrue(m.getMessage().contains("maxCenters") && m.getMessage().contains("0"), m.getMessage());
    assertEquals(RegularSpaceClustering.DEFAULT_MAX_CENTERS, new RegularSpaceClustering.Options(5.0).maxCenters());

    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> RegularSpaceClustering.fit(new double[] {0, 0, 1, Double.NaN}, 2, new RegularSpaceClustering.Options(1)));
    assertTrue(nan.getMessage().contains("point 1") && nan.getMessage().contains("coordinate 1"), nan.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> RegularSpaceClustering.fit(new double[] {0, 0, 1}, 2, new RegularSpaceClustering.Options(1)));
    assertTrue(shape.getMessage().contains("3"), shape.getMessage());
    Clustering c = RegularSpaceClustering.fit(new double[][] {{0, 0}}, new RegularSpaceClustering.Options(1));
    assertThrows(IllegalArgumentException.class, () -> c.assign(new double[] {0, 0, 0}, 3));
  }
}

package org.latentdyn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

  /** Exact against brute force sorted by (squared distance, row); integer grids make many ties. */
  @Property(tries = 200)
  void equalsBruteForceIncludingTies(
      @ForAll @IntRange(min = 1, max = 400) int rows,
      @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll @IntRange(min = 1, max = 15) int kWanted,
      @ForAll boolean grid,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] points = new double[rows * d];
    for (int i = 0; i < points.length; i++) {
      points[i] = grid ? rng.nextInt(4) : TestData.gaussian(rng);
    }
    // the tree holds a random half (at least one row) and answers for every row
    int[] subset = IntStream.range(0, rows).filter(r -> r == 0 || rng.nextBoolean()).toArray();
    int k = Math.min(kWanted, subset.length);
    NearestNeighbours tree = NearestNeighbours.of(points, d, subset);
    int[] all = IntStream.range(0, rows).toArray();
    int[] bulk = tree.query(points, all, k);
    int[] viaTree = tree.query(points, all, k, NearestNeighbours.Strategy.TREE);
    int[] viaBlocks = tree.query(points, all, k, NearestNeighbours.Strategy.BRUTE_FORCE);
    for (int q = 0; q < rows; q++) {
      int[] expected = bruteForce(points, d, subset, q, k);
      assertArrayEquals(expected, Arrays.copyOfRange(bulk, q * k, (q + 1) * k), "query row " + q);
      assertArrayEquals(expected, Arrays.copyOfRange(viaTree, q * k, (q + 1) * k), "tree, query row " + q);
      assertArrayEquals(expected, Arrays.copyOfRange(viaBlocks, q * k, (q + 1) * k), "blocks, query row " + q);
      assertArrayEquals(expected, tree.query(Arrays.copyOfRange(points, q * d, (q + 1) * d), k));
    }
  }

  @Test
  void answersAKnownSmallCase() {
    double[] points = {0, 0, 1, 0, 0, 1, 1, 1, 5, 5, -1, 0};
    NearestNeighbours tree = NearestNeighbours.of(points, 2);
    // squared distances from (0.1, 0): row 0 0.01, row 1 0.81, row 2 1.01, row 5 1.21, row 3 1.81
    assertArrayEquals(new int[] {0, 1, 2, 5}, tree.query(new double[] {0.1, 0}, 4));
    // from the origin, rows 1, 2 and 5 all lie at distance 1: ties go to the lower row
    assertArrayEquals(new int[] {0, 1, 2, 5, 3}, tree.query(new double[] {0, 0}, 5));
  }

  @Test
  void rejectsBadInputsNamingThem() {
    double[] points = new double[12];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbours.of(points, 5));
    assertEquals("points must hold a positive multiple of d = 5 values, got 12", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbours.of(points, 2).query(new double[2], 7));
    assertEquals("k must be in [1, 6] (the points in the tree), got 7", e.getMessage());
    double[] nan = points.clone();
    nan[5] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> NearestNeighbours.of(nan, 2));
    assertEquals("points has a non-finite value NaN at row 2, column 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbours.of(points, 2, new int[] {0, 6}));
    assertEquals("row 6 is out of range [0, 6)", e.getMessage());
  }

  static int[] bruteForce(double[] points, int d, int[] rows, int q, int k) {
    double[] dist = new double[points.length / d];
    for (int r : rows) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double t = points[r * d + j] - points[q * d + j];
        s += t * t;
      }
      dist[r] = s;
    }
    return Arrays.stream(rows).boxed()
        .sorted(Comparator.<Integer>comparingDouble(r -> dist[r]).thenComparingInt(r -> r))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }
}

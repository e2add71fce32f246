package org.latentdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Traversal codes run from the 5th to the 95th percentile of one dimension, the others at the median. */
class LatentTraversalTest {
  @Test
  void codesOfAKnownLatent() {
    // z0 = 0, 1, ..., 100 (percentile p is p itself); z1 = 10 * z0 reversed, median 500
    int n = 101;
    float[] z = new float[2 * n];
    for (int i = 0; i < n; i++) {
      z[2 * i] = i;
      z[2 * i + 1] = 10 * (n - 1 - i);
    }
    LatentTraversal t = LatentTraversal.of(z, 2, 7, 5, 95);
    assertArrayEquals(new double[] {5, 20, 35, 50, 65, 80, 95}, t.percentiles(), 1e-12);
    assertArrayEquals(new double[] {50, 500}, t.median(), 1e-12);
    assertArrayEquals(new double[] {5, 20, 35, 50, 65, 80, 95}, t.values()[0], 1e-9);
    assertArrayEquals(new double[] {50, 200, 350, 500, 650, 800, 950}, t.values()[1], 1e-9);
    float[] codes = t.codes();
    assertEquals(2 * 7 * 2, codes.length);
    assertArrayEquals(new float[] {5, 500}, new float[] {codes[0], codes[1]});
    assertArrayEquals(new float[] {95, 500}, new float[] {codes[12], codes[13]});
    assertArrayEquals(new float[] {50, 50}, new float[] {codes[14], codes[15]});
    assertArrayEquals(new float[] {50, 950}, new float[] {codes[26], codes[27]});
  }

  @Test
  void interpolatesBetweenOrderStatistics() {
    LatentTraversal t = LatentTraversal.of(new float[] {3, 1, 2, 4}, 1, 2, 0, 50);
    assertArrayEquals(new double[] {1, 2.5}, t.values()[0], 1e-12);
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> LatentTraversal.of(new float[3], 2, 7, 5, 95));
    assertThrows(IllegalArgumentException.class, () -> LatentTraversal.of(new float[4], 2, 1, 5, 95));
    assertThrows(IllegalArgumentException.class, () -> LatentTraversal.of(new float[4], 2, 7, 95, 5));
  }
}

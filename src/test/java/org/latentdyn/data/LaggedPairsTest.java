package org.latentdyn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LaggedPairsTest {
  @Test
  void knownPairsOfTwoTrajectories() {
    LaggedPairs p = LaggedPairs.of(new int[] {4, 3}, 2);
    assertEquals(2, p.lag());
    assertArrayEquals(new int[] {0, 1, 4}, p.firstIndices());
    assertArrayEquals(new int[] {2, 3, 6}, p.secondIndices());
  }

  @Property(tries = 200)
  void pairsNeverCrossATrajectoryBoundary(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 60) Integer> lengths,
      @ForAll @IntRange(min = 1, max = 30) int lag) {
    int[] n = lengths.stream().mapToInt(Integer::intValue).toArray();
    long expected = Arrays.stream(n).mapToLong(x -> Math.max(0, x - lag)).sum();
    Assume.that(expected > 0);
    LaggedPairs p = LaggedPairs.of(n, lag);
    assertEquals(expected, p.size());
    int[] start = new int[n.length + 1];
    for (int i = 0; i < n.length; i++) {
      start[i + 1] = start[i] + n[i];
    }
    for (int k = 0; k < p.size(); k++) {
      assertEquals(lag, p.second(k) - p.first(k));
      int traj = 0;
      while (p.first(k) >= start[traj + 1]) {
        traj++;
      }
      assertTrue(p.second(k) < start[traj + 1], "pair " + k + " crosses out of trajectory " + traj);
    }
  }

  @Property(tries = 100)
  void splitIsDeterministicDisjointAndCovering(
      @ForAll @IntRange(min = 2, max = 400) int frames,
      @ForAll @DoubleRange(min = 0, max = 1) double fraction,
      @ForAll long seed) {
    LaggedPairs p = LaggedPairs.of(new int[] {frames}, 1);
    LaggedPairs.Split s = p.split(fraction, seed);
    assertEquals(s, p.split(fraction, seed));
    assertEquals((int) Math.floor(fraction * p.size() + 1e-9), s.train().size());
    int[] all = new int[p.size()];
    int m = 0;
    for (LaggedPairs part : List.of(s.train(), s.validation())) {
      for (int k = 0; k < part.size(); k++) {
        all[m++] = part.first(k);
      }
    }
    Arrays.sort(all);
    assertArrayEquals(p.firstIndices(), all);
  }

  @Test
  void eightyTwentySplitSizesAndSeedDependence() {
    LaggedPairs p = LaggedPairs.of(new int[] {1001}, 1);
    LaggedPairs.Split a = p.split(0.8, 42);
    assertEquals(800, a.train().size());
    assertEquals(200, a.validation().size());
    assertNotEquals(a, p.split(0.8, 43));
    assertEquals(7, LaggedPairs.of(new int[] {10}, 1).split(0.8, 1).train().size()); // floor(7.2)
    assertEquals(29, Splits.trainSize(100, 0.29)); // not 28 from 0.29 * 100 = 28.999999999999996
  }

  @Test
  void tooShortTrajectoriesAreNamed() {
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> LaggedPairs.of(new int[] {12}, 20));
    assertEquals("trajectory 0 has 12 frames, fewer than lag 20 + 1", one.getMessage());
    IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
        () -> LaggedPairs.of(new int[] {3, 5, 12}, 20));
    assertEquals("no trajectory has at least lag 20 + 1 frames; the longest, trajectory 2, has 12 frames",
        many.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LaggedPairs.of(new int[] {12}, 0));
    // short trajectories among long ones contribute nothing
    assertEquals(10, LaggedPairs.of(new int[] {3, 30}, 20).size());
  }

  @Test
  void namedDatasetMessagesUseTheName() {
    Dataset d = Dataset.of(List.of(DatasetTest.ramp(12, 1, 0)), List.of("short.npy"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaggedPairs.of(d, 20));
    assertEquals("trajectory 0 ('short.npy') has 12 frames, fewer than lag 20 + 1", e.getMessage());
  }

  @Test
  void permutationIsAPermutationAndSeeded() {
    int[] p = Splits.permutation(1000, 5);
    assertArrayEquals(p, Splits.permutation(1000, 5));
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
    assertThrows(IllegalArgumentException.class, () -> Splits.trainValidation(10, 1.5, 0));
  }
}

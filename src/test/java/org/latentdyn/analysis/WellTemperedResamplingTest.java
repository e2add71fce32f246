package org.latentdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WellTemperedResamplingTest {

  @Test
  void gammaOneKeepsEmpiricalProportions() {
    int[] sizes = {1000, 7, 0, 130, 64};
    int total = Arrays.stream(sizes).sum();
    assertArrayEquals(sizes, WellTemperedResampling.counts(sizes, 1.0, total));
    assertArrayEquals(new int[] {2000, 14, 0, 260, 128}, WellTemperedResampling.counts(sizes, 1.0, 2 * total));
  }

  @Test
  void gammaTwoUsesSquareRoots() {
    assertArrayEquals(new int[] {10, 5}, WellTemperedResampling.counts(new int[] {100, 25}, 2.0, 15));
  }

  @Test
  void largeGammaIsUniformOverNonEmptyBins() {
    int[] sizes = {1000, 10, 0, 100};
    assertArrayEquals(new int[] {100, 100, 0, 100},
        WellTemperedResampling.counts(sizes, Double.POSITIVE_INFINITY, 300));
    int[] nearly = WellTemperedResampling.counts(sizes, 1e6, 300);
    for (int k : new int[] {0, 1, 3}) {
      assertEquals(100, nearly[k], 1);
    }
  }

  @Test
  void roundingGivesLeftoverUnitsToLargestRemainders() {
    // quotas 10/3 each: floors 3, 3, 3 and the one missing unit goes to the lowest index on a tie
    assertArrayEquals(new int[] {4, 3, 3}, WellTemperedResampling.counts(new int[] {5, 5, 5}, 1.0, 10));
    // quotas 1.5, 4.5, 9: remainders tie at .5, lowest index first
    assertArrayEquals(new int[] {2, 4, 9}, WellTemperedResampling.counts(new int[] {1, 3, 6}, 1.0, 15));
  }

  @Property(tries = 200)
  void totalIsPreservedAndCountsStayWithinOneOfTheQuota(
      @ForAll @Size(min = 1, max = 40) int[] rawSizes,
      @ForAll @DoubleRange(min = 1.0, max = 50.0) double gamma,
      @ForAll @IntRange(min = 0, max = 100_000) int total) {
    int[] sizes = Arrays.stream(rawSizes).map(s -> Math.floorMod(s, 5000)).toArray();
    if (Arrays.stream(sizes).sum() == 0) {
      sizes[0] = 1;
    }
    int[] counts = WellTemperedResampling.counts(sizes, gamma, total);
    assertEquals(total, Arrays.stream(counts).sum());
    double norm = Arrays.stream(sizes).mapToDouble(s -> s == 0 ? 0 : Math.pow(s, 1 / gamma)).sum();
    for (int k = 0; k < sizes.length; k++) {
      double quota = total * (sizes[k] == 0 ? 0 : Math.pow(sizes[k], 1 / gamma)) / norm;
      assertTrue(Math.abs(counts[k] - quota) < 1 + 1e-9, "bin " + k + ": " + counts[k] + " vs " + quota);
      if (sizes[k] == 0) {
        assertEquals(0, counts[k]);
      }
    }
  }

  @Test
  void samplingIsSeededAndDrawsWithinBins() {
    int[] assignment = new int[1000];
    for (int i = 0; i < assignment.length; i++) {
      assignment[i] = i < 700 ? 0 : i < 950 ? 1 : i < 997 ? 2 : 3; // bin 3 holds 3 samples
    }
    WellTemperedResampling.Options options = new WellTemperedResampling.Options(2.0, 5);

    WellTemperedResampling.Resampling a = WellTemperedResampling.sample(assignment, 1000, options, 42);
    WellTemperedResampling.Resampling b = WellTemperedResampling.sample(assignment, 1000, options, 42);
    WellTemperedResampling.Resampling c = WellTemperedResampling.sample(assignment, 1000, options, 43);

    assertArrayEquals(a.indices(), b.indices());
    assertFalse(Arrays.deepEquals(a.indices(), c.indices()));
    assertArrayEquals(new int[] {700, 250, 47, 3}, a.binSizes());
    assertArrayEquals(WellTemperedResampling.counts(new int[] {700, 250, 47, 0}, 2.0, 1000), a.counts());
    assertEquals(1000, a.allIndices().length);
    for (int k = 0; k < 4; k++) {
      assertEquals(a.counts()[k], a.indicesOf(k).length);
      for (int i : a.indicesOf(k)) {
        assertEquals(k, assignment[i], "index " + i + " drawn for bin " + k);
      }
    }
    assertArrayEquals(new int[] {3}, a.droppedBins());
    assertEquals(0.003, a.droppedFraction(), 1e-12);
    assertEquals(3, a.keptBins());
    assertEquals(47, a.smallestKeptBin());
    // with replacement: a bin of 47 samples asked for more than 47 draws repeats indices
    assertTrue(a.counts()[2] > 47);
  }

  @Test
  void explicitBinsGiveTheSameDrawsAsAnAssignment() {
    int[] assignment = {1, 0, 1, 1, 0, 2, 2, 2, 2, 1};
    int[][] bins = {{1, 4}, {0, 2, 3, 9}, {5, 6, 7, 8}};
    WellTemperedResampling.Options options = new WellTemperedResampling.Options(1.0, 1);
    assertArrayEquals(WellTemperedResampling.sample(assignment, 30, options, 7).indices(),
        WellTemperedResampling.sample(bins, 30, options, 7).indices());
  }

  @Test
  void rejectsBadArguments() {
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
        () -> WellTemperedResampling.counts(new int[] {1}, 0.5, 10));
    assertTrue(g.getMessage().contains("gamma") && g.getMessage().contains("0.5"), g.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> new WellTemperedResampling.Options(2.0, 0));
    assertTrue(m.getMessage().contains("minBinSize"), m.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> WellTemperedResampling.sample(new int[] {0, 1, 2}, 10, new WellTemperedResampling.Options(2.0, 5), 1));
    assertTrue(none.getMessage().contains("minBinSize = 5"), none.getMessage());
    assertEquals(5, WellTemperedResampling.Options.forLatentDim(2).minBinSize());
  }
}

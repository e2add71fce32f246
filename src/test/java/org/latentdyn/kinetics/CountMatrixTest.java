package org.latentdyn.kinetics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CountMatrixTest {
  @Test
  void slidingWindowCountsAtLagTwo() {
    // pairs (t, t+2): (0,1) (1,2) (1,0) (2,1) (0,2) (1,2)
    CountMatrix c = CountMatrix.count(new int[] {0, 1, 1, 2, 0, 1, 2, 2}, 2);
    assertEquals(2, c.lag());
    assertArrayEquals(new double[][] {{0, 1, 1}, {1, 0, 2}, {0, 1, 0}}, c.counts());
    assertEquals(6, c.total(), 0);
    assertArrayEquals(new double[] {2, 3, 1}, c.rowSums(), 0);
    assertArrayEquals(new int[] {0, 1, 2}, c.symbols());
  }

  @Test
  void countsNeverCrossATrajectoryBoundary() {
    CountMatrix c = CountMatrix.count(new int[][] {{0, 0, 0}, {1, 1, 1}}, 1);
    assertArrayEquals(new double[][] {{2, 0}, {0, 2}}, c.counts());
    // joined end to end they would count one 0 -> 1
    assertEquals(1, CountMatrix.count(new int[] {0, 0, 0, 1, 1, 1}, 1).count(0, 1), 0);
    // a trajectory no longer than the lag adds nothing
    CountMatrix d = CountMatrix.count(new int[][] {{0, 1, 0}, {1, 0}}, 2);
    assertArrayEquals(new double[][] {{1, 0}, {0, 0}}, d.counts());
  }

  @Property(tries = 100)
  void totalIsTheNumberOfLaggedPairs(
      @ForAll @Size(min = 1, max = 6) List<@Size(max = 50) List<@IntRange(min = 0, max = 4) Integer>> trajs,
      @ForAll @IntRange(min = 1, max = 10) int lag) {
    int[][] d = trajs.stream().map(t -> t.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    long pairs = Arrays.stream(d).mapToLong(t -> Math.max(0, t.length - lag)).sum();
    if (pairs == 0) {
      assertThrows(IllegalArgumentException.class, () -> CountMatrix.count(d, lag, 5));
      return;
    }
    CountMatrix c = CountMatrix.count(d, lag, 5);
    assertEquals(pairs, c.total(), 0);
    // the same as counting each trajectory alone and adding
    double[][] sum = new double[5][5];
    for (int[] t : d) {
      if (t.length > lag) {
        double[][] one = CountMatrix.count(new int[][] {t}, lag, 5).counts();
        for (int i = 0; i < 5; i++) {
          for (int j = 0; j < 5; j++) {
            sum[i][j] += one[i][j];
          }
        }
      }
    }
    assertArrayEquals(sum, c.counts());
  }

  @Test
  void negativeLabelsAreFramesInNoState() {
    CountMatrix c = CountMatrix.count(new int[] {0, -1, 1, 1, 0}, 1);
    assertArrayEquals(new double[][] {{0, 0}, {1, 1}}, c.counts());
  }

  @Test
  void largestConnectedSetOfADisconnectedExample() {
    // 0 -> 1 -> 2 -> 0 is a cycle; 2 -> 3 leaves it for good; 4 only returns to itself; 5 is never visited
    double[][] counts = {
        {5, 2, 0, 0, 0, 0},
        {0, 5, 2, 0, 0, 0},
        {2, 0, 5, 1, 0, 0},
        {0, 0, 0, 9, 0, 0},
        {0, 0, 0, 0, 50, 0},
        {0, 0, 0, 0, 0, 0}};
    CountMatrix c = new CountMatrix(counts, 1);
    ConnectedSet set = c.largestConnectedSet();
    assertArrayEquals(new int[] {0, 1, 2}, set.kept());
    assertArrayEquals(new int[] {3, 4, 5}, set.dropped());
    assertEquals(4, set.components());
    CountMatrix active = c.restrictToLargestConnectedSet();
    assertArrayEquals(new int[] {0, 1, 2}, active.symbols());
    assertArrayEquals(new double[][] {{5, 2, 0}, {0, 5, 2}, {2, 0, 5}}, active.counts());
  }

  @Test
  void restrictionKeepsOriginalLabels() {
    // states 0 and 3 form the larger component; 1 and 2 are visited once and never left
    CountMatrix c = CountMatrix.count(new int[][] {{0, 3, 0, 3, 3, 0}, {1, 2}}, 1);
    ConnectedSet set = c.largestConnectedSet();
    assertArrayEquals(new int[] {0, 3}, set.kept());
    assertArrayEquals(new int[] {1, 2}, set.dropped());
    CountMatrix active = c.restrictToLargestConnectedSet();
    assertArrayEquals(new int[] {0, 3}, active.symbols());
    assertArrayEquals(new double[][] {{0, 2}, {2, 1}}, active.counts());
    // a restriction of a restriction still reports the original labels
    assertArrayEquals(new int[] {3}, active.restrict(new int[] {1}).symbols());
  }

  @Test
  void tiesGoToTheSetWithMoreCounts() {
    double[][] counts = {{1, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 3, 3}, {0, 0, 3, 3}};
    assertArrayEquals(new int[] {2, 3}, new CountMatrix(counts, 1).largestConnectedSet().kept());
  }

  @Test
  void inputsAreValidated() {
    assertEquals("lag must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> CountMatrix.count(new int[] {0, 1}, 0)).getMessage());
    assertEquals("dtrajs[0][1] = 3 is not a state in [0, 2)", assertThrows(IllegalArgumentException.class,
        () -> CountMatrix.count(new int[][] {{0, 3}}, 1, 2)).getMessage());
    assertEquals("no trajectory has more than lag 5 frames (the longest has 3), so there is no pair to count",
        assertThrows(IllegalArgumentException.class, () -> CountMatrix.count(new int[] {0, 1, 0}, 5))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CountMatrix(new double[][] {{1, -1}, {0, 1}}, 1));
    assertThrows(IllegalArgumentException.class, () -> new CountMatrix(new double[][] {{1, 1}}, 1));
    CountMatrix c = new CountMatrix(new double[][] {{1, 1}, {1, 1}}, 1);
    assertEquals("state 1 is listed twice",
        assertThrows(IllegalArgumentException.class, () -> c.restrict(new int[] {1, 1})).getMessage());
  }
}

package org.latentdyn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Spec nld.md §13.8: best-permutation accuracy and the occupancy error. */
class SegmentationTest {
  @Test
  void aPermutedCopyOfTheTruthScoresOne() {
    SplittableRandom r = new SplittableRandom(1);
    int[] relabel = {2, 0, 1};
    int[][] truth = new int[10][100];
    int[][] predicted = new int[10][100];
    for (int n = 0; n < 10; n++) {
      for (int t = 0; t < 100; t++) {
        truth[n][t] = r.nextInt(3);
        predicted[n][t] = relabel[truth[n][t]];
      }
    }
    Segmentation.Accuracy a = Segmentation.accuracy(predicted, truth, 3);
    assertEquals(1.0, a.mean(), 0);
    assertEquals(0.0, a.sd(), 0);
    assertArrayEquals(new int[] {1, 2, 0}, a.permutation()); // the inverse of relabel
  }

  @Test
  void uniformRandomLabelsScoreAThird() {
    SplittableRandom r = new SplittableRandom(2);
    int[][] truth = new int[200][500];
    int[][] predicted = new int[200][500];
    for (int n = 0; n < 200; n++) {
      for (int t = 0; t < 500; t++) {
        truth[n][t] = r.nextInt(3);
        predicted[n][t] = r.nextInt(3);
      }
    }
    Segmentation.Accuracy a = Segmentation.accuracy(predicted, truth, 3);
    assertEquals(1.0 / 3, a.mean(), 0.005);
    assertEquals(Math.sqrt((1.0 / 3) * (2.0 / 3) / 500), a.sd(), 0.003); // binomial per-sequence sd
  }

  @Test
  void meanAndSampleSdAreOverSequencesWithOnePermutationForAll() {
    // sequence 0 agrees fully under the identity; sequence 1 half; swapping 0 and 1 would win sequence 1 only
    int[][] truth = {{0, 0, 1, 1}, {0, 0, 1, 1}};
    int[][] predicted = {{0, 0, 1, 1}, {1, 1, 1, 1}};
    Segmentation.Accuracy a = Segmentation.accuracy(predicted, truth, 2);
    assertArrayEquals(new int[] {0, 1}, a.permutation());
    assertArrayEquals(new double[] {1.0, 0.5}, a.perSequence(), 0);
    assertEquals(0.75, a.mean(), 1e-15);
    assertEquals(Math.sqrt(0.125), a.sd(), 1e-15);
  }

  @Test
  void occupancyErrorOfHalfQuarterQuarterIsAThird() {
    assertEquals(1.0 / 3, Segmentation.occupancyL1(new double[] {0.5, 0.25, 0.25}), 1e-15);
    assertEquals(0.0, Segmentation.occupancyL1(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}), 1e-15);
    assertArrayEquals(new double[] {0.5, 0.25, 0.25},
        Segmentation.occupancy(new int[][] {{0, 0, 1}, {2, 0}, {1, 2, 0}}, 3), 0);
  }

  @Test
  void badLabelsAndShapesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Segmentation.accuracy(new int[][] {{0, 3}}, new int[][] {{0, 1}}, 3));
    assertTrue(e.getMessage().contains("frame 1") && e.getMessage().contains("got 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Segmentation.accuracy(new int[][] {{0}}, new int[][] {{0, 1}}, 3));
    assertTrue(e.getMessage().contains("sequence 0"), e.getMessage());
    assertEquals(720, Segmentation.permutations(6).size());
  }
}

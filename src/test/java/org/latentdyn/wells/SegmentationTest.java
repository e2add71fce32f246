package org.latentdyn.wells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SegmentationTest {
  private static final MixtureEnergy E = MixtureEnergy.triangle(1);

  /** Sequences [sequences, length] of a 3-state chain staying with probability 0.95, s_0 = 0 (spec §9). */
  private static int[] states(int sequences, int length, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] s = new int[sequences * length];
    for (int q = 0; q < sequences; q++) {
      int state = 0;
      for (int t = 0; t < length; t++) {
        if (t > 0 && r.nextDouble() >= 0.95) {
          state = (state + 1 + r.nextInt(2)) % 3;
        }
        s[q * length + t] = state;
      }
    }
    return s;
  }

  /** Positions drawn around the well of each state's component, with spread {@code scale * s_i}. */
  private static double[] positions(int[] states, double scale, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[states.length * 2];
    for (int i = 0; i < states.length; i++) {
      double[] mu = E.mean(states[i]);
      for (int j = 0; j < 2; j++) {
        x[i * 2 + j] = mu[j] + scale * E.sigma(states[i]) * r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void recoversTheStatesUnderAShuffledLabelling() {
    int[] truth = states(40, 200, 1);
    double[] x = positions(truth, 1.0, 2);
    // Centres listed in the order (well 2, well 0, well 1): label l is state perm[l] = (2, 0, 1).
    double[][] centres = {E.mean(2), E.mean(0), E.mean(1)};
    Segmentation.Result r = Segmentation.segment(E, x, 40, centres, truth, GradientFlow.Options.segmentation());
    assertArrayEquals(new int[] {2, 0, 1}, r.permutation());
    // One s.d. of spread never crosses a barrier of this mixture: every point flows into its own well.
    assertEquals(1.0, r.meanAccuracy(), 0);
    assertEquals(0.0, r.sdAccuracy(), 0);
    assertEquals(40, r.accuracies().length);
  }

  @Test
  void noisyPositionsGiveTheOverlapAccuracy() {
    // Half the positions replaced by random wells: accuracy ~ 1/2 + 1/2 * 1/3 = 2/3 per sequence.
    int[] truth = states(200, 100, 3);
    double[] x = positions(truth, 0.5, 4);
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < truth.length; i++) {
      if (r.nextBoolean()) {
        double[] mu = E.mean(r.nextInt(3));
        x[2 * i] = mu[0];
        x[2 * i + 1] = mu[1];
      }
    }
    double[][] centres = {E.mean(0), E.mean(1), E.mean(2)};
    Segmentation.Result s = Segmentation.segment(E, x, 200, centres, truth,
        GradientFlow.Options.segmentation().withMaxSteps(50));
    assertArrayEquals(new int[] {0, 1, 2}, s.permutation());
    // Binomial: per-sequence sd ~ sqrt(p(1-p)/100) = 0.047; the mean over 200 sequences is within ~0.003.
    assertEquals(2.0 / 3, s.meanAccuracy(), 0.015);
    assertEquals(Math.sqrt(2.0 / 3 / 3 / 100), s.sdAccuracy(), 0.012);
  }

  @Test
  void bestPermutationMaximisesTheOverlap() {
    long[][] overlap = {{1, 9, 0}, {0, 2, 8}, {7, 0, 3}};
    assertArrayEquals(new int[] {1, 2, 0}, Segmentation.bestPermutation(overlap));
    assertArrayEquals(new int[] {0}, Segmentation.bestPermutation(new long[][] {{4}}));
  }

  @Test
  void inputsAreChecked() {
    double[][] centres = {E.mean(0), E.mean(1), E.mean(2)};
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Segmentation.segment(E,
        new double[8], 2, centres, new int[] {0, 1, 3, 0}, GradientFlow.Options.segmentation()));
    assertEquals("states[2] = 3, expected 0 to 2", ex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Segmentation.segment(E, new double[6], 2, centres,
        new int[] {0, 1, 2, 0}, GradientFlow.Options.segmentation()));
  }

  @Test
  void meanDwellCountsOnlyRunsInsideASequence() {
    // runs: [0 0] cut, [1 1 1] complete, [0 0] cut | [2] cut ... [2 2 2 2] with one complete run [1 1]
    int[] labels = {0, 0, 1, 1, 1, 0, 0, 2, 1, 1, 2, 2, 2, 2};
    assertEquals(2.5, Segmentation.meanDwell(labels, 2), 0.0);
    assertEquals(Double.NaN, Segmentation.meanDwell(new int[] {1, 1, 1, 2, 2}, 1));
    assertArrayEquals(new int[] {1, 0, 1}, Segmentation.nearest(new double[] {0.9, 0.1, 0.6}, 1,
        new double[][] {{0}, {1}}));
  }

  @Test
  void meanDwellOfTheBenchmarkChainIsTwentyFrames() {
    // a stay probability of 0.95 gives geometric dwell times of mean 1 / 0.05 = 20, sd sqrt(0.95) / 0.05
    int[] s = states(200, 500, 3);
    double dwell = Segmentation.meanDwell(s, 200);
    double runs = 200 * 500 / 20.0;
    assertEquals(20, dwell, 4 * Math.sqrt(0.95) / 0.05 / Math.sqrt(runs), "mean dwell " + dwell);
  }
}

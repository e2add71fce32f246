package org.latentdyn.kinetics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;

class CoreTransitionsTest {
  static final List<String> NAMES = List.of("beta", "alphaR", "alphaL");

  @Test
  void countsCommittedTransitionsOnAHandWrittenSequence() {
    //            t: 0   1  2  3   4  5   6  7  8   9  10 11  12 13 14  15 16
    int[] labels = {-1, -1, 0, 0, -1, 0, -1, 1, 1, -1, -1, 0, -1, 2, 2, -1, 1};
    // committed: -  -  b  b  b  b  b  R  R  R  R  b  b  L  L  L  R
    // transitions at t = 7 (b->R), 11 (R->b), 13 (b->L), 16 (L->R); the exit and return at t = 4-5 is no transition
    CoreTransitionCounts c = CoreTransitions.count(labels, NAMES);
    assertArrayEquals(new long[][] {{0, 1, 1}, {1, 0, 0}, {0, 1, 0}}, c.transitions());
    assertArrayEquals(new long[] {7, 5, 3}, c.committedFrames());
    assertEquals(2, c.uncommittedFrames());
    Rate br = c.rate("beta", "alphaR");
    assertEquals(1, br.transitions());
    assertEquals(7, br.committedFrames());
    assertEquals(1.0 / 7, br.perFrame(), 1e-15);
    assertEquals(Math.sqrt(1) / 7, br.poissonError(), 1e-15);
    assertTrue(Double.isNaN(br.bootstrapError()));
    assertEquals(1.0 / 5, c.rate("alphaR", "beta").perFrame(), 1e-15);
    assertEquals(1.0 / 3, c.rate("alphaL", "alphaR").perFrame(), 1e-15);
    assertEquals(0, c.rate("alphaL", "beta").perFrame(), 0);
    assertEquals(0, c.rate("alphaR", "alphaL").poissonError(), 0);
    RateMatrix r = c.rates();
    assertEquals(NAMES, r.names());
    assertEquals(1.0 / 7, r.get("beta", "alphaL"), 1e-15);
    assertEquals(0, r.get("beta", "beta"), 0);
  }

  @Test
  void commitmentDoesNotCarryAcrossTrajectories() {
    int[][] labels = {{0, -1, 1}, {-1, 1, 0}};
    CoreTransitionCounts c = CoreTransitions.count(labels, List.of("A", "B"), CoreTransitions.Options.poissonOnly());
    // trajectory 1 starts uncommitted, so its first B is an entry, not a transition A -> B
    assertArrayEquals(new long[][] {{0, 1}, {1, 0}}, c.transitions());
    assertArrayEquals(new long[] {3, 2}, c.committedFrames());
    assertEquals(1, c.uncommittedFrames());
    // joined end to end the B at the junction would count as well
    CoreTransitionCounts joined = CoreTransitions.count(new int[] {0, -1, 1, -1, 1, 0}, List.of("A", "B"));
    assertArrayEquals(new long[][] {{0, 1}, {1, 0}}, joined.transitions());
    assertArrayEquals(new long[] {3, 3}, joined.committedFrames());
  }

  @Test
  void labelsAContinuousTrajectoryByCores() {
    float[] x = {-1.0f, -0.2f, 0.3f, 1.1f, 0.4f, -0.1f, 0.9f, -0.7f, -1.5f};
    List<Core> cores = List.of(Core.box("A", new double[] {-2}, new double[] {-0.5}),
        Core.ball("B", new double[] {1}, 0.5));
    Trajectory t = Trajectory.wrap(x, x.length, 1);
    assertArrayEquals(new int[] {0, -1, -1, 1, -1, -1, 1, 0, 0}, CoreTransitions.label(t, cores));
    CoreTransitionCounts c = CoreTransitions.count(t, cores, CoreTransitions.Options.poissonOnly());
    assertEquals(1, c.transitions("A", "B"));
    assertEquals(1, c.transitions("B", "A"));
    assertEquals(5, c.committedFrames("A"));
    assertEquals(4, c.committedFrames("B"));
    List<Core> overlapping = List.of(Core.box("A", new double[] {-2}, new double[] {0}),
        Core.box("B", new double[] {-0.5}, new double[] {2}));
    assertEquals("frame 1 lies in cores \"A\" and \"B\"; cores must not overlap",
        assertThrows(IllegalArgumentException.class, () -> CoreTransitions.label(t, overlapping)).getMessage());
  }

  @Test
  void periodicBoxWrapsAroundTheAngle() {
    Core beta = Core.periodicBox("beta", new double[] {150, 90}, new double[] {-150, 180}, 360);
    assertTrue(beta.contains(new double[] {180, 120}));
    assertTrue(beta.contains(new double[] {-170, 120}));
    assertTrue(beta.contains(new double[] {160, -180}));
    assertTrue(!beta.contains(new double[] {0, 120}));
    assertTrue(!beta.contains(new double[] {170, 0}));
  }

  /**
   * On a two-state Markov chain with exit probabilities p and q per frame, the counted rates estimate p and q, the
   * Poisson and bootstrap errors agree with the spread, and the MSM's coarse rate 1 / MFPT gives the same numbers.
   */
  @Test
  void countedRatesOfATwoStateChainMatchTheChainAndItsMsm() {
    double p = 0.01;
    double q = 0.02;
    int[] d = MarkovStateModelTest.simulate(new double[][] {{1 - p, p}, {q, 1 - q}}, 400_000, 77);
    CoreTransitionCounts c = CoreTransitions.count(new int[][] {d}, List.of("A", "B"),
        CoreTransitions.Options.of(5).withBlocks(20).withReplicates(500));
    Rate ab = c.rate("A", "B");
    Rate ba = c.rate("B", "A");
    assertEquals(p, ab.perFrame(), 4 * ab.poissonError());
    assertEquals(q, ba.perFrame(), 4 * ba.poissonError());
    assertEquals(Math.sqrt(p / ab.committedFrames()), ab.poissonError(), 0.1 * ab.poissonError());
    double ratio = ab.bootstrapError() / ab.poissonError();
    assertTrue(ratio > 0.5 && ratio < 2, "bootstrap / Poisson error = " + ratio);
    // the same seed gives the same bootstrap
    assertEquals(ab.bootstrapError(), CoreTransitions.count(new int[][] {d}, List.of("A", "B"),
        CoreTransitions.Options.of(5).withBlocks(20).withReplicates(500)).rate("A", "B").bootstrapError(), 0);

    MarkovStateModel m = MaximumLikelihoodMsm.fit(new int[][] {d}, MaximumLikelihoodMsm.Options.of(1));
    RateMatrix msm = m.rates(List.of("A", "B"), List.of(new int[] {0}, new int[] {1}));
    assertEquals(ab.perFrame(), msm.get("A", "B"), 0.02 * p);
    assertEquals(ba.perFrame(), msm.get("B", "A"), 0.02 * q);
  }

  @Test
  void optionsAndLabelsAreValidated() {
    assertEquals("blocks must be >= 2, got 1", assertThrows(IllegalArgumentException.class,
        () -> CoreTransitions.Options.of(1).withBlocks(1)).getMessage());
    assertEquals("replicates must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
        () -> CoreTransitions.Options.of(1).withReplicates(-1)).getMessage());
    assertEquals("labels[0][2] = 3 is neither -1 (no core) nor a state index in [0, 3)",
        assertThrows(IllegalArgumentException.class, () -> CoreTransitions.count(new int[] {0, 1, 3}, NAMES))
            .getMessage());
    assertEquals("labels[0][0] = -2 is neither -1 (no core) nor a state index in [0, 3)",
        assertThrows(IllegalArgumentException.class, () -> CoreTransitions.count(new int[] {-2}, NAMES))
            .getMessage());
    assertEquals("blocks = 10 exceeds the number of frames 3", assertThrows(IllegalArgumentException.class,
        () -> CoreTransitions.count(new int[][] {{0, 1, 0}}, NAMES, CoreTransitions.Options.of(1))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> CoreTransitions.count(new int[] {0}, List.of("a", "a")));
    CoreTransitionCounts c = CoreTransitions.count(new int[] {0, 1}, NAMES);
    assertEquals("no state named \"gamma\"; states are [beta, alphaR, alphaL]",
        assertThrows(IllegalArgumentException.class, () -> c.rate("beta", "gamma")).getMessage());
    assertTrue(Double.isNaN(c.rate("alphaL", "beta").perFrame()), "never committed to alphaL");
  }
}

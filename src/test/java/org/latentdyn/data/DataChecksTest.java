package org.latentdyn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DataChecksTest {
  @Test
  void namesFirstNonFiniteFrameAndFeature() {
    Trajectory t = Trajectory.ofRows(new double[][] {{0, 1, 2}, {3, 4, Double.POSITIVE_INFINITY}, {Double.NaN, 0, 0}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataChecks.requireFinite(t, "latent"));
    assertEquals("latent has a non-finite value Infinity at frame 1, feature 2", e.getMessage());
    Trajectory ok = Trajectory.ofRows(new double[][] {{1}});
    assertSame(ok, DataChecks.requireFinite(ok, "x"));
  }
}

package org.latentdyn.mechanics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Spec vin.md §7 items 1-2: periods measured from the DOP853 ground truth. */
class GroundTruthTest {
  /**
   * The period of a libration released at rest from {@code theta0}: the second zero crossing of p (half period,
   * full period) located on a grid of the ground truth and refined by Newton steps on the solver's state.
   */
  static double measuredPeriod(HamiltonianSystem system, double q0, double gridStep, int frames) {
    double[] start = {q0, 0};
    PhaseSpaceArray path = GroundTruth.trajectories(system, new double[][] {start}, frames, gridStep);
    int crossings = 0;
    int k = 1;
    for (; k < frames - 1; k++) {
      if (Math.signum(path.get(0, k, 1)) != Math.signum(path.get(0, k + 1, 1))) {
        crossings++;
        if (crossings == 2) {
          break;
        }
      }
    }
    if (crossings < 2) {
      throw new AssertionError("no full period within " + frames + " frames");
    }
    double t = k * gridStep;
    double[] f = new double[2];
    for (int it = 0; it < 6; it++) {
      double[] s = GroundTruth.state(system, start, t);
      system.vectorField(s, f);
      t -= s[1] / f[1];
    }
    return t;
  }

  @Test
  void pendulumPeriodsMatchTheEllipticFormulaAndTheSpecNumbers() {
    Pendulum pendulum = Pendulum.defaults();
    assertEquals(2.006067, pendulum.smallAnglePeriod(), 2.006067e-6);
    assertEquals(2.005045, Pendulum.withGravity(9.82).smallAnglePeriod(), 2.005045e-6);
    double[] amplitudes = {1e-3, 0.1, 0.5, Math.PI / 2, Math.PI - 0.1};
    double[] expected = {2.006067, 2.007321, 2.037868, 2.367842, 5.599527};
    for (int i = 0; i < amplitudes.length; i++) {
      double measured = measuredPeriod(pendulum, amplitudes[i], 0.01, 600);
      assertEquals(expected[i], measured, 1e-6 * expected[i], "measured period at amplitude " + amplitudes[i]);
      assertEquals(expected[i], pendulum.period(amplitudes[i]), 1e-6 * expected[i],
          "elliptic formula at amplitude " + amplitudes[i]);
      assertEquals(pendulum.period(amplitudes[i]), measured, 1e-9 * expected[i], "solver vs formula");
    }
  }

  @Test
  void springPeriods() {
    assertEquals(2 * Math.PI, measuredPeriod(MassSpring.defaults(), 1, 0.01, 700), 2 * Math.PI * 1e-9);
    assertEquals(4.442883, measuredPeriod(MassSpring.pixels(), 1, 0.01, 500), 4.442883e-6);
    assertEquals(4.442883, MassSpring.pixels().period(), 4.442883e-6);
  }

  @Test
  void groundTruthConservesEnergyAndValidates() {
    Pendulum pendulum = Pendulum.defaults();
    double[] start = {2.5, 0.3};
    double e0 = pendulum.hamiltonian(start);
    PhaseSpaceArray path = GroundTruth.trajectories(pendulum, new double[][] {start}, 101, 0.1);
    for (int t = 0; t < 101; t++) {
      assertEquals(e0, pendulum.hamiltonian(path.state(0, t)), 1e-10);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GroundTruth.trajectories(pendulum, new double[][] {start}, 10, -0.1));
    assertEquals("timeStep must be > 0 and finite, got -0.1", e.getMessage());
  }
}

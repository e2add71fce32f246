package org.latentdyn.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.Pendulum;
import org.latentdyn.mechanics.PhaseSpaceArray;

/** Known answers of the VIN forecast metrics (spec §5, §10). */
class VinEvaluationTest {
  @Test
  void rmseByStepIsTheRootMeanOverTrajectoriesOfTheSquaredStateError() {
    // two trajectories, three frames; errors (3, 4) and (0, 0) at t = 1, (1, 0) and (0, 1) at t = 2
    PhaseSpaceArray truth = PhaseSpaceArray.zeros(2, 4, 2);
    PhaseSpaceArray f = PhaseSpaceArray.zeros(2, 3, 2);
    f.setState(0, 1, new double[] {3, 4});
    f.setState(0, 2, new double[] {1, 0});
    f.setState(1, 2, new double[] {0, 1});
    double[] r = VinEvaluation.rmseByStep(f, truth);
    assertArrayEquals(new double[] {0, Math.sqrt(25 / 2.0), 1}, r, 1e-15);
    assertEquals((Math.sqrt(12.5) + 1) / 2, VinEvaluation.meanRmse(r), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> VinEvaluation.rmseByStep(f, PhaseSpaceArray.zeros(2, 2, 2)));
  }

  @Test
  void systemsTakeTheirConstantsAndSpecDefaults() {
    assertEquals(new Pendulum(9.82, 1, 1), VinEvaluation.system("pendulum", Map.of("g", 9.82)));
    assertEquals(new MassSpring(2, 1), VinEvaluation.system("mass-spring", Map.of("k", 2.0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VinEvaluation.system("three-well", Map.of()));
    assertTrue(e.getMessage().contains("three-well"));
  }

  @Test
  void energiesAreTheTrueHamiltonian() {
    PhaseSpaceArray x = PhaseSpaceArray.zeros(1, 2, 2);
    x.setState(0, 1, new double[] {1, 2});
    double[][] e = VinEvaluation.energies(new MassSpring(1, 1), x);
    assertArrayEquals(new double[] {0, 0.5 + 2}, e[0], 1e-15);
  }
}

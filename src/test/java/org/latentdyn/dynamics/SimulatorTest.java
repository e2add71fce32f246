package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;

class SimulatorTest {
  private final OverdampedLangevin threeWell =
      new OverdampedLangevin(ThreeWellPotential.defaults(), ConstantDiffusion.isotropic(2, 1), 1);

  @Test
  void sameSeedSameNumbersDifferentSeedDifferentNumbers() {
    SimulationOptions o = new SimulationOptions(1e-3, 10, 100, 500, 123);
    double[] x0 = {0, 1.46};
    Trajectory a = Simulator.simulate(threeWell, x0, o);
    Trajectory b = Simulator.simulate(threeWell, x0, o);
    Trajectory c = Simulator.simulate(threeWell, x0, o.withSeed(124));
    assertArrayEquals(a.view(), b.view());
    assertFalse(Arrays.equals(a.view(), c.view()));

    UnderdampedLangevin u = new UnderdampedLangevin(ThreeWellPotential.defaults(), 1, 2, 1);
    PhaseSpaceTrajectory p = Simulator.simulate(u, x0, null, o);
    PhaseSpaceTrajectory q = Simulator.simulate(u, x0, null, o);
    assertArrayEquals(p.positions().view(), q.positions().view());
    assertArrayEquals(p.momenta().view(), q.momenta().view());
  }

  @Test
  void firstFrameIsTheStartWithoutBurnInAndInputIsNotModified() {
    double[] x0 = {0.1, 1.2};
    Trajectory t = Simulator.simulate(threeWell, x0, SimulationOptions.of(1e-3, 10, 3, 1));
    assertEquals(3, t.frames());
    assertEquals(2, t.features());
    assertEquals(0.1f, t.get(0, 0));
    assertEquals(1.2f, t.get(0, 1));
    assertArrayEquals(new double[] {0.1, 1.2}, x0);
  }

  @Test
  void divergenceIsReportedWithTheStep() {
    OrnsteinUhlenbeck stiff = OrnsteinUhlenbeck.isotropic(1, 1000, 1, 1);
    var e = assertThrows(IllegalStateException.class,
        () -> Simulator.simulate(stiff, new double[] {1}, SimulationOptions.of(0.01, 10, 100, 1)));
    assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("step"), e.getMessage());
  }

  @Test
  void rejectsWrongInitialState() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Simulator.simulate(threeWell, new double[] {1, 2, 3}, SimulationOptions.of(1e-3, 1, 2, 1)));
    assertTrue(e.getMessage().contains("x0") && e.getMessage().contains("3"), e.getMessage());
  }

  @Test
  void optionsValidateCopyAndRoundTripThroughJson() throws Exception {
    var e = assertThrows(IllegalArgumentException.class, () -> new SimulationOptions(-1, 1, 0, 1, 0));
    assertTrue(e.getMessage().contains("timeStep") && e.getMessage().contains("-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SimulationOptions(1e-3, 0, 0, 1, 0));
    assertTrue(e.getMessage().contains("stride must be >= 1, got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SimulationOptions(1e-3, 1, -5, 1, 0));
    assertTrue(e.getMessage().contains("burnIn"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SimulationOptions(1e-3, 1, 0, 0, 0));
    assertTrue(e.getMessage().contains("frames"), e.getMessage());

    SimulationOptions o = new SimulationOptions(1e-3, 10, 1000, 200_000, 7);
    assertEquals(1000 + 199_999L * 10, o.totalSteps());
    assertEquals(0.01, o.frameInterval(), 1e-15);
    assertEquals(5, o.withStride(5).stride());
    assertEquals(10, o.stride());
    ObjectMapper json = new ObjectMapper();
    assertEquals(o, json.readValue(json.writeValueAsString(o), SimulationOptions.class));
  }

  @Test
  void eulerMaruyamaAdvancesByDriftPlusScaledNoise() {
    OrnsteinUhlenbeck ou = OrnsteinUhlenbeck.isotropic(1, 2, 0.5, 1);
    double[] x = {1.0};
    new EulerMaruyama().stepper(ou).step(x, 0.01, new double[] {0.3});
    // drift -D k x / kT = -1, noise sqrt(2 D) sqrt(dt) xi = 1 * 0.1 * 0.3
    assertEquals(1.0 - 0.01 + 0.03, x[0], 1e-15);
  }
}

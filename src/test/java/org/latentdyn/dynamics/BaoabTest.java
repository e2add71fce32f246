package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * BAOAB samples the Boltzmann distribution of a harmonic potential: {@code Var q = kT / k},
 * {@code Var p = m kT}. Coordinates are independent oscillators, so the standard error comes from the spread of
 * the per-coordinate estimates.
 */
class BaoabTest {
  @Test
  void samplesHarmonicBoltzmannDistribution() {
    int n = 200;
    double k = 3;
    double m = 2;
    double kT = 1.5;
    UnderdampedLangevin sde = new UnderdampedLangevin(HarmonicPotential.isotropic(n, k), m, 1.0, kT);
    SimulationOptions options = new SimulationOptions(0.05, 10, 1000, 2000, 21);
    PhaseSpaceTrajectory t = Simulator.simulate(sde, new double[n], null, options);
    assertEquals(2000, t.positions().frames());
    assertEquals(n, t.momenta().features());
    double[] varQ = new double[n];
    double[] varP = new double[n];
    double[] meanQ = new double[n];
    for (int i = 0; i < n; i++) {
      double[] q = Stats.column(t.positions().view(), n, i);
      varQ[i] = Stats.variance(q);
      meanQ[i] = Stats.mean(q);
      varP[i] = Stats.variance(Stats.column(t.momenta().view(), n, i));
    }
    assertEquals(kT / k, Stats.mean(varQ), 4 * Stats.standardError(varQ));
    assertEquals(m * kT, Stats.mean(varP), 4 * Stats.standardError(varP));
    assertEquals(0, Stats.mean(meanQ), 4 * Stats.standardError(meanQ));
    assertTrue(Stats.standardError(varP) < 0.02 * m * kT, "test must be sharp");
  }

  @Test
  void refusesEquationsOtherThanUnderdampedLangevin() {
    Sde overdamped = OrnsteinUhlenbeck.isotropic(1, 1, 1, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> new Baoab().stepper(overdamped));
    assertTrue(e.getMessage().contains("UnderdampedLangevin"), e.getMessage());
  }

  @Test
  void reportsItsOrders() {
    UnderdampedLangevin sde = new UnderdampedLangevin(new DoubleWell1D(1), 1, 1, 1);
    assertEquals(2.0, new Baoab().weakOrder(sde));
    assertEquals(1, new Baoab().noiseDim(sde));
    assertEquals(2, sde.dim());
  }
}

package org.latentdyn.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentdyn.dynamics.Potential;

class MixtureEnergyTest {
  @Test
  void gradientAndHessianMatchCentralDifferences() {
    MixtureEnergy e = new MixtureEnergy(1.7, new double[] {0.5, 0.3, 0.2},
        new double[][] {{0, 0, 0}, {1, 0, 0.5}, {0, 1.5, -1}}, new double[] {0.6, 0.8, 0.7});
    SplittableRandom r = new SplittableRandom(11);
    double h = 1e-5;
    for (int trial = 0; trial < 20; trial++) {
      double[] z = {r.nextDouble(-1, 2), r.nextDouble(-1, 2), r.nextDouble(-2, 1)};
      double[] g = new double[3];
      double energy = e.energyAndGradient(z, g);
      assertEquals(e.energy(z), energy, 1e-12);
      for (int j = 0; j < 3; j++) {
        double[] p = z.clone();
        double[] m = z.clone();
        p[j] += h;
        m[j] -= h;
        double fd = (e.energy(p) - e.energy(m)) / (2 * h);
        assertEquals(fd, g[j], 1e-6 * Math.max(1, Math.abs(fd)));
      }
      double[] analytic = new double[9];
      double[] numeric = new double[9];
      e.hessian(z, analytic);
      withoutHessian(e).hessian(z, numeric); // the default: central differences of the gradient
      for (int i = 0; i < 9; i++) {
        assertEquals(numeric[i], analytic[i], 1e-6 * Math.max(1, Math.abs(numeric[i])));
      }
    }
  }

  /** The same energy and gradient, with the interface's default (finite-difference) Hessian. */
  static Potential withoutHessian(Potential e) {
    return new Potential() {
      @Override
      public int dim() {
        return e.dim();
      }

      @Override
      public double energy(double[] x) {
        return e.energy(x);
      }

      @Override
      public void gradient(double[] x, double[] out) {
        e.gradient(x, out);
      }

      @Override
      public String name() {
        return e.name();
      }

      @Override
      public String formula() {
        return e.formula();
      }

      @Override
      public java.util.Map<String, Double> parameters() {
        return e.parameters();
      }
    };
  }

  @Test
  void energyIsMinusLogDensityOverBeta() {
    MixtureEnergy e = MixtureEnergy.triangle(2);
    // At mu_0 the other components contribute below 1e-30: E = -(1/beta) log(pi_0 / (2 pi s_0^2)).
    assertEquals(-Math.log(0.5 / (2 * Math.PI * 0.09)) / 2, e.energy(new double[] {0, 0}), 1e-12);
    // Far away the log-sum-exp stays finite.
    double[] g = new double[2];
    double far = e.energyAndGradient(new double[] {1e3, -1e3}, g);
    assertEquals(true, Double.isFinite(far) && Double.isFinite(g[0]) && Double.isFinite(g[1]));
  }

  @Test
  void rejectsBadParameters() {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new MixtureEnergy(1,
        new double[] {0.5, 0.4}, new double[][] {{0}, {1}}, new double[] {1, 1}));
    assertEquals("weights must sum to 1, got 0.9", ex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MixtureEnergy(1, new double[] {1},
        new double[][] {{0}}, new double[] {-1}));
  }
}

package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;

/**
 * Simulated Ornstein–Uhlenbeck statistics against the closed forms. Standard errors are those of a stationary
 * Gaussian AR(1) sequence with lag-one correlation {@code rho} (the OU process sampled every frame):
 * {@code Var(mean) = s2/N (1+rho)/(1-rho)}, {@code Var(s2) = 2 s2^2/N (1+rho^2)/(1-rho^2)} and Bartlett's
 * formula for the lag-k autocorrelation; assertions allow 4 standard errors. The Euler–Maruyama bias
 * (relative {@code lambda dt / 2}) is far below them.
 */
class OrnsteinUhlenbeckTest {
  @Test
  void stationaryMeanVarianceAndAutocorrelationMatchClosedForms() {
    OrnsteinUhlenbeck ou = new OrnsteinUhlenbeck(new HarmonicPotential(new double[] {2}, new double[] {0.3}),
        new ConstantDiffusion(new double[] {0.5}), 1.5);
    double lambda = ou.rate(0);
    assertEquals(2.0 / 3.0, lambda, 1e-15);
    SimulationOptions options = new SimulationOptions(1e-3, 150, 15_000, 100_000, 11);
    Trajectory t = Simulator.simulate(ou, new double[] {0.3}, options);
    double[] x = Stats.column(t.view(), 1, 0);
    int n = x.length;
    double var = ou.stationaryVariance(0);
    double rho = ou.autocorrelation(0, options.frameInterval());

    double seMean = Math.sqrt(var / n * (1 + rho) / (1 - rho));
    assertEquals(0.3, Stats.mean(x), 4 * seMean);

    double seVar = Math.sqrt(2 * var * var / n * (1 + rho * rho) / (1 - rho * rho));
    assertTrue(seVar < 0.02 * var, "test must be sharp, relative SE " + seVar / var);
    assertEquals(var, Stats.variance(x), 4 * seVar);

    for (int k : new int[] {1, 7}) {
      double expected = ou.autocorrelation(0, k * options.frameInterval());
      double r2k = Math.pow(rho, 2 * k);
      double seAc = Math.sqrt(((1 + rho * rho) * (1 - r2k) / (1 - rho * rho) - 2 * k * r2k) / n);
      assertEquals(expected, autocorrelation(x, k), 4 * seAc, "lag " + k);
    }
  }

  /** Many independent coordinates started at the same point: mean(t) and variance(t) across coordinates. */
  @Test
  void transientMeanAndVarianceMatchClosedForms() {
    int dim = 2000;
    OrnsteinUhlenbeck ou = OrnsteinUhlenbeck.isotropic(dim, 1.0, 1.0, 1.0);
    double[] x0 = new double[dim];
    java.util.Arrays.fill(x0, 2.0);
    SimulationOptions options = SimulationOptions.of(1e-3, 250, 5, 3);
    Trajectory t = Simulator.simulate(ou, x0, options);
    for (int f = 1; f < t.frames(); f++) {
      double time = f * options.frameInterval();
      double[] row = new double[dim];
      for (int i = 0; i < dim; i++) {
        row[i] = t.get(f, i);
      }
      double var = ou.variance(0, time);
      assertEquals(ou.mean(0, 2.0, time), Stats.mean(row), 4 * Math.sqrt(var / dim), "mean at t=" + time);
      assertEquals(var, Stats.variance(row), 4 * var * Math.sqrt(2.0 / (dim - 1)), "variance at t=" + time);
    }
  }

  private static double autocorrelation(double[] x, int lag) {
    double m = Stats.mean(x);
    double c0 = 0;
    double ck = 0;
    for (int i = 0; i < x.length; i++) {
      c0 += (x[i] - m) * (x[i] - m);
      if (i + lag < x.length) {
        ck += (x[i] - m) * (x[i + lag] - m);
      }
    }
    return ck / c0;
  }
}

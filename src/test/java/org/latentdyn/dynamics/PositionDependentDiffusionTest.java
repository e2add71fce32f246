package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;

/**
 * Overdamped Langevin with {@code M(x) = D0 (1 + a tanh x)} in a harmonic well samples {@code exp(-U/kT)}
 * (mean 0, variance kT/k) only with the divergence term of paper Eq. 5; without it the Itô process samples
 * {@code exp(-U/kT) / M(x)}, whose mean is -0.64415 and variance 1.00264 for {@code a = 0.8, k = kT = 1}
 * (quadrature). Each of the independent coordinates gives one estimate; the SE is their spread.
 */
class PositionDependentDiffusionTest {
  private static final int DIM = 200;
  private static final ModulatedDiffusion DIFFUSION = new ModulatedDiffusion(DIM, 1.0, 0.8);
  private static final SimulationOptions OPTIONS = new SimulationOptions(2e-3, 50, 2500, 2000, 17);

  @Test
  void divergenceMatchesFiniteDifferences() {
    ModulatedDiffusion d = new ModulatedDiffusion(3, 0.7, -0.6);
    SplittableRandom random = new SplittableRandom(1);
    double[] m = new double[3];
    double[] mp = new double[3];
    double[] mm = new double[3];
    double[] div = new double[3];
    for (int trial = 0; trial < 50; trial++) {
      double[] x = {random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextDouble(-3, 3)};
      d.diffusion(x, m);
      d.divergence(x, div);
      double h = 1e-6;
      double[] xp = x.clone();
      double[] xm = x.clone();
      for (int i = 0; i < 3; i++) {
        xp[i] += h;
        xm[i] -= h;
        assertTrue(m[i] > 0);
      }
      d.diffusion(xp, mp);
      d.diffusion(xm, mm);
      for (int i = 0; i < 3; i++) {
        assertEquals((mp[i] - mm[i]) / (2 * h), div[i], 1e-8);
      }
    }
  }

  @Test
  void samplesBoltzmannWithDivergenceTerm() {
    double[][] est = run(DIFFUSION);
    assertEquals(0.0, Stats.mean(est[0]), 4 * Stats.standardError(est[0]));
    assertEquals(1.0, Stats.mean(est[1]), 4 * Stats.standardError(est[1]));
  }

  @Test
  void droppingTheDivergenceTermSamplesTheWrongDensity() {
    DiffusionField noDivergence = new DiffusionField() {
      @Override
      public int dim() {
        return DIM;
      }

      @Override
      public void diffusion(double[] x, double[] out) {
        DIFFUSION.diffusion(x, out);
      }

      @Override
      public void divergence(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0.0);
      }
    };
    double[] means = run(noDivergence)[0];
    double se = Stats.standardError(means);
    assertEquals(-0.64415, Stats.mean(means), 4 * se + 0.01);
    assertTrue(Math.abs(Stats.mean(means)) > 20 * se, "the missing term must be detectable");
  }

  /** Per-coordinate time averages {@code [mean, variance][coordinate]}. */
  private static double[][] run(DiffusionField diffusion) {
    OverdampedLangevin sde = new OverdampedLangevin(HarmonicPotential.isotropic(DIM, 1.0), diffusion, 1.0);
    Trajectory t = Simulator.simulate(sde, new double[DIM], OPTIONS);
    double[][] out = new double[2][DIM];
    for (int i = 0; i < DIM; i++) {
      double[] x = Stats.column(t.view(), DIM, i);
      out[0][i] = Stats.mean(x);
      out[1][i] = Stats.variance(x);
    }
    return out;
  }
}

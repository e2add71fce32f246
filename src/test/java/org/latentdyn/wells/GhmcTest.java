package org.latentdyn.wells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.latentdyn.dynamics.HarmonicPotential;

class GhmcTest {
  @Test
  void harmonicEnergySamplesItsBoltzmannVariance() {
    double acceptance = harmonicVariance(0.125, 5);
    assertTrue(acceptance > 0.99 && acceptance < 1, "acceptance " + acceptance);
  }

  @Test
  void metropolisRemovesTheStepSizeBiasAtALargeStep() {
    // At tau = 0.8 (omega tau = 1.3) unadjusted Verlet/OU would be visibly biased; GHMC stays exact.
    double acceptance = harmonicVariance(0.8, 6);
    assertTrue(acceptance < 0.95, "acceptance " + acceptance);
  }

  /** E = c|z|^2 (HarmonicPotential with k = 2c): Var q = 1/(2 beta c) per dimension, exactly, at any step. */
  private static double harmonicVariance(double timeStep, long seed) {
    double c = 1.3;
    double beta = 0.8;
    int dim = 2;
    int chains = 4000;
    double[] start = new double[chains * dim];
    for (int i = 0; i < start.length; i++) {
      start[i] = (i % 7) * 0.5 - 1.5; // far from stationary: the chains must forget it
    }
    Ghmc.Samples s = Ghmc.sample(HarmonicPotential.isotropic(dim, 2 * c), beta, start,
        Ghmc.Options.of(seed).withTimeStep(timeStep));
    double expected = 1 / (2 * beta * c);
    for (int j = 0; j < dim; j++) {
      double mean = 0;
      double m2 = 0;
      for (int i = 0; i < chains; i++) {
        double q = s.positions()[i * dim + j];
        mean += q / chains;
        m2 += q * q / chains;
      }
      double var = m2 - mean * mean;
      double se = expected * Math.sqrt(2.0 / chains);
      System.out.printf("GHMC harmonic tau %.3f dim %d: var %.4f expected %.4f (SE %.4f), mean %.4f, acceptance"
          + " %.4f%n", timeStep, j, var, expected, se, mean, s.acceptanceRate());
      assertEquals(expected, var, 4 * se);
      assertEquals(0, mean, 4 * Math.sqrt(expected / chains));
    }
    return s.acceptanceRate();
  }

  @Test
  void sameSeedSameSamplesOnAnyNumberOfThreads() throws Exception {
    MixtureEnergy e = MixtureEnergy.triangle(1);
    double[] start = WellsTestData.mixtureSamples(e, 300, 1);
    Ghmc.Options o = Ghmc.Options.of(42).withSteps(100);
    Ghmc.Samples a = Ghmc.sample(e, 1, start, o);
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      Ghmc.Samples b = one.submit(() -> Ghmc.sample(e, 1, start, o)).get();
      assertArrayEquals(a.positions(), b.positions());
      assertEquals(a.acceptanceRate(), b.acceptanceRate());
    } finally {
      one.shutdown();
    }
    Ghmc.Samples other = Ghmc.sample(e, 1, start, o.withSeed(43));
    assertTrue(other.positions()[0] != a.positions()[0]);
  }

  @Test
  void optionsAndInputsAreChecked() {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> Ghmc.Options.of(1).withTimeStep(-0.1));
    assertEquals("timeStep must be a finite number > 0, got -0.1", ex.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Ghmc.sample(HarmonicPotential.isotropic(2, 1), 1, new double[3], Ghmc.Options.of(1)));
    assertThrows(IllegalArgumentException.class,
        () -> Ghmc.sample(HarmonicPotential.isotropic(2, 1), 0, new double[4], Ghmc.Options.of(1)));
  }
}

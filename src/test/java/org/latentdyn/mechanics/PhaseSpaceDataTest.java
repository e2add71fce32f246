package org.latentdyn.mechanics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spec vin.md §3a data (energy bands, noise, seeds) and the §3b pixel-experiment starts. */
class PhaseSpaceDataTest {
  @Test
  void sameSeedSameDataOtherSeedOtherData() {
    PhaseSpaceData.Result a = PhaseSpaceData.generate(Pendulum.defaults(), 5, 30, 0.1, 0.1, 42);
    PhaseSpaceData.Result b = PhaseSpaceData.generate(Pendulum.defaults(), 5, 30, 0.1, 0.1, 42);
    PhaseSpaceData.Result c = PhaseSpaceData.generate(Pendulum.defaults(), 5, 30, 0.1, 0.1, 43);
    assertArrayEquals(a.observations().values(), b.observations().values(), 0);
    assertArrayEquals(a.truth().values(), b.truth().values(), 0);
    assertArrayEquals(a.derivatives().values(), b.derivatives().values(), 0);
    assertFalse(a.truth().values()[0] == c.truth().values()[0]);
    // the noise streams do not shift the starts: noise-free data has the same truth
    PhaseSpaceData.Result clean = PhaseSpaceData.generate(Pendulum.defaults(), 5, 30, 0, 0.1, 42);
    assertArrayEquals(a.truth().values(), clean.truth().values(), 0);
    assertArrayEquals(clean.truth().values(), clean.observations().values(), 0);
  }

  @Test
  void everyStartLiesInItsEnergyBandAndTruthFollowsTheSolver() {
    for (HamiltonianSystem system : new HamiltonianSystem[] {Pendulum.defaults(), MassSpring.defaults()}) {
      PhaseSpaceData.Band band = PhaseSpaceData.energyBand(system);
      PhaseSpaceData.Result r = PhaseSpaceData.generate(system, 200, 2, 0.1, 0.1, 7);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int n = 0; n < 200; n++) {
        double e = system.hamiltonian(r.truth().state(n, 0));
        assertTrue(band.contains(e) || Math.abs(e - band.low()) < 1e-12 || Math.abs(e - band.high()) < 1e-12,
            system.name() + " start energy " + e + " outside " + band);
        assertEquals(r.energies()[n], e, 1e-12);
        lo = Math.min(lo, e);
        hi = Math.max(hi, e);
      }
      double width = band.high() - band.low();
      assertTrue(lo < band.low() + 0.05 * width && hi > band.high() - 0.05 * width, "band covered: " + lo + ".." + hi);
    }
    double[][] starts = PhaseSpaceData.energyBandStarts(Pendulum.defaults(), 500, 3);
    double maxAmplitude = 0;
    for (double[] s : starts) {
      maxAmplitude = Math.max(maxAmplitude, Math.abs(s[0]));
    }
    assertTrue(maxAmplitude < 0.70 && maxAmplitude > 0.6, "pendulum amplitudes up to " + maxAmplitude);
  }

  @Test
  void noiseHasTheRequestedStandardDeviationAndDerivativesFollowTheField() {
    double sigma = 0.1;
    PhaseSpaceData.Result r = PhaseSpaceData.generate(MassSpring.defaults(), 25, 30, sigma, 0.1, 11);
    double[] obs = r.observations().values();
    double[] truth = r.truth().values();
    double[] der = r.derivatives().values();
    int n = obs.length;
    double sumSq = 0;
    double sumSqDer = 0;
    double cross = 0;
    double[] f = new double[2];
    for (int b = 0; b < 25; b++) {
      for (int t = 0; t < 30; t++) {
        double[] x = r.truth().state(b, t);
        r.system().vectorField(x, f);
        for (int j = 0; j < 2; j++) {
          int i = r.truth().index(b, t, j);
          double eo = obs[i] - truth[i];
          double ed = der[i] - f[j];
          sumSq += eo * eo;
          sumSqDer += ed * ed;
          cross += eo * ed;
        }
      }
    }
    // sample variance of n Gaussians: standard error of s^2 / sigma^2 is sqrt(2/n)
    double se = Math.sqrt(2.0 / n);
    assertEquals(1, sumSq / n / (sigma * sigma), 4 * se, "observation noise variance ratio");
    assertEquals(1, sumSqDer / n / (sigma * sigma), 4 * se, "derivative noise variance ratio");
    assertEquals(0, cross / n / (sigma * sigma), 4 / Math.sqrt(n), "independent noise");
    // derivative of the truth along the trajectory matches the field (noise-free): qdot = p for k = m = 1
    PhaseSpaceData.Result clean = PhaseSpaceData.generate(MassSpring.defaults(), 1, 3, 0, 0.1, 1);
    assertEquals(clean.truth().get(0, 1, 1), clean.derivatives().get(0, 1, 0), 1e-15);
    assertEquals(-clean.truth().get(0, 1, 0), clean.derivatives().get(0, 1, 1), 1e-15);
  }

  @Test
  void pixelStartsFollowTheAuthorsRules() {
    double[][] p = PhaseSpaceData.pixelStarts(Pendulum.defaults(), 400, 5);
    int positive = 0;
    int overTheTop = 0;
    PhaseSpaceArray paths = PhaseSpaceData.pixelTrajectories(Pendulum.defaults(), 400, 2, 0.1, 5);
    for (int i = 0; i < p.length; i++) {
      double a = Math.abs(p[i][0]);
      assertTrue(a >= Math.PI / 2 && a <= Math.PI - 0.1, "|theta0| = " + a);
      assertTrue(Math.abs(p[i][1]) <= 1, "thetadot0 = " + p[i][1]);
      assertArrayEquals(p[i], paths.state(i, 0), 0);
      positive += p[i][0] > 0 ? 1 : 0;
      overTheTop += Pendulum.defaults().hamiltonian(p[i]) > 2 * 9.81 ? 1 : 0;
    }
    assertTrue(positive > 150 && positive < 250, "random sign: " + positive + " of 400 positive");
    assertTrue(overTheTop > 5 && overTheTop < 45, "about 5 % circulate: " + overTheTop + " of 400");
    double[][] s = PhaseSpaceData.pixelStarts(MassSpring.pixels(), 400, 5);
    int fast = 0;
    for (double[] x : s) {
      assertTrue(Math.abs(x[0]) >= 1.0 && Math.abs(x[0]) <= 1.5, "q0 = " + x[0]);
      assertTrue(Math.abs(x[1]) <= 0.5, "qdot0 = " + x[1]);
      fast += x[1] > 0 ? 1 : 0;
    }
    assertTrue(fast > 150 && fast < 250);
    assertArrayEquals(s[0], PhaseSpaceData.pixelStarts(MassSpring.pixels(), 400, 5)[0], 0);
  }

  @Test
  void badOptionsNameTheValue() {
    assertEquals("trajectories must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> PhaseSpaceData.generate(Pendulum.defaults(), 0, 30, 0.1, 0.1, 1)).getMessage());
    assertEquals("frames must be >= 2, got 1", assertThrows(IllegalArgumentException.class,
        () -> PhaseSpaceData.generate(Pendulum.defaults(), 1, 1, 0.1, 0.1, 1)).getMessage());
    assertEquals("noise must be >= 0 and finite, got NaN", assertThrows(IllegalArgumentException.class,
        () -> PhaseSpaceData.generate(Pendulum.defaults(), 1, 3, Double.NaN, 0.1, 1)).getMessage());
    assertEquals("timeStep must be > 0 and finite, got 0.0", assertThrows(IllegalArgumentException.class,
        () -> PhaseSpaceData.generate(Pendulum.defaults(), 1, 3, 0.1, 0, 1)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PhaseSpaceData.generate(Pendulum.withGravity(1), 1, 3, 0.1, 0.1, 1)).getMessage()
        .contains("separatrix"));
  }
}

package org.latentdyn.wells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.latentdyn.dynamics.HarmonicPotential;

/** Known answers of NLD spec §13.5 on the triangle mixture (d = 2, beta = 1). */
class WellAnalysisTest {
  private static final MixtureEnergy E = MixtureEnergy.triangle(1);
  private static final double[] PI = {0.5, 0.3, 0.2};

  /** GHMC from 1000 exact mixture draws (as posterior codes), then flow, k-means, Newton. */
  private static WellAnalysis.Wells pipeline(long seed) {
    double[] start = WellsTestData.mixtureSamples(E, 1000, seed);
    return WellAnalysis.sampleAndAnalyse(E, 1, start, Ghmc.Options.of(seed),
        WellAnalysis.Options.of(2000, seed));
  }

  /** Cluster c's component: the mixture centre nearest its minimum. */
  private static int component(WellAnalysis.Minimum m) {
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 3; i++) {
      double[] mu = E.mean(i);
      double d = Math.hypot(m.position()[0] - mu[0], m.position()[1] - mu[1]);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  @Test
  void minimaOccupanciesAndSampledFractionsOfTheTriangleMixture() {
    WellAnalysis.Wells w = pipeline(7);
    System.out.printf("wells %d success %b ratio %.3g sampled %s zeroth %s second %s l1 %.4f/%.4f/%.4f%n",
        w.wellsFound(), w.success(), w.separationRatio(), Arrays.toString(w.sampled()),
        Arrays.toString(w.zerothOrder()), Arrays.toString(w.secondOrder()), w.l1Sampled(), w.l1Zeroth(),
        w.l1Second());
    assertEquals(3, w.wellsFound());
    assertTrue(w.success());
    assertTrue(w.separationRatio() < 0.01, "ratio " + w.separationRatio());
    double[] zeroth = {0.694, 0.150, 0.156};
    boolean[] seen = new boolean[3];
    for (int c = 0; c < 3; c++) {
      WellAnalysis.Minimum m = w.minima().get(c);
      System.out.printf("minimum %d at %s E %.6f |grad| %.2e eig %s (%d Newton steps)%n", c,
          Arrays.toString(m.position()), m.energy(), m.gradientNorm(), Arrays.toString(m.hessianEigenvalues()),
          m.iterations());
      int i = component(m);
      seen[i] = true;
      assertTrue(m.isMinimum());
      assertTrue(m.gradientNorm() < 1e-8);
      // The minimum sits at mu_i up to the other components' pull (< 1e-10 here); Hessian ~ I / s_i^2.
      assertArrayEquals(E.mean(i), m.position(), 1e-6);
      double s2 = E.sigma(i) * E.sigma(i);
      assertArrayEquals(new double[] {1 / s2, 1 / s2}, m.hessianEigenvalues(), 1e-6);
      assertEquals(PI[i], w.secondOrder()[c], 0.01);
      assertEquals(zeroth[i], w.zerothOrder()[c], 0.005);
      assertEquals(PI[i], w.sampled()[c], 0.05);
    }
    assertTrue(seen[0] && seen[1] && seen[2]);
    // l1 of pi itself is |.5-1/3| + |.3-1/3| + |.2-1/3| = 1/3.
    assertEquals(1.0 / 3, w.l1Second(), 1e-3);
    assertEquals(WellAnalysis.l1(w.zerothOrder()), w.l1Zeroth(), 0);
  }

  @Test
  void sameSeedSameWells() {
    WellAnalysis.Wells a = pipeline(3);
    WellAnalysis.Wells b = pipeline(3);
    assertArrayEquals(a.sampled(), b.sampled());
    assertArrayEquals(a.flowed(), b.flowed());
    for (int c = 0; c < 3; c++) {
      assertArrayEquals(a.centroids()[c], b.centroids()[c]);
      assertArrayEquals(a.minima().get(c).position(), b.minima().get(c).position());
    }
  }

  @Test
  void unflowedSamplesFailTheSeparationCheck() {
    // Without the flow the clusters keep their width (~s_i) against centres 4 apart: ratio ~ 0.1 > 0.01.
    double[] start = WellsTestData.mixtureSamples(E, 1000, 4);
    WellAnalysis.Wells w = WellAnalysis.analyse(E, 1, start, WellAnalysis.Options.of(0, 4));
    assertEquals(3, w.wellsFound()); // Newton still finds the three minima from the raw centroids
    assertTrue(w.separationRatio() > 0.05 && w.separationRatio() < 0.2, "ratio " + w.separationRatio());
    assertTrue(!w.success());
  }

  @Test
  void oneWellIsNotThree() {
    // A single harmonic well: all three centroids refine to the same minimum, so one well is found.
    HarmonicPotential h = HarmonicPotential.isotropic(2, 2);
    double[] start = WellsTestData.mixtureSamples(E, 300, 1);
    WellAnalysis.Wells w = WellAnalysis.sampleAndAnalyse(h, 1, start, Ghmc.Options.of(1).withSteps(50),
        WellAnalysis.Options.forConfinement(1, 1));
    assertEquals(1, w.wellsFound());
    assertTrue(!w.success());
    assertNull(w.zerothOrder());
    assertNull(w.secondOrder());
    assertTrue(Double.isNaN(w.l1Second()));
  }

  @Test
  void laplaceUsesTheFiniteDifferenceHessianToo() {
    // The default Potential.hessian (central differences, step 1e-4) gives the same minima and occupancies.
    double[] start = WellsTestData.mixtureSamples(E, 500, 9);
    WellAnalysis.Options o = WellAnalysis.Options.of(2000, 9);
    WellAnalysis.Wells exact = WellAnalysis.analyse(E, 1, start, o);
    WellAnalysis.Wells fd = WellAnalysis.analyse(MixtureEnergyTest.withoutHessian(E), 1, start, o);
    assertEquals(3, fd.wellsFound());
    assertArrayEquals(exact.secondOrder(), fd.secondOrder(), 1e-6);
    assertArrayEquals(exact.zerothOrder(), fd.zerothOrder(), 1e-9);
  }

  @Test
  void newtonConvergesFromAnOffsetStart() {
    // Off-centre in well 1 (s = 0.5) the energy is quadratic to ~1e-12: one Newton step.
    WellAnalysis.Minimum m = WellAnalysis.refine(E, new double[] {4.4, -0.3}, 1e-8, 100);
    assertTrue(m.converged() && m.isMinimum(), m.toString());
    assertEquals(1, m.iterations());
    assertArrayEquals(new double[] {4, 0}, m.position(), 1e-8);
    // Where wells 0 and 1 compete the energy is far from quadratic; the safeguarded Newton still lands in a well.
    WellAnalysis.Minimum mixed = WellAnalysis.refine(E, new double[] {1.3, 0.4}, 1e-8, 100);
    assertTrue(mixed.converged() && mixed.isMinimum(), mixed.toString());
    assertTrue(mixed.iterations() >= 2, "iterations " + mixed.iterations());
    assertTrue(Math.hypot(mixed.position()[0], mixed.position()[1]) < 1e-8
        || Math.hypot(mixed.position()[0] - 4, mixed.position()[1]) < 1e-8, mixed.toString());
    // A saddle between wells 0 and 1 is refined to a point that is not a minimum (or does not converge).
    WellAnalysis.Minimum saddle = WellAnalysis.refine(E, new double[] {2.0, 0.0}, 1e-8, 100);
    assertTrue(!saddle.isMinimum() || Math.hypot(saddle.position()[0] - 2, saddle.position()[1]) > 0.5,
        saddle.toString());
  }

  @Test
  void optionsNameTheBadField() {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> WellAnalysis.Options.of(-1, 0));
    assertEquals("flowSteps must be >= 0, got -1", ex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WellAnalysis.Options.of(10, 0).withWells(0));
  }
}

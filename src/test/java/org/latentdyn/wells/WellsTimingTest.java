package org.latentdyn.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sizes of spec §10 at full scale; timings are printed, results asserted. {@code mvn verify -Pslow}. */
@Tag("slow")
class WellsTimingTest {
  private static final MixtureEnergy E = MixtureEnergy.triangle(1);

  @Test
  void ghmcThousandChainsFiveHundredSteps() {
    double[] start = WellsTestData.mixtureSamples(E, 1000, 1);
    Ghmc.sample(E, 1, start, Ghmc.Options.of(0).withSteps(50)); // warm-up
    long t0 = System.nanoTime();
    Ghmc.Samples s = Ghmc.sample(E, 1, start, Ghmc.Options.of(1));
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("GHMC 1000 chains x 500 steps on the mixture: %.3f s, acceptance %.4f%n", seconds,
        s.acceptanceRate());
    assertTrue(s.acceptanceRate() > 0.9);
  }

  @Test
  void gradientFlowOfAQuarterMillionPointsForThousandSteps() {
    int n = 250_000;
    SplittableRandom r = new SplittableRandom(2);
    double[] pts = new double[2 * n];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = -2 + 8 * r.nextDouble();
    }
    GradientFlow.flow(E, java.util.Arrays.copyOf(pts, 20_000), 1000, 0.01); // warm-up
    long t0 = System.nanoTime();
    double[] out = GradientFlow.flow(E, pts, 1000, 0.01);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("gradient flow 250,000 2-D points x 1000 steps: %.3f s (%d threads)%n", seconds,
        Runtime.getRuntime().availableProcessors());
    assertEquals(2 * n, out.length);
    for (double v : out) {
      assertTrue(Double.isFinite(v));
    }
  }
}

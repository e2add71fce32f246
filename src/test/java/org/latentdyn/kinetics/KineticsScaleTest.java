package org.latentdyn.kinetics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * k-means with 100 centres on 60,000 and 1,000,000 two-dimensional points, then a 100-state MSM: correct at scale
 * and within generous time limits (seconds on a laptop). Slow; {@code mvn -Pslow test -Dtest='KineticsScaleTest'}.
 */
@Tag("slow")
class KineticsScaleTest {
  /** Overdamped Langevin in a 2-D double well, the kind of latent trajectory this package meets. */
  static double[] walk(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[2 * n];
    double a = 0;
    double b = 0;
    for (int t = 0; t < n; t++) {
      double ga = KMeansTest.gaussian(r);
      double gb = KMeansTest.gaussian(r);
      // U = (a^2 - 1)^2 + 5 b^2, kT = 0.5 (barrier 2 kT), dt = 0.01
      a += -0.01 * 4 * a * (a * a - 1) + Math.sqrt(0.02 * 0.5) * ga;
      b += -0.01 * 10 * b + Math.sqrt(0.02 * 0.5) * gb;
      x[2 * t] = a;
      x[2 * t + 1] = b;
    }
    return x;
  }

  @Test
  void kMeansAndMsmAtScale() {
    for (int n : new int[] {60_000, 1_000_000}) {
      double[] x = walk(n, 3);
      long t0 = System.nanoTime();
      KMeansModel km = KMeans.fit(x, 2, KMeans.Options.of(100, 1));
      long t1 = System.nanoTime();
      int[] d = km.assign(x, 2);
      long t2 = System.nanoTime();
      MarkovStateModel msm = MaximumLikelihoodMsm.fit(new int[][] {d}, 100, MaximumLikelihoodMsm.Options.of(10));
      double[] its = msm.impliedTimescales();
      long t3 = System.nanoTime();
      System.out.printf("n=%d: k-means %.2f s (%d iterations, converged %s), assign %.3f s, MSM(%d states, %d"
          + " iterations) + timescales %.3f s, slowest timescale %.0f frames%n", n, (t1 - t0) * 1e-9,
          km.iterations(), km.converged(), (t2 - t1) * 1e-9, msm.size(), msm.iterations(), (t3 - t2) * 1e-9, its[0]);
      assertEquals(100, km.k());
      assertTrue(km.converged());
      int[] sizes = new int[100];
      for (int s : d) {
        sizes[s]++;
      }
      for (int s : sizes) {
        assertTrue(s > 0, "every centre has points");
      }
      assertTrue(msm.converged());
      assertTrue(its[0] > 5 * its[1], "one slow process (the barrier crossing): " + its[0] + " vs " + its[1]);
      assertTrue((t1 - t0) * 1e-9 < 60, "k-means took " + (t1 - t0) * 1e-9 + " s");
    }
  }
}

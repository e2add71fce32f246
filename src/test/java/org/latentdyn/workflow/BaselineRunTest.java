package org.latentdyn.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;
import org.latentdyn.metrics.DiffusionConvention;
import org.latentdyn.metrics.IsometryMetrics;
import org.latentdyn.models.baselines.BetaVaeConfig;
import org.latentdyn.models.baselines.SdeVaeConfig;

/** How a baseline's latent meets the unit-diffusion truth. */
class BaselineRunTest {
  @Test
  void anSdeVaeLatentAtItsOwnPriorsDiffusionIsNotChargedForTheScale() {
    // a 2-d random walk with unit diffusion (increment variance 2), and the same walk at SDE-VAE's D = 1/2
    int n = 20_000;
    SplittableRandom r = new SplittableRandom(3);
    double[][] truth = new double[n][2];
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < 2; j++) {
        truth[i][j] = 0.99 * truth[i - 1][j] + Math.sqrt(2) * r.nextGaussian();
      }
    }
    // the truth in the unit-diffusion convention (its estimated D scaled to 1), then at D = 1/2
    double s = Math.sqrt(0.5 / DiffusionConvention.estimateDiffusion(truth));
    double[][] half = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 2; j++) {
        half[i][j] = truth[i][j] * s;
      }
    }
    Trajectory y = Trajectory.ofRows(truth);
    Trajectory z = Trajectory.ofRows(half);
    SdeVaeConfig sde = SdeVaeConfig.defaults(1);
    double raw = IsometryMetrics.evaluate(z, y, DiffusionConvention.UNIT_DIFFUSION).lzRelative();
    double own = IsometryMetrics.evaluate(BaselineRun.inUnitDiffusion(z, sde), y, DiffusionConvention.UNIT_DIFFUSION)
        .lzRelative();
    // the scale alone costs (1 - sqrt(1/2))^2 of the truth's variance
    assertEquals(Math.pow(1 - Math.sqrt(0.5), 2), raw, 2e-3);
    assertEquals(0, own, 1e-6);
    assertEquals(0.5, sde.latentDiffusion());
    assertSame(z, BaselineRun.inUnitDiffusion(z, BetaVaeConfig.defaults(1)), "no dynamical prior: as it is");
  }
}

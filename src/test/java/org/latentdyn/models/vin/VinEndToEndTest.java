package org.latentdyn.models.vin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentdyn.dynamics.Potential;
import org.latentdyn.mechanics.GroundTruth;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.mechanics.PhaseSpaceData;

/**
 * Spec vin.md §7 item 13, seeded end to end: VIN-VV on noise-free spring data (k = m = 1, 5 trajectories of 30
 * points, h = 0.1) recovers the force {@code dU/dq = q} on [-1, 1] (only the gradient: the constant of U is free);
 * with sigma = 0.1 noise its 10-s forecast has a lower time-averaged RMSE than ResRNN's on the same data (slow;
 * averaged over three draws). Measured for the force test with seeds 1-4 (not 13): 0.038, 0.049, 0.032, 0.036
 * after the default 2000 epochs; the error is optimisation-limited (0.026-0.039 after 5000).
 */
class VinEndToEndTest {
  static final double H = 0.1;

  @Test
  void vinVvRecoversTheSpringForceFromNoiseFreeData() {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 5, 30, 0.0, H, 13);
    VinConfig c = VinConfig.defaults(VinConfig.Kind.VIN_VV, 13);
    try (VinModel m = Vin.fit(data, c)) {
      Potential u = m.potential();
      double worst = 0;
      double[] g = new double[1];
      for (int i = 0; i <= 40; i++) {
        double q = -1 + i * 0.05;
        u.gradient(new double[] {q}, g);
        worst = Math.max(worst, Math.abs(g[0] - q));
      }
      System.out.printf("VIN-VV noise-free spring, %d epochs: max |dU/dq - q| on [-1, 1] = %.4f, noise std %.4f,"
          + " nll %.3f%n", c.epochs(), worst, m.noiseStd(), m.nll());
      assertTrue(worst < 0.05, "max |dU/dq - q| on [-1, 1] is " + worst);
    }
  }

  /** Time-averaged RMSE over steps 1..K (spec §5, §10) of a forecast against the truth. */
  static double averageRmse(PhaseSpaceArray forecast, PhaseSpaceArray truth) {
    int n = truth.trajectories();
    int k = truth.frames() - 1;
    double total = 0;
    for (int t = 1; t <= k; t++) {
      double s = 0;
      for (int b = 0; b < n; b++) {
        for (int j = 0; j < truth.width(); j++) {
          double e = forecast.get(b, t, j) - truth.get(b, t, j);
          s += e * e;
        }
      }
      total += Math.sqrt(s / n);
    }
    return total / k;
  }

  /**
   * Spec §10: ResRNN is a strong baseline on single draws, so three data draws (5 trajectories of 30 points,
   * sigma = 0.1, model seed = draw) are compared by their mean RMSE, after 5000 epochs (the middle of the paper's
   * {2000, 5000, 10000}; at 2000 the learned noise is still far above 0.1, Adam moving log sigma^2 by about the
   * learning rate per step). Measured: VIN-VV 0.103, 0.072, 0.199 against ResRNN 0.135, 0.189, 5.03.
   */
  @Tag("slow")
  @Test
  void noisyVinVvForecastsBetterThanResRnn() {
    double[][] starts = PhaseSpaceData.energyBandStarts(MassSpring.defaults(), 25, 99);
    PhaseSpaceArray truth = GroundTruth.trajectories(MassSpring.defaults(), starts, 101, H);
    double vin = 0;
    double res = 0;
    int draws = 3;
    for (long seed = 1; seed <= draws; seed++) {
      PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 5, 30, 0.1, H, seed + 100);
      double v;
      double r;
      try (VinModel m = Vin.fit(data, VinConfig.defaults(VinConfig.Kind.VIN_VV, seed).withEpochs(5000))) {
        v = averageRmse(m.forecast(starts, 100), truth);
        System.out.printf("noisy spring draw %d: VIN-VV noise std %.3f, 10-s RMSE %.4f%n", seed, m.noiseStd(), v);
      }
      try (VinModel m = Vin.fit(data, VinConfig.defaults(VinConfig.Kind.RESRNN, seed).withEpochs(5000))) {
        r = averageRmse(m.forecast(starts, 100), truth);
        System.out.printf("noisy spring draw %d: ResRNN noise std %.3f, 10-s RMSE %.4f%n", seed, m.noiseStd(), r);
      }
      vin += v / draws;
      res += r / draws;
    }
    assertTrue(vin < res, "mean VIN-VV RMSE " + vin + " should be below ResRNN's " + res);
  }
}

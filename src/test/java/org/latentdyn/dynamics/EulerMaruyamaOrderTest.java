package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Convergence orders of Euler–Maruyama measured as log-log slopes. Coarse paths use the same Brownian path as
 * the fine one: a coarse step spanning r fine steps gets the noise {@code sum(xi) / sqrt(r)}.
 */
class EulerMaruyamaOrderTest {
  private final EulerMaruyama em = new EulerMaruyama();

  /** Geometric Brownian motion {@code dX = mu X dt + sigma X dW}; exact {@code X_T = X0 exp((mu - sigma^2/2)T + sigma W_T)}. */
  record Gbm(double mu, double sigma) implements Sde {
    @Override
    public int dim() {
      return 1;
    }

    @Override
    public void drift(double[] x, double[] out) {
      out[0] = mu * x[0];
    }

    @Override
    public void diffusion(double[] x, double[] out) {
      out[0] = sigma * x[0];
    }

    double exact(double x0, double t, double w) {
      return x0 * Math.exp((mu - 0.5 * sigma * sigma) * t + sigma * w);
    }
  }

  /** Path with {@code fine.length / r} steps of size {@code r * hFine}, driven by the fine noise. */
  private double solve(Sde sde, double x0, double[] fine, int r, double hFine) {
    SdeIntegrator.Stepper stepper = em.stepper(sde);
    double[] x = {x0};
    double[] noise = new double[1];
    double scale = 1 / Math.sqrt(r);
    for (int k = 0; k < fine.length; k += r) {
      double s = 0;
      for (int j = k; j < k + r; j++) {
        s += fine[j];
      }
      noise[0] = s * scale;
      stepper.step(x, r * hFine, noise);
    }
    return x[0];
  }

  @Test
  void strongOrderIsOneHalfForMultiplicativeNoise() {
    Gbm gbm = new Gbm(0.5, 0.8);
    int fineSteps = 1 << 10;
    double hFine = 1.0 / fineSteps;
    int[] ratios = {128, 64, 32, 16, 8, 4};
    double[] errors = new double[ratios.length];
    SplittableRandom random = new SplittableRandom(3);
    int paths = 1000;
    double[] fine = new double[fineSteps];
    for (int p = 0; p < paths; p++) {
      double w = 0;
      for (int j = 0; j < fineSteps; j++) {
        fine[j] = random.nextGaussian();
        w += Math.sqrt(hFine) * fine[j];
      }
      double exact = gbm.exact(1, 1, w);
      for (int l = 0; l < ratios.length; l++) {
        errors[l] += Math.abs(solve(gbm, 1, fine, ratios[l], hFine) - exact) / paths;
      }
    }
    double[] h = new double[ratios.length];
    for (int l = 0; l < ratios.length; l++) {
      h[l] = ratios[l] * hFine;
    }
    double slope = Stats.logLogSlope(h, errors);
    assertEquals(em.strongOrder(gbm), slope, 0.15, "strong order, errors " + java.util.Arrays.toString(errors));
    assertEquals(0.5, em.strongOrder(gbm));
  }

  @Test
  void strongOrderIsOneForAdditiveNoise() {
    // Overdamped Langevin in a double well (nonlinear drift, additive noise); reference = the finest path.
    OverdampedLangevin sde = new OverdampedLangevin(new DoubleWell1D(1.0), ConstantDiffusion.isotropic(1, 0.5), 1.0);
    int fineSteps = 1 << 12;
    double hFine = 1.0 / fineSteps;
    int[] ratios = {256, 128, 64, 32, 16};
    double[] errors = new double[ratios.length];
    SplittableRandom random = new SplittableRandom(5);
    int paths = 300;
    double[] fine = new double[fineSteps];
    for (int p = 0; p < paths; p++) {
      for (int j = 0; j < fineSteps; j++) {
        fine[j] = random.nextGaussian();
      }
      double reference = solve(sde, 0.2, fine, 1, hFine);
      for (int l = 0; l < ratios.length; l++) {
        errors[l] += Math.abs(solve(sde, 0.2, fine, ratios[l], hFine) - reference) / paths;
      }
    }
    double[] h = new double[ratios.length];
    for (int l = 0; l < ratios.length; l++) {
      h[l] = ratios[l] * hFine;
    }
    double slope = Stats.logLogSlope(h, errors);
    assertEquals(em.strongOrder(sde), slope, 0.15, "strong order, errors " + java.util.Arrays.toString(errors));
    assertEquals(1.0, em.strongOrder(sde));
  }

  /**
   * Weak error of the GBM mean, {@code E[X_T^h] - X0 exp(mu T)}, estimated with the exact solution on the same
   * Brownian path as a control variate (its mean is known), so the Monte-Carlo error is far below the bias.
   * Euler–Maruyama's mean is exactly {@code X0 (1 + mu h)^N}, which the estimates must also match.
   */
  @Test
  void weakOrderIsOne() {
    Gbm gbm = new Gbm(1.0, 0.5);
    int fineSteps = 64;
    double hFine = 1.0 / fineSteps;
    int[] ratios = {8, 4, 2, 1};
    int paths = 20_000;
    double[][] diffs = new double[ratios.length][paths];
    SplittableRandom random = new SplittableRandom(9);
    double[] fine = new double[fineSteps];
    for (int p = 0; p < paths; p++) {
      double w = 0;
      for (int j = 0; j < fineSteps; j++) {
        fine[j] = random.nextGaussian();
        w += Math.sqrt(hFine) * fine[j];
      }
      double exact = gbm.exact(1, 1, w);
      for (int l = 0; l < ratios.length; l++) {
        diffs[l][p] = solve(gbm, 1, fine, ratios[l], hFine) - exact;
      }
    }
    double[] h = new double[ratios.length];
    double[] errors = new double[ratios.length];
    for (int l = 0; l < ratios.length; l++) {
      h[l] = ratios[l] * hFine;
      double estimate = Stats.mean(diffs[l]);
      double se = Stats.standardError(diffs[l]);
      double known = Math.pow(1 + h[l], fineSteps / ratios[l]) - Math.E;
      assertEquals(known, estimate, 4 * se, "weak error at h=" + h[l]);
      errors[l] = Math.abs(estimate);
    }
    double slope = Stats.logLogSlope(h, errors);
    assertEquals(em.weakOrder(gbm), slope, 0.15, "weak order, errors " + java.util.Arrays.toString(errors));
  }
}

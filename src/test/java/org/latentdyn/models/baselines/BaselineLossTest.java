package org.latentdyn.models.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.Tensors;
import org.latentdyn.train.Engine;
import org.latentdyn.train.TrainingListener;

/**
 * Known answers: each baseline's loss on a tiny batch with planted weights (all weights zero, output biases
 * planted, so encoder and decoder outputs are known constants) and fixed noise, computed by hand in double; and
 * the Gaussian KL against the general closed form. The loss tests run on both step engines.
 */
class BaselineLossTest {
  static final int F = 3;
  static final int D = 2;
  static final double TOL = 1e-5;
  static final float[] DECODER_BIAS = {0.5f, -0.5f, 1f};
  static final double[] MU = {0.3, -0.2};
  static final double[] LOG_VAR = {0.1, -0.4};

  /** KL(N(m1, s1²) || N(m2, s2²)) for diagonal Gaussians, summed over dimensions. */
  static double kl(double[] m1, double[] v1, double[] m2, double[] v2) {
    double s = 0;
    for (int i = 0; i < m1.length; i++) {
      s += 0.5 * Math.log(v2[i] / v1[i]) + (v1[i] + (m1[i] - m2[i]) * (m1[i] - m2[i])) / (2 * v2[i]) - 0.5;
    }
    return s;
  }

  @Test
  void klToIsotropicMatchesClosedForm() {
    float[] mu = {0.3f, -0.2f, 1.5f, 0.0f};
    float[] logVar = {0.1f, -0.4f, -2f, 0.7f};
    for (double nu : new double[] {1.0, 0.0065, 4.0}) {
      try (NDManager m = NeuralEngine.newManager()) {
        float[] got = Objective.klToIsotropic(Tensors.owned(m, mu, new Shape(2, 2)),
            Tensors.owned(m, logVar, new Shape(2, 2)), nu).toFloatArray();
        for (int n = 0; n < 2; n++) {
          double[] m1 = {mu[2 * n], mu[2 * n + 1]};
          double[] v1 = {Math.exp(logVar[2 * n]), Math.exp(logVar[2 * n + 1])};
          double expected = kl(m1, v1, new double[2], new double[] {1 / nu, 1 / nu});
          assertEquals(expected, got[n], 1e-5 * Math.max(1, Math.abs(expected)), "nu " + nu + ", sample " + n);
        }
      }
    }
    // hand value for one dimension, N(0.3, e^0.1) to N(0, 1): 1/2 (e^0.1 + 0.09 - 1 - 0.1)
    assertEquals(0.5 * (Math.exp(0.1) + 0.09 - 1 - 0.1),
        kl(new double[] {0.3}, new double[] {Math.exp(0.1)}, new double[1], new double[] {1}), 1e-12);
  }

  /** Weights zero except the output biases of encoder, decoder and (SDE-VAE) force net. */
  static float[] planted(BaselineNetworks net, float[] encoderBias, float[] forceBias) {
    float[] w = new float[net.params.size()];
    int e = net.encoder.parameterCount();
    int dec = net.decoder.parameterCount();
    System.arraycopy(encoderBias, 0, w, e - encoderBias.length, encoderBias.length);
    System.arraycopy(DECODER_BIAS, 0, w, e + dec - F, F);
    if (forceBias != null) {
      System.arraycopy(forceBias, 0, w, w.length - D, D);
    }
    return w;
  }

  static Baselines.Trainer trainer(BaselineConfig c) {
    Baselines.Samples s = new Baselines.Samples(new int[] {0, 1}, c instanceof SdeVaeConfig ? new int[] {1, 0} : null);
    return new Baselines.Trainer(F, c, Objective.of(c), org.latentdyn.data.FrameStore.of(org.latentdyn.data.Trajectory.wrap(new float[2 * F], 2, F)), s, s, TrainingListener.NONE);
  }

  static double reconstruction(float[] x, int rows, int b) {
    double s = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < F; j++) {
        double r = DECODER_BIAS[j] - x[i * F + j];
        s += r * r;
      }
    }
    return s / b;
  }

  static float[] f(double... v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void betaVaeLossOnPlantedWeights(Engine engine) {
    BetaVaeConfig c = new BetaVaeConfig(D, 4, 1, 2.0, 1e-3, 2, 1, 0.0, 1, engine, null, null);
    float[] x = {1, 2, 3, 0, -1, 0.5f};
    float[] eps = {0.5f, -1f, 2f, 0.25f};
    try (Baselines.Trainer t = trainer(c)) {
      t.setParams(planted(t.net, f(MU[0], MU[1], LOG_VAR[0], LOG_VAR[1]), null));
      double[] l = t.evaluate(x, 2, eps, null);
      assertEquals(reconstruction(x, 2, 2), l[0], TOL);
      double kl = 0.5 * (Math.exp(0.1) + 0.09 - 1 - 0.1) + 0.5 * (Math.exp(-0.4) + 0.04 - 1 + 0.4);
      assertEquals(kl, l[1], TOL);
      assertEquals(0.0, l[2], 0.0);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void swaeLossOnPlantedWeights(Engine engine) {
    SwaeConfig c = new SwaeConfig(D, 4, 1, 10.0, 2, 1e-3, 2, 1, 0.0, 1, engine, null, null);
    float[] x = {1, 2, 3, 0, -1, 0.5f};
    float[] prior = {0.5f, -1f, -0.25f, 0.75f}; // z~ samples (0.5, -1), (-0.25, 0.75)
    float r = (float) Math.sqrt(0.5);
    float[] dirs = {1f, r, 0f, r}; // [d, L]: theta_1 = (1, 0), theta_2 = (r, r)
    try (Baselines.Trainer t = trainer(c)) {
      t.setParams(planted(t.net, f(MU[0], MU[1]), null));
      double[] l = t.evaluate(x, 2, prior, dirs);
      assertEquals(reconstruction(x, 2, 2), l[0], TOL);
      // z = (0.3, -0.2) for both frames; per direction sort both projections and average squared differences
      double sw = 0;
      double[][] theta = {{1, 0}, {r, r}};
      for (double[] th : theta) {
        double pz = th[0] * MU[0] + th[1] * MU[1];
        double[] pp = {th[0] * 0.5 + th[1] * -1, th[0] * -0.25 + th[1] * 0.75};
        Arrays.sort(pp);
        sw += (pz - pp[0]) * (pz - pp[0]) + (pz - pp[1]) * (pz - pp[1]);
      }
      assertEquals(sw / 4, l[1], TOL);
      assertEquals(0.0, l[2], 0.0);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void sdeVaeLossOnPlantedWeights(Engine engine) {
    double nu = 0.0065;
    SdeVaeConfig c = new SdeVaeConfig(D, 4, 1, 5, 1.0, nu, 1e-3, 2, 1, 1, 0.0, 1, engine, null, null);
    // rows 0-1: X_t of the two pairs; rows 2-3: X_{t+1}
    float[] x = {1, 2, 3, 0, -1, 0.5f, 2, 0, -1, 0.5f, 0.5f, 0.5f};
    float[] eps = {0.5f, -1f, 2f, 0.25f, -0.5f, 1.5f, 0.1f, -0.3f};
    double[] g = {0.2, -0.1};
    try (Baselines.Trainer t = trainer(c)) {
      t.setParams(planted(t.net, f(MU[0], MU[1], LOG_VAR[0], LOG_VAR[1]), f(g)));
      double[] l = t.evaluate(x, 2, eps, null);
      assertEquals(reconstruction(x, 4, 2), l[0], TOL);
      double kl = 0;
      for (int i = 0; i < D; i++) {
        kl += 0.5 * (nu * Math.exp(LOG_VAR[i]) + nu * MU[i] * MU[i] - 1 - Math.log(nu) - LOG_VAR[i]);
      }
      assertEquals(kl, l[1], 1e-4 * kl);
      // -log N(z1; z0 + f, I) - H(q1) = 1/2 [ ||z1 - z0 - f||² - sum logVar - d ]; z = mu + exp(logVar/2) eps
      double prior = 0;
      for (int n = 0; n < 2; n++) {
        double sq = 0;
        for (int i = 0; i < D; i++) {
          double s = Math.exp(LOG_VAR[i] / 2);
          double z0 = MU[i] + s * eps[n * D + i];
          double z1 = MU[i] + s * eps[(2 + n) * D + i];
          sq += (z1 - z0 - g[i]) * (z1 - z0 - g[i]);
        }
        prior += 0.5 * (sq - LOG_VAR[0] - LOG_VAR[1] - D);
      }
      assertEquals(prior / 2, l[2], TOL);
    }
  }
}

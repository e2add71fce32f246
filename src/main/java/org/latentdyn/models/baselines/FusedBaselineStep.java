package org.latentdyn.models.baselines;

import java.util.Arrays;
import org.latentdyn.nn.Adam;
import org.latentdyn.nn.Mlp;
import org.latentdyn.nn.fused.FloatAdam;
import org.latentdyn.nn.fused.FusedMlp;
import org.latentdyn.nn.fused.SlicedWassersteinKernel;

/**
 * One baseline optimiser step in plain Java: the forward pass of {@link Objective}'s loss, its hand-written
 * backward pass and Adam, on the weight layout of {@link BaselineNetworks} (encoder | decoder | force). It
 * reproduces the DJL autograd step of {@code Baselines.Trainer} up to float rounding order. With
 * {@code h = phi(x)} split into {@code (mu, logVar)} for the stochastic encoders, {@code s = exp(logVar / 2)},
 * {@code z = mu + s eps}, and {@code g_z} the gradient reaching z:
 * <ul>
 *   <li>reconstruction {@code sum (psi(z) - x)^2 / b}: {@code d/d psi = 2 (psi - x) / b}, back through the
 *       decoder to {@code g_z};</li>
 *   <li>beta-VAE KL (Objective.BetaVae), SDE-VAE KL to N(0, 1/nu) on the first frames:
 *       {@code d/d mu = beta nu mu / b}, {@code d/d logVar = beta (nu e^logVar - 1) / (2b)};</li>
 *   <li>SWAE: {@code beta dSW/dz} from {@link SlicedWassersteinKernel} against the constant prior samples;</li>
 *   <li>SDE-VAE transition {@code 1/(2b) sum ||r||^2} with {@code r = z1 - z0 - f(z0)}: {@code g_z1 += beta r / b},
 *       {@code g_z0 += -beta r / b - beta J_f^T r / b}, the force weights through {@code d/df = -beta r / b}; the
 *       entropy term {@code -1/(2b) sum logVar_1} gives {@code d/d logVar_1 = -beta / (2b)};</li>
 *   <li>reparameterisation: {@code d/d mu += g_z}, {@code d/d logVar += g_z eps s / 2}.</li>
 * </ul>
 * Nothing is allocated per step; results are bit-reproducible.
 */
final class FusedBaselineStep {
  private final BaselineConfig c;
  private final int features;
  private final int d;
  private final int maxRows;
  private final boolean pairs;
  private final boolean stochastic;
  private final double nu;
  private final int projections;
  private final float[] params;
  final float[] grad;
  private final FloatAdam adam;
  private final FusedMlp encoder;
  private final FusedMlp decoder;
  private final FusedMlp force;
  private final SlicedWassersteinKernel sw;
  private final float[][] sd;
  private final float[][] priorSamples;
  private final float[][] swGrad;
  private final float[][] transition;

  FusedBaselineStep(int features, BaselineConfig c, float[] values, double learningRate) {
    this.c = c;
    this.features = features;
    this.d = c.latentDim();
    this.pairs = c instanceof SdeVaeConfig;
    this.stochastic = !(c instanceof SwaeConfig);
    this.nu = c instanceof SdeVaeConfig s ? s.nu() : 1.0;
    this.projections = c instanceof SwaeConfig s ? s.projections() : 0;
    this.maxRows = (pairs ? 2 : 1) * c.batchSize();
    int encoderOutputs = stochastic ? 2 * d : d;
    encoder = new FusedMlp(Mlp.widths(features, c.hiddenWidth(), c.hiddenLayers(), encoderOutputs), false, 0,
        maxRows);
    decoder = new FusedMlp(Mlp.widths(d, c.hiddenWidth(), c.hiddenLayers(), features), false,
        encoder.parameterCount(), maxRows);
    int n = encoder.parameterCount() + decoder.parameterCount();
    if (c instanceof SdeVaeConfig s) {
      force = new FusedMlp(Mlp.widths(d, s.fieldWidth(), 2, d), true, n, c.batchSize());
      n += force.parameterCount();
    } else {
      force = null;
    }
    if (values.length != n) {
      throw new IllegalArgumentException("weights have " + values.length + " values, the configuration needs " + n);
    }
    params = values.clone();
    grad = new float[n];
    adam = new FloatAdam(n, learningRate);
    sw = projections > 0 ? new SlicedWassersteinKernel(d, maxRows) : null;
    sd = new float[d][maxRows];
    priorSamples = new float[d][maxRows];
    swGrad = new float[d][maxRows];
    transition = new float[d][c.batchSize()];
  }

  /**
   * One step: the gradient of {@code reconstruction + beta (regulariser + prior)}, then Adam.
   *
   * @param x {@code [rows, features]}: b frames, or for SDE-VAE the b frames X_t then the b frames X_{t+lag}
   * @param eps {@code [rows, d]}: standard normal noise of the stochastic encoders, or SWAE's prior samples
   * @param dirs SWAE's sliced-Wasserstein directions {@code [d, L]}, else null
   * @return (reconstruction, regulariser, prior) as {@code Objective} defines them
   */
  double[] step(float[] x, int b, float[] eps, float[] dirs) {
    double[] losses = compute(x, b, eps, dirs, true);
    adam.step(params, grad);
    return losses;
  }

  /** The three loss terms and, with {@code backward}, their weighted gradient left in {@link #grad}. */
  double[] compute(float[] x, int b, float[] eps, float[] dirs, boolean backward) {
    int rows = pairs ? 2 * b : b;
    if (b < 1 || rows > maxRows) {
      throw new IllegalArgumentException("batch of " + b + " samples; expected 1 <= b <= " + c.batchSize());
    }
    if (x.length < rows * features || eps.length < rows * d || (projections > 0 && dirs.length != d * projections)) {
      throw new IllegalArgumentException("step inputs have " + x.length + ", " + eps.length + " values; expected "
          + rows * features + ", " + rows * d);
    }
    float beta = (float) c.beta();
    float[][] xin = encoder.input();
    encoder.loadRows(x, 0, rows);
    encoder.forward(params, rows);
    float[][] h = encoder.output();
    float[][] z = decoder.input();
    for (int i = 0; i < d; i++) {
      if (stochastic) {
        float[] mu = h[i];
        float[] lv = h[d + i];
        float[] si = sd[i];
        float[] zi = z[i];
        for (int s = 0; s < rows; s++) {
          si[s] = (float) Math.exp(lv[s] * 0.5f);
          zi[s] = mu[s] + si[s] * eps[s * d + i];
        }
      } else {
        System.arraycopy(h[i], 0, z[i], 0, rows);
      }
    }
    decoder.forward(params, rows);
    double rec = reconstruction(xin, rows, b);
    double regulariser = 0;
    double prior = 0;
    if (backward) {
      Arrays.fill(grad, 0f);
      decoder.backward(params, rows, grad, true);
    }
    float[][] gz = decoder.inputGradient();
    float[][] gh = encoder.outputGradient();
    if (stochastic) {
      // the KL over the first b rows (all rows of the beta-VAE), gradient written into gh
      regulariser = klAndGradient(h, b, backward ? beta : 0f, gh);
      if (pairs) {
        for (int i = 0; i < d; i++) {
          Arrays.fill(gh[i], b, rows, 0f);
          Arrays.fill(gh[d + i], b, rows, 0f);
        }
        prior = transitionAndGradient(z, h, b, beta, backward, gz, gh);
      }
      if (backward) {
        for (int i = 0; i < d; i++) {
          float[] gzi = gz[i];
          float[] gmu = gh[i];
          float[] glv = gh[d + i];
          float[] si = sd[i];
          for (int s = 0; s < rows; s++) {
            gmu[s] += gzi[s];
            glv[s] += gzi[s] * eps[s * d + i] * si[s] * 0.5f;
          }
        }
      }
    } else {
      for (int i = 0; i < d; i++) {
        for (int s = 0; s < b; s++) {
          priorSamples[i][s] = eps[s * d + i];
        }
      }
      regulariser = sw.distance(z, priorSamples, b, dirs, projections, beta, swGrad);
      if (backward) {
        for (int i = 0; i < d; i++) {
          for (int s = 0; s < b; s++) {
            gh[i][s] = gz[i][s] + swGrad[i][s];
          }
        }
      }
    }
    if (backward) {
      encoder.backward(params, rows, grad, false);
    }
    return new double[] {rec, regulariser, prior};
  }

  /** {@code sum (psi(z) - x)^2 / b}, leaving {@code 2 (psi - x) / b} in the decoder's output gradient. */
  private double reconstruction(float[][] xin, int rows, int b) {
    float[][] xhat = decoder.output();
    float[][] g = decoder.outputGradient();
    float twoOverB = 2f / b;
    double rec = 0;
    for (int k = 0; k < features; k++) {
      float[] xh = xhat[k];
      float[] xr = xin[k];
      float[] gk = g[k];
      for (int s = 0; s < rows; s++) {
        float r = xh[s] - xr[s];
        rec += (double) r * r;
        gk[s] = twoOverB * r;
      }
    }
    return rec / b;
  }

  /**
   * KL(N(mu, e^logVar) || N(0, 1/nu I)) summed over dimensions, averaged over the first b rows; writes
   * {@code scale} times its gradient into rows {@code [0, b)} of {@code gh} (mu, then logVar columns).
   */
  private double klAndGradient(float[][] h, int b, float scale, float[][] gh) {
    double kl = 0;
    float fnu = (float) nu;
    float lnNu = (float) Math.log(nu);
    float cMu = scale * fnu / b;
    float cLv = scale * 0.5f / b;
    for (int i = 0; i < d; i++) {
      float[] mu = h[i];
      float[] lv = h[d + i];
      float[] gmu = gh[i];
      float[] glv = gh[d + i];
      for (int s = 0; s < b; s++) {
        float e = (float) Math.exp(lv[s]);
        kl += fnu * e + fnu * mu[s] * mu[s] - 1f - lnNu - lv[s];
        gmu[s] = cMu * mu[s];
        glv[s] = cLv * (fnu * e - 1f);
      }
    }
    return 0.5 * kl / b;
  }

  /**
   * SDE-VAE's {@code 1/(2b) [sum ||z1 - z0 - f(z0)||^2 - sum logVar_1] - d/2}; with {@code backward} adds beta
   * times its gradient to {@code gz} (z0, z1), to rows {@code [b, 2b)} of the logVar columns of {@code gh}, and
   * to the force weights.
   */
  private double transitionAndGradient(float[][] z, float[][] h, int b, float beta, boolean backward, float[][] gz,
      float[][] gh) {
    float[][] fin = force.input();
    for (int i = 0; i < d; i++) {
      System.arraycopy(z[i], 0, fin[i], 0, b);
    }
    force.forward(params, b);
    float[][] f = force.output();
    float[][] gf = force.outputGradient();
    double sum = 0;
    float c1 = beta / b;
    for (int i = 0; i < d; i++) {
      float[] zi = z[i];
      float[] fi = f[i];
      float[] ri = transition[i];
      float[] lv = h[d + i];
      for (int s = 0; s < b; s++) {
        float r = zi[b + s] - zi[s] - fi[s];
        ri[s] = r;
        sum += (double) r * r - lv[b + s];
      }
      if (backward) {
        float[] gzi = gz[i];
        float[] gfi = gf[i];
        float[] glv = gh[d + i];
        for (int s = 0; s < b; s++) {
          float g = c1 * ri[s];
          gzi[b + s] += g;
          gzi[s] -= g;
          gfi[s] = -g;
          glv[b + s] = -0.5f * c1;
        }
      }
    }
    if (backward) {
      force.backward(params, b, grad, true);
      float[][] gin = force.inputGradient();
      for (int i = 0; i < d; i++) {
        for (int s = 0; s < b; s++) {
          gz[i][s] += gin[i][s];
        }
      }
    }
    return 0.5 * sum / b - 0.5 * d;
  }

  float[] params() {
    return params.clone();
  }

  void setParams(float[] v) {
    if (v.length != params.length) {
      throw new IllegalArgumentException("weights have " + v.length + " values, expected " + params.length);
    }
    System.arraycopy(v, 0, params, 0, v.length);
  }

  Adam.State adamState() {
    return new Adam.State(adam.m(), adam.v(), adam.steps(), adam.learningRate());
  }

  void restoreAdam(Adam.State s) {
    adam.restore(s.m(), s.v(), s.steps(), s.learningRate());
  }
}

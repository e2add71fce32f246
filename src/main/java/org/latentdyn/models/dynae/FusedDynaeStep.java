package org.latentdyn.models.dynae;

import org.latentdyn.nn.Adam;
import org.latentdyn.nn.Mlp;
import org.latentdyn.nn.fused.FloatAdam;
import org.latentdyn.nn.fused.FusedMlp;
import org.latentdyn.nn.fused.JacobianDiagonalMlp;
import org.latentdyn.nn.fused.SlicedWassersteinKernel;

/**
 * One DynAE optimiser step (Algorithm 1) in plain Java: forward pass, hand-written backward pass and both Adam
 * updates, on the weight layout of {@link DynaeNetworks} (rep = encoder then decoder, prior = force then
 * log-diffusion). It reproduces {@code Dynae.Trainer.step} of the DJL engine up to float rounding order:
 * <ul>
 *   <li>L_rep (paper Eq. 3): {@code sum (psi(phi(x)) - x)^2 / B} over both frames, plus
 *       {@code beta * SW(dz, dz~)} (Eq. 10-12) with {@code dz = z1 - z0} and constant prior samples
 *       {@code dz~ = f(z0) + sqrt(2) eps} (Eq. 8);</li>
 *   <li>L_prior (Eq. 6-7) on detached z0, dz: {@code 1/(2B) sum [log M + (dz - M f - dM/dz)^2 / (2M)]}, with
 *       {@code dM_i/dz_i = M_i J_i} differentiated into the weights unless {@code referenceJacobian}.</li>
 * </ul>
 * The batch may be smaller than the one it was built for. Nothing is allocated per step; results are
 * bit-reproducible.
 */
final class FusedDynaeStep {
  private final int features;
  private final int d;
  private final int maxBatch;
  private final boolean referenceJacobian;
  private final int projections;
  private final float[] rep;
  private final float[] prior;
  final float[] repGrad;
  final float[] priorGrad;
  private FloatAdam repAdam;
  private final FloatAdam priorAdam;
  private final FusedMlp encoder;
  private final FusedMlp decoder;
  private final FusedMlp force;
  private final JacobianDiagonalMlp logDiffusion;
  private final SlicedWassersteinKernel sw;
  private final float[][] z0;
  private final float[][] dz;
  private final float[][] dzPrior;
  private final float[][] swGrad;
  private final float[][] f;

  FusedDynaeStep(int features, DynaeConfig c, float[] repValues, float[] priorValues, double repLearningRate) {
    this.features = features;
    this.d = c.latentDim();
    this.maxBatch = c.batchSize();
    this.referenceJacobian = c.referenceJacobian();
    this.projections = c.projections();
    int[] encW = Mlp.widths(features, c.hiddenWidth(), c.hiddenLayers(), d);
    int[] decW = Mlp.widths(d, c.hiddenWidth(), c.hiddenLayers(), features);
    int[] forceW = Mlp.widths(d, c.fieldWidth(), 2, d);
    encoder = new FusedMlp(encW, false, 0, 2 * maxBatch);
    decoder = new FusedMlp(decW, false, encoder.parameterCount(), 2 * maxBatch);
    force = new FusedMlp(forceW, true, 0, maxBatch);
    logDiffusion = new JacobianDiagonalMlp(d, c.fieldWidth(), force.parameterCount(), maxBatch);
    int nRep = encoder.parameterCount() + decoder.parameterCount();
    int nPrior = force.parameterCount() + logDiffusion.parameterCount();
    if (repValues.length != nRep || priorValues.length != nPrior) {
      throw new IllegalArgumentException("weights have " + repValues.length + " + " + priorValues.length
          + " values, the configuration needs " + nRep + " + " + nPrior);
    }
    rep = repValues.clone();
    prior = priorValues.clone();
    repGrad = new float[nRep];
    priorGrad = new float[nPrior];
    repAdam = new FloatAdam(nRep, repLearningRate);
    priorAdam = new FloatAdam(nPrior, c.priorLearningRate());
    sw = new SlicedWassersteinKernel(d, maxBatch);
    z0 = new float[d][maxBatch];
    dz = new float[d][maxBatch];
    dzPrior = new float[d][maxBatch];
    swGrad = new float[d][maxBatch];
    f = force.output();
  }

  /**
   * One step: gradients of both losses, then Adam on the rep and on the prior vector.
   *
   * @param x {@code [2b, features]}: the b frames X_t, then the b frames X_{t+lag}
   * @param dirs sliced-Wasserstein directions {@code [d, L]}
   * @param eps standard normal noise {@code [b, d]} of the prior samples
   * @return (reconstruction loss, sliced Wasserstein distance, prior loss)
   */
  double[] step(float[] x, int b, double beta, float[] dirs, float[] eps) {
    double[] losses = gradients(x, b, beta, dirs, eps);
    repAdam.step(rep, repGrad);
    priorAdam.step(prior, priorGrad);
    return losses;
  }

  /** The losses of the current weights and their gradients, left in {@link #repGrad} and {@link #priorGrad}. */
  double[] gradients(float[] x, int b, double beta, float[] dirs, float[] eps) {
    if (b < 2 || b > maxBatch) {
      throw new IllegalArgumentException("batch of " + b + " pairs; expected 2 <= b <= " + maxBatch);
    }
    if (x.length < 2 * b * features || dirs.length != d * projections || eps.length < b * d) {
      throw new IllegalArgumentException("step inputs have " + x.length + ", " + dirs.length + ", " + eps.length
          + " values; expected " + 2 * b * features + ", " + d * projections + ", " + b * d);
    }
    java.util.Arrays.fill(repGrad, 0f);
    java.util.Arrays.fill(priorGrad, 0f);
    int n2 = 2 * b;
    // encoder and decoder on both frames
    float[][] xin = encoder.input();
    for (int s = 0; s < n2; s++) {
      for (int k = 0; k < features; k++) {
        xin[k][s] = x[s * features + k];
      }
    }
    encoder.forward(rep, n2);
    float[][] z = encoder.output();
    float[][] zin = decoder.input();
    for (int i = 0; i < d; i++) {
      System.arraycopy(z[i], 0, zin[i], 0, n2);
    }
    decoder.forward(rep, n2);
    float[][] xhat = decoder.output();
    float[][] dxhat = decoder.outputGradient();
    double rec = 0;
    float twoOverB = 2f / b;
    for (int k = 0; k < features; k++) {
      float[] xh = xhat[k];
      float[] xr = xin[k];
      float[] g = dxhat[k];
      for (int s = 0; s < n2; s++) {
        float r = xh[s] - xr[s];
        rec += (double) r * r;
        g[s] = twoOverB * r;
      }
    }
    rec /= b;
    // latents, force and prior samples (constants for the representation loss)
    float[][] fin = force.input();
    for (int i = 0; i < d; i++) {
      float[] zi = z[i];
      float[] z0i = z0[i];
      float[] dzi = dz[i];
      for (int s = 0; s < b; s++) {
        z0i[s] = zi[s];
        dzi[s] = zi[b + s] - zi[s];
      }
      System.arraycopy(z0i, 0, fin[i], 0, b);
      System.arraycopy(z0i, 0, logDiffusion.input()[i], 0, b);
    }
    force.forward(prior, b);
    for (int i = 0; i < d; i++) {
      float[] fi = f[i];
      float[] pi = dzPrior[i];
      for (int s = 0; s < b; s++) {
        pi[s] = eps[s * d + i] * Dynae.PRIOR_NOISE_SCALE + fi[s];
      }
    }
    double swLoss = sw.distance(dz, dzPrior, b, dirs, projections, (float) beta, swGrad);
    // representation backward: decoder, then encoder with the SW gradient on z1 - z0
    decoder.backward(rep, n2, repGrad, true);
    float[][] dzDec = decoder.inputGradient();
    float[][] dzEnc = encoder.outputGradient();
    for (int i = 0; i < d; i++) {
      float[] src = dzDec[i];
      float[] g = swGrad[i];
      float[] dst = dzEnc[i];
      for (int s = 0; s < b; s++) {
        dst[s] = src[s] - g[s];
        dst[b + s] = src[b + s] + g[s];
      }
    }
    encoder.backward(rep, n2, repGrad, false);
    double priorLoss = priorLossAndGradient(b);
    return new double[] {rec, swLoss, priorLoss};
  }

  /** Paper Eq. 7 and its gradient into the force and log-diffusion weights. */
  private double priorLossAndGradient(int b) {
    logDiffusion.forward(prior, b);
    float[][] g = logDiffusion.output();
    float[][] jac = logDiffusion.jacobianDiagonal();
    float[][] dG = logDiffusion.outputGradient();
    float[][] dJ = logDiffusion.jacobianGradient();
    float[][] dF = force.outputGradient();
    float c = 0.5f / b;
    double loss = 0;
    for (int i = 0; i < d; i++) {
      float[] gi = g[i];
      float[] ji = jac[i];
      float[] fi = f[i];
      float[] dzi = dz[i];
      float[] dgi = dG[i];
      float[] dji = dJ[i];
      float[] dfi = dF[i];
      for (int s = 0; s < b; s++) {
        float m = (float) Math.exp(gi[s]);
        float dm = m * ji[s];
        float r = dzi[s] - m * fi[s] - dm;
        float q = r * r / (m * 2f);
        loss += gi[s] + q;
        float cr = c * r;
        dfi[s] = -cr;
        if (referenceJacobian) {
          dgi[s] = c - c * q - cr * fi[s];
          dji[s] = 0f;
        } else {
          dgi[s] = c - c * q - cr * (fi[s] + ji[s]);
          dji[s] = -cr;
        }
      }
    }
    force.backward(prior, b, priorGrad, false);
    logDiffusion.backward(prior, b, priorGrad);
    return loss * c;
  }

  /** A copy of the encoder/decoder weights. */
  float[] rep() {
    return rep.clone();
  }

  /** A copy of the force/log-diffusion weights. */
  float[] prior() {
    return prior.clone();
  }

  void setRep(float[] v) {
    copyInto(v, rep);
  }

  void setPrior(float[] v) {
    copyInto(v, prior);
  }

  double repLearningRate() {
    return repAdam.learningRate();
  }

  /** A fresh encoder/decoder optimiser at {@code learningRate} (the trainer re-creates it after the warm-up). */
  void resetRepAdam(double learningRate) {
    repAdam = new FloatAdam(rep.length, learningRate);
  }

  Adam.State repAdamState() {
    return new Adam.State(repAdam.m(), repAdam.v(), repAdam.steps(), repAdam.learningRate());
  }

  Adam.State priorAdamState() {
    return new Adam.State(priorAdam.m(), priorAdam.v(), priorAdam.steps(), priorAdam.learningRate());
  }

  void restoreRepAdam(Adam.State s) {
    repAdam.restore(s.m(), s.v(), s.steps(), s.learningRate());
  }

  void restorePriorAdam(Adam.State s) {
    priorAdam.restore(s.m(), s.v(), s.steps(), s.learningRate());
  }

  private static void copyInto(float[] src, float[] dst) {
    if (src.length != dst.length) {
      throw new IllegalArgumentException("weight vector has " + dst.length + " values, got " + src.length);
    }
    System.arraycopy(src, 0, dst, 0, src.length);
  }
}

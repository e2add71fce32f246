package org.latentdyn.models.dynae;

import java.util.concurrent.locks.LockSupport;
import org.latentdyn.nn.Adam;
import org.latentdyn.nn.Mlp;
import org.latentdyn.nn.fused.ActiveTrainings;
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
final class FusedDynaeStep implements AutoCloseable {
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
  private final Worker worker;
  private int jobB;
  private int jobGroups = 1;
  private double jobBeta;
  private float[] jobDirs;
  private float[] jobEps;
  private double swLoss;
  private double priorLoss;

  /** A single-threaded step. */
  FusedDynaeStep(int features, DynaeConfig c, float[] repValues, float[] priorValues, double repLearningRate) {
    this(features, c, repValues, priorValues, repLearningRate, false);
  }

  /**
   * @param parallel run the prior side of each step on a second thread (same numbers, bit for bit: the two
   *     threads write disjoint buffers and each runs a fixed sequence of operations); {@link #close()} ends it
   */
  FusedDynaeStep(int features, DynaeConfig c, float[] repValues, float[] priorValues, double repLearningRate,
      boolean parallel) {
    this.features = features;
    this.d = c.latentDim();
    this.maxBatch = c.batchSize();
    this.referenceJacobian = c.referenceJacobian();
    this.projections = c.projections();
    int[] encW = Mlp.widths(features, c.hiddenWidth(), c.hiddenLayers(), d);
    int[] decW = Mlp.widths(d, c.hiddenWidth(), c.hiddenLayers(), features);
    int[] forceW = Mlp.widths(d, c.fieldWidth(), 2, d);
    // a separate reconstruction minibatch is encoded beside the step's pairs
    encoder = new FusedMlp(encW, false, 0, (c.uniformReconstruction() ? 4 : 2) * maxBatch);
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
    worker = parallel ? new Worker() : null;
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
    return step(x, b, beta, dirs, eps, 1);
  }

  /** {@link #step} with the SW term averaged over {@code groups} consecutive equal groups of pairs. */
  double[] step(float[] x, int b, double beta, float[] dirs, float[] eps, int groups) {
    return step(x, b, beta, dirs, eps, groups, null);
  }

  /**
   * {@link #step(float[], int, double, float[], float[], int)} with the reconstruction term on the frames
   * {@code xRec [2b, features]} instead of on {@code x} when {@code xRec} is not null (see
   * {@link DynaeConfig#uniformReconstruction()}).
   */
  double[] step(float[] x, int b, double beta, float[] dirs, float[] eps, int groups, float[] xRec) {
    double[] losses = gradients(x, b, beta, dirs, eps, groups, xRec);
    repAdam.step(rep, repGrad);
    priorAdam.step(prior, priorGrad);
    return losses;
  }

  /** The losses of the current weights and their gradients, left in {@link #repGrad} and {@link #priorGrad}. */
  double[] gradients(float[] x, int b, double beta, float[] dirs, float[] eps) {
    return gradients(x, b, beta, dirs, eps, 1);
  }

  /**
   * {@link #gradients(float[], int, double, float[], float[])} with the SW term the mean of the distances of
   * {@code groups} consecutive equal groups of pairs (one latent bin each).
   */
  double[] gradients(float[] x, int b, double beta, float[] dirs, float[] eps, int groups) {
    return gradients(x, b, beta, dirs, eps, groups, null);
  }

  /**
   * The gradients with the reconstruction term on {@code xRec [2b, features]} when it is not null: the encoder
   * then runs once on the {@code 4b} rows of {@code x} and {@code xRec}, the decoder on the {@code xRec} rows only,
   * and the encoder's backward pass takes the SW gradient on the {@code x} rows and the decoder's on the others.
   */
  double[] gradients(float[] x, int b, double beta, float[] dirs, float[] eps, int groups, float[] xRec) {
    if (b < 2 || b > maxBatch) {
      throw new IllegalArgumentException("batch of " + b + " pairs; expected 2 <= b <= " + maxBatch);
    }
    if (groups < 1 || b % groups != 0) {
      throw new IllegalArgumentException(groups + " groups do not divide a batch of " + b + " pairs");
    }
    if (x.length < 2 * b * features || dirs.length != d * projections || eps.length < b * d) {
      throw new IllegalArgumentException("step inputs have " + x.length + ", " + dirs.length + ", " + eps.length
          + " values; expected " + 2 * b * features + ", " + d * projections + ", " + b * d);
    }
    int n2 = 2 * b;
    if (xRec != null && xRec.length < n2 * features) {
      throw new IllegalArgumentException("reconstruction batch has " + xRec.length + " values; expected "
          + n2 * features);
    }
    java.util.Arrays.fill(repGrad, 0f);
    // encoder rows: the pairs (0 .. 2b - 1), then the reconstruction frames when separate; r0 = first decoded row
    int r0 = xRec == null ? 0 : n2;
    int nEnc = r0 + n2;
    float[][] xin = encoder.input();
    encoder.loadRows(x, 0, n2);
    if (xRec != null) {
      encoder.loadRows(xRec, 0, n2, n2);
    }
    encoder.forward(rep, nEnc);
    // the prior side (prior samples, SW and its gradient on dz, the prior loss and its gradient) reads only the
    // latents and writes only its own buffers: with a worker it overlaps the decoder and encoder backward
    jobB = b;
    jobGroups = groups;
    jobBeta = beta;
    jobDirs = dirs;
    jobEps = eps;
    Worker helper = worker != null && ActiveTrainings.helperAllowed() ? worker : null;
    if (helper != null) {
      helper.post();
    }
    float[][] z = encoder.output();
    float[][] zin = decoder.input();
    for (int i = 0; i < d; i++) {
      System.arraycopy(z[i], r0, zin[i], 0, n2);
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
        float r = xh[s] - xr[r0 + s];
        rec += (double) r * r;
        g[s] = twoOverB * r;
      }
    }
    rec /= b;
    decoder.backward(rep, n2, repGrad, true);
    if (helper != null) {
      helper.awaitSlicedWasserstein();
    } else {
      slicedWasserstein();
    }
    // encoder backward with the decoder's gradient on z and the SW gradient on z1 - z0
    float[][] dzDec = decoder.inputGradient();
    float[][] dzEnc = encoder.outputGradient();
    for (int i = 0; i < d; i++) {
      float[] src = dzDec[i];
      float[] g = swGrad[i];
      float[] dst = dzEnc[i];
      if (xRec == null) {
        for (int s = 0; s < b; s++) {
          dst[s] = src[s] - g[s];
          dst[b + s] = src[b + s] + g[s];
        }
      } else {
        for (int s = 0; s < b; s++) {
          dst[s] = -g[s];
          dst[b + s] = g[s];
        }
        System.arraycopy(src, 0, dst, n2, n2);
      }
    }
    encoder.backward(rep, nEnc, repGrad, false);
    if (helper != null) {
      helper.awaitDone();
    } else {
      priorLoss = priorLossAndGradient(b);
    }
    return new double[] {rec, swLoss, priorLoss};
  }

  /**
   * Prior samples {@code f(z0) + sqrt(2) eps} (constants), SW(dz, prior samples) into {@link #swLoss} and
   * {@code beta dSW/d dz} into {@link #swGrad}.
   */
  private void slicedWasserstein() {
    int b = jobB;
    float[][] z = encoder.output();
    float[][] fin = force.input();
    float[][] lin = logDiffusion.input();
    for (int i = 0; i < d; i++) {
      float[] zi = z[i];
      float[] z0i = z0[i];
      float[] dzi = dz[i];
      for (int s = 0; s < b; s++) {
        z0i[s] = zi[s];
        dzi[s] = zi[b + s] - zi[s];
      }
      System.arraycopy(z0i, 0, fin[i], 0, b);
      System.arraycopy(z0i, 0, lin[i], 0, b);
    }
    force.forward(prior, b);
    float[] eps = jobEps;
    for (int i = 0; i < d; i++) {
      float[] fi = f[i];
      float[] pi = dzPrior[i];
      for (int s = 0; s < b; s++) {
        pi[s] = eps[s * d + i] * Dynae.PRIOR_NOISE_SCALE + fi[s];
      }
    }
    int k = jobGroups;
    int m = b / k;
    double sum = 0;
    for (int j = 0; j < k; j++) {
      sum += sw.distance(dz, dzPrior, j * m, m, jobDirs, projections, (float) (jobBeta / k), swGrad);
    }
    swLoss = sum / k;
  }

  /** Paper Eq. 7 and its gradient into the force and log-diffusion weights. */
  private double priorLossAndGradient(int b) {
    java.util.Arrays.fill(priorGrad, 0f);
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

  /**
   * The latent {@code phi(x)} of {@code rows} frames {@code [rows, features]}, as {@code [rows, d]}, in chunks of
   * the step's batch buffers (call between steps).
   */
  float[] encode(float[] x, int rows) {
    float[] z = new float[rows * d];
    int chunk = 2 * maxBatch;
    float[][] out = encoder.output();
    for (int start = 0; start < rows; start += chunk) {
      int n = Math.min(chunk, rows - start);
      encoder.loadRows(x, start, n);
      encoder.forward(rep, n);
      for (int s = 0; s < n; s++) {
        for (int i = 0; i < d; i++) {
          z[(start + s) * d + i] = out[i][s];
        }
      }
    }
    return z;
  }

  /**
   * Sums over {@code m <= batch} pairs {@code x [2m, features]} (X_t rows, then X_{t+lag} rows) of the
   * reconstruction error {@code ||psi(phi(x)) - x||^2} of both frames and of the per-pair prior loss
   * {@code 1/2 sum_i [log M_i + r_i^2 / (2 M_i)]} (Eq. 7 without the batch mean), without gradients.
   */
  double[] lossSums(float[] x, int m) {
    if (m < 1 || m > maxBatch) {
      throw new IllegalArgumentException("chunk of " + m + " pairs; expected 1 <= pairs <= " + maxBatch);
    }
    int n2 = 2 * m;
    float[][] xin = encoder.input();
    encoder.loadRows(x, 0, n2);
    encoder.forward(rep, n2);
    float[][] z = encoder.output();
    float[][] zin = decoder.input();
    for (int i = 0; i < d; i++) {
      System.arraycopy(z[i], 0, zin[i], 0, n2);
    }
    decoder.forward(rep, n2);
    double rec = 0;
    for (int k = 0; k < features; k++) {
      float[] xh = decoder.output()[k];
      float[] xr = xin[k];
      for (int s = 0; s < n2; s++) {
        float r = xh[s] - xr[s];
        rec += (double) r * r;
      }
    }
    for (int i = 0; i < d; i++) {
      for (int s = 0; s < m; s++) {
        float v = z[i][s];
        force.input()[i][s] = v;
        logDiffusion.input()[i][s] = v;
      }
    }
    force.forward(prior, m);
    logDiffusion.forward(prior, m);
    double pri = 0;
    for (int i = 0; i < d; i++) {
      float[] gi = logDiffusion.output()[i];
      float[] ji = logDiffusion.jacobianDiagonal()[i];
      float[] fi = f[i];
      float[] zi = z[i];
      for (int s = 0; s < m; s++) {
        float mm = (float) Math.exp(gi[s]);
        float r = (zi[m + s] - zi[s]) - mm * fi[s] - mm * ji[s];
        pri += gi[s] + r * r / (mm * 2f);
      }
    }
    return new double[] {rec, 0.5 * pri};
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

  /** Ends the worker thread, if any. */
  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
  }

  /**
   * The second thread: runs {@link #slicedWasserstein()} then {@link #priorLossAndGradient} for each posted job.
   * Hand-over by volatile counters, spinning briefly before parking (steps follow each other closely).
   */
  private final class Worker implements Runnable {
    private static final int SPINS = 1 << 14;
    private final Thread thread;
    private volatile Thread caller;
    private volatile long posted;
    private volatile long swDone;
    private volatile long done;
    private volatile boolean closed;
    private volatile Throwable failure;

    Worker() {
      thread = new Thread(this, "dynae-fused-step");
      thread.setDaemon(true);
      thread.start();
    }

    void post() {
      caller = Thread.currentThread();
      posted = posted + 1;
      LockSupport.unpark(thread);
    }

    void awaitSlicedWasserstein() {
      long job = posted;
      for (int spin = 0; swDone != job; spin++) {
        pause(spin);
      }
      rethrow();
    }

    void awaitDone() {
      long job = posted;
      for (int spin = 0; done != job; spin++) {
        pause(spin);
      }
      rethrow();
    }

    private void rethrow() {
      Throwable t = failure;
      if (t != null) {
        failure = null;
        if (t instanceof RuntimeException r) {
          throw r;
        }
        if (t instanceof Error e) {
          throw e;
        }
        throw new IllegalStateException(t);
      }
    }

    @Override
    public void run() {
      long handled = 0;
      while (true) {
        for (int spin = 0; posted == handled; spin++) {
          if (closed) {
            return;
          }
          pause(spin);
        }
        long job = handled + 1;
        try {
          slicedWasserstein();
        } catch (Throwable t) {
          failure = t;
        }
        swDone = job;
        LockSupport.unpark(caller);
        try {
          if (failure == null) {
            priorLoss = priorLossAndGradient(jobB);
          }
        } catch (Throwable t) {
          failure = t;
        }
        handled = job;
        done = job;
        LockSupport.unpark(caller);
      }
    }

    void close() {
      closed = true;
      LockSupport.unpark(thread);
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void pause(int spin) {
      if (spin < SPINS) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(100_000L);
      }
    }
  }
}

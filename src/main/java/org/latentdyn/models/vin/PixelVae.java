package org.latentdyn.models.vin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentdyn.nn.Adam;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.Tensors;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.Streams;
import org.latentdyn.train.TrainingDivergedException;
import org.latentdyn.train.TrainingListener;

/**
 * The pixel estimator of Variational Integrator Networks (Sæmundsson et al., AISTATS 2020, §3.2 and App. C.2; VIN
 * spec §3b, §4b): a VAE whose latent state {@code x_1 ~ N(0, I)} is rolled out by a dynamics cell (VIN-VV, VIN-SV,
 * VIN-SO(2), or the ResRNN / DVAE baselines) and decoded frame by frame into Bernoulli pixels. {@link #fit} returns
 * an independent {@link PixelVaeModel}.
 *
 * <p>Training: every run of {@code depth + 1} consecutive frames (stride 1) of every sequence is a window; the
 * first {@code depth} frames feed the encoder (per-frame MLP, then an LSTM reading them from the last back to the
 * first, then a Dense head giving the mean and softplus std of {@code q(x_1)}); the ELBO sums the Bernoulli
 * log-likelihood over all frames and pixels, subtracts {@code KL[q(x_1) || N(0, I)]}, and is averaged over the
 * windows with one reparameterised sample each. Full batch, Adam; the returned weights are those with the highest
 * training ELBO seen (evaluated before each step). Deterministic for a seed on one CPU: the initialisation draws
 * from {@link Streams#init}, epoch {@code e}'s noise from {@link Streams#noise}.
 */
public final class PixelVae {
  private PixelVae() {}

  /**
   * Fits a model.
   *
   * @param frames binary pixels {@code [N, T, height, width]} row-major (0/1 floats); not modified
   * @param shape {@code {N, T, height, width}}, {@code T >= depth + 1}
   * @param listener receives {@code epochStarted} and {@code epochFinished} (reconstruction = minus the
   *     log-likelihood, regulariser = KL, prior = ELBO; no checkpoint); may be null
   * @throws TrainingDivergedException when the ELBO becomes NaN or infinite
   */
  public static PixelVaeModel fit(float[] frames, int[] shape, PixelVaeConfig config, TrainingListener listener) {
    return fit(frames, shape, config, listener, null, 0);
  }

  /**
   * {@link #fit(float[], int[], PixelVaeConfig, TrainingListener)} that hands the listener a {@link Checkpoint}
   * after every {@code checkpointEvery}-th epoch and after the last one (null after the others; 0 never), and that
   * continues from {@code resume} when it is not null (a checkpoint of the same frames and configuration) to the
   * weights, best ELBO and history of the uninterrupted run. A checkpoint holds both weight vectors, their Adam
   * moments and the best weights so far: about 8 vectors of the model's size. Its history maps each
   * {@link PixelEpochRecord} to an {@link EpochRecord} with reconstruction = minus the log-likelihood, regulariser =
   * KL and prior = ELBO.
   */
  public static PixelVaeModel fit(float[] frames, int[] shape, PixelVaeConfig config, TrainingListener listener,
      Checkpoint resume, int checkpointEvery) {
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
    }
    if (config == null) {
      throw new IllegalArgumentException("config must be given, got null");
    }
    checkShape(frames, shape, config.window());
    TrainingListener l = listener == null ? TrainingListener.NONE : listener;
    int pixels = shape[2] * shape[3];
    PixelLayout layout = new PixelLayout(config, pixels);
    SplittableRandom init = Streams.init(config.seed());
    float[] net = layout.initialise(init);
    float[] dyn = PixelNetworks.dynamicsLayout(config).initialise(init.nextLong(), null);
    float[] windows = windows(frames, shape, config.window());
    int count = windows.length / (config.window() * pixels);
    try (Trainer t = new Trainer(config, pixels, net, dyn, windows, count, frames, encoderRows(shape, config))) {
      return t.run(l, shape[2], shape[3], resume, checkpointEvery);
    }
  }

  static void checkShape(float[] frames, int[] shape, int window) {
    if (frames == null || shape == null || shape.length != 4) {
      throw new IllegalArgumentException("frames need a shape [N, T, height, width], got "
          + (shape == null ? "null" : java.util.Arrays.toString(shape)));
    }
    for (int i = 0; i < 4; i++) {
      if (shape[i] < 1) {
        throw new IllegalArgumentException("frame shape entries must be >= 1, got " + java.util.Arrays.toString(shape));
      }
    }
    if (shape[1] < window) {
      throw new IllegalArgumentException("sequences have " + shape[1] + " frames, fewer than a window of depth + 1 = "
          + window);
    }
    long n = (long) shape[0] * shape[1] * shape[2] * shape[3];
    if (frames.length != n) {
      throw new IllegalArgumentException("frames has " + frames.length + " values, shape "
          + java.util.Arrays.toString(shape) + " needs " + n);
    }
    for (int i = 0; i < frames.length; i++) {
      if (!Float.isFinite(frames[i])) {
        throw new IllegalArgumentException("frame value " + i + " must be finite, got " + frames[i]);
      }
    }
  }

  /**
   * Every run of {@code window} consecutive frames, stride 1, of every sequence: {@code [N (T - window + 1), window,
   * P]} row-major, sequence-major then start-major.
   */
  static float[] windows(float[] frames, int[] shape, int window) {
    int n = shape[0];
    int t = shape[1];
    int p = shape[2] * shape[3];
    int per = t - window + 1;
    float[] out = new float[n * per * window * p];
    int k = 0;
    for (int s = 0; s < n; s++) {
      for (int start = 0; start < per; start++) {
        System.arraycopy(frames, (s * t + start) * p, out, k, window * p);
        k += window * p;
      }
    }
    return out;
  }

  /**
   * The row, in {@code frames} read as {@code [N T, P]}, of every encoder frame of every window of
   * {@link #windows}: window {@code (s, start)}'s frame {@code j < depth} is row {@code s T + start + j}.
   */
  static long[] encoderRows(int[] shape, PixelVaeConfig config) {
    int t = shape[1];
    int per = t - config.window() + 1;
    int depth = config.depth();
    long[] rows = new long[shape[0] * per * depth];
    int k = 0;
    for (int s = 0; s < shape[0]; s++) {
      for (int start = 0; start < per; start++) {
        for (int j = 0; j < depth; j++) {
          rows[k++] = (long) s * t + start + j;
        }
      }
    }
    return rows;
  }

  /** A pixel epoch as an {@link EpochRecord}: reconstruction = minus the log-likelihood, regulariser = KL, prior = ELBO. */
  static EpochRecord record(PixelEpochRecord r) {
    return new EpochRecord(r.epoch(), 1, -r.logLikelihood(), r.kl(), r.elbo(), Double.NaN, Double.NaN, 0, 0, 0,
        r.seconds());
  }

  /** Standard normal noise {@code [count, S]} of epoch {@code epoch}. */
  static float[] noise(long seed, int epoch, int count) {
    SplittableRandom r = Streams.noise(seed, epoch);
    float[] e = new float[count];
    for (int i = 0; i < count; i++) {
      e[i] = (float) PixelLayout.gaussian(r);
    }
    return e;
  }

  /** One training run on the full batch of windows. */
  static final class Trainer implements AutoCloseable {
    final PixelVaeConfig c;
    final PixelNetworks net;
    final Adam adam;
    final Adam adamDynamics;
    final NDManager data;
    final NDArray windows;
    final PixelNetworks.EncoderFrames encoder;
    final int count;
    final ai.djl.engine.Engine engine = NeuralEngine.get();

    /**
     * @param frames all frames {@code [F, P]}, each once
     * @param rows the row in {@code frames} of each window's encoder frames ({@link #encoderRows})
     */
    Trainer(PixelVaeConfig c, int pixels, float[] weights, float[] dynamics, float[] windows, int count,
        float[] frames, long[] rows) {
      this.c = c;
      this.net = new PixelNetworks(c, pixels, weights, dynamics);
      this.adam = new Adam(net.manager, net.layout.size, c.learningRate());
      this.adamDynamics = new Adam(net.manager, net.dynamics.layout.size, c.learningRate());
      this.data = net.manager.newSubManager();
      this.count = count;
      this.windows = Tensors.owned(data, windows, new Shape(count, c.window(), pixels));
      NDArray distinct = Tensors.owned(data, frames, new Shape(frames.length / pixels, pixels));
      NDArray index = data.create(rows);
      this.encoder = new PixelNetworks.EncoderFrames(distinct, index);
    }

    /**
     * The ELBO terms {@code (elbo, logLik, kl)} of the current weights with epoch {@code epoch}'s noise; with
     * {@code backward} the gradient of {@code -elbo} is accumulated in both parameter vectors.
     */
    double[] evaluate(int epoch, boolean backward) {
      try (NDManager s = net.manager.newSubManager()) {
        NDArray eps = Tensors.owned(s, noise(c.seed(), epoch, count * c.stateDim()),
            new Shape(count, c.stateDim()));
        PixelNetworks.Terms terms;
        if (backward) {
          try (GradientCollector gc = engine.newGradientCollector()) {
            terms = net.elbo(s, windows, encoder, eps);
            gc.backward(terms.elbo().neg());
          }
        } else {
          terms = net.elbo(s, windows, encoder, eps);
        }
        return new double[] {terms.elbo().getFloat(), terms.logLikelihood().getFloat(), terms.kl().getFloat()};
      }
    }

    PixelVaeModel run(TrainingListener l, int height, int width, Checkpoint resume, int checkpointEvery) {
      List<PixelEpochRecord> history = new ArrayList<>();
      double best = Double.NEGATIVE_INFINITY;
      int bestEpoch = -1;
      float[] bestWeights = null;
      float[] bestDynamics = null;
      int first = 0;
      if (resume != null) {
        Map<String, float[]> v = resume.vectors();
        Map<String, Double> sc = resume.scalars();
        if (v.get("weights") == null || v.get("weights").length != net.layout.size
            || v.get("dynamics") == null || v.get("dynamics").length != net.dynamics.layout.size) {
          throw new IllegalArgumentException("checkpoint does not fit this model: expected weight vectors of "
              + net.layout.size + " and " + net.dynamics.layout.size + " values");
        }
        net.params.set(v.get("weights"));
        net.dynamics.params.set(v.get("dynamics"));
        adam.restore(new Adam.State(v.get("adamM"), v.get("adamV"), sc.get("adamSteps").longValue(),
            sc.get("learningRate")));
        adamDynamics.restore(new Adam.State(v.get("adamDynamicsM"), v.get("adamDynamicsV"),
            sc.get("adamDynamicsSteps").longValue(), sc.get("learningRate")));
        best = sc.get("best");
        bestEpoch = sc.get("bestEpoch").intValue();
        bestWeights = v.get("bestWeights");
        bestDynamics = v.get("bestDynamics");
        for (EpochRecord r : resume.history()) {
          history.add(new PixelEpochRecord(r.epoch(), r.prior(), -r.reconstruction(), r.regulariser(), r.seconds()));
        }
        first = resume.nextEpoch();
      }
      for (int epoch = first; epoch < c.epochs(); epoch++) {
        long t0 = System.nanoTime();
        l.epochStarted(epoch, c.epochs(), 1);
        double[] r = evaluate(epoch, true);
        if (!Double.isFinite(r[0])) {
          throw new TrainingDivergedException(epoch, 0, "ELBO " + r[0]);
        }
        if (r[0] > best) {
          best = r[0];
          bestEpoch = epoch;
          bestWeights = net.weights();
          bestDynamics = net.dynamicsWeights();
        }
        adam.step(net.params);
        adamDynamics.step(net.dynamics.params);
        double seconds = (System.nanoTime() - t0) / 1e9;
        history.add(new PixelEpochRecord(epoch, r[0], r[1], r[2], seconds));
        boolean save = checkpointEvery > 0 && ((epoch + 1) % checkpointEvery == 0 || epoch + 1 == c.epochs());
        l.epochFinished(record(history.get(history.size() - 1)), save
            ? checkpoint(epoch + 1, history, best, bestEpoch, bestWeights, bestDynamics) : null);
      }
      return new PixelVaeModel(c, height, width, bestWeights, bestDynamics, history, best, bestEpoch,
          NeuralEngine.describe());
    }

    private Checkpoint checkpoint(int nextEpoch, List<PixelEpochRecord> history, double best, int bestEpoch,
        float[] bestWeights, float[] bestDynamics) {
      Map<String, float[]> v = new LinkedHashMap<>();
      Adam.State a = adam.state();
      Adam.State ad = adamDynamics.state();
      v.put("weights", net.weights());
      v.put("dynamics", net.dynamicsWeights());
      v.put("adamM", a.m());
      v.put("adamV", a.v());
      v.put("adamDynamicsM", ad.m());
      v.put("adamDynamicsV", ad.v());
      v.put("bestWeights", bestWeights);
      v.put("bestDynamics", bestDynamics);
      Map<String, Double> sc = new LinkedHashMap<>();
      sc.put("adamSteps", (double) a.steps());
      sc.put("adamDynamicsSteps", (double) ad.steps());
      sc.put("learningRate", a.learningRate());
      sc.put("best", best);
      sc.put("bestEpoch", (double) bestEpoch);
      return new Checkpoint(nextEpoch, v, sc, history.stream().map(PixelVae::record).toList());
    }

    @Override
    public void close() {
      data.close();
      adamDynamics.close();
      adam.close();
      net.close();
    }
  }
}

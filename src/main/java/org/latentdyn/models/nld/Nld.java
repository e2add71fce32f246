package org.latentdyn.models.nld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The Neural Langevin Dynamics estimator (Koop et al., NLDL 2024; spec nld.md §7-8): a latent SDE whose prior
 * drift is the gradient of a learned energy, trained as a variational autoencoder by backpropagation through
 * the unrolled Euler-Maruyama solver. {@link #fit} returns an independent {@link NldModel}.
 *
 * <p>Training: Adam (lr times lambda after every step), KL warm-up {@code w = min(klMax, (n + 1) klMax / I)},
 * minibatches reshuffled every epoch with incomplete batches dropped, sequences cropped to {@code length}, a
 * seeded validation split, global gradient-norm clipping at {@code clipNorm}. A non-finite loss, or one far
 * above its running median, restarts training from a fresh initialisation, up to {@value #MAX_ATTEMPTS} attempts
 * in all (spec §8); each restart is reported to {@link TrainingListener#recovered} and counted in the model.
 */
public final class Nld {
  /** Training attempts, the first included. */
  public static final int MAX_ATTEMPTS = 4;
  /** Steps of the running-median window of the divergence check. */
  static final int MEDIAN_WINDOW = 100;

  private Nld() {}

  /**
   * Fits NLD to sequences.
   *
   * @param observations float32 values of shape {@code [sequences, steps, features]}, row-major; not modified
   * @param shape {@code {sequences, steps, features}}
   * @throws TrainingDivergedException when every attempt diverged
   */
  public static NldModel fit(float[] observations, int[] shape, NldConfig config, TrainingListener listener) {
    return fit(observations, shape, config, listener, null);
  }

  /**
   * Fits NLD to sequences, continuing from {@code resume} (a checkpoint that {@code listener} received with an
   * earlier epoch of the same configuration and data) when it is not null. Shuffling and noise are drawn from
   * streams of (seed, epoch), so the resumed run ends with the same weights as the uninterrupted one.
   *
   * @throws TrainingDivergedException when every attempt diverged
   */
  public static NldModel fit(float[] observations, int[] shape, NldConfig config, TrainingListener listener,
      Checkpoint resume) {
    if (shape == null || shape.length != 3) {
      throw new IllegalArgumentException("shape must be [sequences, steps, features], got " + Arrays.toString(shape));
    }
    long expected = (long) shape[0] * shape[1] * shape[2];
    if (shape[0] < 1 || shape[1] < 2 || shape[2] < 1 || observations.length != expected) {
      throw new IllegalArgumentException("observations has " + observations.length + " values for shape "
          + Arrays.toString(shape) + "; expected >= 1 sequence of >= 2 steps, " + expected + " values");
    }
    for (int i = 0; i < observations.length; i++) {
      if (!Float.isFinite(observations[i])) {
        throw new IllegalArgumentException("observations[" + i + "] (sequence " + i / (shape[1] * shape[2])
            + ", step " + i / shape[2] % shape[1] + ", feature " + i % shape[2] + ") must be finite, got "
            + observations[i]);
      }
    }
    TrainingListener l = listener == null ? TrainingListener.NONE : listener;
    Data data = Data.of(observations, shape, config);
    TrainingDivergedException last = null;
    int first = resume == null ? 0 : (int) Math.round(resume.scalars().get("attempt"));
    for (int attempt = first; attempt < MAX_ATTEMPTS; attempt++) {
      try (Trainer t = new Trainer(config, data, attempt)) {
        return t.run(l, attempt == first ? resume : null);
      } catch (TrainingDivergedException e) {
        last = e;
        if (attempt + 1 < MAX_ATTEMPTS) {
          l.recovered(e.epoch(), e.getMessage() + "; restarting from a fresh initialisation (attempt "
              + (attempt + 2) + " of " + MAX_ATTEMPTS + ")", 1.0);
        }
      }
    }
    throw last;
  }

  /** The training data: cropped sequences, split into training and validation indices. */
  record Data(float[] x, int sequences, int steps, int features, int fullSteps, int[] train, int[] validation) {
    static Data of(float[] obs, int[] shape, NldConfig c) {
      int seqs = shape[0];
      int len = Math.min(shape[1], c.length());
      int[] order = new int[seqs];
      for (int i = 0; i < seqs; i++) {
        order[i] = i;
      }
      shuffle(order, Streams.split(c.seed()));
      int nVal = (int) Math.round(c.validationFraction() * seqs);
      int[] validation = Arrays.copyOfRange(order, 0, nVal);
      int[] train = Arrays.copyOfRange(order, nVal, seqs);
      Arrays.sort(train);
      Arrays.sort(validation);
      if (train.length < c.batchSize()) {
        throw new IllegalArgumentException("only " + train.length + " training sequences after holding out "
            + nVal + "; batchSize " + c.batchSize() + " needs at least that many");
      }
      return new Data(obs, seqs, len, shape[2], shape[1], train, validation);
    }

    /** Time-major {@code [steps, batch, features]} of sequences {@code idx[from, from + b)}. */
    float[] batch(int[] idx, int from, int b) {
      float[] out = new float[steps * b * features];
      for (int i = 0; i < b; i++) {
        int s = idx[from + i];
        for (int k = 0; k < steps; k++) {
          System.arraycopy(x, (s * fullSteps + k) * features, out, (k * b + i) * features, features);
        }
      }
      return out;
    }
  }

  static void shuffle(int[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  static float[] gaussians(int count, SplittableRandom r) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) r.nextGaussian();
    }
    return out;
  }

  /** The initial weights of attempt {@code attempt} (attempt 0 draws from the init stream of the seed). */
  static float[] initialWeights(NldNetworks layout, long seed, int attempt) {
    SplittableRandom r = Streams.init(seed);
    for (int i = 0; i < attempt; i++) {
      r = r.split();
    }
    return layout.initialise(r);
  }

  /** One training attempt. */
  static final class Trainer implements AutoCloseable {
    final NldConfig c;
    final Data data;
    final NldNetworks net;
    final Adam adam;
    final ai.djl.engine.Engine engine = NeuralEngine.get();
    final ArrayDeque<Double> recent = new ArrayDeque<>();
    final int attempt;
    long step;
    int clipped;

    Trainer(NldConfig c, Data data, int attempt) {
      this.c = c;
      this.attempt = attempt;
      this.data = data;
      NldNetworks layout = new NldNetworks(c, data.features());
      this.net = new NldNetworks(c, data.features(), initialWeights(layout, c.seed(), attempt));
      this.adam = new Adam(net.manager, net.size, c.learningRate());
    }

    double klWeight(long afterStep) {
      return Math.min(c.klMax(), (afterStep + 1) * c.klMax() / c.klAnnealIters());
    }

    NldModel run(TrainingListener l, Checkpoint resume) {
      List<NldEpochRecord> history = new ArrayList<>();
      List<EpochRecord> records = new ArrayList<>();
      int start = 0;
      if (resume != null) {
        start = restore(resume, history);
        records.addAll(resume.history());
      }
      int b = c.batchSize();
      int batches = data.train().length / b;
      for (int epoch = start; epoch < c.epochs(); epoch++) {
        long t0 = System.nanoTime();
        l.epochStarted(epoch, c.epochs(), batches);
        int[] order = data.train().clone();
        shuffle(order, Streams.shuffle(c.seed(), epoch));
        SplittableRandom noise = Streams.noise(c.seed(), epoch);
        double[] sums = new double[5];
        clipped = 0;
        for (int i = 0; i < batches; i++) {
          double[] r = step(data.batch(order, i * b, b), b, noise, epoch, i);
          for (int k = 0; k < sums.length; k++) {
            sums[k] += r[k];
          }
          l.stepFinished(epoch, i, r[1], r[2], r[3]);
        }
        double w = klWeight(step - 1);
        double validation = validate(w);
        float[] weights = net.weights();
        NldEpochRecord rec = new NldEpochRecord(epoch, sums[0] / batches, sums[1] / batches, sums[2] / batches,
            sums[3] / batches, w, sums[4] / batches, validation, EnergyNetwork.softplus(weights[net.betaRaw]),
            net.energy.stiffness(weights), adam.learningRate(), clipped, (System.nanoTime() - t0) / 1e9);
        history.add(rec);
        EpochRecord r = new EpochRecord(epoch, batches, rec.nll(), rec.pathKl(), rec.kl0(), validation, Double.NaN,
            0, 0, 0, rec.seconds());
        records.add(r);
        l.epochFinished(r, checkpoint(epoch + 1, history, records));
      }
      return new NldModel(c, data.features(), net.weights(), history, NeuralEngine.describe(), attempt);
    }

    /**
     * The whole training state before epoch {@code nextEpoch}: weights, Adam moments, step count and learning
     * rate, the attempt, the running window of the divergence check, and the NLD history (its records as
     * scalars {@code history.<epoch>.<field>}).
     */
    Checkpoint checkpoint(int nextEpoch, List<NldEpochRecord> history, List<EpochRecord> records) {
      Map<String, float[]> v = new LinkedHashMap<>();
      Adam.State a = adam.state();
      v.put("weights", net.weights());
      v.put("adam.m", a.m());
      v.put("adam.v", a.v());
      float[] window = new float[recent.size()];
      int i = 0;
      for (double x : recent) {
        window[i++] = (float) x; // the losses are float32 values
      }
      v.put("recentLosses", window);
      Map<String, Double> s = new LinkedHashMap<>();
      s.put("attempt", (double) attempt);
      s.put("step", (double) step);
      s.put("adam.steps", (double) a.steps());
      s.put("adam.learningRate", a.learningRate());
      for (NldEpochRecord r : history) {
        r.putScalars(s);
      }
      return new Checkpoint(nextEpoch, v, s, List.copyOf(records));
    }

    /** Restores {@link #checkpoint}'s state, appends its NLD history to {@code history}; returns the next epoch. */
    int restore(Checkpoint cp, List<NldEpochRecord> history) {
      float[] w = cp.vectors().get("weights");
      if (w == null || w.length != net.size) {
        throw new IllegalArgumentException("checkpoint weights have " + (w == null ? "no" : w.length) + " values;"
            + " expected " + net.size + " for this configuration and " + data.features() + " features");
      }
      net.params.set(w);
      Map<String, Double> s = cp.scalars();
      adam.restore(new Adam.State(cp.vectors().get("adam.m"), cp.vectors().get("adam.v"),
          Math.round(s.get("adam.steps")), s.get("adam.learningRate")));
      step = Math.round(s.get("step"));
      recent.clear();
      for (float x : cp.vectors().get("recentLosses")) {
        recent.addLast((double) x);
      }
      history.addAll(NldEpochRecord.fromScalars(s, cp.nextEpoch()));
      return cp.nextEpoch();
    }

    /**
     * One optimiser step on a time-major batch {@code x [L, b, D]}; returns the batch means of (loss, nll, path
     * KL, KL0, exact ELBO).
     */
    double[] step(float[] x, int b, SplittableRandom noise, int epoch, int index) {
      int len = data.steps();
      float[] eps0 = gaussians(b * net.n, noise);
      float[] xi = gaussians((len - 1) * b * net.d, noise);
      double w = klWeight(step);
      double[] out;
      try (NDManager s = net.manager.newSubManager()) {
        NDArray xs = Tensors.owned(s, x, new Shape(len, b, data.features()));
        NDArray e0 = Tensors.owned(s, eps0, new Shape(b, net.n));
        NDArray xis = Tensors.owned(s, xi, new Shape(len - 1, b, net.d));
        NDList terms;
        NDArray loss;
        try (GradientCollector gc = engine.newGradientCollector()) {
          terms = net.forward(xs, e0, xis);
          loss = loss(terms, w, c.pathKlFactor());
          gc.backward(loss);
        }
        out = summary(terms, loss);
        checkDivergence(out[0], epoch, index);
        NDArray g = net.params.gradient(s);
        double norm = g.norm().getFloat();
        if (!Double.isFinite(norm)) {
          throw new TrainingDivergedException(epoch, index, "gradient norm " + norm);
        }
        if (norm > c.clipNorm()) {
          g.muli((float) (c.clipNorm() / norm));
          clipped++;
        }
        adam.step(net.params);
        adam.setLearningRate(adam.learningRate() * c.lambda());
      }
      step++;
      return out;
    }

    private void checkDivergence(double loss, int epoch, int index) {
      if (!Double.isFinite(loss)) {
        throw new TrainingDivergedException(epoch, index, "loss " + loss);
      }
      if (recent.size() >= 20) {
        double[] v = recent.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = v[v.length / 2];
        if (loss > median + 10 * Math.max(Math.abs(median), 1.0)) {
          throw new TrainingDivergedException(epoch, index, "loss " + loss + " far above its running median "
              + median);
        }
      }
      recent.addLast(loss);
      if (recent.size() > MEDIAN_WINDOW) {
        recent.removeFirst();
      }
    }

    /** Mean validation loss per sequence with KL weight {@code w}, without gradients; NaN with no validation set. */
    double validate(double w) {
      int[] idx = data.validation();
      if (idx.length == 0) {
        return Double.NaN;
      }
      SplittableRandom noise = Streams.validation(c.seed());
      double total = 0;
      int len = data.steps();
      for (int from = 0; from < idx.length; from += c.batchSize()) {
        int b = Math.min(c.batchSize(), idx.length - from);
        float[] eps0 = gaussians(b * net.n, noise);
        float[] xi = gaussians((len - 1) * b * net.d, noise);
        try (NDManager s = net.manager.newSubManager()) {
          NDList terms = net.forward(Tensors.owned(s, data.batch(idx, from, b), new Shape(len, b, data.features())),
              Tensors.owned(s, eps0, new Shape(b, net.n)), Tensors.owned(s, xi, new Shape(len - 1, b, net.d)));
          total += loss(terms, w, c.pathKlFactor()).getFloat() * b;
        }
      }
      return total / idx.length;
    }

    @Override
    public void close() {
      adam.close();
      net.close();
    }
  }

  /** The batch-mean loss {@code nll + w (kappa pathKl + kl0)} of {@link NldNetworks#forward} terms. */
  static NDArray loss(NDList terms, double w, double kappa) {
    NDArray kl = Tensors.times(terms.get(1), (float) kappa).add(terms.get(2));
    return terms.get(0).add(Tensors.times(kl, (float) w)).mean();
  }

  /** Batch means (loss, nll, pathKl, kl0, exact ELBO). */
  static double[] summary(NDList terms, NDArray loss) {
    double nll = terms.get(0).mean().getFloat();
    double path = terms.get(1).mean().getFloat();
    double kl0 = terms.get(2).mean().getFloat();
    return new double[] {loss.getFloat(), nll, path, kl0, -(nll + 0.5 * path + kl0)};
  }
}

package org.latentdyn.models.baselines;

import org.latentdyn.train.Streams;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.LaggedPairs;
import org.latentdyn.data.Splits;
import org.latentdyn.nn.Adam;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.fused.ActiveTrainings;
import org.latentdyn.nn.SlicedWasserstein;
import org.latentdyn.nn.Tensors;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.Engine;
import org.latentdyn.train.EpochLoop;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingDivergedException;
import org.latentdyn.train.TrainingListener;

/**
 * The estimator of the three baselines of spec dynae.md §8 (paper Table 1): {@link BetaVaeConfig beta-VAE},
 * {@link SwaeConfig SWAE} and {@link SdeVaeConfig SDE-VAE}; the losses are documented on their configs'
 * objectives ({@code Objective.BetaVae}, {@code Objective.Swae}, {@code Objective.SdeVae}). Training is the
 * same for all: plain shuffled minibatches (single frames, or lagged pairs for SDE-VAE), one Adam step per
 * minibatch on all weights, seeded streams per epoch, a validation loss per epoch. The input is never modified;
 * the returned {@link BaselineModel} is independent of the estimator.
 */
public final class Baselines {
  private Baselines() {}

  /** Roll-backs (each halving the learning rate) before a diverging run is given up. */
  public static final int MAX_RECOVERIES = 3;

  /** Trains the baseline the configuration names, from scratch. */
  public static BaselineModel fit(Dataset data, BaselineConfig config, TrainingListener listener) {
    return fit(data, config, listener, null);
  }

  /**
   * Trains the baseline the configuration names, continuing from {@code resume} when it is not null (a
   * checkpoint of the same data and configuration). A diverging epoch is rolled back and retried with half the
   * learning rate, up to {@link #MAX_RECOVERIES} times ({@link EpochLoop}).
   *
   * @throws IllegalArgumentException for data the configuration cannot use
   * @throws TrainingDivergedException when a loss stays NaN or infinite after the recoveries
   */
  public static BaselineModel fit(Dataset data, BaselineConfig config, TrainingListener listener,
      Checkpoint resume) {
    return fit(FrameStore.of(data.concatenated()), data.lengths(), config, listener, resume);
  }

  /**
   * Trains on one trajectory whose frames are read by index as the minibatches need them (a movie streamed from
   * its memory map); the same numbers as on the same frames held in memory.
   */
  public static BaselineModel fit(FrameStore frames, BaselineConfig config, TrainingListener listener,
      Checkpoint resume) {
    return fit(frames, new int[] {frames.frames()}, config, listener, resume);
  }

  private static BaselineModel fit(FrameStore frames, int[] lengths, BaselineConfig config,
      TrainingListener listener, Checkpoint resume) {
    if (config.latentDim() > frames.features()) {
      throw new IllegalArgumentException("latentDim " + config.latentDim() + " is larger than the data's "
          + frames.features() + " features; expected 1 <= latentDim <= " + frames.features());
    }
    Objective objective = Objective.of(config);
    long splitSeed = Streams.split(config.seed()).nextLong();
    Samples train;
    Samples validation;
    if (objective.pairs()) {
      LaggedPairs.Split s = LaggedPairs.of(lengths, ((SdeVaeConfig) config).lag())
          .split(1 - config.validationFraction(), splitSeed);
      train = new Samples(s.train().firstIndices(), s.train().secondIndices());
      validation = new Samples(s.validation().firstIndices(), s.validation().secondIndices());
    } else {
      Splits.IndexSplit s = Splits.trainValidation(frames.frames(), 1 - config.validationFraction(), splitSeed);
      train = new Samples(s.train(), null);
      validation = new Samples(s.validation(), null);
    }
    if (train.size() < 2) {
      throw new IllegalArgumentException("only " + train.size() + " training samples; expected at least 2");
    }
    try (Trainer t = new Trainer(frames.features(), config, objective, frames, train, validation, listener)) {
      List<EpochRecord> history = EpochLoop.run(t, config.epochs(), listener, resume, MAX_RECOVERIES);
      return new BaselineModel(config, frames.features(), t.params(), history,
          config.engine() == Engine.JAVA ? "plain Java (fused step)" : NeuralEngine.describe());
    }
  }

  /** Frame indices of the samples: {@code second} is null for single-frame models. */
  record Samples(int[] first, int[] second) {
    int size() {
      return first.length;
    }
  }

  /** Training state and per-epoch work; package-private for the known-answer loss tests. */
  static final class Trainer implements AutoCloseable, EpochLoop.Epochs {
    final BaselineConfig c;
    final Objective objective;
    final BaselineNetworks net;
    final Adam adam;
    /** The fused step when {@code c.engine() == JAVA}: it owns the weights during an epoch; null for DJL. */
    final FusedBaselineStep fused;
    /** Product of the recovery policy's learning-rate reductions so far (1 = none). */
    double learningRateScale = 1;
    final int features;
    final FrameStore frames;
    final Samples train;
    final Samples validation;
    final TrainingListener listener;

    Trainer(int features, BaselineConfig c, Objective objective, FrameStore frames, Samples train, Samples validation,
        TrainingListener listener) {
      this.c = c;
      this.objective = objective;
      this.features = features;
      this.frames = frames;
      this.train = train;
      this.validation = validation;
      this.listener = listener;
      this.net = new BaselineNetworks(features, c, null);
      this.adam = new Adam(net.manager, net.params.size(), c.learningRate());
      this.fused = c.engine() == Engine.JAVA ? new FusedBaselineStep(features, c, net.params.toArray(),
          c.learningRate()) : null;
      ActiveTrainings.enter(); // last: a constructor that throws leaves nothing to close
    }

    /** The current weights. */
    float[] params() {
      return fused != null ? fused.params() : net.params.toArray();
    }

    /** Overwrites the weights (of both engines' copies). */
    void setParams(float[] v) {
      net.params.set(v);
      if (fused != null) {
        fused.setParams(v);
      }
    }

    Adam.State adamState() {
      return fused != null ? fused.adamState() : adam.state();
    }

    void restoreAdam(Adam.State a) {
      if (fused != null) {
        fused.restoreAdam(a);
      } else {
        adam.restore(a);
      }
    }

    @Override
    public double learningRateScale() {
      return learningRateScale;
    }

    @Override
    public void scaleLearningRates(double factor) {
      learningRateScale *= factor;
      Adam.State a = adamState();
      restoreAdam(new Adam.State(a.m(), a.v(), a.steps(), a.learningRate() * factor));
    }

    int framesPerSample() {
      return objective.pairs() ? 2 : 1;
    }

    @Override
    public EpochRecord epoch(int epoch) {
      long t0 = System.nanoTime();
      int b = Math.min(c.batchSize(), train.size());
      int[] perm = Splits.permutation(train.size(), Streams.shuffle(c.seed(), epoch).nextLong());
      int steps = train.size() / b;
      SplittableRandom noise = Streams.noise(c.seed(), epoch);
      SplittableRandom proj = Streams.projections(c.seed(), epoch);
      int rows = framesPerSample() * b;
      float[] x = new float[rows * features];
      float[] eps = new float[rows * c.latentDim()];
      double[] sums = new double[3];
      listener.epochStarted(epoch, c.epochs(), steps);
      for (int k = 0; k < steps; k++) {
        gather(train, perm, k * b, b, x);
        objective.drawNoise(eps, noise);
        float[] dirs = objective.projections() > 0
            ? SlicedWasserstein.directions(c.latentDim(), objective.projections(), proj) : null;
        double[] losses = step(x, b, eps, dirs);
        for (int j = 0; j < 3; j++) {
          if (!Double.isFinite(losses[j])) {
            String[] names = {"reconstruction loss", "regulariser", "prior loss"};
            throw new TrainingDivergedException(epoch, k, names[j] + " = " + losses[j]);
          }
          sums[j] += losses[j];
        }
        listener.stepFinished(epoch, k, losses[0], losses[1], losses[2]);
      }
      if (fused != null) {
        net.params.set(fused.params());
      }
      double[] val = validate();
      return new EpochRecord(epoch, steps, sums[0] / steps, sums[1] / steps, sums[2] / steps, val[0], val[1], 1,
          train.size(), 0.0, (System.nanoTime() - t0) / 1e9);
    }

    /** Copies samples {@code order[from .. from + b)} into {@code x}: first frames, then (pairs) second frames. */
    void gather(Samples s, int[] order, int from, int b, float[] x) {
      for (int i = 0; i < b; i++) {
        int k = order == null ? from + i : order[from + i];
        frames.copy(s.first()[k], x, i * features);
        if (s.second() != null) {
          frames.copy(s.second()[k], x, (b + i) * features);
        }
      }
    }

    /** One Adam step on reconstruction + beta (regulariser + prior); returns the three unweighted terms. */
    double[] step(float[] x, int b, float[] eps, float[] dirs) {
      return fused != null ? fused.step(x, b, eps, dirs) : djlStep(x, b, eps, dirs);
    }

    /** {@link #step} with DJL autograd: the reference for {@link FusedBaselineStep}. */
    double[] djlStep(float[] x, int b, float[] eps, float[] dirs) {
      try (NDManager s = net.manager.newSubManager()) {
        NDArray[] l;
        try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
          l = losses(s, x, b, eps, dirs);
          gc.backward(l[0].add(Tensors.times(l[1].add(l[2]), (float) c.beta())));
        }
        adam.step(net.params);
        return new double[] {l[0].getFloat(), l[1].getFloat(), l[2].getFloat()};
      }
    }

    /** The objective's three loss terms on raw inputs, arrays owned by {@code s}. */
    NDArray[] losses(NDManager s, float[] x, int b, float[] eps, float[] dirs) {
      int rows = framesPerSample() * b;
      int d = c.latentDim();
      NDArray xs = Tensors.owned(s, x, new Shape(rows, features));
      NDArray noise = Tensors.owned(s, eps, new Shape(rows, d));
      NDArray directions = dirs == null ? null : Tensors.owned(s, dirs, new Shape(d, dirs.length / d));
      return objective.losses(net, xs, b, noise, directions);
    }

    /** Losses as doubles without a gradient step (for tests and validation), on the configured engine. */
    double[] evaluate(float[] x, int b, float[] eps, float[] dirs) {
      if (fused != null) {
        return fused.compute(x, b, eps, dirs, false);
      }
      try (NDManager s = net.manager.newSubManager()) {
        NDArray[] l = losses(s, x, b, eps, dirs);
        return new double[] {l[0].getFloat(), l[1].getFloat(), l[2].getFloat()};
      }
    }

    /**
     * Validation (reconstruction, regulariser + prior) per sample, in chunks of the batch size, with noise and
     * directions from a stream that is the same every epoch.
     */
    double[] validate() {
      int n = validation.size();
      if (n == 0) {
        return new double[] {Double.NaN, Double.NaN};
      }
      SplittableRandom r = Streams.validation(c.seed());
      double rec = 0;
      double latent = 0;
      for (int start = 0; start < n; start += c.batchSize()) {
        int m = Math.min(c.batchSize(), n - start);
        float[] x = new float[framesPerSample() * m * features];
        float[] eps = new float[framesPerSample() * m * c.latentDim()];
        gather(validation, null, start, m, x);
        objective.drawNoise(eps, r);
        float[] dirs = objective.projections() > 0
            ? SlicedWasserstein.directions(c.latentDim(), objective.projections(), r) : null;
        double[] l = evaluate(x, m, eps, dirs);
        rec += l[0] * m;
        latent += (l[1] + l[2]) * m;
      }
      return new double[] {rec / n, latent / n};
    }

    @Override
    public Checkpoint checkpoint(int nextEpoch, List<EpochRecord> history) {
      Map<String, float[]> v = new LinkedHashMap<>();
      Adam.State a = adamState();
      v.put("params", params());
      v.put("adamM", a.m());
      v.put("adamV", a.v());
      Map<String, Double> s = new LinkedHashMap<>();
      s.put("adamSteps", (double) a.steps());
      s.put("adamLearningRate", a.learningRate());
      s.put("learningRateScale", learningRateScale);
      return new Checkpoint(nextEpoch, v, s, List.copyOf(history));
    }

    @Override
    public void restore(Checkpoint cp) {
      float[] p = cp.vectors().get("params");
      if (p == null || p.length != net.params.size()) {
        throw new IllegalArgumentException("checkpoint holds " + (p == null ? "no" : p.length)
            + " weights; this configuration needs " + net.params.size());
      }
      setParams(p);
      restoreAdam(new Adam.State(cp.vectors().get("adamM"), cp.vectors().get("adamV"),
          cp.scalars().get("adamSteps").longValue(), cp.scalars().get("adamLearningRate")));
      learningRateScale = cp.scalars().getOrDefault("learningRateScale", 1.0);
    }

    @Override
    public void close() {
      ActiveTrainings.exit();
      net.close();
    }
  }
}

package org.latentdyn.models.dynae;

import org.latentdyn.train.Streams;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentdyn.analysis.Clustering;
import org.latentdyn.analysis.RegularSpaceClustering;
import org.latentdyn.analysis.TooManyCentersException;
import org.latentdyn.analysis.WellTemperedResampling;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Standardizer;
import org.latentdyn.data.LaggedPairs;
import org.latentdyn.data.Splits;
import org.latentdyn.nn.Adam;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.fused.ActiveTrainings;
import org.latentdyn.nn.SlicedWasserstein;
import org.latentdyn.nn.Tensors;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.EpochLoop;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingDivergedException;
import org.latentdyn.train.TrainingListener;

/**
 * The DynAE estimator: trains encoder, decoder, force and diffusion nets with Algorithm 1 of the paper
 * (spec dynae.md §3-4) and returns an independent {@link DynaeModel}. The input dataset is never modified.
 *
 * <p>Per step: (a) one Adam step on the representation loss (paper Eq. 3 with the unit-diffusion prior
 * samples of Eq. 8, {@code dz~ = f(z0) + sqrt(2) eps}); (b) one Adam step on the prior loss (Eq. 6-7) with
 * the latents of the same step, detached. Epoch 0 is a warm-up over plain shuffled minibatches with beta/100
 * and the warm-up learning rate; from epoch 1 every epoch re-bins the latent by regular-space clustering and
 * draws single-bin minibatches by well-tempered resampling (Eq. 13). With
 * {@link DynaeConfig#uniformReconstruction()} the reconstruction term of each step after the warm-up is taken on a
 * second minibatch of pairs drawn uniformly from all training pairs.
 */
public final class Dynae {
  /** Noise scale of the Euler-Maruyama increment with M = 1 and unit lag: sqrt(2 M dt). */
  public static final float PRIOR_NOISE_SCALE = (float) Math.sqrt(2.0);
  private static final int VALIDATION_CHUNK = 4096;
  /** Roll-backs (each halving the learning rates) before a diverging run is given up. */
  public static final int MAX_RECOVERIES = 3;

  private Dynae() {}

  /** Trains from scratch. */
  public static DynaeModel fit(Dataset data, DynaeConfig config, TrainingListener listener) {
    return fit(data, config, listener, null);
  }

  /**
   * Trains, continuing from {@code resume} when it is not null (a checkpoint of the same data and config).
   *
   * @throws IllegalArgumentException for data the configuration cannot use (too short for the lag, latent
   *     dimension larger than the features, bins over the cap)
   * @throws TrainingDivergedException when a loss becomes NaN or infinite
   */
  public static DynaeModel fit(Dataset data, DynaeConfig config, TrainingListener listener, Checkpoint resume) {
    checkLatentDim(config, data.features());
    Standardizer input = config.standardize() ? Standardizer.fit(data) : null;
    FrameStore frames = FrameStore.of((input == null ? data : input.apply(data)).concatenated());
    return fit(frames, LaggedPairs.of(data, config.lag()), input, config, listener, resume);
  }

  /**
   * Trains on one trajectory whose frames are read by index as the minibatches need them, so that a movie larger
   * than memory trains from its memory map; the same numbers as {@link #fit(Dataset, DynaeConfig,
   * TrainingListener, Checkpoint)} on the same frames held in memory.
   *
   * @throws IllegalArgumentException also when the configuration standardises its inputs (that needs the data's
   *     statistics in memory; movie pixels are used as they are)
   */
  public static DynaeModel fit(FrameStore frames, DynaeConfig config, TrainingListener listener, Checkpoint resume) {
    if (config.standardize()) {
      throw new IllegalArgumentException("standardize = true needs the frames in memory; train a streamed movie"
          + " with standardize = false");
    }
    checkLatentDim(config, frames.features());
    return fit(frames, LaggedPairs.of(new int[] {frames.frames()}, config.lag()), null, config, listener, resume);
  }

  private static void checkLatentDim(DynaeConfig config, int features) {
    if (config.latentDim() > features) {
      throw new IllegalArgumentException("latentDim " + config.latentDim() + " is larger than the data's "
          + features + " features; expected 1 <= latentDim <= " + features);
    }
  }

  private static DynaeModel fit(FrameStore frames, LaggedPairs pairs, Standardizer input, DynaeConfig config,
      TrainingListener listener, Checkpoint resume) {
    LaggedPairs.Split split = pairs.split(1 - config.validationFraction(), Streams.split(config.seed()).nextLong());
    LaggedPairs train = split.train();
    if (train.size() < 2) {
      throw new IllegalArgumentException("only " + train.size() + " training pairs at lag " + config.lag()
          + "; expected at least 2");
    }
    Trainer t = new Trainer(frames.features(), config, frames, train, split.validation(), listener);
    try {
      List<EpochRecord> history = EpochLoop.run(t, config.epochs(), withInput(listener, input), resume,
          MAX_RECOVERIES);
      return new DynaeModel(config, frames.features(), t.net.rep.toArray(), t.net.prior.toArray(), history,
          NeuralEngine.describe(), input);
    } finally {
      t.close();
    }
  }

  /** {@code listener} whose checkpoints also carry the input standardisation (for models built from them). */
  private static TrainingListener withInput(TrainingListener listener, Standardizer input) {
    if (input == null) {
      return listener;
    }
    return new TrainingListener() {
      @Override
      public void epochStarted(int epoch, int epochs, int steps) {
        listener.epochStarted(epoch, epochs, steps);
      }

      @Override
      public void stepFinished(int epoch, int step, double reconstruction, double regulariser, double prior) {
        listener.stepFinished(epoch, step, reconstruction, regulariser, prior);
      }

      @Override
      public void epochFinished(EpochRecord record, Checkpoint c) {
        Map<String, float[]> v = new LinkedHashMap<>(c.vectors());
        v.put(DynaeModel.INPUT_MEAN, input.mean());
        Map<String, Double> sc = new LinkedHashMap<>(c.scalars());
        sc.put(DynaeModel.INPUT_SCALE, input.scale());
        listener.epochFinished(record, new Checkpoint(c.nextEpoch(), v, sc, c.history()));
      }

      @Override
      public void recovered(int epoch, String message, double learningRateScale) {
        listener.recovered(epoch, message, learningRateScale);
      }
    };
  }

  /**
   * The training state and the per-epoch work. Package-private so that tests can compare the two step engines
   * on the same weights and inputs.
   */
  static final class Trainer implements AutoCloseable, EpochLoop.Epochs {
    final DynaeConfig c;
    final DynaeNetworks net;
    final FrameStore frames;
    final int features;
    final LaggedPairs train;
    final LaggedPairs validation;
    final TrainingListener listener;
    final Engine engine = NeuralEngine.get();
    Adam repAdam;
    final Adam priorAdam;
    /** Product of the learning-rate reductions of the recovery policy so far (1 = none). */
    double learningRateScale = 1;
    /** The fused step when {@code c.engine() == JAVA}: it owns the weights during an epoch; null for DJL. */
    final FusedDynaeStep fused;

    @Override
    public double learningRateScale() {
      return learningRateScale;
    }

    @Override
    public void scaleLearningRates(double factor) {
      learningRateScale *= factor;
      if (fused != null) {
        Adam.State a = fused.repAdamState();
        fused.restoreRepAdam(new Adam.State(a.m(), a.v(), a.steps(), a.learningRate() * factor));
        Adam.State p = fused.priorAdamState();
        fused.restorePriorAdam(new Adam.State(p.m(), p.v(), p.steps(), p.learningRate() * factor));
      } else {
        repAdam.setLearningRate(repAdam.learningRate() * factor);
        priorAdam.setLearningRate(priorAdam.learningRate() * factor);
      }
    }

    Trainer(int features, DynaeConfig c, FrameStore frames, LaggedPairs train, LaggedPairs validation,
        TrainingListener listener) {
      this.c = c;
      this.features = features;
      this.frames = frames;
      this.train = train;
      this.validation = validation;
      this.listener = listener;
      this.net = new DynaeNetworks(features, c, null, null);
      this.repAdam = new Adam(net.manager, net.rep.size(), c.warmupLearningRate());
      this.priorAdam = new Adam(net.manager, net.prior.size(), c.priorLearningRate());
      this.fused = c.engine() == org.latentdyn.train.Engine.JAVA
          ? new FusedDynaeStep(features, c, net.rep.toArray(), net.prior.toArray(), c.warmupLearningRate(),
              Runtime.getRuntime().availableProcessors() >= 2)
          : null;
      ActiveTrainings.enter(); // last: a constructor that throws leaves nothing to close
    }

    @Override
    public EpochRecord epoch(int epoch) {
      long t0 = System.nanoTime();
      if (epoch == 1) {
        // the reference code re-creates the encoder/decoder optimiser at the full rate after the warm-up
        double rate = c.learningRate() * learningRateScale;
        if (fused != null) {
          fused.resetRepAdam(rate);
        } else {
          repAdam.close();
          repAdam = new Adam(net.manager, net.rep.size(), rate);
        }
      }
      SplittableRandom shuffle = Streams.shuffle(c.seed(), epoch);
      Batches batches = epoch == 0 ? warmupBatches(shuffle) : binnedBatches(epoch, shuffle);
      int groups = epoch == 0 ? 1 : c.binsPerBatch();
      double beta = epoch == 0 ? c.beta() / 100 : c.beta();
      SplittableRandom proj = Streams.projections(c.seed(), epoch);
      SplittableRandom noise = Streams.noise(c.seed(), epoch);
      int d = c.latentDim();
      int b = c.batchSize();
      float[] x = new float[2 * b * features];
      float[] eps = new float[b * d];
      // the separate uniform reconstruction minibatch (not in the warm-up, whose minibatches are uniform already)
      float[] xRec = c.uniformReconstruction() && epoch > 0 ? new float[2 * b * features] : null;
      SplittableRandom recPairs = Streams.reconstruction(c.seed(), epoch);
      double sumRec = 0;
      double sumReg = 0;
      double sumPrior = 0;
      listener.epochStarted(epoch, c.epochs(), batches.list.size());
      for (int k = 0; k < batches.list.size(); k++) {
        int[] batch = batches.list.get(k);
        for (int i = 0; i < b; i++) {
          int pair = batch[i];
          frames.copy(train.first(pair), x, i * features);
          frames.copy(train.second(pair), x, (b + i) * features);
        }
        for (int i = 0; i < eps.length; i++) {
          eps[i] = (float) noise.nextGaussian();
        }
        if (xRec != null) {
          for (int i = 0; i < b; i++) {
            int pair = recPairs.nextInt(train.size());
            frames.copy(train.first(pair), xRec, i * features);
            frames.copy(train.second(pair), xRec, (b + i) * features);
          }
        }
        float[] dirs = SlicedWasserstein.directions(d, c.projections(), proj);
        double[] losses = step(x, b, beta, dirs, eps, groups, xRec);
        for (int j = 0; j < 3; j++) {
          if (!Double.isFinite(losses[j])) {
            String[] names = {"reconstruction loss", "sliced-Wasserstein regulariser", "prior loss"};
            throw new TrainingDivergedException(epoch, k, names[j] + " = " + losses[j]);
          }
        }
        sumRec += losses[0];
        sumReg += losses[1];
        sumPrior += losses[2];
        listener.stepFinished(epoch, k, losses[0], losses[1], losses[2]);
      }
      if (fused != null) {
        // encoding, binning, validation, checkpoints and the model read the DJL vectors
        net.rep.set(fused.rep());
        net.prior.set(fused.prior());
      }
      int n = Math.max(1, batches.list.size());
      double[] val = validate();
      return new EpochRecord(epoch, batches.list.size(), sumRec / n, sumReg / n, sumPrior / n, val[0], val[1],
          batches.bins, batches.smallestBin, batches.droppedFraction, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * One step of Algorithm 1; returns (reconstruction, sliced Wasserstein, prior loss). The representation
     * loss reaches only the encoder/decoder (the prior samples are constants) and the prior loss only the force
     * and diffusion nets (it sees detached latents), so one backward pass of their sum yields exactly the two
     * gradients of the paper's two-step update; the two Adam steps then follow, as in Algorithm 1. Runs on the
     * configured engine; the fused one leaves the DJL vectors stale until the end of the epoch.
     */
    double[] step(float[] x, int b, double beta, float[] dirs, float[] eps, int groups) {
      return step(x, b, beta, dirs, eps, groups, null);
    }

    /**
     * {@link #step(float[], int, double, float[], float[], int)} with the reconstruction term on the frames
     * {@code xRec [2b, features]} (a uniform minibatch, {@link DynaeConfig#uniformReconstruction()}) instead of on
     * {@code x} when {@code xRec} is not null.
     */
    double[] step(float[] x, int b, double beta, float[] dirs, float[] eps, int groups, float[] xRec) {
      return fused != null ? fused.step(x, b, beta, dirs, eps, groups, xRec)
          : djlStep(x, b, beta, dirs, eps, groups, xRec);
    }

    /** {@link #step} with DJL autograd: the reference for {@link FusedDynaeStep}. */
    double[] djlStep(float[] x, int b, double beta, float[] dirs, float[] eps, int groups, float[] xRec) {
      int d = c.latentDim();
      try (NDManager s = net.manager.newSubManager()) {
        NDArray xs = Tensors.owned(s, x, new Shape(2L * b, features));
        NDArray directions = Tensors.owned(s, dirs, new Shape(d, c.projections()));
        NDArray noise = Tensors.owned(s, eps, new Shape(b, d));
        // one encoder pass over the pairs and, when separate, the reconstruction frames after them
        NDArray target = xRec == null ? xs : Tensors.owned(s, xRec, new Shape(2L * b, features));
        NDArray recLoss;
        NDArray swLoss;
        NDArray priorLoss;
        try (GradientCollector gc = engine.newGradientCollector()) {
          NDArray zAll = net.encoder.forward(net.rep, xRec == null ? xs : xs.concat(target));
          NDArray z0 = zAll.get(new NDIndex().addSliceDim(0, b));
          NDArray z1 = zAll.get(new NDIndex().addSliceDim(b, 2L * b));
          NDArray zRec = xRec == null ? zAll : zAll.get(new NDIndex().addSliceDim(2L * b, 4L * b));
          recLoss = Tensors.over(net.decoder.forward(net.rep, zRec).sub(target).square().sum(), b);
          NDArray dz = z1.sub(z0);
          NDArray z0d = z0.stopGradient();
          NDArray f0 = net.force.forward(net.prior, z0d);
          NDArray dzPrior = noise.mul(PRIOR_NOISE_SCALE).add(f0.stopGradient());
          swLoss = SlicedWasserstein.distance(dz, dzPrior, directions, groups);
          priorLoss = priorLoss(z0d, dz.stopGradient(), f0, b);
          gc.backward(recLoss.add(Tensors.times(swLoss, (float) beta)).add(priorLoss));
        }
        repAdam.step(net.rep);
        priorAdam.step(net.prior);
        return new double[] {recLoss.getFloat(), swLoss.getFloat(), priorLoss.getFloat()};
      }
    }

    /** Paper Eq. 7: mean over the batch of 1/2 sum_i [log M_i + (dz_i - M_i f_i - dM_i/dz_i)^2 / (2 M_i)]. */
    NDArray priorLoss(NDArray z0, NDArray dz, NDArray f, int b) {
      NDList g = net.logDiffusion.forwardWithJacobianDiagonal(net.prior, z0);
      NDArray logM = g.get(0);
      NDArray m = logM.exp();
      NDArray dm = m.mul(g.get(1));
      if (c.referenceJacobian()) {
        dm = dm.stopGradient();
      }
      NDArray r = dz.sub(m.mul(f)).sub(dm);
      return Tensors.times(logM.add(r.square().div(Tensors.times(m, 2f))).sum(), 0.5f / b);
    }

    /**
     * Validation reconstruction and prior loss (per pair), in chunks, without gradients; on the fused engine's
     * current weights when it is selected.
     */
    double[] validate() {
      int n = validation.size();
      if (n == 0) {
        return new double[] {Double.NaN, Double.NaN};
      }
      double rec = 0;
      double pri = 0;
      if (fused != null) {
        int chunk = c.batchSize();
        float[] x = new float[2 * chunk * features];
        for (int start = 0; start < n; start += chunk) {
          int m = Math.min(chunk, n - start);
          for (int i = 0; i < m; i++) {
            frames.copy(validation.first(start + i), x, i * features);
            frames.copy(validation.second(start + i), x, (m + i) * features);
          }
          double[] sums = fused.lossSums(x, m);
          rec += sums[0];
          pri += sums[1];
        }
        return new double[] {rec / n, pri / n};
      }
      int chunk = Math.min(VALIDATION_CHUNK, net.chunkRows() / 2);
      for (int start = 0; start < n; start += chunk) {
        int m = Math.min(chunk, n - start);
        float[] x = new float[2 * m * features];
        for (int i = 0; i < m; i++) {
          frames.copy(validation.first(start + i), x, i * features);
          frames.copy(validation.second(start + i), x, (m + i) * features);
        }
        try (NDManager s = net.manager.newSubManager()) {
          NDArray xs = Tensors.owned(s, x, new Shape(2L * m, features));
          NDArray z = net.encoder.forward(net.rep, xs);
          rec += net.decoder.forward(net.rep, z).sub(xs).square().sum().getFloat();
          NDArray z0 = z.get(new NDIndex().addSliceDim(0, m));
          NDArray z1 = z.get(new NDIndex().addSliceDim(m, 2L * m));
          pri += priorLoss(z0, z1.sub(z0), net.force.forward(net.prior, z0), 1).getFloat();
        }
      }
      return new double[] {rec / n, pri / n};
    }

    Batches warmupBatches(SplittableRandom r) {
      int[] perm = Splits.permutation(train.size(), r.nextLong());
      int b = c.batchSize();
      List<int[]> list = new ArrayList<>();
      for (int start = 0; start + b <= perm.length; start += b) {
        int[] batch = new int[b];
        System.arraycopy(perm, start, batch, 0, b);
        list.add(batch);
      }
      if (list.isEmpty()) {
        list.add(fill(perm, b, r));
      }
      return new Batches(list, 1, train.size(), 0);
    }

    Batches binnedBatches(int epoch, SplittableRandom r) {
      int d = c.latentDim();
      int n = train.size();
      float[] z0;
      if (fused != null) {
        float[] x0 = new float[n * features];
        for (int i = 0; i < n; i++) {
          frames.copy(train.first(i), x0, i * features);
        }
        z0 = fused.encode(x0, n);
      } else {
        z0 = net.encodeFrames(frames, train::first, n);
      }
      Clustering bins;
      try {
        bins = RegularSpaceClustering.fit(z0, d, new RegularSpaceClustering.Options(c.dMin(), c.maxBins()));
      } catch (TooManyCentersException e) {
        throw new IllegalArgumentException("epoch " + epoch + ": binning the latent with dMin = " + c.dMin()
            + " needs more than maxBins = " + c.maxBins() + " bins; use a larger dMin (or maxBins)", e);
      }
      int[] assignment = bins.assign(z0, d);
      WellTemperedResampling.Resampling rs = WellTemperedResampling.sample(assignment, n,
          new WellTemperedResampling.Options(c.gamma(), 2 * d + 1), r.nextLong());
      int[] sizes = rs.binSizes();
      int[][] members = new int[sizes.length][];
      int[] fillAt = new int[sizes.length];
      for (int k = 0; k < sizes.length; k++) {
        members[k] = new int[sizes[k]];
      }
      for (int i = 0; i < n; i++) {
        members[assignment[i]][fillAt[assignment[i]]++] = i;
      }
      // single-bin sub-batches of b / binsPerBatch pairs (b when binsPerBatch = 1, Algorithm 1), in random order
      int groups = c.binsPerBatch();
      int b = c.batchSize() / groups;
      List<int[]> list = new ArrayList<>();
      int[] counts = rs.counts();
      for (int k = 0; k < counts.length; k++) {
        if (counts[k] == 0) {
          continue;
        }
        int[] drawn = rs.indicesOf(k);
        int nb = Math.max(1, (int) Math.round(counts[k] / (double) b));
        for (int j = 0; j < nb; j++) {
          int[] batch = new int[b];
          for (int i = 0; i < b; i++) {
            int pos = j * b + i;
            batch[i] = pos < drawn.length ? drawn[pos] : members[k][r.nextInt(members[k].length)];
          }
          list.add(batch);
        }
      }
      Collections.shuffle(list, new java.util.Random(r.nextLong()));
      return new Batches(groups == 1 ? list : joined(list, groups), rs.keptBins(), rs.smallestKeptBin(),
          rs.droppedFraction());
    }

    /**
     * Consecutive runs of {@code groups} sub-batches joined into one minibatch each (a remainder of fewer than
     * {@code groups} is dropped; fewer than {@code groups} sub-batches in all are repeated to fill one).
     */
    private static List<int[]> joined(List<int[]> subBatches, int groups) {
      int size = subBatches.get(0).length;
      int count = Math.max(1, subBatches.size() / groups);
      List<int[]> out = new ArrayList<>(count);
      for (int j = 0; j < count; j++) {
        int[] batch = new int[groups * size];
        for (int g = 0; g < groups; g++) {
          System.arraycopy(subBatches.get((j * groups + g) % subBatches.size()), 0, batch, g * size, size);
        }
        out.add(batch);
      }
      return out;
    }

    private static int[] fill(int[] pool, int b, SplittableRandom r) {
      int[] batch = new int[b];
      for (int i = 0; i < b; i++) {
        batch[i] = pool[i < pool.length ? i : r.nextInt(pool.length)];
      }
      return batch;
    }

    @Override
    public Checkpoint checkpoint(int nextEpoch, List<EpochRecord> history) {
      Map<String, float[]> v = new LinkedHashMap<>();
      v.put("rep", net.rep.toArray());
      v.put("prior", net.prior.toArray());
      Adam.State a = fused != null ? fused.repAdamState() : repAdam.state();
      Adam.State p = fused != null ? fused.priorAdamState() : priorAdam.state();
      v.put("repAdamM", a.m());
      v.put("repAdamV", a.v());
      v.put("priorAdamM", p.m());
      v.put("priorAdamV", p.v());
      Map<String, Double> s = new LinkedHashMap<>();
      s.put("repAdamSteps", (double) a.steps());
      s.put("repAdamLearningRate", a.learningRate());
      s.put("priorAdamSteps", (double) p.steps());
      s.put("priorAdamLearningRate", p.learningRate());
      s.put("learningRateScale", learningRateScale);
      return new Checkpoint(nextEpoch, v, s, List.copyOf(history));
    }

    @Override
    public void restore(Checkpoint cp) {
      net.rep.set(cp.vectors().get("rep"));
      net.prior.set(cp.vectors().get("prior"));
      Adam.State a = new Adam.State(cp.vectors().get("repAdamM"), cp.vectors().get("repAdamV"),
          cp.scalars().get("repAdamSteps").longValue(), cp.scalars().get("repAdamLearningRate"));
      Adam.State p = new Adam.State(cp.vectors().get("priorAdamM"), cp.vectors().get("priorAdamV"),
          cp.scalars().get("priorAdamSteps").longValue(), cp.scalars().get("priorAdamLearningRate"));
      if (fused != null) {
        fused.setRep(cp.vectors().get("rep"));
        fused.setPrior(cp.vectors().get("prior"));
        fused.restoreRepAdam(a);
        fused.restorePriorAdam(p);
      } else {
        repAdam.restore(a);
        priorAdam.restore(p);
      }
      learningRateScale = cp.scalars().getOrDefault("learningRateScale", 1.0);
    }

    @Override
    public void close() {
      ActiveTrainings.exit();
      if (fused != null) {
        fused.close();
      }
      net.close();
    }
  }

  private record Batches(List<int[]> list, int bins, int smallestBin, double droppedFraction) {}
}

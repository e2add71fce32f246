package org.latentdyn.models.vin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.mechanics.PhaseSpaceData;
import org.latentdyn.nn.Adam;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.Tensors;
import org.latentdyn.nn.fused.DoubleAdam;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.Engine;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingDivergedException;
import org.latentdyn.train.TrainingListener;

/**
 * The phase-space estimator of Variational Integrator Networks and their baselines (Sæmundsson et al., AISTATS
 * 2020; VIN spec §2, §4a): {@link #fit} returns an independent {@link VinModel}.
 *
 * <p>Rolled-out kinds (VIN-SV, VIN-VV, VIN-SO(2), ResRNN, DVAE): the parameters are the network weights, a free
 * initial state {@code (q_0, p_0)} per training trajectory (started at its first noisy observation) and
 * {@code log sigma^2}; the loss is {@code -sum_t log N(y_t | xhat_t, sigma^2 I)} over the first {@code window}
 * points of every trajectory, {@code xhat} the cell rolled out from the free start; full batch, Adam. The window
 * grows from 5 points to the full length over the first half of training (spec §10) unless the config says FULL.
 * NN and HNN: the same likelihood of the observed derivatives given the network's field at the observed (noisy)
 * states. Deterministic for a seed on one CPU.
 *
 * <p>{@link Engine#JAVA} (the default) computes the same loss and its gradient in plain Java double precision
 * ({@link FusedVin}) with Adam in double ({@link DoubleAdam}); {@link Engine#DJL} runs PyTorch autograd in float32
 * ({@link VinNetworks}), the reference. The fitted weights are stored as float32 either way.
 */
public final class Vin {
  private Vin() {}

  /** Fits to a generated §3a data set (observations; derivatives for NN and HNN). */
  public static VinModel fit(PhaseSpaceData.Result data, VinConfig config) {
    return fit(data.observations(), data.derivatives(), config, TrainingListener.NONE);
  }

  /**
   * Fits a model.
   *
   * @param observations noisy states {@code (q, p)} {@code [N, T, 2d]}, spacing {@code config.timeStep()}; not
   *     modified
   * @param derivatives noisy {@code (qdot, pdot)} at the same points, {@code [N, T, 2d]}; required for NN and HNN,
   *     ignored (may be null) otherwise
   * @param listener receives {@code epochStarted} and {@code epochFinished} (reconstruction = NLL per coordinate,
   *     regulariser = noise std; no checkpoints: see the overload with {@code checkpointEvery}); may be null
   * @throws TrainingDivergedException when the loss becomes NaN or infinite
   */
  public static VinModel fit(PhaseSpaceArray observations, PhaseSpaceArray derivatives, VinConfig config,
      TrainingListener listener) {
    return fit(observations, derivatives, config, listener, null, 0);
  }

  /**
   * {@link #fit(PhaseSpaceArray, PhaseSpaceArray, VinConfig, TrainingListener)} that hands the listener a
   * {@link Checkpoint} after every {@code checkpointEvery}-th epoch (none when 0; never after the last), and continues
   * from {@code resume} when it is not null (a checkpoint of a run on the same data and configuration) to the result of
   * the uninterrupted run: the same weights, history and NLL (the plain-Java engine keeps its double-precision state in
   * the checkpoint; the DJL engine its float32 weights and Adam moments).
   *
   * @throws IllegalArgumentException if {@code resume} does not fit this model's parameters or epochs
   */
  public static VinModel fit(PhaseSpaceArray observations, PhaseSpaceArray derivatives, VinConfig config,
      TrainingListener listener, Checkpoint resume, int checkpointEvery) {
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
    }
    if (observations == null) {
      throw new IllegalArgumentException("observations must be given, got null");
    }
    int width = observations.width();
    if (width < 2 || width % 2 != 0) {
      throw new IllegalArgumentException("observations width must be 2d >= 2 (q then p), got " + width);
    }
    boolean rolled = config.kind().rolledOut();
    if (rolled && observations.frames() < 2) {
      throw new IllegalArgumentException("trajectories have " + observations.frames() + " points; " + config.kind()
          + " needs at least 2");
    }
    if (!rolled && (derivatives == null || derivatives.trajectories() != observations.trajectories()
        || derivatives.frames() != observations.frames() || derivatives.width() != width)) {
      throw new IllegalArgumentException(config.kind() + " trains on derivatives of the observations' shape ["
          + observations.trajectories() + ", " + observations.frames() + ", " + width + "], got "
          + (derivatives == null ? "null" : "[" + derivatives.trajectories() + ", " + derivatives.frames() + ", "
          + derivatives.width() + "]"));
    }
    checkFinite("observations", observations);
    if (!rolled) {
      checkFinite("derivatives", derivatives);
    }
    TrainingListener l = listener == null ? TrainingListener.NONE : listener;
    VinLayout layout = new VinLayout(config, width / 2, observations.trajectories());
    float[] first = null;
    if (rolled) {
      first = new float[observations.trajectories() * width];
      for (int n = 0; n < observations.trajectories(); n++) {
        for (int j = 0; j < width; j++) {
          first[n * width + j] = (float) observations.get(n, 0, j);
        }
      }
    }
    float[] initial = layout.initialise(config.seed(), first);
    if (resume != null && (resume.nextEpoch() < 1 || resume.nextEpoch() >= config.epochs()
        || resume.history().size() != resume.nextEpoch())) {
      throw new IllegalArgumentException("checkpoint at epoch " + resume.nextEpoch() + " with "
          + resume.history().size() + " epochs of history does not continue a run of " + config.epochs() + " epochs");
    }
    if (config.engine() == Engine.JAVA) {
      JavaTrainer t = new JavaTrainer(config, layout, initial, observations, derivatives);
      if (resume != null) {
        t.restore(resume);
      }
      return t.run(l, resume, checkpointEvery);
    }
    float[] start = initial;
    if (resume != null) {
      start = resume.vectors().get("params");
      if (start == null || start.length != layout.size) {
        throw new IllegalArgumentException("checkpoint holds no float parameters of size " + layout.size + " (a DJL"
            + " run's); was it written by another engine or model?");
      }
    }
    try (Trainer t = new Trainer(config, layout, start, observations, derivatives)) {
      if (resume != null) {
        t.adam.restore(new Adam.State(resume.vectors().get("adamM"), resume.vectors().get("adamV"),
            resume.scalars().get("adamSteps").longValue(), resume.scalars().get("learningRate")));
      }
      return t.run(l, resume, checkpointEvery);
    }
  }

  /**
   * The paper's model selection (spec §4a): trains one model per entry of {@code epochs} (e.g. 2000, 5000, 10000;
   * each a fresh run from the same seed, since the GROW window depends on the length) and keeps the one with the
   * lowest final training NLL ({@link VinModel#nll()}), never a test score.
   *
   * @throws IllegalArgumentException if {@code epochs} is empty
   * @throws TrainingDivergedException if a run diverges
   */
  public static VinModel fitBest(PhaseSpaceArray observations, PhaseSpaceArray derivatives, VinConfig config,
      int[] epochs, TrainingListener listener) {
    if (epochs == null || epochs.length == 0) {
      throw new IllegalArgumentException("epochs must list at least one training length, got none");
    }
    VinModel best = null;
    for (int e : epochs) {
      best = lowerNll(best, fit(observations, derivatives, config.withEpochs(e), listener));
    }
    return best;
  }

  /**
   * The model selection step of {@link #fitBest}: of {@code best} (may be null) and {@code candidate}, the one with
   * the lower final training NLL, the earlier on a tie; the other is closed.
   */
  public static VinModel lowerNll(VinModel best, VinModel candidate) {
    if (best == null || candidate.nll() < best.nll()) {
      if (best != null) {
        best.close();
      }
      return candidate;
    }
    candidate.close();
    return best;
  }

  private static void checkFinite(String name, PhaseSpaceArray a) {
    double[] v = a.values();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(name + " value " + i + " must be finite, got " + v[i]);
      }
    }
  }

  static float[] floats(PhaseSpaceArray a) {
    double[] v = a.values();
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  /**
   * The epoch loop of both trainers: {@code epochs} full-batch steps, each reported to {@code l}; {@code step} returns
   * (nll per coordinate, noise std) before its update.
   */
  static List<VinEpochRecord> epochs(int epochs, java.util.function.IntFunction<double[]> step,
      java.util.function.IntUnaryOperator window, TrainingListener l, Checkpoint resume, int every,
      java.util.function.BiFunction<Integer, List<EpochRecord>, Checkpoint> checkpoint) {
    List<VinEpochRecord> history = new ArrayList<>();
    List<EpochRecord> records = new ArrayList<>();
    int first = 0;
    if (resume != null) {
      for (EpochRecord r : resume.history()) {
        history.add(new VinEpochRecord(r.epoch(), window.applyAsInt(r.epoch()), r.reconstruction(), r.regulariser(),
            r.seconds()));
        records.add(r);
      }
      first = resume.nextEpoch();
    }
    for (int epoch = first; epoch < epochs; epoch++) {
      long t0 = System.nanoTime();
      l.epochStarted(epoch, epochs, 1);
      double[] r = step.apply(epoch);
      double seconds = (System.nanoTime() - t0) / 1e9;
      history.add(new VinEpochRecord(epoch, window.applyAsInt(epoch), r[0], r[1], seconds));
      EpochRecord record = new EpochRecord(epoch, 1, r[0], r[1], 0, Double.NaN, Double.NaN, 0, 0, 0, seconds);
      records.add(record);
      boolean due = every > 0 && (epoch + 1) % every == 0 && epoch + 1 < epochs;
      l.epochFinished(record, due ? checkpoint.apply(epoch + 1, List.copyOf(records)) : null);
    }
    return history;
  }

  /** One training run on full batches in plain Java ({@link Engine#JAVA}). */
  static final class JavaTrainer {
    /** The engine string recorded in the model's provenance. */
    static final String ENGINE = "plain Java (fused step, double)";

    final VinConfig c;
    final FusedVin loss;
    final DoubleAdam adam;
    final double[] params;
    final double[] grad;
    final int frames;

    JavaTrainer(VinConfig c, VinLayout layout, float[] weights, PhaseSpaceArray observations,
        PhaseSpaceArray derivatives) {
      this.c = c;
      this.loss = new FusedVin(layout, c.timeStep(), observations, derivatives);
      this.adam = new DoubleAdam(layout.size, c.learningRate());
      this.params = new double[layout.size];
      for (int i = 0; i < params.length; i++) {
        params[i] = weights[i];
      }
      this.grad = new double[layout.size];
      this.frames = observations.frames();
    }

    int window(int epoch) {
      return loss.l.kind.rolledOut() ? c.window(epoch, frames) : frames;
    }

    /** One full-batch Adam step; returns (nll per coordinate, noise std) before the step. */
    double[] step(int epoch) {
      int w = window(epoch);
      double value = loss.loss(params, w, grad);
      if (!Double.isFinite(value)) {
        throw new TrainingDivergedException(epoch, 0, "loss " + value);
      }
      double std = Math.exp(0.5 * params[loss.l.logSigma2]);
      adam.step(params, grad);
      return new double[] {value / loss.count(w), std};
    }

    /** Parameters and Adam state of {@code cp} (a checkpoint of this trainer). */
    void restore(Checkpoint cp) {
      double[] p = cp.doubles().get("params");
      double[] m = cp.doubles().get("adamM");
      double[] v = cp.doubles().get("adamV");
      Double steps = cp.scalars().get("adamSteps");
      if (p == null || m == null || v == null || steps == null || p.length != params.length) {
        throw new IllegalArgumentException("checkpoint holds no double parameters of size " + params.length + " (a"
            + " plain-Java run's); was it written by another engine or model?");
      }
      System.arraycopy(p, 0, params, 0, params.length);
      adam.restore(new DoubleAdam.State(m, v, steps.longValue()));
    }

    Checkpoint checkpoint(int nextEpoch, List<EpochRecord> history) {
      DoubleAdam.State a = adam.state();
      Map<String, double[]> d = new LinkedHashMap<>();
      d.put("params", params.clone());
      d.put("adamM", a.m());
      d.put("adamV", a.v());
      return new Checkpoint(nextEpoch, Map.of(), Map.of("adamSteps", (double) a.steps()), history, d);
    }

    VinModel run(TrainingListener l, Checkpoint resume, int every) {
      List<VinEpochRecord> history = epochs(c.epochs(), this::step, this::window, l, resume, every,
          this::checkpoint);
      float[] weights = new float[params.length];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = (float) params[i];
      }
      // the final score of the stored (float) weights, as on the DJL path
      double[] stored = new double[weights.length];
      for (int i = 0; i < weights.length; i++) {
        stored[i] = weights[i];
      }
      double nll = loss.loss(stored, frames, null) / loss.count(frames);
      if (!Double.isFinite(nll)) {
        throw new TrainingDivergedException(c.epochs(), 0, "final loss " + nll);
      }
      return new VinModel(c, loss.l.d, loss.l.trajectories, weights, history, nll, ENGINE);
    }
  }

  /** One training run on full batches with DJL autograd ({@link Engine#DJL}). */
  static final class Trainer implements AutoCloseable {
    final VinConfig c;
    final VinNetworks net;
    final Adam adam;
    final NDManager data;
    final NDArray y; // rolled: [N, T, 2d]; NN/HNN: states [P, 2d]
    final NDArray dy; // NN/HNN: derivatives [P, 2d]
    final int frames;
    final ai.djl.engine.Engine engine = NeuralEngine.get();

    Trainer(VinConfig c, VinLayout layout, float[] weights, PhaseSpaceArray observations,
        PhaseSpaceArray derivatives) {
      this.c = c;
      this.net = new VinNetworks(layout, c.timeStep(), weights);
      this.adam = new Adam(net.manager, layout.size, c.learningRate());
      this.data = net.manager.newSubManager();
      this.frames = observations.frames();
      int w = observations.width();
      if (layout.kind.rolledOut()) {
        y = Tensors.owned(data, floats(observations), new Shape(observations.trajectories(), frames, w));
        dy = null;
      } else {
        long points = (long) observations.trajectories() * frames;
        y = Tensors.owned(data, floats(observations), new Shape(points, w));
        dy = Tensors.owned(data, floats(derivatives), new Shape(points, w));
      }
    }

    int window(int epoch) {
      return net.layout.kind.rolledOut() ? c.window(epoch, frames) : frames;
    }

    /** The loss of the current weights at {@code window} points, under a collector when {@code grad}. */
    NDArray loss(VinNetworks.Views v, int window) {
      return net.layout.kind.rolledOut() ? net.trajectoryNll(v, y, window) : net.derivativeNll(v, y, dy);
    }

    long count(int window) {
      Shape s = y.getShape();
      return net.layout.kind.rolledOut() ? s.get(0) * window * s.get(2) : s.size();
    }

    /** One full-batch Adam step; returns (nll per coordinate, noise std) before the step. */
    double[] step(int epoch) {
      int w = window(epoch);
      try (NDManager s = net.manager.newSubManager()) {
        NDArray loss;
        NDArray logSigma2;
        try (GradientCollector gc = engine.newGradientCollector()) {
          VinNetworks.Views v = net.views(s);
          logSigma2 = v.logSigma2();
          loss = loss(v, w);
          gc.backward(loss);
        }
        double value = loss.getFloat();
        if (!Double.isFinite(value)) {
          throw new TrainingDivergedException(epoch, 0, "loss " + value);
        }
        double std = Math.exp(0.5 * logSigma2.getFloat());
        adam.step(net.params);
        return new double[] {value / count(w), std};
      }
    }

    /** NLL per coordinate of the current weights over the full length, without recording. */
    double evaluate() {
      try (NDManager s = net.manager.newSubManager()) {
        return loss(net.views(s), frames).getFloat() / count(frames);
      }
    }

    Checkpoint checkpoint(int nextEpoch, List<EpochRecord> history) {
      Adam.State a = adam.state();
      Map<String, float[]> v = new LinkedHashMap<>();
      v.put("params", net.weights());
      v.put("adamM", a.m());
      v.put("adamV", a.v());
      return new Checkpoint(nextEpoch, v, Map.of("adamSteps", (double) a.steps(), "learningRate", a.learningRate()),
          history);
    }

    VinModel run(TrainingListener l, Checkpoint resume, int every) {
      List<VinEpochRecord> history = epochs(c.epochs(), this::step, this::window, l, resume, every,
          this::checkpoint);
      double nll = evaluate();
      if (!Double.isFinite(nll)) {
        throw new TrainingDivergedException(c.epochs(), 0, "final loss " + nll);
      }
      return new VinModel(c, net.layout.d, net.layout.trajectories, net.weights(), history, nll,
          NeuralEngine.describe());
    }

    @Override
    public void close() {
      data.close();
      adam.close();
      net.close();
    }
  }
}

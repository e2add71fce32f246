package org.latentdyn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Adam (Kingma and Ba 2015) on one {@link ParameterVector}, with PyTorch's defaults (beta1 0.9, beta2 0.999,
 * eps 1e-8) and bias correction. Written here rather than using DJL's optimiser because its moment estimates
 * must be exported and restored for checkpoints that resume to the same numbers.
 */
public final class Adam implements AutoCloseable {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final NDManager manager;
  private final NDArray m;
  private final NDArray v;
  private long steps;
  private double learningRate;

  public Adam(NDManager parent, int size, double learningRate) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + learningRate);
    }
    this.manager = parent.newSubManager();
    this.m = manager.zeros(new ai.djl.ndarray.types.Shape(size));
    this.v = manager.zeros(new ai.djl.ndarray.types.Shape(size));
    this.learningRate = learningRate;
  }

  public double learningRate() {
    return learningRate;
  }

  public void setLearningRate(double value) {
    learningRate = value;
  }

  public long steps() {
    return steps;
  }

  /** One update of {@code params} from its accumulated gradient, which is then zeroed. */
  public void step(ParameterVector params) {
    steps++;
    try (NDManager s = manager.newSubManager()) {
      // results of an op belong to the manager of its first operand: every temporary starts from g (in s)
      // or is attached to s explicitly, so nothing outlives the step
      NDArray g = params.gradient(s);
      m.muli(BETA1).addi(g.mul(1 - BETA1));
      v.muli(BETA2).addi(g.square().muli(1 - BETA2));
      double c1 = 1 - Math.pow(BETA1, steps);
      double c2 = 1 - Math.pow(BETA2, steps);
      NDArray vHat = v.div((float) c2);
      vHat.attach(s);
      NDArray denom = vHat.sqrt().addi(EPS);
      NDArray update = m.div(denom);
      update.attach(s);
      params.values().subi(update.muli((float) (learningRate / c1)));
      g.muli(0f);
    }
  }

  /** Moment estimates and step count, for a checkpoint. */
  public State state() {
    return new State(m.toFloatArray(), v.toFloatArray(), steps, learningRate);
  }

  /** Restores a checkpointed state. */
  public void restore(State state) {
    m.set(state.m());
    v.set(state.v());
    steps = state.steps();
    learningRate = state.learningRate();
  }

  /** Exported optimiser state. */
  public record State(float[] m, float[] v, long steps, double learningRate) {}

  @Override
  public void close() {
    manager.close();
  }
}

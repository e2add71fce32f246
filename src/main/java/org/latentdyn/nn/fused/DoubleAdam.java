package org.latentdyn.nn.fused;

/**
 * Adam (Kingma and Ba 2015) on a flat {@code double[]} with the formula of {@link org.latentdyn.nn.Adam}
 * (PyTorch defaults beta1 0.9, beta2 0.999, eps 1e-8 added to the square root, bias correction):
 * {@code m = 0.9 m + 0.1 g; v = 0.999 v + 0.001 g^2; p -= lr/c1 * m / (sqrt(v/c2) + eps)},
 * {@code c_i = 1 - beta_i^steps}.
 */
public final class DoubleAdam {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  private final double[] m;
  private final double[] v;
  private long steps;
  private final double learningRate;

  public DoubleAdam(int size, double learningRate) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + learningRate);
    }
    m = new double[size];
    v = new double[size];
    this.learningRate = learningRate;
  }

  /** One update of {@code params} with gradient {@code g}. */
  public void step(double[] params, double[] g) {
    if (params.length != m.length || g.length != m.length) {
      throw new IllegalArgumentException("Adam holds " + m.length + " moments, got " + params.length
          + " parameters and " + g.length + " gradients");
    }
    steps++;
    double c1 = 1 - Math.pow(BETA1, steps);
    double c2 = 1 - Math.pow(BETA2, steps);
    double rate = learningRate / c1;
    for (int i = 0; i < params.length; i++) {
      double gi = g[i];
      double mi = BETA1 * m[i] + (1 - BETA1) * gi;
      double vi = BETA2 * v[i] + (1 - BETA2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      params[i] -= rate * mi / (Math.sqrt(vi / c2) + EPS);
    }
  }

  /** A copy of the moments and the step count. */
  public State state() {
    return new State(m.clone(), v.clone(), steps);
  }

  /** Continues from {@code s} (moments of this optimiser's size), as after the steps it counts. */
  public void restore(State s) {
    if (s.m().length != m.length || s.v().length != v.length) {
      throw new IllegalArgumentException("Adam holds " + m.length + " moments, the state has " + s.m().length + " and "
          + s.v().length);
    }
    System.arraycopy(s.m(), 0, m, 0, m.length);
    System.arraycopy(s.v(), 0, v, 0, v.length);
    steps = s.steps();
  }

  /** Adam's moments and step count. */
  public record State(double[] m, double[] v, long steps) {}

  public long steps() {
    return steps;
  }

  public double learningRate() {
    return learningRate;
  }
}

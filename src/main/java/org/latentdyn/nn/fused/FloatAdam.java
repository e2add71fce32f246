package org.latentdyn.nn.fused;

/**
 * Adam (Kingma and Ba 2015) on a flat {@code float[]} with the arithmetic of {@link org.latentdyn.nn.Adam}
 * (PyTorch defaults beta1 0.9, beta2 0.999, eps 1e-8, bias correction), operation by operation in float:
 * {@code m = 0.9 m + 0.1 g; v = 0.999 v + 0.001 g^2; p -= lr/c1 * m / (sqrt(v/c2) + eps)}.
 */
public final class FloatAdam {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final float[] m;
  private final float[] v;
  private long steps;
  private double learningRate;

  public FloatAdam(int size, double learningRate) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + learningRate);
    }
    m = new float[size];
    v = new float[size];
    this.learningRate = learningRate;
  }

  /** One update of {@code params} with gradient {@code g}. */
  public void step(float[] params, float[] g) {
    steps++;
    float a1 = 1 - BETA1;
    float a2 = 1 - BETA2;
    double c1 = 1 - Math.pow(BETA1, steps);
    double c2 = 1 - Math.pow(BETA2, steps);
    float c2f = (float) c2;
    float rate = (float) (learningRate / c1);
    float[] mm = m;
    float[] vv = v;
    for (int i = 0; i < params.length; i++) {
      float gi = g[i];
      float mi = mm[i] * BETA1 + gi * a1;
      float vi = vv[i] * BETA2 + (gi * gi) * a2;
      mm[i] = mi;
      vv[i] = vi;
      float denom = (float) Math.sqrt(vi / c2f) + EPS;
      params[i] -= (mi / denom) * rate;
    }
  }

  public double learningRate() {
    return learningRate;
  }

  public long steps() {
    return steps;
  }

  /** A copy of the first moment. */
  public float[] m() {
    return m.clone();
  }

  /** A copy of the second moment. */
  public float[] v() {
    return v.clone();
  }

  /** Restores a checkpointed state. */
  public void restore(float[] m, float[] v, long steps, double learningRate) {
    if (m.length != this.m.length || v.length != this.v.length) {
      throw new IllegalArgumentException("Adam state has " + m.length + " + " + v.length + " moments, expected "
          + this.m.length + " each");
    }
    System.arraycopy(m, 0, this.m, 0, m.length);
    System.arraycopy(v, 0, this.v, 0, v.length);
    this.steps = steps;
    this.learningRate = learningRate;
  }
}

package org.latentdyn.mechanics;

import java.util.Map;
import java.util.SplittableRandom;
import org.latentdyn.dynamics.Potential;

/**
 * A random one-hidden-layer potential {@code U(q) = w2 . tanh(W1 q + b1)} with its analytic gradient
 * {@code W1^T (w2 * (1 - tanh^2))}: the shape of the VIN potential network (spec §2), for tests.
 */
final class TanhMlpPotential implements Potential {
  private final int dim;
  private final int hidden;
  private final double[] w1;
  private final double[] b1;
  private final double[] w2;

  TanhMlpPotential(int dim, int hidden, long seed) {
    this.dim = dim;
    this.hidden = hidden;
    SplittableRandom rng = new SplittableRandom(seed);
    w1 = new double[hidden * dim];
    b1 = new double[hidden];
    w2 = new double[hidden];
    for (int i = 0; i < w1.length; i++) {
      w1[i] = rng.nextGaussian();
    }
    for (int i = 0; i < hidden; i++) {
      b1[i] = 0.5 * rng.nextGaussian();
      w2[i] = rng.nextGaussian() / Math.sqrt(hidden);
    }
  }

  private double pre(double[] q, int j) {
    double a = b1[j];
    for (int i = 0; i < dim; i++) {
      a += w1[j * dim + i] * q[i];
    }
    return a;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public double energy(double[] q) {
    double u = 0;
    for (int j = 0; j < hidden; j++) {
      u += w2[j] * Math.tanh(pre(q, j));
    }
    return u;
  }

  @Override
  public void gradient(double[] q, double[] out) {
    java.util.Arrays.fill(out, 0.0);
    for (int j = 0; j < hidden; j++) {
      double t = Math.tanh(pre(q, j));
      double c = w2[j] * (1 - t * t);
      for (int i = 0; i < dim; i++) {
        out[i] += c * w1[j * dim + i];
      }
    }
  }

  @Override
  public String name() {
    return "tanh-mlp";
  }

  @Override
  public String formula() {
    return "U(q) = w2 . tanh(W1 q + b1)";
  }

  @Override
  public Map<String, Double> parameters() {
    return Map.of("hidden", (double) hidden);
  }
}

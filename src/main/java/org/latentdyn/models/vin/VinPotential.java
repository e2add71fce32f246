package org.latentdyn.models.vin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.dynamics.Potential;

/**
 * The learned VIN potential {@code U(q) = w2 . tanh(W1^T q + b1)} (spec §2: one tanh hidden layer, scalar output
 * without bias) in plain Java double precision, with the analytic gradient
 * {@code dU/dq_i = sum_j w2_j (1 - t_j^2) W1_ij} and Hessian {@code -2 sum_j w2_j t_j (1 - t_j^2) W1_ij W1_kj}.
 * The additive constant of a learned potential is arbitrary; only its gradient is determined by the data.
 */
public final class VinPotential implements Potential {
  private final int dim;
  private final int hidden;
  private final double[] w1; // [dim, hidden]
  private final double[] b1;
  private final double[] w2;

  /**
   * @param w1 {@code [dim, hidden]} row-major
   * @param b1 {@code [hidden]}
   * @param w2 {@code [hidden]}
   */
  public VinPotential(int dim, double[] w1, double[] b1, double[] w2) {
    if (dim < 1 || b1.length < 1 || w1.length != dim * b1.length || w2.length != b1.length) {
      throw new IllegalArgumentException("VinPotential needs W1 [" + dim + ", H], b1 [H], w2 [H]; got " + w1.length
          + ", " + b1.length + ", " + w2.length + " values");
    }
    this.dim = dim;
    this.hidden = b1.length;
    this.w1 = w1.clone();
    this.b1 = b1.clone();
    this.w2 = w2.clone();
  }

  /** The potential in a flat float vector of {@link VinLayout} (the prefix {@code W1, b1, W2}). */
  static VinPotential of(VinLayout l, double[] weights) {
    return new VinPotential(l.d, java.util.Arrays.copyOfRange(weights, l.w1, l.w1 + l.in * l.hidden),
        java.util.Arrays.copyOfRange(weights, l.b1, l.b1 + l.hidden),
        java.util.Arrays.copyOfRange(weights, l.w2, l.w2 + l.hidden));
  }

  static double[] toDouble(float[] w, int offset, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = w[offset + i];
    }
    return out;
  }

  private double[] hiddenActivations(double[] q) {
    if (q.length != dim) {
      throw new IllegalArgumentException("q has length " + q.length + ", expected " + dim);
    }
    double[] t = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      double a = b1[j];
      for (int i = 0; i < dim; i++) {
        a += q[i] * w1[i * hidden + j];
      }
      t[j] = Math.tanh(a);
    }
    return t;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public double energy(double[] q) {
    double[] t = hiddenActivations(q);
    double u = 0;
    for (int j = 0; j < hidden; j++) {
      u += w2[j] * t[j];
    }
    return u;
  }

  @Override
  public void gradient(double[] q, double[] out) {
    double[] t = hiddenActivations(q);
    for (int i = 0; i < dim; i++) {
      double g = 0;
      for (int j = 0; j < hidden; j++) {
        g += w2[j] * (1 - t[j] * t[j]) * w1[i * hidden + j];
      }
      out[i] = g;
    }
  }

  @Override
  public void hessian(double[] q, double[] out) {
    if (out.length != dim * dim) {
      throw new IllegalArgumentException("hessian out has length " + out.length + ", expected " + dim * dim);
    }
    double[] t = hiddenActivations(q);
    for (int i = 0; i < dim; i++) {
      for (int k = 0; k < dim; k++) {
        double s = 0;
        for (int j = 0; j < hidden; j++) {
          s += -2 * w2[j] * t[j] * (1 - t[j] * t[j]) * w1[i * hidden + j] * w1[k * hidden + j];
        }
        out[i * dim + k] = s;
      }
    }
  }

  @Override
  public String name() {
    return "vin-potential";
  }

  @Override
  public String formula() {
    return "U(q) = w2 . tanh(W1^T q + b1), " + hidden + " tanh units";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("hidden", (double) hidden);
    return m;
  }
}

package org.latentdyn.models.nld;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.dynamics.Potential;
import org.latentdyn.dynamics.StationaryPoints;

/**
 * The NLD energy {@code E(z) = N(z) + c |z|^2} (spec nld.md §2) evaluated in plain Java double precision from
 * exported weights in the layout of {@link EnergyNetwork}, for analysis (minima, Hessians, sampling, gradient
 * flow; spec §12) behind the same {@link Potential} interface as the analytic energies. The gradient is the
 * analytic reverse pass; the Hessian is the central difference of that gradient.
 *
 * <p>Immutable and thread-safe (every call uses its own scratch arrays).
 */
public final class EnergyPotential implements Potential {
  private static final int HIGH = EnergyNetwork.HIGH;
  private static final int LOW = EnergyNetwork.LOW;
  private static final int BLOCKS = EnergyNetwork.BLOCKS;

  private final EnergyNetwork layout;
  private final int d;
  private final double[] w;
  private final double c;

  /**
   * @param latentDim dimension {@code d} of {@code z}
   * @param weights {@link EnergyNetwork#parameterCount(int)} values in the layout of {@link EnergyNetwork}
   */
  public EnergyPotential(int latentDim, float[] weights) {
    this(latentDim, toDouble(weights, latentDim));
  }

  /** The same from double weights (e.g. for finite differences in the weights). */
  public EnergyPotential(int latentDim, double[] weights) {
    this.layout = new EnergyNetwork(latentDim);
    this.d = latentDim;
    if (weights.length != layout.parameterCount()) {
      throw new IllegalArgumentException("weights has " + weights.length + " values, the energy in d = " + latentDim
          + " needs " + layout.parameterCount());
    }
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weights[" + i + "] must be finite, got " + weights[i]);
      }
    }
    this.w = weights.clone();
    this.c = EnergyNetwork.softplus(w[layout.cRawOffset()]);
  }

  private static double[] toDouble(float[] weights, int latentDim) {
    double[] out = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      out[i] = weights[i];
    }
    return out;
  }

  @Override
  public int dim() {
    return d;
  }

  /** The confining stiffness {@code c = softplus(c_raw)}. */
  public double stiffness() {
    return c;
  }

  @Override
  public double energy(double[] z) {
    return evaluate(z, null);
  }

  @Override
  public void gradient(double[] z, double[] out) {
    evaluate(z, out);
  }

  @Override
  public double energyAndGradient(double[] z, double[] out) {
    return evaluate(z, out);
  }

  /** Hessian {@code [d, d]}: central differences of the analytic gradient, symmetrised. */
  public double[][] hessian(double[] z) {
    return StationaryPoints.hessian(this, z);
  }

  /** Energy at {@code z}; when {@code grad != null} also writes {@code grad E(z)} into it. */
  private double evaluate(double[] z, double[] grad) {
    if (z.length != d) {
      throw new IllegalArgumentException("z has " + z.length + " components, expected " + d);
    }
    int last = 2 * BLOCKS + 2;
    double[] a1 = affine(z, 0, d, HIGH, null);
    double[] u = new double[HIGH];
    for (int k = 0; k < HIGH; k++) {
      u[k] = celu(a1[k]);
    }
    double[] h = affine(u, 1, HIGH, LOW, null);
    double[][] t = new double[BLOCKS][];
    for (int j = 0; j < BLOCKS; j++) {
      int l = 2 + 2 * j;
      double[] s = affineConcat(h, z, l);
      for (int k = 0; k < HIGH; k++) {
        s[k] = Math.tanh(s[k]);
      }
      t[j] = s;
      h = affine(s, l + 1, HIGH, LOW, h);
    }
    double[] o = affine(h, last, LOW, HIGH, null);
    int wo2 = layout.weightOffset(last + 1);
    double e = w[layout.biasOffset(last + 1)];
    double zz = 0;
    for (int k = 0; k < HIGH; k++) {
      e += celu(o[k]) * w[wo2 + k];
    }
    for (int i = 0; i < d; i++) {
      zz += z[i] * z[i];
    }
    e += c * zz;
    if (grad == null) {
      return e;
    }
    for (int i = 0; i < d; i++) {
      grad[i] = 2 * c * z[i];
    }
    double[] go = new double[HIGH];
    for (int k = 0; k < HIGH; k++) {
      go[k] = celuDerivative(o[k]) * w[wo2 + k];
    }
    double[] gh = transposeTimes(go, last, LOW, HIGH, 0, LOW, null);
    for (int j = BLOCKS - 1; j >= 0; j--) {
      int l = 2 + 2 * j;
      double[] gs = transposeTimes(gh, l + 1, HIGH, LOW, 0, HIGH, null);
      for (int k = 0; k < HIGH; k++) {
        gs[k] *= 1 - t[j][k] * t[j][k];
      }
      double[] gzBlock = transposeTimes(gs, l, LOW + d, HIGH, LOW, d, null);
      for (int i = 0; i < d; i++) {
        grad[i] += gzBlock[i];
      }
      gh = transposeTimes(gs, l, LOW + d, HIGH, 0, LOW, gh);
    }
    double[] ga = transposeTimes(gh, 1, HIGH, LOW, 0, HIGH, null);
    for (int k = 0; k < HIGH; k++) {
      ga[k] *= celuDerivative(a1[k]);
    }
    double[] gz = transposeTimes(ga, 0, d, HIGH, 0, d, null);
    for (int i = 0; i < d; i++) {
      grad[i] += gz[i];
    }
    return e;
  }

  /** {@code x W_l + b_l} (plus {@code residual} when given), {@code W_l [n, m]}. */
  private double[] affine(double[] x, int l, int n, int m, double[] residual) {
    int wo = layout.weightOffset(l);
    int bo = layout.biasOffset(l);
    double[] y = new double[m];
    for (int k = 0; k < m; k++) {
      y[k] = w[bo + k] + (residual == null ? 0 : residual[k]);
    }
    for (int i = 0; i < n; i++) {
      double xi = x[i];
      int row = wo + i * m;
      for (int k = 0; k < m; k++) {
        y[k] += xi * w[row + k];
      }
    }
    return y;
  }

  /** {@code [h; z] W_l + b_l} for a block's first layer. */
  private double[] affineConcat(double[] h, double[] z, int l) {
    double[] x = new double[LOW + d];
    System.arraycopy(h, 0, x, 0, LOW);
    System.arraycopy(z, 0, x, LOW, d);
    return affine(x, l, LOW + d, HIGH, null);
  }

  /**
   * Rows {@code [from, from + count)} of {@code W_l g} ({@code W_l [n, m]}, {@code g [m]}), i.e. the part of the
   * input gradient that belongs to those input rows, plus {@code add} when given.
   */
  private double[] transposeTimes(double[] g, int l, int n, int m, int from, int count, double[] add) {
    int wo = layout.weightOffset(l);
    double[] y = new double[count];
    for (int i = 0; i < count; i++) {
      int row = wo + (from + i) * m;
      double s = add == null ? 0 : add[i];
      for (int k = 0; k < m; k++) {
        s += w[row + k] * g[k];
      }
      y[i] = s;
    }
    return y;
  }

  private static double celu(double a) {
    return a > 0 ? a : Math.expm1(a);
  }

  private static double celuDerivative(double a) {
    return Math.exp(Math.min(a, 0));
  }

  @Override
  public String name() {
    return "nld-energy";
  }

  @Override
  public String formula() {
    return "E(z) = N(z) + c |z|^2, c = softplus(c_raw), N a residual MLP (d -> 96 -> 16, 4 blocks (16 + d) -> 96 -> 16,"
        + " 16 -> 96 -> 1)";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("d", (double) d);
    p.put("c", c);
    return Collections.unmodifiableMap(p);
  }
}

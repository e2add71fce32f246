package org.latentdyn.wells;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.dynamics.Potential;

/**
 * The energy of an isotropic Gaussian mixture, {@code E(z) = -(1/beta) log sum_i pi_i N(z; mu_i, s_i^2 I)} (NLD spec
 * §13.5), whose Boltzmann law {@code exp(-beta E)} is the mixture itself: well {@code i} holds probability
 * {@code pi_i}. It is the known-answer energy for the well analysis: its minima sit near {@code mu_i}, the Laplace
 * (2nd-order) occupancy is close to {@code pi}, and the 0th-order occupancy is close to {@code pi_i / s_i^d}
 * normalised.
 *
 * <p>Gradient and Hessian are analytic, evaluated through responsibilities {@code r_i} (a log-sum-exp, stable far
 * from every centre): {@code grad E = (1/beta) sum_i r_i (z - mu_i)/s_i^2} and
 * {@code beta H = sum_i r_i I/s_i^2 - sum_i r_i v_i v_i^T + (sum_i r_i v_i)(sum_i r_i v_i)^T},
 * {@code v_i = (z - mu_i)/s_i^2}. Immutable and thread-safe.
 */
public final class MixtureEnergy implements Potential {
  private final double beta;
  private final double[] weights;
  private final double[][] means;
  private final double[] sigmas;
  private final double[] logNorm;
  private final double[] invVar;
  private final int dim;

  /**
   * @param beta inverse temperature, {@code > 0}
   * @param weights mixture weights {@code pi_i > 0}, summing to 1 (to 1e-9)
   * @param means centres {@code mu_i}, one row per component, all of one length {@code d >= 1}
   * @param sigmas standard deviations {@code s_i > 0}
   */
  public MixtureEnergy(double beta, double[] weights, double[][] means, double[] sigmas) {
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be a finite number > 0, got " + beta);
    }
    if (weights == null || weights.length < 1) {
      throw new IllegalArgumentException("weights must hold at least one component");
    }
    int k = weights.length;
    if (means == null || means.length != k) {
      throw new IllegalArgumentException("means has " + (means == null ? 0 : means.length) + " rows, expected "
          + k + " (one per weight)");
    }
    if (sigmas == null || sigmas.length != k) {
      throw new IllegalArgumentException("sigmas has length " + (sigmas == null ? 0 : sigmas.length)
          + ", expected " + k + " (one per weight)");
    }
    double sum = 0;
    for (int i = 0; i < k; i++) {
      if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weights[" + i + "] must be a finite number > 0, got " + weights[i]);
      }
      if (!(sigmas[i] > 0) || !Double.isFinite(sigmas[i])) {
        throw new IllegalArgumentException("sigmas[" + i + "] must be a finite number > 0, got " + sigmas[i]);
      }
      sum += weights[i];
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new IllegalArgumentException("weights must sum to 1, got " + sum);
    }
    this.dim = means[0].length;
    if (dim < 1) {
      throw new IllegalArgumentException("means must have dimension >= 1, got " + dim);
    }
    this.means = new double[k][];
    for (int i = 0; i < k; i++) {
      if (means[i].length != dim) {
        throw new IllegalArgumentException("means[" + i + "] has length " + means[i].length + ", expected " + dim);
      }
      for (double v : means[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("means[" + i + "] must be finite, got " + v);
        }
      }
      this.means[i] = means[i].clone();
    }
    this.beta = beta;
    this.weights = weights.clone();
    this.sigmas = sigmas.clone();
    this.logNorm = new double[k];
    this.invVar = new double[k];
    for (int i = 0; i < k; i++) {
      invVar[i] = 1 / (sigmas[i] * sigmas[i]);
      logNorm[i] = Math.log(weights[i]) - dim * Math.log(sigmas[i]) - 0.5 * dim * Math.log(2 * Math.PI);
    }
  }

  /**
   * The known-answer mixture of NLD spec §13.5: {@code d = 2}, {@code pi = (.5, .3, .2)}, {@code s = (.3, .5, .4)},
   * centres on an equilateral triangle of side 4 at {@code (0, 0)}, {@code (4, 0)}, {@code (2, 2 sqrt 3)}.
   */
  public static MixtureEnergy triangle(double beta) {
    return new MixtureEnergy(beta, new double[] {0.5, 0.3, 0.2},
        new double[][] {{0, 0}, {4, 0}, {2, 2 * Math.sqrt(3)}}, new double[] {0.3, 0.5, 0.4});
  }

  @Override
  public int dim() {
    return dim;
  }

  public double beta() {
    return beta;
  }

  public int components() {
    return weights.length;
  }

  public double weight(int i) {
    return weights[i];
  }

  public double sigma(int i) {
    return sigmas[i];
  }

  public double[] mean(int i) {
    return means[i].clone();
  }

  /** Log-terms {@code l_i = log pi_i + log N(z; mu_i, s_i^2 I)} into {@code l}; returns their maximum. */
  private double logTerms(double[] z, double[] l) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < l.length; i++) {
      double[] mu = means[i];
      double r2 = 0;
      for (int j = 0; j < dim; j++) {
        double d = z[j] - mu[j];
        r2 += d * d;
      }
      l[i] = logNorm[i] - r2 / (2 * sigmas[i] * sigmas[i]);
      max = Math.max(max, l[i]);
    }
    return max;
  }

  @Override
  public double energy(double[] z) {
    double[] l = new double[weights.length];
    double max = logTerms(z, l);
    double s = 0;
    for (double v : l) {
      s += Math.exp(v - max);
    }
    return -(max + Math.log(s)) / beta;
  }

  @Override
  public void gradient(double[] z, double[] out) {
    accumulate(z, out, maxLogTerm(z));
  }

  @Override
  public double energyAndGradient(double[] z, double[] out) {
    double max = maxLogTerm(z);
    return -(max + Math.log(accumulate(z, out, max))) / beta;
  }

  private double maxLogTerm(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < weights.length; i++) {
      max = Math.max(max, logTerm(z, i));
    }
    return max;
  }

  /**
   * Writes the gradient into {@code out} and returns {@code sum_i exp(l_i - max)}; allocation-free (the log-terms
   * are recomputed rather than stored).
   */
  private double accumulate(double[] z, double[] out, double max) {
    for (int j = 0; j < dim; j++) {
      out[j] = 0;
    }
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      double e = Math.exp(logTerm(z, i) - max);
      s += e;
      double w = e * invVar[i];
      double[] mu = means[i];
      for (int j = 0; j < dim; j++) {
        out[j] += w * (z[j] - mu[j]);
      }
    }
    double scale = 1 / (s * beta);
    for (int j = 0; j < dim; j++) {
      out[j] *= scale;
    }
    return s;
  }

  private double logTerm(double[] z, int i) {
    double[] mu = means[i];
    double r2 = 0;
    for (int j = 0; j < dim; j++) {
      double d = z[j] - mu[j];
      r2 += d * d;
    }
    return logNorm[i] - 0.5 * r2 * invVar[i];
  }

  @Override
  public void hessian(double[] z, double[] out) {
    if (out.length != dim * dim) {
      throw new IllegalArgumentException("hessian out has length " + out.length + ", expected dim^2 = " + dim * dim);
    }
    int k = weights.length;
    double[] r = new double[k];
    double max = logTerms(z, r);
    double s = 0;
    for (int i = 0; i < k; i++) {
      r[i] = Math.exp(r[i] - max);
      s += r[i];
    }
    double[] mean = new double[dim];
    java.util.Arrays.fill(out, 0);
    double[] v = new double[dim];
    for (int i = 0; i < k; i++) {
      double ri = r[i] / s;
      double inv = 1 / (sigmas[i] * sigmas[i]);
      for (int a = 0; a < dim; a++) {
        v[a] = (z[a] - means[i][a]) * inv;
        mean[a] += ri * v[a];
      }
      for (int a = 0; a < dim; a++) {
        out[a * dim + a] += ri * inv;
        for (int b = 0; b < dim; b++) {
          out[a * dim + b] -= ri * v[a] * v[b];
        }
      }
    }
    for (int a = 0; a < dim; a++) {
      for (int b = 0; b < dim; b++) {
        out[a * dim + b] = (out[a * dim + b] + mean[a] * mean[b]) / beta;
      }
    }
  }

  @Override
  public String name() {
    return "gaussian-mixture";
  }

  @Override
  public String formula() {
    return "E(z) = -(1/beta) log sum_i pi_i N(z; mu_i, s_i^2 I)";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("beta", beta);
    for (int i = 0; i < weights.length; i++) {
      p.put("pi" + i, weights[i]);
      p.put("s" + i, sigmas[i]);
      for (int j = 0; j < dim; j++) {
        p.put("mu" + i + "_" + j, means[i][j]);
      }
    }
    return Collections.unmodifiableMap(p);
  }
}

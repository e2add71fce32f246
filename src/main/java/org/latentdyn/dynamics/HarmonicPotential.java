package org.latentdyn.dynamics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Harmonic potential {@code U(x) = 1/2 sum_i k_i (x_i - mu_i)^2} in any dimension; with constant diffusion it
 * gives the {@link OrnsteinUhlenbeck} process, whose Boltzmann distribution has variance {@code kT / k_i}.
 */
public final class HarmonicPotential implements Potential {
  private final double[] stiffness;
  private final double[] centre;

  /**
   * @param stiffness spring constants {@code k_i > 0}
   * @param centre minimum {@code mu}, same length as {@code stiffness}
   */
  public HarmonicPotential(double[] stiffness, double[] centre) {
    this.stiffness = Checks.positiveVector("stiffness", stiffness);
    Checks.length("centre", centre, stiffness.length);
    this.centre = Checks.finiteVector("centre", centre);
  }

  /** Isotropic potential {@code k/2 |x|^2} centred at the origin in {@code dim} dimensions. */
  public static HarmonicPotential isotropic(int dim, double stiffness) {
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be >= 1, got " + dim);
    }
    double[] k = new double[dim];
    Arrays.fill(k, stiffness);
    return new HarmonicPotential(k, new double[dim]);
  }

  @Override
  public int dim() {
    return stiffness.length;
  }

  public double stiffness(int i) {
    return stiffness[i];
  }

  public double centre(int i) {
    return centre[i];
  }

  @Override
  public double energy(double[] x) {
    double e = 0;
    for (int i = 0; i < stiffness.length; i++) {
      double d = x[i] - centre[i];
      e += stiffness[i] * d * d;
    }
    return 0.5 * e;
  }

  @Override
  public void gradient(double[] x, double[] out) {
    for (int i = 0; i < stiffness.length; i++) {
      out[i] = stiffness[i] * (x[i] - centre[i]);
    }
  }

  @Override
  public String name() {
    return "harmonic";
  }

  @Override
  public String formula() {
    return "U(x) = 1/2 sum_i k_i (x_i - mu_i)^2";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    for (int i = 0; i < stiffness.length; i++) {
      p.put("k" + i, stiffness[i]);
    }
    for (int i = 0; i < centre.length; i++) {
      p.put("mu" + i, centre[i]);
    }
    return Collections.unmodifiableMap(p);
  }
}

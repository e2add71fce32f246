package org.latentdyn.dynamics;

import java.util.Map;

/**
 * One-dimensional symmetric double well {@code U(x) = h (x^2 - 1)^2}: minima at {@code x = ±1} with
 * {@code U = 0}, barrier {@code h} at {@code x = 0}.
 *
 * @param barrier barrier height {@code h > 0} (in the energy unit of kT)
 */
public record DoubleWell1D(double barrier) implements Potential {
  public DoubleWell1D {
    Checks.positive("barrier", barrier);
  }

  @Override
  public int dim() {
    return 1;
  }

  @Override
  public double energy(double[] x) {
    double u = x[0] * x[0] - 1;
    return barrier * u * u;
  }

  @Override
  public void gradient(double[] x, double[] out) {
    out[0] = 4 * barrier * x[0] * (x[0] * x[0] - 1);
  }

  @Override
  public String name() {
    return "double-well-1d";
  }

  @Override
  public String formula() {
    return "U(x) = h (x^2 - 1)^2";
  }

  @Override
  public Map<String, Double> parameters() {
    return Map.of("h", barrier);
  }
}

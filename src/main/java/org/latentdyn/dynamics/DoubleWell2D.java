package org.latentdyn.dynamics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two-dimensional double well: a quartic double well along {@code x} and a harmonic valley along {@code y},
 * {@code U(x, y) = h (x^2 - 1)^2 + k y^2 / 2}. Minima at {@code (±1, 0)}, saddle at the origin with barrier
 * {@code h}; {@code x} is the slow variable.
 *
 * @param barrier barrier height {@code h > 0}
 * @param stiffness harmonic stiffness {@code k > 0} along {@code y}
 */
public record DoubleWell2D(double barrier, double stiffness) implements Potential {
  public DoubleWell2D {
    Checks.positive("barrier", barrier);
    Checks.positive("stiffness", stiffness);
  }

  @Override
  public int dim() {
    return 2;
  }

  @Override
  public double energy(double[] x) {
    double u = x[0] * x[0] - 1;
    return barrier * u * u + 0.5 * stiffness * x[1] * x[1];
  }

  @Override
  public void gradient(double[] x, double[] out) {
    out[0] = 4 * barrier * x[0] * (x[0] * x[0] - 1);
    out[1] = stiffness * x[1];
  }

  @Override
  public String name() {
    return "double-well-2d";
  }

  @Override
  public String formula() {
    return "U(x,y) = h (x^2 - 1)^2 + k y^2 / 2";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("h", barrier);
    p.put("k", stiffness);
    return Collections.unmodifiableMap(p);
  }
}

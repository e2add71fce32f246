package org.latentdyn.movies;

import java.util.Arrays;

/**
 * One generative factor of a movie: its name, the grid of values it takes (the ground-truth column holds the
 * value, not the index) and a sentence on its units and normalisation, for the output README.
 */
public record Factor(String name, double[] values, String meaning) {
  public Factor {
    if (values.length < 1) {
      throw new IllegalArgumentException("factor " + name + " needs at least one value");
    }
    values = values.clone();
  }

  /** {@code n} evenly spaced values from {@code lo} to {@code hi} (both included). */
  public static Factor linspace(String name, double lo, double hi, int n, String meaning) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
    }
    return new Factor(name, v, meaning);
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The value at grid index {@code i}. */
  public double value(int i) {
    return values[i];
  }

  /** Number of grid levels. */
  public int levels() {
    return values.length;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(values);
  }
}

package org.latentdyn.dynamics;

import java.util.Arrays;

/** Argument checks with messages that name the parameter, the value and what was expected. */
final class Checks {
  private Checks() {}

  static double positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
    }
    return value;
  }

  static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
    return value;
  }

  static double nonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + value);
    }
    return value;
  }

  static double[] positiveVector(String name, double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException(name + " must have at least one entry, got 0");
    }
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] > 0) || !Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] must be > 0 and finite, got " + values[i]);
      }
    }
    return values.clone();
  }

  static double[] finiteVector(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + values[i]);
      }
    }
    return values.clone();
  }

  static void length(String name, double[] values, int expected) {
    if (values.length != expected) {
      throw new IllegalArgumentException(name + " has length " + values.length + ", expected " + expected
          + (values.length < 8 ? " (got " + Arrays.toString(values) + ")" : ""));
    }
  }
}

package org.latentdyn.mechanics;

/** Argument checks with messages that name the parameter, the value and what was expected. */
final class Checks {
  private Checks() {}

  static double positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
    }
    return value;
  }

  static double nonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + value);
    }
    return value;
  }

  static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
    return value;
  }

  static void length(String name, double[] values, int expected) {
    if (values.length != expected) {
      throw new IllegalArgumentException(name + " has length " + values.length + ", expected " + expected);
    }
  }

  static void finite(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + values[i]);
      }
    }
  }

  /** Checks that every row of {@code starts} has {@code width} finite entries; returns the row count. */
  static int starts(double[][] starts, int width) {
    if (starts.length == 0) {
      throw new IllegalArgumentException("starts must hold at least one state, got 0");
    }
    for (int n = 0; n < starts.length; n++) {
      if (starts[n].length != width) {
        throw new IllegalArgumentException("starts[" + n + "] has length " + starts[n].length + ", expected "
            + width + " (q then p)");
      }
      finite("starts[" + n + "]", starts[n]);
    }
    return starts.length;
  }
}

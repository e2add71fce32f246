package org.latentdyn.kinetics;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * A named core of a metastable state: the region of a continuous coordinate where a trajectory counts as
 * committed to that state (Buchete &amp; Hummer 2008, J. Phys. Chem. B 112, 6057, "core-set" or transition-based
 * assignment). Frames outside every core keep the state of the last core visited; see {@link CoreTransitions}.
 *
 * @param name state name, not blank
 * @param region whether a point {@code [dim]} lies in the core
 */
public record Core(String name, Predicate<double[]> region) {
  public Core {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, got " + (name == null ? "null" : "\"" + name + "\""));
    }
    if (region == null) {
      throw new IllegalArgumentException("region of core \"" + name + "\" must not be null");
    }
  }

  public boolean contains(double[] point) {
    return region.test(point);
  }

  /** Points within Euclidean distance {@code radius} of {@code centre} (inclusive). */
  public static Core ball(String name, double[] centre, double radius) {
    if (!(radius > 0) || !Double.isFinite(radius)) {
      throw new IllegalArgumentException("radius of core \"" + name + "\" must be a finite number > 0, got " + radius);
    }
    double[] c = centre.clone();
    double r2 = radius * radius;
    return new Core(name, x -> {
      checkDim(name, x, c.length);
      double s = 0;
      for (int m = 0; m < c.length; m++) {
        s += (x[m] - c[m]) * (x[m] - c[m]);
      }
      return s <= r2;
    });
  }

  /** Points with {@code lower[m] <= x[m] <= upper[m]} in every coordinate. */
  public static Core box(String name, double[] lower, double[] upper) {
    checkBounds(name, lower, upper, false);
    double[] lo = lower.clone();
    double[] hi = upper.clone();
    return new Core(name, x -> {
      checkDim(name, x, lo.length);
      for (int m = 0; m < lo.length; m++) {
        if (!(x[m] >= lo[m] && x[m] <= hi[m])) {
          return false;
        }
      }
      return true;
    });
  }

  /**
   * A box on periodic coordinates such as dihedral angles: coordinate {@code m} lies in the arc from
   * {@code lower[m]} up to {@code upper[m]} modulo {@code period}, so {@code lower > upper} wraps around (e.g. with
   * period 360, {@code [150, -150]} is the 60-degree arc through 180).
   */
  public static Core periodicBox(String name, double[] lower, double[] upper, double period) {
    if (!(period > 0) || !Double.isFinite(period)) {
      throw new IllegalArgumentException("period of core \"" + name + "\" must be a finite number > 0, got "
          + period);
    }
    checkBounds(name, lower, upper, true);
    double[] lo = lower.clone();
    double[] width = new double[lo.length];
    for (int m = 0; m < lo.length; m++) {
      width[m] = mod(upper[m] - lower[m], period);
    }
    return new Core(name, x -> {
      checkDim(name, x, lo.length);
      for (int m = 0; m < lo.length; m++) {
        if (!(mod(x[m] - lo[m], period) <= width[m])) {
          return false;
        }
      }
      return true;
    });
  }

  private static double mod(double v, double period) {
    double r = v % period;
    return r < 0 ? r + period : r;
  }

  private static void checkBounds(String name, double[] lower, double[] upper, boolean periodic) {
    if (lower.length == 0 || lower.length != upper.length) {
      throw new IllegalArgumentException("core \"" + name + "\" has " + lower.length + " lower and " + upper.length
          + " upper bounds, expected the same number >= 1");
    }
    for (int m = 0; m < lower.length; m++) {
      if (!Double.isFinite(lower[m]) || !Double.isFinite(upper[m]) || (!periodic && lower[m] > upper[m])) {
        throw new IllegalArgumentException("core \"" + name + "\" coordinate " + m + " has bounds [" + lower[m]
            + ", " + upper[m] + "], expected finite lower <= upper");
      }
    }
  }

  private static void checkDim(String name, double[] x, int dim) {
    if (x.length != dim) {
      throw new IllegalArgumentException("core \"" + name + "\" is defined on " + dim + " coordinates, got a point "
          + "with " + x.length + ": " + Arrays.toString(x));
    }
  }
}

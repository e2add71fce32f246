package org.latentdyn.analysis;

/**
 * A closed interval {@code [min, max]} on one axis of a histogram.
 *
 * @param min lower edge, finite
 * @param max upper edge, finite and {@code > min}
 */
public record Range(double min, double max) {
  public Range {
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
      throw new IllegalArgumentException("range must be finite with max > min, got [" + min + ", " + max + "]");
    }
  }

  /**
   * The range spanned by {@code values}; a single repeated value {@code v} gives {@code [v - 0.5, v + 0.5]}.
   */
  public static Range of(double[] values) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("values must hold at least one value");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("value " + i + " is not finite: " + values[i]);
      }
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    return hi > lo ? new Range(lo, hi) : new Range(lo - 0.5, hi + 0.5);
  }

  double[] edges(int bins) {
    double[] e = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      e[i] = min + (max - min) * i / bins;
    }
    e[bins] = max;
    return e;
  }

  /** Bin of {@code v} among {@code bins} equal bins, the last one closed; -1 outside. */
  int bin(double v, int bins) {
    if (!(v >= min && v <= max)) {
      return -1;
    }
    int b = (int) ((v - min) / (max - min) * bins);
    return Math.min(b, bins - 1);
  }
}

package org.latentdyn.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the ground truth is scaled before it is compared with a learned latent (spec section 5).
 *
 * <p>DynAE's latent moves with unit diffusion per lag (paper Eq. 5 with {@code M = 1}), so a ground truth
 * with another diffusion constant differs from it by a scale that no isometry can absorb. {@link #RAW}
 * compares with the truth as given; {@link #UNIT_DIFFUSION} divides the truth by {@code sqrt(D)} where
 * {@code D = mean(Delta y^2) / 2} is estimated from per-lag increments between consecutive frames
 * ({@link #estimateDiffusion(double[][], int[])}), averaged over dimensions, so that the scaled truth has
 * {@code D = 1}.
 */
public enum DiffusionConvention {
  /** Ground truth as given. */
  RAW("raw"),
  /** Ground truth divided by {@code sqrt(D)}, so that its per-lag diffusion constant is 1. */
  UNIT_DIFFUSION("unit-diffusion");

  private final String label;

  DiffusionConvention(String label) {
    this.label = label;
  }

  /** The name used on the command line and in output, {@code "raw"} or {@code "unit-diffusion"}. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }

  /**
   * Parses a label ({@code "raw"} or {@code "unit-diffusion"}, case-insensitive, surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the value and the valid labels
   */
  public static DiffusionConvention parse(String value) {
    if (value != null) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      for (DiffusionConvention c : values()) {
        if (c.label.equals(v)) {
          return c;
        }
      }
    }
    String valid = Arrays.stream(values()).map(c -> "'" + c.label + "'").collect(Collectors.joining(", "));
    throw new IllegalArgumentException("unknown diffusion convention '" + value + "'; valid values are " + valid);
  }

  /**
   * The factor the truth is multiplied by under this convention: 1 for {@link #RAW}, {@code 1/sqrt(D)}
   * for {@link #UNIT_DIFFUSION}.
   *
   * @param diffusion the estimated diffusion constant {@code D} of the truth
   */
  public double truthScale(double diffusion) {
    if (this == RAW) {
      return 1.0;
    }
    if (!(diffusion > 0) || !Double.isFinite(diffusion)) {
      throw new IllegalArgumentException("unit-diffusion convention needs a positive finite diffusion estimate of"
          + " the truth, got " + diffusion + " (is the truth constant?)");
    }
    return 1.0 / Math.sqrt(diffusion);
  }

  /** {@link #estimateDiffusion(double[][], int[])} for a single trajectory. */
  public static double estimateDiffusion(double[][] truth) {
    return estimateDiffusion(truth, null);
  }

  /**
   * Estimates the per-lag diffusion constant {@code D = mean(Delta y^2) / 2}, the mean running over all
   * increments between consecutive frames and over dimensions. For a Brownian motion with
   * {@code dy = sqrt(2 D) dW} and one frame per lag this is unbiased.
   *
   * @param truth {@code [frames][d']}
   * @param trajectoryLengths lengths of the consecutive trajectories that make up {@code truth}; increments
   *     never cross a boundary. {@code null} means one trajectory.
   * @throws IllegalArgumentException if the lengths do not add up to the frames or no increment exists
   */
  public static double estimateDiffusion(double[][] truth, int[] trajectoryLengths) {
    int cols = Inputs.columns("truth", truth);
    int[] lengths = trajectoryLengths == null ? new int[] {truth.length} : trajectoryLengths;
    long total = 0;
    for (int k = 0; k < lengths.length; k++) {
      if (lengths[k] < 1) {
        throw new IllegalArgumentException("trajectoryLengths[" + k + "] must be >= 1, got " + lengths[k]);
      }
      total += lengths[k];
    }
    if (total != truth.length) {
      throw new IllegalArgumentException("trajectoryLengths add up to " + total + " frames but truth has "
          + truth.length);
    }
    double sum = 0;
    long increments = 0;
    int start = 0;
    for (int len : lengths) {
      for (int n = start + 1; n < start + len; n++) {
        for (int j = 0; j < cols; j++) {
          double dy = truth[n][j] - truth[n - 1][j];
          sum += dy * dy;
        }
        increments++;
      }
      start += len;
    }
    if (increments == 0) {
      throw new IllegalArgumentException("estimating diffusion needs at least one trajectory with 2 or more frames,"
          + " got lengths " + Arrays.toString(lengths));
    }
    return sum / (2.0 * increments * cols);
  }
}

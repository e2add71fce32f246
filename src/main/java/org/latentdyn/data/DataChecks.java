package org.latentdyn.data;

/**
 * Validation of array contents at API boundaries. Each check throws an {@link IllegalArgumentException}
 * that names the array, the first offending frame and feature, and the value.
 */
public final class DataChecks {
  private DataChecks() {}

  /**
   * Requires every value of {@code trajectory} to be finite.
   *
   * @param name what the trajectory is, for the message (for example {@code "latent"} or a file name)
   * @return {@code trajectory}, for chaining
   * @throws IllegalArgumentException "latent has a non-finite value NaN at frame 17, feature 3"
   */
  public static Trajectory requireFinite(Trajectory trajectory, String name) {
    requireFinite(trajectory.view(), trajectory.features(), name);
    return trajectory;
  }

  /** Requires every value of a row-major {@code [frames, features]} array to be finite. */
  public static float[] requireFinite(float[] values, int features, String name) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw nonFinite(name, i, features, values[i]);
      }
    }
    return values;
  }

  /** Requires every value of a row-major {@code [frames, features]} array to be finite. */
  public static double[] requireFinite(double[] values, int features, String name) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw nonFinite(name, i, features, values[i]);
      }
    }
    return values;
  }

  private static IllegalArgumentException nonFinite(String name, int index, int features, double value) {
    if (features < 1) {
      throw new IllegalArgumentException("features must be >= 1, got " + features);
    }
    return new IllegalArgumentException(name + " has a non-finite value " + value + " at frame "
        + index / features + ", feature " + index % features);
  }
}

package org.latentdyn.kinetics;

import org.latentdyn.data.Trajectory;

/** Conversion of point inputs to one flat row-major {@code double[]}, with checks naming point and coordinate. */
final class FlatPoints {
  private FlatPoints() {}

  static double[] of(double[][] points) {
    if (points == null || points.length == 0) {
      throw new IllegalArgumentException("points must hold at least one point, got "
          + (points == null ? "null" : "0"));
    }
    if (points[0] == null || points[0].length == 0) {
      throw new IllegalArgumentException("point 0 must have at least one coordinate");
    }
    int dim = points[0].length;
    double[] out = new double[Math.multiplyExact(points.length, dim)];
    for (int i = 0; i < points.length; i++) {
      if (points[i] == null || points[i].length != dim) {
        throw new IllegalArgumentException("point " + i + " has " + (points[i] == null ? "no" : points[i].length)
            + " coordinates, expected " + dim + " as point 0");
      }
      System.arraycopy(points[i], 0, out, i * dim, dim);
    }
    checkFinite(out, dim);
    return out;
  }

  /** Checks shape and values; returns {@code points} itself (not copied, never modified by callers). */
  static double[] of(double[] points, int dim) {
    checkShape(points == null ? -1 : points.length, dim);
    checkFinite(points, dim);
    return points;
  }

  static double[] of(float[] points, int dim) {
    checkShape(points == null ? -1 : points.length, dim);
    double[] out = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      out[i] = points[i];
    }
    checkFinite(out, dim);
    return out;
  }

  static double[] of(Trajectory trajectory) {
    if (trajectory == null) {
      throw new IllegalArgumentException("trajectory must not be null");
    }
    return of(trajectory.view(), trajectory.features());
  }

  private static void checkShape(int length, int dim) {
    if (length < 0) {
      throw new IllegalArgumentException("points must not be null");
    }
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be >= 1, got " + dim);
    }
    if (length == 0 || length % dim != 0) {
      throw new IllegalArgumentException("points has length " + length + ", expected a positive multiple of dim "
          + dim);
    }
  }

  private static void checkFinite(double[] flat, int dim) {
    for (int i = 0; i < flat.length; i++) {
      if (!Double.isFinite(flat[i])) {
        throw new IllegalArgumentException("point " + (i / dim) + " has a non-finite value " + flat[i]
            + " at coordinate " + (i % dim));
      }
    }
  }
}

package org.latentdyn.analysis;

import org.latentdyn.data.Trajectory;

/** Conversion of point inputs to one flat row-major {@code double[]}, with checks naming point and coordinate. */
public final class Points {
  private Points() {}

  public static double[] flat(double[][] points) {
    if (points == null || points.length == 0) {
      throw new IllegalArgumentException("points must hold at least one point, got "
          + (points == null ? "null" : "0"));
    }
    if (points[0] == null || points[0].length == 0) {
      throw new IllegalArgumentException("point 0 must have at least one coordinate");
    }
    int dim = points[0].length;
    double[] out = new double[points.length * dim];
    for (int i = 0; i < points.length; i++) {
      if (points[i] == null || points[i].length != dim) {
        throw new IllegalArgumentException("point " + i + " has " + (points[i] == null ? "no" : points[i].length)
            + " coordinates, expected " + dim + " as point 0");
      }
      System.arraycopy(points[i], 0, out, i * dim, dim);
    }
    check(out, dim);
    return out;
  }

  public static double[] flat(double[] points, int dim) {
    checkShape(points == null ? -1 : points.length, dim);
    check(points, dim);
    return points;
  }

  public static double[] flat(float[] points, int dim) {
    checkShape(points == null ? -1 : points.length, dim);
    double[] out = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      out[i] = points[i];
    }
    check(out, dim);
    return out;
  }

  public static double[] flat(Trajectory trajectory) {
    if (trajectory == null) {
      throw new IllegalArgumentException("trajectory must not be null");
    }
    return flat(trajectory.view(), trajectory.features());
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

  private static void check(double[] flat, int dim) {
    for (int i = 0; i < flat.length; i++) {
      if (!Double.isFinite(flat[i])) {
        throw new IllegalArgumentException("point " + (i / dim) + " has a non-finite value " + flat[i]
            + " at coordinate " + (i % dim));
      }
    }
  }
}

package org.latentdyn.data;

import java.util.Arrays;

/**
 * One trajectory of observations, shape {@code [frames, features]}, stored as one contiguous row-major
 * {@code float} array. Immutable: constructors copy, accessors copy unless documented otherwise.
 */
public final class Trajectory {
  private final float[] values;
  private final int frames;
  private final int features;

  /**
   * @param values row-major values of length {@code frames * features} (copied)
   * @param frames number of frames, at least 1
   * @param features number of features per frame, at least 1
   */
  public Trajectory(float[] values, int frames, int features) {
    this(values, frames, features, true);
  }

  private Trajectory(float[] values, int frames, int features, boolean copy) {
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be >= 1, got " + frames);
    }
    if (features < 1) {
      throw new IllegalArgumentException("features must be >= 1, got " + features);
    }
    if ((long) frames * features != values.length) {
      throw new IllegalArgumentException("values has length " + values.length + ", expected frames "
          + frames + " x features " + features + " = " + ((long) frames * features));
    }
    this.values = copy ? values.clone() : values;
    this.frames = frames;
    this.features = features;
  }

  /** Wraps {@code values} without copying; the caller hands over ownership. */
  public static Trajectory wrap(float[] values, int frames, int features) {
    return new Trajectory(values, frames, features, false);
  }

  /** Builds a trajectory from rows {@code [frames][features]}. */
  public static Trajectory ofRows(double[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must hold at least one frame, got 0");
    }
    int f = rows[0].length;
    float[] v = new float[rows.length * f];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != f) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, expected " + f);
      }
      for (int j = 0; j < f; j++) {
        v[i * f + j] = (float) rows[i][j];
      }
    }
    return new Trajectory(v, rows.length, f, false);
  }

  public int frames() {
    return frames;
  }

  public int features() {
    return features;
  }

  public float get(int frame, int feature) {
    return values[frame * features + feature];
  }

  /** A copy of one frame. */
  public float[] frame(int frame) {
    return Arrays.copyOfRange(values, frame * features, (frame + 1) * features);
  }

  /** A copy of the row-major values. */
  public float[] toArray() {
    return values.clone();
  }

  /**
   * The backing row-major array, not copied. Callers must not modify it; it exists so that hot loops
   * (encoding, clustering, writing) avoid a copy.
   */
  public float[] view() {
    return values;
  }

  /** A copy as {@code double[frames][features]}. */
  public double[][] toDoubleRows() {
    double[][] out = new double[frames][features];
    for (int i = 0; i < frames; i++) {
      for (int j = 0; j < features; j++) {
        out[i][j] = values[i * features + j];
      }
    }
    return out;
  }

  /** Frames {@code [from, to)} as a new trajectory. */
  public Trajectory slice(int from, int to) {
    if (from < 0 || to > frames || from >= to) {
      throw new IllegalArgumentException("slice [" + from + ", " + to + ") is not within [0, " + frames + ")");
    }
    return new Trajectory(Arrays.copyOfRange(values, from * features, to * features), to - from, features, false);
  }

  @Override
  public String toString() {
    return "Trajectory[frames=" + frames + ", features=" + features + "]";
  }
}

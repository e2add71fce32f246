package org.latentdyn.mechanics;

import org.latentdyn.data.io.NpyArray;

/**
 * A batch of phase-space trajectories {@code [trajectories, frames, width]}, row-major doubles, with
 * {@code width = 2 d} holding {@code (q, p)} (or {@code (qdot, pdot)} for derivatives). The array is shared, not
 * copied: treat it as read-only.
 *
 * @param trajectories number of trajectories {@code N >= 1}
 * @param frames frames per trajectory {@code T >= 1}
 * @param width values per frame
 * @param values {@code N * T * width} numbers
 */
public record PhaseSpaceArray(int trajectories, int frames, int width, double[] values) {
  public PhaseSpaceArray {
    Checks.atLeast("trajectories", trajectories, 1);
    Checks.atLeast("frames", frames, 1);
    Checks.atLeast("width", width, 1);
    long size = (long) trajectories * frames * width;
    if (values.length != size) {
      throw new IllegalArgumentException("values has length " + values.length + ", expected trajectories x frames x"
          + " width = " + trajectories + " x " + frames + " x " + width + " = " + size);
    }
  }

  /** A zero array of the given shape. */
  public static PhaseSpaceArray zeros(int trajectories, int frames, int width) {
    long size = (long) trajectories * frames * width;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("trajectories x frames x width = " + size + " exceeds the array limit");
    }
    return new PhaseSpaceArray(trajectories, frames, width, new double[(int) Math.max(size, 0)]);
  }

  /** The flat index of entry {@code (n, t, j)}. */
  public int index(int n, int t, int j) {
    return (n * frames + t) * width + j;
  }

  /** Entry {@code (n, t, j)}. */
  public double get(int n, int t, int j) {
    return values[index(n, t, j)];
  }

  /** Sets entry {@code (n, t, j)} (for producers filling a fresh array). */
  public void set(int n, int t, int j, double value) {
    values[index(n, t, j)] = value;
  }

  /** A copy of frame {@code t} of trajectory {@code n}. */
  public double[] state(int n, int t) {
    double[] s = new double[width];
    System.arraycopy(values, index(n, t, 0), s, 0, width);
    return s;
  }

  /** Copies {@code state} into frame {@code t} of trajectory {@code n}. */
  public void setState(int n, int t, double[] state) {
    System.arraycopy(state, 0, values, index(n, t, 0), width);
  }

  /** The array as float32 {@code .npy} {@code [trajectories, frames, width]}. */
  public NpyArray toFloat32() {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return NpyArray.ofFloats(f, trajectories, frames, width);
  }

  /** The array as float64 {@code .npy} {@code [trajectories, frames, width]}. */
  public NpyArray toFloat64() {
    return NpyArray.ofDoubles(values.clone(), trajectories, frames, width);
  }
}

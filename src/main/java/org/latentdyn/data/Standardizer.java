package org.latentdyn.data;

/**
 * An affine change of units of the features, {@code x' = (x - mean) / scale}, with one scale for all features
 * so that distances between frames keep their geometry. Fitted scale: the root of the mean per-feature variance,
 * so the standardised features have mean variance 1.
 *
 * @param mean per-feature mean subtracted
 * @param scale the common divisor, {@code > 0}
 */
public record Standardizer(float[] mean, double scale) {
  public Standardizer {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be a finite number > 0, got " + scale);
    }
    mean = mean.clone();
  }

  /** No change: zero mean, scale 1. */
  public static Standardizer identity(int features) {
    return new Standardizer(new float[features], 1.0);
  }

  /** Fits the mean and the common scale to every frame of {@code data}. */
  public static Standardizer fit(Dataset data) {
    int f = data.features();
    double[] sum = new double[f];
    double[] sq = new double[f];
    long n = 0;
    for (Trajectory t : data.trajectories()) {
      float[] v = t.view();
      for (int i = 0; i < t.frames(); i++) {
        for (int j = 0; j < f; j++) {
          double x = v[i * f + j];
          sum[j] += x;
          sq[j] += x * x;
        }
      }
      n += t.frames();
    }
    float[] mean = new float[f];
    double var = 0;
    for (int j = 0; j < f; j++) {
      double m = sum[j] / n;
      mean[j] = (float) m;
      var += Math.max(0, sq[j] / n - m * m);
    }
    var /= f;
    if (!(var > 0)) {
      throw new IllegalArgumentException("every feature is constant over the " + n + " frames; cannot standardise");
    }
    return new Standardizer(mean, Math.sqrt(var));
  }

  /** Mean variance per feature of {@code data}, the quantity a fitted scale brings to 1. */
  public static double meanVariance(Dataset data) {
    Standardizer s = fit(data);
    return s.scale() * s.scale();
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  /** True when this changes nothing. */
  public boolean isIdentity() {
    if (scale != 1.0) {
      return false;
    }
    for (float m : mean) {
      if (m != 0f) {
        return false;
      }
    }
    return true;
  }

  /** {@code (x - mean) / scale}. */
  public Trajectory apply(Trajectory x) {
    check(x);
    if (isIdentity()) {
      return x;
    }
    int f = x.features();
    float[] v = x.toArray();
    float inv = (float) (1.0 / scale);
    for (int i = 0; i < v.length; i++) {
      v[i] = (v[i] - mean[i % f]) * inv;
    }
    return Trajectory.wrap(v, x.frames(), f);
  }

  /** Every trajectory of {@code data} standardised, names kept. */
  public Dataset apply(Dataset data) {
    if (isIdentity()) {
      return data;
    }
    java.util.List<Trajectory> out = new java.util.ArrayList<>();
    for (Trajectory t : data.trajectories()) {
      out.add(apply(t));
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < data.trajectoryCount(); i++) {
      names.add(data.name(i).orElse(null));
    }
    return names.contains(null) ? Dataset.of(out) : Dataset.of(out, names);
  }

  /** {@code x' * scale + mean}: back to the data's units. */
  public Trajectory invert(Trajectory standardised) {
    check(standardised);
    if (isIdentity()) {
      return standardised;
    }
    int f = standardised.features();
    float[] v = standardised.toArray();
    float s = (float) scale;
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] * s + mean[i % f];
    }
    return Trajectory.wrap(v, standardised.frames(), f);
  }

  private void check(Trajectory x) {
    if (x.features() != mean.length) {
      throw new IllegalArgumentException("data have " + x.features() + " features, the standardizer " + mean.length);
    }
  }
}

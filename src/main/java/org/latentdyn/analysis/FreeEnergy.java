package org.latentdyn.analysis;

/**
 * Free energy from samples by histogram: {@code F = -kT log p}, with {@code p} the fraction of samples per
 * bin divided by the bin area (paper Fig. 2 and 4; spec section 5). Shifted so that the lowest bin is 0;
 * empty bins are {@code +Infinity}; samples outside a given range are counted in {@code outside} and
 * otherwise ignored. Ranges from data span the samples exactly (upper edge inclusive).
 */
public final class FreeEnergy {
  private FreeEnergy() {}

  /** Surface over {@code points[n][0..1]} (x and y columns; more columns are ignored), range from data. */
  public static FreeEnergySurface surface(double[][] points, int nx, int ny, double kT) {
    if (points == null || points.length == 0) {
      throw new IllegalArgumentException("points must hold at least one point");
    }
    double[] x = new double[points.length];
    double[] y = new double[points.length];
    for (int n = 0; n < points.length; n++) {
      if (points[n] == null || points[n].length < 2) {
        throw new IllegalArgumentException("point " + n + " has " + (points[n] == null ? "no" : points[n].length)
            + " coordinates, expected at least 2");
      }
      x[n] = points[n][0];
      y[n] = points[n][1];
    }
    return surface(x, y, nx, ny, kT);
  }

  /** Surface with the ranges spanned by the data. */
  public static FreeEnergySurface surface(double[] x, double[] y, int nx, int ny, double kT) {
    return surface(x, y, nx, ny, Range.of(x), Range.of(y), kT);
  }

  /**
   * Surface on a given grid.
   *
   * @param x sample x coordinates
   * @param y sample y coordinates, same length
   * @param nx bins along x, {@code >= 1}
   * @param ny bins along y, {@code >= 1}
   * @param xRange grid extent along x
   * @param yRange grid extent along y
   * @param kT thermal energy, {@code > 0}
   */
  public static FreeEnergySurface surface(double[] x, double[] y, int nx, int ny, Range xRange, Range yRange,
      double kT) {
    if (x == null || y == null || x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("x and y must hold the same positive number of samples, got "
          + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length));
    }
    checkBins("nx", nx);
    checkBins("ny", ny);
    checkKT(kT);
    if (xRange == null || yRange == null) {
      throw new IllegalArgumentException("xRange and yRange must not be null");
    }
    int[][] counts = new int[nx][ny];
    int inside = 0;
    for (int n = 0; n < x.length; n++) {
      if (!Double.isFinite(x[n]) || !Double.isFinite(y[n])) {
        throw new IllegalArgumentException("sample " + n + " is not finite: (" + x[n] + ", " + y[n] + ")");
      }
      int i = xRange.bin(x[n], nx);
      int j = yRange.bin(y[n], ny);
      if (i >= 0 && j >= 0) {
        counts[i][j]++;
        inside++;
      }
    }
    if (inside == 0) {
      throw new IllegalArgumentException("no sample lies inside x " + xRange + " and y " + yRange);
    }
    int max = 0;
    for (int[] row : counts) {
      for (int c : row) {
        max = Math.max(max, c);
      }
    }
    double[][] values = new double[nx][ny];
    for (int i = 0; i < nx; i++) {
      for (int j = 0; j < ny; j++) {
        values[i][j] = energy(counts[i][j], max, kT);
      }
    }
    double[] xe = xRange.edges(nx);
    double[] ye = yRange.edges(ny);
    return new FreeEnergySurface(kT, xe, centers(xe), ye, centers(ye), values, counts, inside,
        x.length - inside);
  }

  /** 1-D profile with the range spanned by the data. */
  public static FreeEnergyProfile profile(double[] x, int bins, double kT) {
    return profile(x, bins, Range.of(x), kT);
  }

  /** 1-D profile on a given range. */
  public static FreeEnergyProfile profile(double[] x, int bins, Range range, double kT) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("x must hold at least one sample");
    }
    checkBins("bins", bins);
    checkKT(kT);
    if (range == null) {
      throw new IllegalArgumentException("range must not be null");
    }
    int[] counts = new int[bins];
    int inside = 0;
    for (int n = 0; n < x.length; n++) {
      if (!Double.isFinite(x[n])) {
        throw new IllegalArgumentException("sample " + n + " is not finite: " + x[n]);
      }
      int i = range.bin(x[n], bins);
      if (i >= 0) {
        counts[i]++;
        inside++;
      }
    }
    if (inside == 0) {
      throw new IllegalArgumentException("no sample lies inside " + range);
    }
    int max = 0;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    double[] values = new double[bins];
    for (int i = 0; i < bins; i++) {
      values[i] = energy(counts[i], max, kT);
    }
    double[] e = range.edges(bins);
    return new FreeEnergyProfile(kT, e, centers(e), values, counts, inside, x.length - inside);
  }

  /** Equal-area bins: {@code F - F_min = -kT log(count / maxCount)}. */
  private static double energy(int count, int max, double kT) {
    if (count == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return count == max ? 0.0 : -kT * Math.log((double) count / max);
  }

  private static double[] centers(double[] edges) {
    double[] c = new double[edges.length - 1];
    for (int i = 0; i < c.length; i++) {
      c[i] = 0.5 * (edges[i] + edges[i + 1]);
    }
    return c;
  }

  private static void checkBins(String name, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + bins);
    }
  }

  private static void checkKT(double kT) {
    if (!(kT > 0) || !Double.isFinite(kT)) {
      throw new IllegalArgumentException("kT must be a finite number > 0, got " + kT);
    }
  }

  static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  static int[][] copy(int[][] a) {
    int[][] out = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}

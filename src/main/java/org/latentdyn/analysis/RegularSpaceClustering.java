package org.latentdyn.analysis;

import org.latentdyn.data.Trajectory;

/**
 * Regular-space clustering (spec section 4; Algorithm 1 of Wang &amp; Tiwary, "From latent dynamics to
 * meaningful representations"): walk through the points in order; a point farther than {@code dMin}
 * (strictly) from every existing centre becomes a new centre. The result depends only on the points and
 * their order. Centres are therefore pairwise more than {@code dMin} apart and every point lies within
 * {@code dMin} of some centre.
 *
 * <p>Centres live in a uniform hash grid with cell size {@code dMin} over the first {@code min(dim, 4)}
 * coordinates, so each point checks the {@code 3^g} cells around it and stops at the first centre within
 * {@code dMin}: about linear in the number of points for low dimensions. For {@code dim > 4} the grid
 * uses the first four coordinates only and stays exact (projected distances bound true ones from below),
 * degrading towards the {@code O(points * centres)} scan when the remaining coordinates carry the spread.
 */
public final class RegularSpaceClustering {
  /** The reference code's cap on the number of centres. */
  public static final int DEFAULT_MAX_CENTERS = 200;

  private RegularSpaceClustering() {}

  /**
   * @param dMin minimum distance between centres, {@code > 0}, in the units of the points
   * @param maxCenters most centres allowed, {@code >= 1}; exceeding it throws {@link TooManyCentersException}
   */
  public record Options(double dMin, int maxCenters) {
    public Options {
      if (!(dMin > 0) || !Double.isFinite(dMin)) {
        throw new IllegalArgumentException("dMin must be a finite number > 0, got " + dMin);
      }
      if (maxCenters < 1) {
        throw new IllegalArgumentException("maxCenters must be >= 1, got " + maxCenters);
      }
    }

    /** {@code dMin} with the default cap {@link #DEFAULT_MAX_CENTERS}. */
    public Options(double dMin) {
      this(dMin, DEFAULT_MAX_CENTERS);
    }

    public Options withDMin(double value) {
      return new Options(value, maxCenters);
    }

    public Options withMaxCenters(int value) {
      return new Options(dMin, value);
    }
  }

  /** Clusters points given as rows {@code [points][dim]}. */
  public static Clustering fit(double[][] points, Options options) {
    return fitFlat(Points.flat(points), points[0].length, options);
  }

  /** Clusters points given as a flat row-major array of length {@code points * dim} (not modified). */
  public static Clustering fit(double[] points, int dim, Options options) {
    return fitFlat(Points.flat(points, dim), dim, options);
  }

  /** Clusters points given as a flat row-major {@code float} array of length {@code points * dim}. */
  public static Clustering fit(float[] points, int dim, Options options) {
    return fitFlat(Points.flat(points, dim), dim, options);
  }

  /** Clusters the frames of a trajectory, {@code [frames, features]}. */
  public static Clustering fit(Trajectory points, Options options) {
    return fitFlat(Points.flat(points), points.features(), options);
  }

  private static Clustering fitFlat(double[] p, int dim, Options options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    double dMin = options.dMin();
    double r2 = dMin * dMin;
    int n = p.length / dim;
    CenterGrid grid = new CenterGrid(dim, dMin, Math.min(options.maxCenters(), 1 << 16));
    for (int i = 0; i < n; i++) {
      int off = i * dim;
      if (!grid.anyWithin(p, off, r2)) {
        if (grid.count() == options.maxCenters()) {
          throw new TooManyCentersException(options.maxCenters(), dMin, i, n);
        }
        grid.add(p, off);
      }
    }
    return new Clustering(grid, dim, dMin);
  }
}

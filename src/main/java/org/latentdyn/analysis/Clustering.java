package org.latentdyn.analysis;

import org.latentdyn.data.Trajectory;

/**
 * A fitted set of cluster centres with Voronoi (nearest-centre) assignment; produced by
 * {@link RegularSpaceClustering}. Immutable and safe to share between threads.
 */
public final class Clustering {
  private final CenterGrid grid;
  private final double[] centers;
  private final int dim;
  private final double dMin;

  Clustering(CenterGrid grid, int dim, double dMin) {
    this.grid = grid;
    this.centers = grid.centers();
    this.dim = dim;
    this.dMin = dMin;
  }

  /**
   * A clustering with given centres, e.g. loaded from disk.
   *
   * @param centers {@code [centres][dim]}, at least one
   * @param dMin the grid scale used for assignment (any positive value is correct; the fitting
   *     {@code dMin} is fastest)
   */
  public static Clustering ofCenters(double[][] centers, double dMin) {
    RegularSpaceClustering.Options checked = new RegularSpaceClustering.Options(dMin, 1);
    double[] flat = Points.flat(centers);
    int d = centers[0].length;
    CenterGrid grid = new CenterGrid(d, checked.dMin(), centers.length);
    for (int k = 0; k < centers.length; k++) {
      grid.add(flat, k * d);
    }
    return new Clustering(grid, d, dMin);
  }

  /** Number of centres. */
  public int size() {
    return centers.length / dim;
  }

  public int dim() {
    return dim;
  }

  /** The minimum centre distance used for fitting. */
  public double dMin() {
    return dMin;
  }

  /** A copy of the centres, {@code [centres][dim]}, in the order they were found. */
  public double[][] centers() {
    double[][] out = new double[size()][dim];
    for (int k = 0; k < out.length; k++) {
      System.arraycopy(centers, k * dim, out[k], 0, dim);
    }
    return out;
  }

  /** A copy of centre {@code k}. */
  public double[] center(int k) {
    if (k < 0 || k >= size()) {
      throw new IllegalArgumentException("centre index must be in [0, " + size() + "), got " + k);
    }
    double[] out = new double[dim];
    System.arraycopy(centers, k * dim, out, 0, dim);
    return out;
  }

  /** Voronoi assignment of rows {@code [points][dim]}: index of the nearest centre, ties to the lower index. */
  public int[] assign(double[][] points) {
    return assignFlat(Points.flat(points), points[0].length);
  }

  /** Voronoi assignment of a flat row-major array of length {@code points * dim}. */
  public int[] assign(double[] points, int dim) {
    return assignFlat(Points.flat(points, dim), dim);
  }

  /** Voronoi assignment of a flat row-major {@code float} array of length {@code points * dim}. */
  public int[] assign(float[] points, int dim) {
    return assignFlat(Points.flat(points, dim), dim);
  }

  /** Voronoi assignment of the frames of a trajectory. */
  public int[] assign(Trajectory points) {
    return assignFlat(Points.flat(points), points.features());
  }

  /**
   * Number of points per centre.
   *
   * @param assignment centre indices as returned by {@code assign}
   * @return counts of length {@link #size()}
   */
  public int[] counts(int[] assignment) {
    int[] c = new int[size()];
    for (int i = 0; i < assignment.length; i++) {
      int k = assignment[i];
      if (k < 0 || k >= c.length) {
        throw new IllegalArgumentException("assignment[" + i + "] = " + k + " is not a centre index in [0, "
            + c.length + ")");
      }
      c[k]++;
    }
    return c;
  }

  private int[] assignFlat(double[] p, int pointDim) {
    if (pointDim != dim) {
      throw new IllegalArgumentException("points have dim " + pointDim + " but the centres have dim " + dim);
    }
    int n = p.length / dim;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = grid.nearest(p, i * dim);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Clustering[centres=" + size() + ", dim=" + dim + ", dMin=" + dMin + "]";
  }
}

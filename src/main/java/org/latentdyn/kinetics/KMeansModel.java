package org.latentdyn.kinetics;

import org.latentdyn.analysis.Points;
import org.latentdyn.data.Trajectory;

/**
 * Centres fitted by {@link KMeans}, with nearest-centre assignment. Immutable and safe to share between threads;
 * carries the options and the number of points it was fitted on.
 */
public final class KMeansModel {
  private final double[] centers;
  private final int dim;
  private final int k;
  private final double inertia;
  private final int iterations;
  private final boolean converged;
  private final double[] restartInertias;
  private final KMeans.Options options;
  private final int trainingPoints;

  KMeansModel(double[] centers, int dim, double inertia, int iterations, boolean converged,
      double[] restartInertias, KMeans.Options options, int trainingPoints) {
    this.centers = centers.clone();
    this.dim = dim;
    this.k = centers.length / dim;
    this.inertia = inertia;
    this.iterations = iterations;
    this.converged = converged;
    this.restartInertias = restartInertias.clone();
    this.options = options;
    this.trainingPoints = trainingPoints;
  }

  /** Number of centres. */
  public int k() {
    return k;
  }

  public int dim() {
    return dim;
  }

  /** A copy of the centres, {@code [k][dim]}. */
  public double[][] centers() {
    double[][] out = new double[k][dim];
    for (int c = 0; c < k; c++) {
      System.arraycopy(centers, c * dim, out[c], 0, dim);
    }
    return out;
  }

  /** A copy of centre {@code c}. */
  public double[] center(int c) {
    if (c < 0 || c >= k) {
      throw new IllegalArgumentException("centre index must be in [0, " + k + "), got " + c);
    }
    double[] out = new double[dim];
    System.arraycopy(centers, c * dim, out, 0, dim);
    return out;
  }

  /** Sum of squared distances of the training points to their nearest centre, for the kept restart. */
  public double inertia() {
    return inertia;
  }

  /** Centre updates made by the kept restart. */
  public int iterations() {
    return iterations;
  }

  /** Whether the kept restart stopped by the tolerance or a fixed point rather than by {@code maxIterations}. */
  public boolean converged() {
    return converged;
  }

  /** Final inertia of every restart, in order. */
  public double[] restartInertias() {
    return restartInertias.clone();
  }

  public KMeans.Options options() {
    return options;
  }

  /** Number of points the model was fitted on. */
  public int trainingPoints() {
    return trainingPoints;
  }

  /** Nearest centre of each row {@code [points][dim]}, ties to the lower index. */
  public int[] assign(double[][] points) {
    return assignFlat(Points.flat(points), points[0].length);
  }

  /** Nearest centre of each point of a flat row-major array of length {@code points * dim}. */
  public int[] assign(double[] points, int dim) {
    return assignFlat(Points.flat(points, dim), dim);
  }

  /** Nearest centre of each point of a flat row-major {@code float} array of length {@code points * dim}. */
  public int[] assign(float[] points, int dim) {
    return assignFlat(Points.flat(points, dim), dim);
  }

  /** Nearest centre of each frame: a discrete trajectory for {@link CountMatrix#count}. */
  public int[] assign(Trajectory points) {
    return assignFlat(Points.flat(points), points.features());
  }

  private int[] assignFlat(double[] p, int pointDim) {
    if (pointDim != dim) {
      throw new IllegalArgumentException("points have dim " + pointDim + " but the centres have dim " + dim);
    }
    int n = p.length / dim;
    int[] out = new int[n];
    Chunks.forEach(n, ch -> {
      for (int i = Chunks.start(ch), end = Chunks.end(ch, n); i < end; i++) {
        double best = Double.POSITIVE_INFINITY;
        int arg = 0;
        for (int c = 0; c < k; c++) {
          double d = KMeans.dist2(p, i * dim, centers, c * dim, dim);
          if (d < best) {
            best = d;
            arg = c;
          }
        }
        out[i] = arg;
      }
    });
    return out;
  }

  @Override
  public String toString() {
    return "KMeansModel[k=" + k + ", dim=" + dim + ", inertia=" + inertia + ", iterations=" + iterations
        + ", converged=" + converged + "]";
  }
}

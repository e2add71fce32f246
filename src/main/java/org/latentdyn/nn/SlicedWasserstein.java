package org.latentdyn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Squared sliced Wasserstein distance between two equal-size sample sets in R^d (paper Eq. 10-12, spec §3):
 * project both on L random unit directions, sort each projection, average the squared differences of the
 * sorted values over samples and directions. No square root.
 */
public final class SlicedWasserstein {
  private SlicedWasserstein() {}

  /** L unit directions in R^d, uniform on the sphere, {@code [d, L]} row-major, drawn from {@code random}. */
  public static float[] directions(int d, int count, SplittableRandom random) {
    float[] out = new float[d * count];
    for (int l = 0; l < count; l++) {
      double norm = 0;
      double[] v = new double[d];
      while (norm < 1e-12) {
        norm = 0;
        for (int i = 0; i < d; i++) {
          v[i] = random.nextGaussian();
          norm += v[i] * v[i];
        }
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < d; i++) {
        out[i * count + l] = (float) (v[i] / norm);
      }
    }
    return out;
  }

  /**
   * The distance between {@code a} and {@code b}, both {@code [n, d]}, along {@code directions} {@code [d, L]}.
   */
  public static NDArray distance(NDArray a, NDArray b, NDArray directions) {
    // projections as [L, n] so that each sort runs along contiguous memory (sorting [n, L] along axis 0 is a
    // strided sort, several times slower for these sizes)
    NDArray dirsT = directions.transpose();
    NDArray pa = dirsT.matMul(a.transpose()).sort(1);
    NDArray pb = dirsT.matMul(b.transpose()).sort(1);
    return pa.sub(pb).square().mean();
  }

  /**
   * The mean of the distances between consecutive groups of rows: rows {@code [j n/k, (j+1) n/k)} of {@code a}
   * against the same rows of {@code b}, for {@code j < k = groups}; {@code groups = 1} is {@link #distance(NDArray,
   * NDArray, NDArray)}. Each group is sorted on its own, so a group compares only its own samples.
   *
   * @throws IllegalArgumentException if {@code groups} does not divide the number of rows
   */
  public static NDArray distance(NDArray a, NDArray b, NDArray directions, int groups) {
    if (groups == 1) {
      return distance(a, b, directions);
    }
    long n = a.getShape().get(0);
    if (groups < 1 || n % groups != 0) {
      throw new IllegalArgumentException(groups + " groups do not divide " + n + " rows");
    }
    NDArray dirsT = directions.transpose();
    Shape grouped = new Shape(dirsT.getShape().get(0), groups, n / groups);
    NDArray pa = dirsT.matMul(a.transpose()).reshape(grouped).sort(2);
    NDArray pb = dirsT.matMul(b.transpose()).reshape(grouped).sort(2);
    return pa.sub(pb).square().mean();
  }

  /** Convenience: draws the directions and returns the distance. */
  public static NDArray distance(NDArray a, NDArray b, int projections, SplittableRandom random) {
    int d = (int) a.getShape().get(1);
    NDManager m = a.getManager();
    NDArray dirs = Tensors.owned(m, directions(d, projections, random), new Shape(d, projections));
    return distance(a, b, dirs);
  }
}

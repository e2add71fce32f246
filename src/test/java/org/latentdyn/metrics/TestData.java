package org.latentdyn.metrics;

import java.util.SplittableRandom;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/** Seeded test data: Gaussian point clouds, random orthogonal matrices, planted affine maps. */
final class TestData {
  private TestData() {}

  static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static double[][] gaussianCloud(int n, int d, SplittableRandom rng) {
    double[][] z = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[i][j] = gaussian(rng) * (1 + j); // anisotropic, so the fit is well determined
      }
    }
    return z;
  }

  /** Haar-random orthogonal matrix {@code [rows][cols]} with orthonormal columns (rows >= cols). */
  static double[][] orthogonal(int rows, int cols, SplittableRandom rng) {
    double[][] g = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        g[i][j] = gaussian(rng);
      }
    }
    QRDecomposition qr = new QRDecomposition(MatrixUtils.createRealMatrix(g));
    RealMatrix q = qr.getQ();
    RealMatrix r = qr.getR();
    double[][] out = new double[rows][cols];
    for (int j = 0; j < cols; j++) {
      double sign = Math.signum(r.getEntry(j, j));
      for (int i = 0; i < rows; i++) {
        out[i][j] = q.getEntry(i, j) * sign;
      }
    }
    return out;
  }

  static double determinant(double[][] q) {
    return new org.hipparchus.linear.LUDecomposition(MatrixUtils.createRealMatrix(q)).getDeterminant();
  }

  /** Rows {@code s * q z_n + b}. */
  static double[][] affine(double[][] z, double[][] q, double[] b, double s) {
    double[][] y = new double[z.length][q.length];
    for (int n = 0; n < z.length; n++) {
      for (int i = 0; i < q.length; i++) {
        double acc = 0;
        for (int j = 0; j < z[n].length; j++) {
          acc += q[i][j] * z[n][j];
        }
        y[n][i] = s * acc + b[i];
      }
    }
    return y;
  }

  static double totalVariance(double[][] y) {
    return Inputs.totalVariance(y, y[0].length);
  }
}

package org.latentdyn.metrics;

/** Argument checks shared by this package; messages name the argument, the frame and the column. */
final class Inputs {
  private Inputs() {}

  /** Checks that {@code rows} is a non-empty, rectangular, finite matrix and returns its column count. */
  static int columns(String name, double[][] rows) {
    if (rows == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (rows.length == 0) {
      throw new IllegalArgumentException(name + " must hold at least one frame, got 0");
    }
    if (rows[0] == null || rows[0].length == 0) {
      throw new IllegalArgumentException(name + " frame 0 must hold at least one column, got 0");
    }
    int cols = rows[0].length;
    for (int n = 0; n < rows.length; n++) {
      double[] row = rows[n];
      if (row == null || row.length != cols) {
        throw new IllegalArgumentException(name + " frame " + n + " has " + (row == null ? "no" : row.length)
            + " columns, expected " + cols + " as in frame 0");
      }
      for (int j = 0; j < cols; j++) {
        if (!Double.isFinite(row[j])) {
          throw new IllegalArgumentException(name + " has a non-finite value " + row[j] + " at frame " + n
              + ", column " + j);
        }
      }
    }
    return cols;
  }

  /** Checks that latent and truth describe the same frames. */
  static void sameFrames(double[][] latent, double[][] truth) {
    if (latent.length != truth.length) {
      throw new IllegalArgumentException("latent has " + latent.length + " frames but truth has " + truth.length
          + "; both must describe the same frames");
    }
  }

  /** Column means. */
  static double[] mean(double[][] rows, int cols) {
    double[] m = new double[cols];
    for (double[] row : rows) {
      for (int j = 0; j < cols; j++) {
        m[j] += row[j];
      }
    }
    for (int j = 0; j < cols; j++) {
      m[j] /= rows.length;
    }
    return m;
  }

  /** Total variance {@code sum_j Var(y_j)} (population variance, divided by the frame count). */
  static double totalVariance(double[][] rows, int cols) {
    double[] m = mean(rows, cols);
    double s = 0;
    for (double[] row : rows) {
      for (int j = 0; j < cols; j++) {
        double c = row[j] - m[j];
        s += c * c;
      }
    }
    return s / rows.length;
  }

  static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}

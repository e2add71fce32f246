package org.latentdyn.mechanics;

import java.util.Arrays;

/**
 * The inverse mass matrix {@code M^-1} of a Lagrangian {@code L = 1/2 qdot^T M qdot - U(q)} (VIN spec §2, "mass
 * matrix"): the identity (the default), a positive diagonal, or a full symmetric positive-definite matrix.
 * Immutable; {@link #apply} and {@link #applyMass} write into caller-owned arrays.
 */
public final class InverseMass {
  private final int dim;
  /** Row-major {@code [dim, dim]} M^-1, or null for a diagonal. */
  private final double[] full;
  /** Row-major {@code [dim, dim]} M, or null for a diagonal. */
  private final double[] mass;
  /** Diagonal of M^-1, or null for a full matrix. */
  private final double[] diagonal;

  private InverseMass(int dim, double[] full, double[] mass, double[] diagonal) {
    this.dim = dim;
    this.full = full;
    this.mass = mass;
    this.diagonal = diagonal;
  }

  /** {@code M^-1 = I} in {@code dim} dimensions. */
  public static InverseMass identity(int dim) {
    Checks.atLeast("dim", dim, 1);
    double[] d = new double[dim];
    Arrays.fill(d, 1.0);
    return new InverseMass(dim, null, null, d);
  }

  /** {@code M^-1 = diag(values)}, every entry {@code > 0}. */
  public static InverseMass diagonal(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("inverse mass diagonal must have at least one entry, got 0");
    }
    for (int i = 0; i < values.length; i++) {
      Checks.positive("inverse mass diagonal[" + i + "]", values[i]);
    }
    return new InverseMass(values.length, null, null, values.clone());
  }

  /**
   * A full symmetric positive-definite {@code M^-1}, row-major {@code [dim, dim]}.
   *
   * @throws IllegalArgumentException if the matrix is not square, not symmetric or not positive definite
   */
  public static InverseMass full(double[] rowMajor) {
    int dim = (int) Math.round(Math.sqrt(rowMajor.length));
    if (dim < 1 || dim * dim != rowMajor.length) {
      throw new IllegalArgumentException("inverse mass has " + rowMajor.length + " entries, expected dim^2 >= 1");
    }
    Checks.finite("inverse mass", rowMajor);
    for (int i = 0; i < dim; i++) {
      for (int j = i + 1; j < dim; j++) {
        double a = rowMajor[i * dim + j];
        double b = rowMajor[j * dim + i];
        if (Math.abs(a - b) > 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
          throw new IllegalArgumentException("inverse mass must be symmetric, got entries (" + i + "," + j + ") = " + a
              + " and (" + j + "," + i + ") = " + b);
        }
      }
    }
    return new InverseMass(dim, rowMajor.clone(), invertSpd(rowMajor, dim), null);
  }

  public int dim() {
    return dim;
  }

  /** Whether {@code M^-1} is diagonal. */
  public boolean isDiagonal() {
    return diagonal != null;
  }

  /** The entry {@code (i, j)} of {@code M^-1}. */
  public double get(int i, int j) {
    if (diagonal != null) {
      return i == j ? diagonal[i] : 0.0;
    }
    return full[i * dim + j];
  }

  /** Writes {@code M^-1 v} into {@code out} (distinct arrays). */
  public void apply(double[] v, double[] out) {
    if (diagonal != null) {
      for (int i = 0; i < dim; i++) {
        out[i] = diagonal[i] * v[i];
      }
      return;
    }
    multiply(full, v, out);
  }

  /** Writes {@code M v} into {@code out} (distinct arrays). */
  public void applyMass(double[] v, double[] out) {
    if (diagonal != null) {
      for (int i = 0; i < dim; i++) {
        out[i] = v[i] / diagonal[i];
      }
      return;
    }
    multiply(mass, v, out);
  }

  /** The kinetic energy {@code 1/2 p^T M^-1 p}. */
  public double kineticEnergy(double[] p) {
    double e = 0;
    for (int i = 0; i < dim; i++) {
      double row = 0;
      for (int j = 0; j < dim; j++) {
        row += get(i, j) * p[j];
      }
      e += p[i] * row;
    }
    return 0.5 * e;
  }

  private void multiply(double[] a, double[] v, double[] out) {
    for (int i = 0; i < dim; i++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += a[i * dim + j] * v[j];
      }
      out[i] = s;
    }
  }

  /** Inverse of a symmetric positive-definite matrix by Cholesky. */
  private static double[] invertSpd(double[] a, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalArgumentException("inverse mass must be positive definite, got pivot " + s + " at row " + i);
          }
          l[i * n + i] = Math.sqrt(s);
        } else {
          l[i * n + j] = s / l[j * n + j];
        }
      }
    }
    double[] inv = new double[n * n];
    double[] col = new double[n];
    for (int c = 0; c < n; c++) {
      // solve L y = e_c, then L^T x = y
      for (int i = 0; i < n; i++) {
        double s = i == c ? 1.0 : 0.0;
        for (int k = 0; k < i; k++) {
          s -= l[i * n + k] * col[k];
        }
        col[i] = s / l[i * n + i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double s = col[i];
        for (int k = i + 1; k < n; k++) {
          s -= l[k * n + i] * col[k];
        }
        col[i] = s / l[i * n + i];
      }
      for (int i = 0; i < n; i++) {
        inv[i * n + c] = col[i];
      }
    }
    return inv;
  }

  @Override
  public String toString() {
    return diagonal != null ? "diag" + Arrays.toString(diagonal) : "full" + Arrays.toString(full);
  }
}

package org.latentdyn.kinetics;

import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/** Dense linear algebra on EJML for the Markov model: linear solves and eigenvalues. */
final class Linear {
  private Linear() {}

  /** Solves {@code A x = b} by LU with partial pivoting; throws when {@code A} is singular. */
  static double[] solve(double[][] a, double[] b, String what) {
    int n = b.length;
    DMatrixRMaj m = new DMatrixRMaj(a);
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(n);
    if (!solver.setA(m) || solver.quality() < 1e-14) {
      throw new IllegalStateException("the linear system for " + what + " is singular (quality "
          + solver.quality() + ")");
    }
    DMatrixRMaj x = new DMatrixRMaj(n, 1);
    solver.solve(new DMatrixRMaj(n, 1, true, b), x);
    return x.getData();
  }

  /** Eigenvalues {@code [re, im]} sorted by decreasing modulus (ties: larger real part first). */
  static double[][] eigenvalues(double[][] a, boolean symmetric) {
    int n = a.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, symmetric);
    if (!eig.decompose(new DMatrixRMaj(a))) {
      throw new IllegalStateException("the eigenvalue decomposition of the " + n + " x " + n
          + " transition matrix failed");
    }
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      Complex_F64 v = eig.getEigenvalue(i);
      out[i] = new double[] {v.real, symmetric ? 0 : v.imaginary};
    }
    Arrays.sort(out, Comparator.<double[]>comparingDouble(v -> -Math.hypot(v[0], v[1]))
        .thenComparingDouble(v -> -v[0]).thenComparingDouble(v -> -v[1]));
    return out;
  }
}

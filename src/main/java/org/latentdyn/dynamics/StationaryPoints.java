package org.latentdyn.dynamics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Locates minima and saddle points of a {@link Potential} numerically, using its analytic gradient and a
 * Hessian from central differences of that gradient. Meant for low-dimensional model potentials.
 */
public final class StationaryPoints {
  /** Gradient norm (times {@code max(1, |U|)}) at which the searches stop. */
  public static final double GRADIENT_TOLERANCE = 1e-10;
  private static final int MAX_ITERATIONS = 1000;

  private StationaryPoints() {}

  /**
   * Local minimum reached from {@code start} by damped Newton steps (steepest descent where the Hessian is not
   * positive definite) with a backtracking line search.
   *
   * @throws IllegalStateException if the search does not converge
   */
  public static StationaryPoint minimize(Potential potential, double[] start) {
    int n = potential.dim();
    Checks.length("start", start, n);
    double[] x = Checks.finiteVector("start", start);
    double[] g = new double[n];
    double[] trial = new double[n];
    double[] trialGrad = new double[n];
    double energy = potential.energyAndGradient(x, g);
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      double gradNorm = norm(g);
      if (gradNorm < tolerance(energy)) {
        return classify(potential, x);
      }
      double[] d = newtonDirection(hessian(potential, x), g, true);
      if (d == null || dot(d, g) >= 0) {
        d = new double[n];
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
      }
      double slope = dot(d, g);
      double roundoff = 1e-12 * (1 + Math.abs(energy));
      double t = 1;
      while (true) {
        for (int i = 0; i < n; i++) {
          trial[i] = x[i] + t * d[i];
        }
        double trialEnergy = potential.energyAndGradient(trial, trialGrad);
        boolean armijo = trialEnergy <= energy + 1e-4 * t * slope;
        // near convergence energy differences drown in roundoff: then a smaller gradient decides
        boolean flat = Math.abs(trialEnergy - energy) <= roundoff && norm(trialGrad) < gradNorm;
        if (armijo || flat) {
          energy = trialEnergy;
          break;
        }
        t *= 0.5;
        if (t < 1e-14) {
          throw new IllegalStateException("minimisation stalled at " + java.util.Arrays.toString(x)
              + ", gradient norm " + gradNorm);
        }
      }
      System.arraycopy(trial, 0, x, 0, n);
      System.arraycopy(trialGrad, 0, g, 0, n);
    }
    throw new IllegalStateException("minimisation did not converge in " + MAX_ITERATIONS + " iterations, gradient norm "
        + norm(g));
  }

  /**
   * The stationary point (any index) that Newton's method on {@code grad U = 0} converges to from
   * {@code start}; steps are capped at {@code maxStep} in Euclidean norm. Started between two minima (e.g. at
   * their midpoint, on the ridge) it finds the saddle that connects them.
   *
   * @throws IllegalStateException if Newton's method does not converge
   */
  public static StationaryPoint newton(Potential potential, double[] start, double maxStep) {
    int n = potential.dim();
    Checks.length("start", start, n);
    Checks.positive("maxStep", maxStep);
    double[] x = Checks.finiteVector("start", start);
    double[] g = new double[n];
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      double energy = potential.energyAndGradient(x, g);
      if (norm(g) < tolerance(energy)) {
        return classify(potential, x);
      }
      double[] d = newtonDirection(hessian(potential, x), g, false);
      if (d == null) {
        throw new IllegalStateException("singular Hessian at iteration " + iter + " during Newton search");
      }
      double len = norm(d);
      double scale = len > maxStep ? maxStep / len : 1;
      for (int i = 0; i < n; i++) {
        x[i] += scale * d[i];
      }
    }
    throw new IllegalStateException("Newton search did not converge in " + MAX_ITERATIONS + " iterations, gradient norm "
        + norm(g));
  }

  private static double tolerance(double energy) {
    return GRADIENT_TOLERANCE * Math.max(1, Math.abs(energy));
  }

  /** Energy, gradient norm and Morse index at {@code x}. */
  public static StationaryPoint classify(Potential potential, double[] x) {
    double[] g = new double[potential.dim()];
    double energy = potential.energyAndGradient(x, g);
    return new StationaryPoint(x, energy, negativeEigenvalues(hessian(potential, x)), norm(g));
  }

  /** Hessian by central differences of the analytic gradient, symmetrised; shape {@code [dim, dim]}. */
  public static double[][] hessian(Potential potential, double[] x) {
    int n = potential.dim();
    double[][] h = new double[n][n];
    double[] xp = x.clone();
    double[] gp = new double[n];
    double[] gm = new double[n];
    for (int j = 0; j < n; j++) {
      double step = 1e-5 * Math.max(1, Math.abs(x[j]));
      xp[j] = x[j] + step;
      potential.gradient(xp, gp);
      xp[j] = x[j] - step;
      potential.gradient(xp, gm);
      xp[j] = x[j];
      for (int i = 0; i < n; i++) {
        h[i][j] = (gp[i] - gm[i]) / (2 * step);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double s = 0.5 * (h[i][j] + h[j][i]);
        h[i][j] = s;
        h[j][i] = s;
      }
    }
    return h;
  }

  /** Eigenvalues of a symmetric matrix, ascending. */
  public static double[] eigenvalues(double[][] symmetric) {
    int n = symmetric.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
    if (!eig.decompose(new DMatrixRMaj(symmetric))) {
      throw new IllegalStateException("eigen-decomposition failed");
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = eig.getEigenvalue(i).getReal();
    }
    java.util.Arrays.sort(values);
    return values;
  }

  private static int negativeEigenvalues(double[][] h) {
    int count = 0;
    for (double v : eigenvalues(h)) {
      if (v < 0) {
        count++;
      }
    }
    return count;
  }

  /** Solves {@code H d = -g}; with {@code requirePositive}, returns null unless H is positive definite. */
  private static double[] newtonDirection(double[][] h, double[] g, boolean requirePositive) {
    int n = g.length;
    DMatrixRMaj a = new DMatrixRMaj(h);
    if (requirePositive) {
      var chol = DecompositionFactory_DDRM.chol(n, true);
      if (!chol.decompose(a.copy())) {
        return null;
      }
    }
    DMatrixRMaj b = new DMatrixRMaj(n, 1);
    for (int i = 0; i < n; i++) {
      b.set(i, 0, -g[i]);
    }
    DMatrixRMaj d = new DMatrixRMaj(n, 1);
    if (!CommonOps_DDRM.solve(a, b, d)) {
      return null;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = d.get(i, 0);
      if (!Double.isFinite(out[i])) {
        return null;
      }
    }
    return out;
  }

  static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}

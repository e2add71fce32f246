package org.latentdyn.dynamics;

import java.util.Map;

/**
 * A potential energy (free energy) {@code U(x)} on {@code R^dim} with an analytic gradient. The force is
 * {@code f = -grad U}; in the DynAE paper (Eq. 4-5) {@code F(z) = -kT log p(z)} plays this role.
 *
 * <p>Implementations are immutable and thread-safe; {@code gradient} and {@code energyAndGradient} write
 * into a caller-owned array so that integrators can avoid allocation.
 */
public interface Potential extends ForceField {
  /** The energy {@code U(x)}. */
  double energy(double[] x);

  /** Writes the analytic gradient {@code dU/dx_i} into {@code out}. */
  void gradient(double[] x, double[] out);

  /**
   * Writes the gradient into {@code out} and returns the energy. Implementations that share work between the
   * two (exponentials, distances) override this.
   */
  default double energyAndGradient(double[] x, double[] out) {
    gradient(x, out);
    return energy(x);
  }

  /**
   * Writes the Hessian {@code d^2U/dx_i dx_j} into {@code out}, row-major {@code [dim, dim]}. The default is the
   * central difference of the analytic gradient with step {@code 1e-4}, symmetrised (NLD spec §12); potentials
   * with a closed form override it.
   */
  default void hessian(double[] x, double[] out) {
    int n = x.length;
    if (out.length != n * n) {
      throw new IllegalArgumentException("hessian out has length " + out.length + ", expected dim^2 = " + (n * n));
    }
    double h = 1e-4;
    double[] y = x.clone();
    double[] gPlus = new double[n];
    double[] gMinus = new double[n];
    for (int j = 0; j < n; j++) {
      y[j] = x[j] + h;
      gradient(y, gPlus);
      y[j] = x[j] - h;
      gradient(y, gMinus);
      y[j] = x[j];
      for (int i = 0; i < n; i++) {
        out[i * n + j] = (gPlus[i] - gMinus[i]) / (2 * h);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double m = 0.5 * (out[i * n + j] + out[j * n + i]);
        out[i * n + j] = m;
        out[j * n + i] = m;
      }
    }
  }

  /** The force {@code f = -grad U}. */
  @Override
  default void force(double[] x, double[] out) {
    gradient(x, out);
    for (int i = 0; i < out.length; i++) {
      out[i] = -out[i];
    }
  }

  /** Short identifier, e.g. {@code "three-well"}. */
  String name();

  /** Human-readable formula with the symbols of {@link #parameters()}. */
  String formula();

  /** The constants of the formula by symbol, in a stable order (for run provenance). */
  Map<String, Double> parameters();
}

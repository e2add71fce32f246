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

package org.latentdyn.dynamics;

/**
 * An autonomous Itô SDE with diagonal noise, {@code dx_i = a_i(x) dt + g_i(x) dW_i}, on state vectors of length
 * {@link #dim()}. The equation only describes the terms; an {@link SdeIntegrator} advances it and the
 * {@link Simulator} places it on a time grid.
 */
public interface Sde {
  int dim();

  /** Writes the drift {@code a(x)} into {@code out}. */
  void drift(double[] x, double[] out);

  /** Writes the diagonal noise amplitudes {@code g_i(x) >= 0} into {@code out}. */
  void diffusion(double[] x, double[] out);

  /** Both terms at once; equations that share work between them override this. */
  default void driftAndDiffusion(double[] x, double[] drift, double[] noise) {
    drift(x, drift);
    diffusion(x, noise);
  }

  /** True when {@code g} does not depend on {@code x}, which raises the strong order of some integrators. */
  default boolean isAdditiveNoise() {
    return false;
  }
}

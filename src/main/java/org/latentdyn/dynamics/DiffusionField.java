package org.latentdyn.dynamics;

/**
 * A diagonal, position-dependent diffusion matrix {@code M(x) = diag(M_11(x), ..., M_dd(x))} of the overdamped
 * Langevin equation (DynAE paper Eq. 5), with the divergence term {@code dM_ii/dx_i} that the drift needs so that
 * the stationary density stays {@code exp(-U/kT)}. Learned diffusion networks implement the same interface.
 */
public interface DiffusionField {
  int dim();

  /** Writes {@code M_ii(x) > 0} into {@code out}. */
  void diffusion(double[] x, double[] out);

  /** Writes {@code dM_ii/dx_i (x)} (no sum) into {@code out}. */
  void divergence(double[] x, double[] out);

  /** True when {@code M} does not depend on {@code x} (divergence identically zero, additive noise). */
  default boolean isConstant() {
    return false;
  }
}

package org.latentdyn.dynamics;

/**
 * A force field {@code f(x)} on {@code R^dim}, the {@code f} of the overdamped Langevin equation (DynAE paper
 * Eq. 4-5). Conservative fields come from a {@link Potential} ({@code f = -grad U}); learned force networks can
 * implement this interface directly so that the same simulators and analysis code run on them.
 */
public interface ForceField {
  /** Dimension of the state space. */
  int dim();

  /** Writes {@code f(x)} into {@code out} (length {@link #dim()}); must not allocate in hot loops. */
  void force(double[] x, double[] out);
}

package org.latentdyn.dynamics;

/**
 * A one-step method for an {@link Sde} with explicit noise: a step consumes {@link #noiseDim(Sde)} standard
 * normal draws given by the caller, so that paths at different step sizes can share one Brownian path (as in
 * strong-order tests). An integrator declares its orders of convergence and refuses equations it cannot
 * solve ({@link #stepper(Sde)} throws {@link IllegalArgumentException}).
 */
public interface SdeIntegrator {
  String name();

  /** Strong (pathwise, {@code E|X_T^h - X_T|}) order of convergence for {@code sde}. */
  double strongOrder(Sde sde);

  /** Weak ({@code |E phi(X_T^h) - E phi(X_T)|}) order of convergence for {@code sde}. */
  double weakOrder(Sde sde);

  /** Number of N(0, 1) draws per step. */
  int noiseDim(Sde sde);

  /**
   * A stepper bound to {@code sde}, holding its own work arrays (not thread-safe; one per thread).
   *
   * @throws IllegalArgumentException if this integrator cannot solve {@code sde}
   */
  Stepper stepper(Sde sde);

  /** Advances a state in place. */
  interface Stepper {
    /**
     * @param x state, overwritten with the state after one step
     * @param dt step size {@code > 0}
     * @param noise {@code noiseDim} independent N(0, 1) draws for this step (not modified)
     */
    void step(double[] x, double dt, double[] noise);
  }
}

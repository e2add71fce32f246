package org.latentdyn.mechanics;

/**
 * A fixed-step map on phase space, the cell of a VIN or ResRNN (VIN spec §2), rolled out from a batch of starts.
 * Starts and outputs are phase-space states {@code (q, p)} of length {@code 2d}; integrators whose own state is a
 * pair of positions (Störmer-Verlet, SO(2)) convert at the boundary as their Javadoc says.
 */
public interface PhaseSpaceIntegrator {
  /** The step size {@code h}. */
  double timeStep();

  /** Configuration dimension {@code d}. */
  int dim();

  /**
   * Rolls every start out for {@code steps} steps.
   *
   * @param starts {@code [N][2d]} states {@code (q_0, p_0)}
   * @param steps number of steps {@code K >= 0}
   * @return {@code [N, K+1, 2d]}, index 0 the start
   */
  PhaseSpaceArray rollout(double[][] starts, int steps);

  /** Short identifier, e.g. {@code "velocity-verlet"}. */
  String name();
}

package org.latentdyn.dynamics;

import org.latentdyn.data.Trajectory;

/**
 * Positions and momenta of an underdamped simulation, each {@code [frames, n]}.
 *
 * @param positions {@code q}, shape {@code [frames, n]}
 * @param momenta {@code p}, shape {@code [frames, n]}
 */
public record PhaseSpaceTrajectory(Trajectory positions, Trajectory momenta) {
  public PhaseSpaceTrajectory {
    if (positions.frames() != momenta.frames() || positions.features() != momenta.features()) {
      throw new IllegalArgumentException("positions " + positions + " and momenta " + momenta
          + " must have the same shape");
    }
  }
}

package org.latentdyn.mechanics;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Ground-truth trajectories of a {@link HamiltonianSystem} on the frame grid {@code t_k = k h}, {@code k = 0 ...
 * T-1} (VIN spec §3): Hipparchus' adaptive Dormand-Prince 8(5,3) with relative tolerance {@code 1e-12} (the
 * authors' DOP853), each trajectory integrated on its own from frame to frame so that a trajectory does not
 * depend on the batch it is in.
 */
public final class GroundTruth {
  /** Relative tolerance of the solver. */
  public static final double RELATIVE_TOLERANCE = 1e-12;
  /** Absolute tolerance of the solver. */
  public static final double ABSOLUTE_TOLERANCE = 1e-14;

  private GroundTruth() {}

  /**
   * Integrates every start on the frame grid.
   *
   * @param system the Hamiltonian system
   * @param starts {@code [N][2d]} initial states {@code (q, p)}
   * @param frames frames per trajectory {@code T >= 1} (frame 0 is the start)
   * @param timeStep frame spacing {@code h > 0}
   * @return states {@code [N, T, 2d]}
   */
  public static PhaseSpaceArray trajectories(HamiltonianSystem system, double[][] starts, int frames,
      double timeStep) {
    int width = 2 * system.dim();
    int n = Checks.starts(starts, width);
    Checks.atLeast("frames", frames, 1);
    Checks.positive("timeStep", timeStep);
    PhaseSpaceArray out = PhaseSpaceArray.zeros(n, frames, width);
    OrdinaryDifferentialEquation ode = equations(system);
    for (int i = 0; i < n; i++) {
      DormandPrince853Integrator solver = solver(timeStep);
      double[] y = starts[i].clone();
      out.setState(i, 0, y);
      double t = 0;
      for (int k = 1; k < frames; k++) {
        double next = k * timeStep;
        ODEStateAndDerivative s = solver.integrate(ode, new ODEState(t, y), next);
        y = s.getPrimaryState();
        t = next;
        out.setState(i, k, y);
      }
    }
    return out;
  }

  /** The state reached from {@code start} after time {@code duration >= 0}. */
  public static double[] state(HamiltonianSystem system, double[] start, double duration) {
    Checks.starts(new double[][] {start}, 2 * system.dim());
    Checks.nonNegative("duration", duration);
    if (duration == 0) {
      return start.clone();
    }
    return solver(duration).integrate(equations(system), new ODEState(0, start.clone()), duration)
        .getPrimaryState();
  }

  /** Hamilton's equations of {@code system} as a Hipparchus ODE on {@code (q, p)}. */
  public static OrdinaryDifferentialEquation equations(HamiltonianSystem system) {
    int width = 2 * system.dim();
    return new OrdinaryDifferentialEquation() {
      @Override
      public int getDimension() {
        return width;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        double[] dy = new double[width];
        system.vectorField(y, dy);
        return dy;
      }
    };
  }

  private static DormandPrince853Integrator solver(double maxStep) {
    return new DormandPrince853Integrator(1e-12 * maxStep, maxStep, ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE);
  }
}

package org.latentdyn.mechanics;

import org.latentdyn.dynamics.ForceField;

/**
 * The Lie-group variational integrator of VIN-SO(2) (VIN spec §2, paper eq. 11, App. B), state
 * {@code (theta_{t-1}, theta_t)}, each coordinate an angle of its own SO(2):
 * {@code s_t = sin(theta_t - theta_{t-1}) + h^2 r(theta_t)},
 * {@code Delta_t = asin(clip(s_t, -(1 - eps), 1 - eps))}, {@code theta_{t+1} = theta_t + Delta_t}, so every
 * increment lies in {@code (-pi/2, pi/2)}. The force {@code r} is any {@link ForceField}; for a
 * {@link org.latentdyn.dynamics.Potential} it is {@code r = -dU/dtheta}, for the true pendulum
 * {@link Pendulum#angularAcceleration()} {@code = -(g/l) sin theta}.
 *
 * <p>Phase-space reading (spec §7 item 8): the discrete momentum {@code pi_t = sin(theta_t - theta_{t-1}) / h};
 * in {@code (theta, pi)} the cell is {@code pi_{t+1} = pi_t + h r(theta_t)},
 * {@code theta_{t+1} = theta_t + asin(h pi_{t+1})} (symplectic while the clip is inactive). A start
 * {@code (theta_0, pi_0)} becomes {@code theta_{-1} = theta_0 - asin(h pi_0)}.
 */
public final class So2Step extends PositionPairIntegrator {
  /** The clip margin of the authors' code. */
  public static final double DEFAULT_EPSILON = 1e-4;

  private final ForceField force;
  private final double timeStep;
  private final double epsilon;

  /**
   * @param force {@code r(theta)}
   * @param timeStep {@code h > 0}
   * @param epsilon clip margin {@code 0 <= eps < 1}
   */
  public So2Step(ForceField force, double timeStep, double epsilon) {
    this.force = force;
    this.timeStep = Checks.positive("timeStep", timeStep);
    if (!(epsilon >= 0 && epsilon < 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1), got " + epsilon);
    }
    this.epsilon = epsilon;
  }

  /** {@code eps = 1e-4}. */
  public So2Step(ForceField force, double timeStep) {
    this(force, timeStep, DEFAULT_EPSILON);
  }

  /**
   * One step in place: {@code (theta_{t-1}, theta_t)} becomes {@code (theta_t, theta_{t+1})}.
   *
   * @param previous {@code theta_{t-1}}, replaced by {@code theta_t}
   * @param current {@code theta_t}, replaced by {@code theta_{t+1}}
   */
  @Override
  public void step(double[] previous, double[] current) {
    int d = current.length;
    double[] r = new double[d];
    force.force(current, r);
    double h2 = timeStep * timeStep;
    double bound = 1 - epsilon;
    for (int i = 0; i < d; i++) {
      double s = Math.sin(current[i] - previous[i]) + h2 * r[i];
      double delta = Math.asin(Math.max(-bound, Math.min(bound, s)));
      previous[i] = current[i];
      current[i] += delta;
    }
  }

  /** {@code theta_{-1} = theta_0 - asin(h pi_0)}; needs {@code |h pi_0| < 1}. */
  public double[] previousAngle(double[] theta0, double[] momentum0) {
    double[] out = new double[theta0.length];
    for (int i = 0; i < out.length; i++) {
      double s = timeStep * momentum0[i];
      if (!(Math.abs(s) < 1)) {
        throw new IllegalArgumentException("h * pi_0[" + i + "] = " + s + " has no angle increment; expected"
            + " |h pi_0| < 1");
      }
      out[i] = theta0[i] - Math.asin(s);
    }
    return out;
  }

  /** The discrete momentum {@code pi_t = sin(theta_t - theta_{t-1}) / h}. */
  @Override
  public double[] momentum(double[] previous, double[] current) {
    double[] out = new double[current.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.sin(current[i] - previous[i]) / timeStep;
    }
    return out;
  }

  /**
   * Rolls out from angle pairs.
   *
   * @param pairs {@code [N][2d]} rows {@code (theta_{-1}, theta_0)}
   * @param steps {@code K >= 0}
   * @return angles {@code [N, K+1, d]}, index 0 = {@code theta_0}
   */
  public PhaseSpaceArray rolloutAngles(double[][] pairs, int steps) {
    return rolloutPairs(pairs, steps);
  }

  @Override
  double[] previous(double[] q0, double[] p0) {
    return previousAngle(q0, p0);
  }

  @Override
  public double timeStep() {
    return timeStep;
  }

  @Override
  public int dim() {
    return force.dim();
  }

  public double epsilon() {
    return epsilon;
  }

  public ForceField force() {
    return force;
  }

  @Override
  public String name() {
    return "so2";
  }
}

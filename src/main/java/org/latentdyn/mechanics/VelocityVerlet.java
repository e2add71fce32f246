package org.latentdyn.mechanics;

import org.latentdyn.dynamics.Potential;

/**
 * The velocity-Verlet cell of VIN-VV (VIN spec §2, paper eqs. 9-10 with the typos corrected), state
 * {@code (q_t, p_t)} with {@code p = M qdot} and {@code g_t = grad U(q_t)}:
 * {@code q_{t+1} = q_t + h M^-1 p_t - (h^2/2) M^-1 g_t},
 * {@code p_{t+1} = p_t - (h/2)(g_t + g_{t+1})}. One gradient per step: {@code g_{t+1}} of one step is the
 * {@code g_t} of the next. Symplectic, time-reversible, second order.
 */
public final class VelocityVerlet implements PhaseSpaceIntegrator {
  private final Potential potential;
  private final InverseMass inverseMass;
  private final double timeStep;

  /**
   * @param potential {@code U(q)}
   * @param inverseMass {@code M^-1}, same dimension
   * @param timeStep {@code h > 0}
   */
  public VelocityVerlet(Potential potential, InverseMass inverseMass, double timeStep) {
    if (inverseMass.dim() != potential.dim()) {
      throw new IllegalArgumentException("inverse mass has dimension " + inverseMass.dim() + ", expected the"
          + " potential's " + potential.dim());
    }
    this.potential = potential;
    this.inverseMass = inverseMass;
    this.timeStep = Checks.positive("timeStep", timeStep);
  }

  /** {@code M = I}. */
  public VelocityVerlet(Potential potential, double timeStep) {
    this(potential, InverseMass.identity(potential.dim()), timeStep);
  }

  /** The cell for the potential and mass of {@code system}. */
  public static VelocityVerlet of(HamiltonianSystem system, double timeStep) {
    return new VelocityVerlet(system.potential(), system.inverseMass(), timeStep);
  }

  /**
   * One step in place.
   *
   * @param q positions {@code q_t}, replaced by {@code q_{t+1}}
   * @param p momenta {@code p_t}, replaced by {@code p_{t+1}}
   * @param gradient {@code grad U(q_t)} on entry, {@code grad U(q_{t+1})} on exit
   */
  public void step(double[] q, double[] p, double[] gradient) {
    int d = q.length;
    double h = timeStep;
    double[] half = new double[d];
    double[] velocity = new double[d];
    for (int i = 0; i < d; i++) {
      half[i] = p[i] - 0.5 * h * gradient[i];
    }
    inverseMass.apply(half, velocity);
    for (int i = 0; i < d; i++) {
      q[i] += h * velocity[i];
    }
    potential.gradient(q, gradient);
    for (int i = 0; i < d; i++) {
      p[i] = half[i] - 0.5 * h * gradient[i];
    }
  }

  /** One step of a state {@code (q, p)}; returns the new state. */
  public double[] step(double[] state) {
    int d = dim();
    Checks.length("state", state, 2 * d);
    double[] q = new double[d];
    double[] p = new double[d];
    System.arraycopy(state, 0, q, 0, d);
    System.arraycopy(state, d, p, 0, d);
    double[] g = new double[d];
    potential.gradient(q, g);
    step(q, p, g);
    double[] out = new double[2 * d];
    System.arraycopy(q, 0, out, 0, d);
    System.arraycopy(p, 0, out, d, d);
    return out;
  }

  @Override
  public PhaseSpaceArray rollout(double[][] starts, int steps) {
    int d = dim();
    int n = Checks.starts(starts, 2 * d);
    Checks.atLeast("steps", steps, 0);
    PhaseSpaceArray out = PhaseSpaceArray.zeros(n, steps + 1, 2 * d);
    double[] q = new double[d];
    double[] p = new double[d];
    double[] g = new double[d];
    for (int b = 0; b < n; b++) {
      System.arraycopy(starts[b], 0, q, 0, d);
      System.arraycopy(starts[b], d, p, 0, d);
      potential.gradient(q, g);
      out.setState(b, 0, starts[b]);
      for (int t = 1; t <= steps; t++) {
        step(q, p, g);
        int base = out.index(b, t, 0);
        System.arraycopy(q, 0, out.values(), base, d);
        System.arraycopy(p, 0, out.values(), base + d, d);
      }
    }
    return out;
  }

  @Override
  public double timeStep() {
    return timeStep;
  }

  @Override
  public int dim() {
    return potential.dim();
  }

  public Potential potential() {
    return potential;
  }

  public InverseMass inverseMass() {
    return inverseMass;
  }

  @Override
  public String name() {
    return "velocity-verlet";
  }
}

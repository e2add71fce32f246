package org.latentdyn.mechanics;

import org.latentdyn.dynamics.Potential;

/**
 * The Störmer-Verlet cell of VIN-SV (VIN spec §2, paper eq. 6), state {@code (q_{t-1}, q_t)}:
 * {@code q_{t+1} = 2 q_t - q_{t-1} - h^2 M^-1 grad U(q_t)}.
 *
 * <p>Phase-space reading (spec §2, discrete Legendre transform of eq. 5): {@code p_t = M (q_t - q_{t-1}) / h};
 * with it the cell is symplectic Euler, {@code p_{t+1} = p_t - h g_t}, {@code q_{t+1} = q_t + h M^-1 p_{t+1}}, and
 * a start {@code (q_0, p_0)} becomes {@code q_{-1} = q_0 - h M^-1 p_0}. Started from {@code (q_0, q_1)} with
 * {@code q_1} from one velocity-Verlet step it reproduces velocity-Verlet positions (spec §7 item 7).
 */
public final class StormerVerlet extends PositionPairIntegrator {
  private final Potential potential;
  private final InverseMass inverseMass;
  private final double timeStep;

  /**
   * @param potential {@code U(q)}
   * @param inverseMass {@code M^-1}, same dimension
   * @param timeStep {@code h > 0}
   */
  public StormerVerlet(Potential potential, InverseMass inverseMass, double timeStep) {
    if (inverseMass.dim() != potential.dim()) {
      throw new IllegalArgumentException("inverse mass has dimension " + inverseMass.dim() + ", expected the"
          + " potential's " + potential.dim());
    }
    this.potential = potential;
    this.inverseMass = inverseMass;
    this.timeStep = Checks.positive("timeStep", timeStep);
  }

  /** {@code M = I}. */
  public StormerVerlet(Potential potential, double timeStep) {
    this(potential, InverseMass.identity(potential.dim()), timeStep);
  }

  /** The cell for the potential and mass of {@code system}. */
  public static StormerVerlet of(HamiltonianSystem system, double timeStep) {
    return new StormerVerlet(system.potential(), system.inverseMass(), timeStep);
  }

  /**
   * One step in place: {@code (q_{t-1}, q_t)} becomes {@code (q_t, q_{t+1})}.
   *
   * @param previous {@code q_{t-1}}, replaced by {@code q_t}
   * @param current {@code q_t}, replaced by {@code q_{t+1}}
   */
  @Override
  public void step(double[] previous, double[] current) {
    int d = current.length;
    double[] g = new double[d];
    double[] a = new double[d];
    potential.gradient(current, g);
    inverseMass.apply(g, a);
    double h2 = timeStep * timeStep;
    for (int i = 0; i < d; i++) {
      double next = 2 * current[i] - previous[i] - h2 * a[i];
      previous[i] = current[i];
      current[i] = next;
    }
  }

  /** {@code q_{-1} = q_0 - h M^-1 p_0}, the position pair start of a phase-space start. */
  public double[] previousPosition(double[] q0, double[] p0) {
    double[] v = new double[q0.length];
    inverseMass.apply(p0, v);
    double[] out = new double[q0.length];
    for (int i = 0; i < q0.length; i++) {
      out[i] = q0[i] - timeStep * v[i];
    }
    return out;
  }

  /** The phase-space reading {@code p_t = M (q_t - q_{t-1}) / h}. */
  @Override
  public double[] momentum(double[] previous, double[] current) {
    double[] dq = new double[current.length];
    for (int i = 0; i < dq.length; i++) {
      dq[i] = (current[i] - previous[i]) / timeStep;
    }
    double[] p = new double[dq.length];
    inverseMass.applyMass(dq, p);
    return p;
  }

  /**
   * Rolls out from position pairs.
   *
   * @param pairs {@code [N][2d]} rows {@code (q_{-1}, q_0)}
   * @param steps {@code K >= 0}
   * @return positions {@code [N, K+1, d]}, index 0 = {@code q_0}
   */
  public PhaseSpaceArray rolloutPositions(double[][] pairs, int steps) {
    return rolloutPairs(pairs, steps);
  }

  @Override
  double[] previous(double[] q0, double[] p0) {
    return previousPosition(q0, p0);
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
    return "stormer-verlet";
  }
}

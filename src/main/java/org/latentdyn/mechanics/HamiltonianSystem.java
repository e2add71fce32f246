package org.latentdyn.mechanics;

import java.util.Map;
import org.latentdyn.dynamics.Potential;

/**
 * A separable Hamiltonian {@code H(q, p) = 1/2 p^T M^-1 p + U(q)} on {@code R^d x R^d} (VIN spec §1-§3): the
 * Legendre transform of the Lagrangian {@code L = 1/2 qdot^T M qdot - U(q)} that the VIN integrators discretise.
 * The vector field is {@code qdot = M^-1 p}, {@code pdot = -grad U(q)}. Phase-space states are
 * {@code double[2d]} = {@code (q, p)}.
 */
public interface HamiltonianSystem {
  /** Configuration dimension {@code d}. */
  default int dim() {
    return potential().dim();
  }

  /** The potential {@code U(q)}. */
  Potential potential();

  /** The inverse mass matrix {@code M^-1}. */
  InverseMass inverseMass();

  /** The energy {@code H(q, p)}. */
  default double hamiltonian(double[] q, double[] p) {
    return inverseMass().kineticEnergy(p) + potential().energy(q);
  }

  /** The energy of a phase-space state {@code (q, p)} of length {@code 2d}. */
  default double hamiltonian(double[] state) {
    int d = dim();
    double[] q = new double[d];
    double[] p = new double[d];
    System.arraycopy(state, 0, q, 0, d);
    System.arraycopy(state, d, p, 0, d);
    return hamiltonian(q, p);
  }

  /** Writes Hamilton's equations {@code qdot = M^-1 p}, {@code pdot = -grad U(q)} into the output arrays. */
  default void vectorField(double[] q, double[] p, double[] qDot, double[] pDot) {
    inverseMass().apply(p, qDot);
    potential().force(q, pDot);
  }

  /** The vector field of a state {@code (q, p)} as {@code (qdot, pdot)}, both length {@code 2d}. */
  default void vectorField(double[] state, double[] out) {
    int d = dim();
    double[] q = new double[d];
    double[] p = new double[d];
    double[] qDot = new double[d];
    double[] pDot = new double[d];
    System.arraycopy(state, 0, q, 0, d);
    System.arraycopy(state, d, p, 0, d);
    vectorField(q, p, qDot, pDot);
    System.arraycopy(qDot, 0, out, 0, d);
    System.arraycopy(pDot, 0, out, d, d);
  }

  /**
   * The system {@code H = 1/2 p^T M^-1 p + U(q)} of any potential (an analytic one, or a learned {@code U_theta}
   * exposed as a {@link Potential}).
   */
  static HamiltonianSystem of(Potential potential, InverseMass inverseMass) {
    if (inverseMass.dim() != potential.dim()) {
      throw new IllegalArgumentException("inverse mass has dimension " + inverseMass.dim() + ", expected the"
          + " potential's " + potential.dim());
    }
    return new HamiltonianSystem() {
      @Override
      public Potential potential() {
        return potential;
      }

      @Override
      public InverseMass inverseMass() {
        return inverseMass;
      }

      @Override
      public String name() {
        return potential.name();
      }

      @Override
      public Map<String, Double> parameters() {
        return potential.parameters();
      }
    };
  }

  /** Short identifier, e.g. {@code "pendulum"}. */
  String name();

  /** The physical constants by symbol, in a stable order (for run provenance). */
  Map<String, Double> parameters();
}

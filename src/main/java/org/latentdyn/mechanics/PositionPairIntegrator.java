package org.latentdyn.mechanics;

/**
 * An integrator whose own state is a pair of successive positions {@code (q_{t-1}, q_t)} (Störmer-Verlet, the SO(2)
 * step; VIN spec §2): the rollouts from phase-space starts and from position pairs, shared.
 */
public abstract sealed class PositionPairIntegrator implements PhaseSpaceIntegrator permits StormerVerlet, So2Step {
  PositionPairIntegrator() {}

  /** One step in place: {@code (q_{t-1}, q_t) -> (q_t, q_{t+1})}. */
  public abstract void step(double[] previous, double[] current);

  /** The position before the start {@code (q_0, p_0)}, so that the pair reads back as that phase-space state. */
  abstract double[] previous(double[] q0, double[] p0);

  /** The phase-space momentum read off a pair. */
  public abstract double[] momentum(double[] previous, double[] current);

  /**
   * Rolls out from phase-space starts {@code (q_0, p_0)} (converted by {@link #previous}) and returns the
   * phase-space reading {@code (q_t, p_t)} of every step, {@code [N, K+1, 2d]}; index 0 is the start.
   */
  @Override
  public PhaseSpaceArray rollout(double[][] starts, int steps) {
    int d = dim();
    int n = Checks.starts(starts, 2 * d);
    Checks.atLeast("steps", steps, 0);
    PhaseSpaceArray out = PhaseSpaceArray.zeros(n, steps + 1, 2 * d);
    for (int b = 0; b < n; b++) {
      double[] q = new double[d];
      double[] p0 = new double[d];
      System.arraycopy(starts[b], 0, q, 0, d);
      System.arraycopy(starts[b], d, p0, 0, d);
      double[] prev = previous(q, p0);
      out.setState(b, 0, starts[b]);
      for (int t = 1; t <= steps; t++) {
        step(prev, q);
        double[] p = momentum(prev, q);
        int base = out.index(b, t, 0);
        System.arraycopy(q, 0, out.values(), base, d);
        System.arraycopy(p, 0, out.values(), base + d, d);
      }
    }
    return out;
  }

  /**
   * Rolls out from position pairs.
   *
   * @param pairs {@code [N][2d]} rows {@code (q_{-1}, q_0)}
   * @param steps {@code K >= 0}
   * @return positions {@code [N, K+1, d]}, index 0 = {@code q_0}
   */
  PhaseSpaceArray rolloutPairs(double[][] pairs, int steps) {
    int d = dim();
    int n = Checks.starts(pairs, 2 * d);
    Checks.atLeast("steps", steps, 0);
    PhaseSpaceArray out = PhaseSpaceArray.zeros(n, steps + 1, d);
    for (int b = 0; b < n; b++) {
      double[] prev = new double[d];
      double[] q = new double[d];
      System.arraycopy(pairs[b], 0, prev, 0, d);
      System.arraycopy(pairs[b], d, q, 0, d);
      out.setState(b, 0, q);
      for (int t = 1; t <= steps; t++) {
        step(prev, q);
        out.setState(b, t, q);
      }
    }
    return out;
  }
}

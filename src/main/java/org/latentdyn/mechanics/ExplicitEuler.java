package org.latentdyn.mechanics;

/**
 * Explicit Euler {@code x_{t+1} = x_t + h f(x_t)}: the ResRNN cell of VIN spec §2 with a known field, for
 * contrast with the variational cells (not symplectic; the energy of an oscillator grows, spec §7 item 5).
 */
public final class ExplicitEuler implements PhaseSpaceIntegrator {
  private final VectorField field;
  private final double timeStep;

  /**
   * @param field {@code f} on {@code (q, p)}, of even width {@code 2d}
   * @param timeStep {@code h > 0}
   */
  public ExplicitEuler(VectorField field, double timeStep) {
    if (field.width() < 2 || field.width() % 2 != 0) {
      throw new IllegalArgumentException("field width must be 2d >= 2 (q then p), got " + field.width());
    }
    this.field = field;
    this.timeStep = Checks.positive("timeStep", timeStep);
  }

  /** Euler on Hamilton's equations of {@code system}. */
  public static ExplicitEuler of(HamiltonianSystem system, double timeStep) {
    return new ExplicitEuler(VectorField.of(system), timeStep);
  }

  /** One step of {@code state} in place. */
  public void step(double[] state) {
    double[] f = new double[state.length];
    field.evaluate(state, f);
    for (int i = 0; i < state.length; i++) {
      state[i] += timeStep * f[i];
    }
  }

  @Override
  public PhaseSpaceArray rollout(double[][] starts, int steps) {
    int w = field.width();
    int n = Checks.starts(starts, w);
    Checks.atLeast("steps", steps, 0);
    PhaseSpaceArray out = PhaseSpaceArray.zeros(n, steps + 1, w);
    for (int b = 0; b < n; b++) {
      double[] x = starts[b].clone();
      out.setState(b, 0, x);
      for (int t = 1; t <= steps; t++) {
        step(x);
        out.setState(b, t, x);
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
    return field.width() / 2;
  }

  @Override
  public String name() {
    return "explicit-euler";
  }
}

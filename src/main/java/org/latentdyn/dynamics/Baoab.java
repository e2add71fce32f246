package org.latentdyn.dynamics;

import java.util.Arrays;

/**
 * BAOAB splitting for {@link UnderdampedLangevin} (Leimkuhler &amp; Matthews, Appl. Math. Res. Express 2013,
 * 34-56): half kick B ({@code p += dt/2 F(q)}), half drift A ({@code q += dt/2 p/m}), exact
 * Ornstein–Uhlenbeck step O on the momenta ({@code p <- c1 p + c2 xi}, {@code c1 = exp(-friction dt)},
 * {@code c2 = sqrt((1 - c1^2) m kT)}), half drift A, half kick B. One force evaluation per step (the force
 * at the end of a step is reused at the start of the next). Refuses any other equation.
 *
 * <p>Orders: strong 1 (additive noise), weak 2; for a harmonic potential the sampled position distribution is
 * exact at any stable step size.
 */
public final class Baoab implements SdeIntegrator {
  @Override
  public String name() {
    return "baoab";
  }

  @Override
  public double strongOrder(Sde sde) {
    return 1.0;
  }

  @Override
  public double weakOrder(Sde sde) {
    return 2.0;
  }

  @Override
  public int noiseDim(Sde sde) {
    return langevin(sde).positionDim();
  }

  @Override
  public Stepper stepper(Sde sde) {
    UnderdampedLangevin lan = langevin(sde);
    Potential potential = lan.potential();
    int n = lan.positionDim();
    double[] invMass = new double[n];
    double[] thermalMomentum = new double[n];
    for (int i = 0; i < n; i++) {
      invMass[i] = 1 / lan.mass(i);
      thermalMomentum[i] = Math.sqrt(lan.mass(i) * lan.kT());
    }
    double friction = lan.friction();
    return new Stepper() {
      private final double[] q = new double[n];
      private final double[] force = new double[n];
      private final double[] cachedQ = new double[n];
      private boolean cached;
      private double lastDt = Double.NaN;
      private double c1;
      private double c2;

      @Override
      public void step(double[] x, double dt, double[] noise) {
        if (dt != lastDt) {
          c1 = Math.exp(-friction * dt);
          c2 = Math.sqrt(-Math.expm1(-2 * friction * dt));
          lastDt = dt;
        }
        System.arraycopy(x, 0, q, 0, n);
        if (!cached || !Arrays.equals(q, cachedQ)) {
          potential.force(q, force);
        }
        double half = 0.5 * dt;
        for (int i = 0; i < n; i++) {
          double p = x[n + i] + half * force[i];
          double qi = q[i] + half * p * invMass[i];
          p = c1 * p + c2 * thermalMomentum[i] * noise[i];
          q[i] = qi + half * p * invMass[i];
          x[n + i] = p;
        }
        potential.force(q, force);
        for (int i = 0; i < n; i++) {
          x[i] = q[i];
          x[n + i] += half * force[i];
        }
        System.arraycopy(q, 0, cachedQ, 0, n);
        cached = true;
      }
    };
  }

  private static UnderdampedLangevin langevin(Sde sde) {
    if (!(sde instanceof UnderdampedLangevin lan)) {
      throw new IllegalArgumentException("BAOAB integrates UnderdampedLangevin only, got "
          + sde.getClass().getSimpleName());
    }
    return lan;
  }

  @Override
  public String toString() {
    return name();
  }
}

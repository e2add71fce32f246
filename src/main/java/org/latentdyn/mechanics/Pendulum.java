package org.latentdyn.mechanics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.dynamics.ForceField;
import org.latentdyn.dynamics.Potential;

/**
 * The ideal pendulum of VIN spec §3: angle {@code theta} from the downward vertical, bob at
 * {@code (l sin theta, -l cos theta)}, momentum {@code p = m l^2 thetadot},
 * {@code H = p^2 / (2 m l^2) + m g l (1 - cos theta)}, so {@code thetaddot = -(g/l) sin theta}.
 *
 * @param gravity {@code g > 0} (paper: 9.81; the authors' code 9.82)
 * @param mass bob mass {@code m > 0}
 * @param length rod length {@code l > 0}
 */
public record Pendulum(double gravity, double mass, double length) implements HamiltonianSystem {
  /** The paper's gravity, 9.81 m/s^2. */
  public static final double GRAVITY = 9.81;

  public Pendulum {
    Checks.positive("gravity", gravity);
    Checks.positive("mass", mass);
    Checks.positive("length", length);
  }

  /** The spec's pendulum: g = 9.81, m = l = 1. */
  public static Pendulum defaults() {
    return new Pendulum(GRAVITY, 1, 1);
  }

  /** m = l = 1 with gravity {@code g}. */
  public static Pendulum withGravity(double gravity) {
    return new Pendulum(gravity, 1, 1);
  }

  @Override
  public int dim() {
    return 1;
  }

  /** {@code U(theta) = m g l (1 - cos theta)}. */
  @Override
  public Potential potential() {
    return new Gravity(mass * gravity * length);
  }

  /** {@code M^-1 = 1 / (m l^2)}. */
  @Override
  public InverseMass inverseMass() {
    return InverseMass.diagonal(1.0 / (mass * length * length));
  }

  /**
   * The angular acceleration {@code r(theta) = -(g/l) sin theta}, the force of the SO(2) cell (spec §2 eq. 11,
   * §7 item 10); equal to {@code -dU/dtheta / (m l^2)}.
   */
  public ForceField angularAcceleration() {
    double w2 = gravity / length;
    return new ForceField() {
      @Override
      public int dim() {
        return 1;
      }

      @Override
      public void force(double[] x, double[] out) {
        out[0] = -w2 * Math.sin(x[0]);
      }
    };
  }

  /** Small-angle period {@code 2 pi sqrt(l/g)}. */
  public double smallAnglePeriod() {
    return 2 * Math.PI * Math.sqrt(length / gravity);
  }

  /**
   * Exact period of a libration released at rest from amplitude {@code 0 <= theta0 < pi}:
   * {@code T = 4 sqrt(l/g) K(sin^2(theta0/2))}, K the complete elliptic integral of the first kind with parameter
   * {@code m = k^2}, computed by the arithmetic-geometric mean (spec §7 item 1).
   */
  public double period(double amplitude) {
    if (!(amplitude >= 0) || !(amplitude < Math.PI)) {
      throw new IllegalArgumentException("amplitude must be in [0, pi) for a libration, got " + amplitude);
    }
    double s = Math.sin(amplitude / 2);
    return 4 * Math.sqrt(length / gravity) * ellipticK(s * s);
  }

  /** Complete elliptic integral of the first kind, {@code K(m) = pi / (2 AGM(1, sqrt(1 - m)))}, {@code 0 <= m < 1}. */
  static double ellipticK(double m) {
    double a = 1;
    double b = Math.sqrt(1 - m);
    for (int i = 0; i < 64 && Math.abs(a - b) > 1e-16 * a; i++) {
      double an = 0.5 * (a + b);
      b = Math.sqrt(a * b);
      a = an;
    }
    return Math.PI / (2 * a);
  }

  /** Energy of the rest state at angle {@code theta}: {@code m g l (1 - cos theta)}. */
  public double potentialEnergy(double theta) {
    return mass * gravity * length * (1 - Math.cos(theta));
  }

  @Override
  public String name() {
    return "pendulum";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("g", gravity);
    p.put("m", mass);
    p.put("l", length);
    return p;
  }

  /** {@code U(theta) = c (1 - cos theta)} with {@code c = m g l}. */
  private record Gravity(double c) implements Potential {
    @Override
    public int dim() {
      return 1;
    }

    @Override
    public double energy(double[] x) {
      return c * (1 - Math.cos(x[0]));
    }

    @Override
    public void gradient(double[] x, double[] out) {
      out[0] = c * Math.sin(x[0]);
    }

    @Override
    public void hessian(double[] x, double[] out) {
      out[0] = c * Math.cos(x[0]);
    }

    @Override
    public String name() {
      return "pendulum-gravity";
    }

    @Override
    public String formula() {
      return "U(theta) = m g l (1 - cos theta)";
    }

    @Override
    public Map<String, Double> parameters() {
      return Map.of("mgl", c);
    }
  }
}

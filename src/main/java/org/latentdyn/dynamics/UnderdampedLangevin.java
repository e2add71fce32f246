package org.latentdyn.dynamics;

import java.util.Arrays;

/**
 * Underdamped (inertial) Langevin dynamics on the phase-space state {@code (q, p)} of length {@code 2 n}:
 *
 * <pre>
 *   dq = M^-1 p dt,
 *   dp = [-grad U(q) - friction p] dt + sqrt(2 friction m_i kT) dW,
 * </pre>
 *
 * whose stationary density is {@code exp(-(U(q) + p^T M^-1 p / 2) / kT)}. Integrate it with {@link Baoab}
 * (or, less accurately, {@link EulerMaruyama}).
 */
public final class UnderdampedLangevin implements Sde {
  private final Potential potential;
  private final double[] masses;
  private final double friction;
  private final double kT;
  private final double[] noiseAmplitude;

  /**
   * @param potential the potential {@code U(q)}
   * @param masses masses {@code m_i > 0}, one per coordinate of {@code q}
   * @param friction collision rate {@code gamma > 0} (inverse time)
   * @param kT thermal energy {@code > 0}
   */
  public UnderdampedLangevin(Potential potential, double[] masses, double friction, double kT) {
    Checks.length("masses", masses, potential.dim());
    this.potential = potential;
    this.masses = Checks.positiveVector("masses", masses);
    this.friction = Checks.positive("friction", friction);
    this.kT = Checks.positive("kT", kT);
    this.noiseAmplitude = new double[masses.length];
    for (int i = 0; i < masses.length; i++) {
      noiseAmplitude[i] = Math.sqrt(2 * friction * masses[i] * kT);
    }
  }

  /** All masses equal to {@code mass}. */
  public UnderdampedLangevin(Potential potential, double mass, double friction, double kT) {
    this(potential, filled(potential.dim(), mass), friction, kT);
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    Arrays.fill(a, value);
    return a;
  }

  public Potential potential() {
    return potential;
  }

  /** Number of position coordinates {@code n}; the state has length {@code 2 n}. */
  public int positionDim() {
    return masses.length;
  }

  public double mass(int i) {
    return masses[i];
  }

  public double friction() {
    return friction;
  }

  public double kT() {
    return kT;
  }

  @Override
  public int dim() {
    return 2 * masses.length;
  }

  @Override
  public void drift(double[] x, double[] out) {
    int n = masses.length;
    double[] q = Arrays.copyOfRange(x, 0, n);
    double[] f = new double[n];
    potential.force(q, f);
    for (int i = 0; i < n; i++) {
      out[i] = x[n + i] / masses[i];
      out[n + i] = f[i] - friction * x[n + i];
    }
  }

  @Override
  public void diffusion(double[] x, double[] out) {
    int n = masses.length;
    Arrays.fill(out, 0, n, 0.0);
    System.arraycopy(noiseAmplitude, 0, out, n, n);
  }

  @Override
  public boolean isAdditiveNoise() {
    return true;
  }
}

package org.latentdyn.mechanics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.dynamics.HarmonicPotential;
import org.latentdyn.dynamics.Potential;

/**
 * The mass-spring of VIN spec §3: {@code H = p^2 / (2m) + k q^2 / 2}, {@code qddot = -(k/m) q}, period
 * {@code 2 pi sqrt(m/k)}.
 *
 * @param stiffness spring constant {@code k > 0} (phase-space experiment: 1; pixel experiment: 2)
 * @param mass {@code m > 0}
 */
public record MassSpring(double stiffness, double mass) implements HamiltonianSystem {
  public MassSpring {
    Checks.positive("stiffness", stiffness);
    Checks.positive("mass", mass);
  }

  /** k = m = 1, the phase-space experiment (paper App. C.1). */
  public static MassSpring defaults() {
    return new MassSpring(1, 1);
  }

  /** k = 2, m = 1, the pixel experiment (authors' code {@code springmass.gin}, spec §3). */
  public static MassSpring pixels() {
    return new MassSpring(2, 1);
  }

  @Override
  public int dim() {
    return 1;
  }

  /** {@code U(q) = k q^2 / 2}. */
  @Override
  public Potential potential() {
    return new HarmonicPotential(new double[] {stiffness}, new double[1]);
  }

  /** {@code M^-1 = 1/m}. */
  @Override
  public InverseMass inverseMass() {
    return InverseMass.diagonal(1.0 / mass);
  }

  /** Angular frequency {@code sqrt(k/m)}. */
  public double frequency() {
    return Math.sqrt(stiffness / mass);
  }

  /** Period {@code 2 pi sqrt(m/k)}. */
  public double period() {
    return 2 * Math.PI / frequency();
  }

  @Override
  public String name() {
    return "mass-spring";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("k", stiffness);
    p.put("m", mass);
    return p;
  }
}

package org.latentdyn.md;

import java.util.EnumMap;
import java.util.Map;

/**
 * Regions of the alanine-dipeptide Ramachandran plane, as defined in the README of the shipped data set
 * ({@code shared/data/alanine-dipeptide/README.md}; bounds in degrees):
 * <ul>
 *   <li>{@link #BETA} ("beta", beta/C7eq): {@code phi < 0} and ({@code psi > 100} or {@code psi < -150});
 *   <li>{@link #ALPHA_R} ("alphaR"): {@code phi < 0} and {@code -120 < psi < 50};
 *   <li>{@link #ALPHA_L} ("alphaL", alphaL/C7ax): {@code phi > 0};
 *   <li>{@link #OTHER} ("other"): everything else, i.e. the rest of {@code phi < 0} (and the measure-zero
 *       line {@code phi = 0}).
 * </ul>
 * Bounds are strict, so a point on a boundary is "other". Angles are in radians, as
 * {@link Dihedrals} returns them.
 */
public enum RamachandranState {
  BETA("beta"),
  ALPHA_R("alphaR"),
  ALPHA_L("alphaL"),
  OTHER("other");

  private static final double PSI_BETA_ABOVE = Math.toRadians(100);
  private static final double PSI_BETA_BELOW = Math.toRadians(-150);
  private static final double PSI_ALPHA_R_LOW = Math.toRadians(-120);
  private static final double PSI_ALPHA_R_HIGH = Math.toRadians(50);

  private final String label;

  RamachandranState(String label) {
    this.label = label;
  }

  /** The name used downstream: "beta", "alphaR", "alphaL" or "other". */
  public String label() {
    return label;
  }

  /**
   * The region of {@code (phi, psi)} in radians.
   *
   * @throws IllegalArgumentException for a non-finite angle
   */
  public static RamachandranState of(double phi, double psi) {
    if (!Double.isFinite(phi) || !Double.isFinite(psi)) {
      throw new IllegalArgumentException("phi and psi must be finite radians, got phi = " + phi + ", psi = " + psi);
    }
    if (phi > 0) {
      return ALPHA_L;
    }
    if (phi < 0) {
      if (psi > PSI_BETA_ABOVE || psi < PSI_BETA_BELOW) {
        return BETA;
      }
      if (psi > PSI_ALPHA_R_LOW && psi < PSI_ALPHA_R_HIGH) {
        return ALPHA_R;
      }
    }
    return OTHER;
  }

  /** The region of every frame, by {@link #ordinal()}; {@code phi} and {@code psi} in radians, same length. */
  public static int[] classify(float[] phi, float[] psi) {
    if (phi == null || psi == null || phi.length != psi.length) {
      throw new IllegalArgumentException("phi and psi must hold one angle per frame each, got lengths "
          + (phi == null ? "null" : phi.length) + " and " + (psi == null ? "null" : psi.length));
    }
    int[] out = new int[phi.length];
    for (int f = 0; f < phi.length; f++) {
      out[f] = of(phi[f], psi[f]).ordinal();
    }
    return out;
  }

  /** Frames per region, in declaration order (every region present, possibly with 0). */
  public static Map<RamachandranState, Integer> counts(float[] phi, float[] psi) {
    Map<RamachandranState, Integer> out = new EnumMap<>(RamachandranState.class);
    for (RamachandranState s : values()) {
      out.put(s, 0);
    }
    for (int code : classify(phi, psi)) {
      out.merge(values()[code], 1, Integer::sum);
    }
    return out;
  }
}

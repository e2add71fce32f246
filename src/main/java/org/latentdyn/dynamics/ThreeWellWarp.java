package org.latentdyn.dynamics;

/**
 * The observation warp of the three-well example (spec {@code dynae.md} §6): {@code (x, y) -> (x, y + x^2)}, or
 * its inverse {@code (x', y') -> (x', y' - x'^2)}. Under the warp, isotropic diffusion in {@code (x, y)} becomes
 * strongly anisotropic in the observed space.
 */
public final class ThreeWellWarp implements ObservationMap {
  private static final ThreeWellWarp FORWARD = new ThreeWellWarp(false);
  private static final ThreeWellWarp INVERSE = new ThreeWellWarp(true);

  private final boolean inverse;

  private ThreeWellWarp(boolean inverse) {
    this.inverse = inverse;
  }

  /** {@code (x, y) -> (x, y + x^2)}. */
  public static ThreeWellWarp forward() {
    return FORWARD;
  }

  /** {@code (x', y') -> (x', y' - x'^2)}. */
  public static ThreeWellWarp inverseMap() {
    return INVERSE;
  }

  /** The map that undoes this one. */
  public ThreeWellWarp inverse() {
    return inverse ? FORWARD : INVERSE;
  }

  @Override
  public int inputDim() {
    return 2;
  }

  @Override
  public int outputDim() {
    return 2;
  }

  @Override
  public void map(double[] in, double[] out) {
    double x = in[0];
    out[0] = x;
    out[1] = inverse ? in[1] - x * x : in[1] + x * x;
  }

  @Override
  public String toString() {
    return inverse ? "ThreeWellWarp.inverse[(x, y) -> (x, y - x^2)]" : "ThreeWellWarp[(x, y) -> (x, y + x^2)]";
  }
}

package org.latentdyn.movies;

import java.util.Arrays;
import java.util.Locale;

/**
 * The units of a grid movie's ground truth (spec datasets.md, "Image movies": "normalised to the grid spacing the
 * user chooses; say which").
 *
 * <p>{@link #INDEX} (the default) writes each factor's grid index. Every factor index moves by the same
 * {@link FactorWalk} step law, so in index units the truth diffuses isotropically, which is the setting in which
 * a unit-diffusion latent equals the truth up to an isometry (DynAE paper, Supplementary Note 1). {@link #VALUE}
 * writes the dataset's factor values instead (dSprites' {@code posX} in {@code [0, 1]}, {@code scale} in
 * {@code [0.5, 1]}, ...): their grid spacings differ from factor to factor (0.1 for the scale against 1/31 for a
 * position), so the truth diffuses anisotropically and no isotropic latent matches it by an isometry; on
 * dSprites-3 an exact index-space latent scores a relative L_z of about 0.6 against it.
 */
public enum TruthUnits {
  /** Grid indices {@code 0 ... levels - 1}. */
  INDEX,
  /** The factor values of the dataset's grid. */
  VALUE;

  /** The ground-truth entry of {@code factor} at grid index {@code index}. */
  public double of(Factor factor, int index) {
    return this == INDEX ? index : factor.value(index);
  }

  /** The README phrase for a truth column. */
  String describe(Factor factor) {
    return this == INDEX
        ? "grid index 0 ... " + (factor.levels() - 1) + " of the " + factor.meaning()
        : factor.meaning();
  }

  /** The README heading for the truth columns. */
  String heading(String dataset) {
    return this == INDEX
        ? "truth.npy columns (grid indices, one unit per grid step for every factor; `--truth-units value` writes the "
            + dataset + " factor values instead):"
        : "truth.npy columns (the " + dataset + " factor values, not indices):";
  }

  /**
   * The units called {@code name} ({@code index} or {@code value}, case-insensitive).
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static TruthUnits named(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (TruthUnits u : values()) {
      if (u.name().toLowerCase(Locale.ROOT).equals(n)) {
        return u;
      }
    }
    throw new IllegalArgumentException("unknown truth units '" + name + "'; expected one of "
        + Arrays.stream(values()).map(u -> u.name().toLowerCase(Locale.ROOT)).toList());
  }
}

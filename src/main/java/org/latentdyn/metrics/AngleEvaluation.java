package org.latentdyn.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.md.RamachandranState;

/**
 * How well a latent determines two torsion angles {@code (phi, psi)}, produced by
 * {@link AngleMetrics#evaluate}. Indices: angle 0 is phi, angle 1 is psi; targets are
 * {@link #TARGETS} = sin phi, cos phi, sin psi, cos psi.
 *
 * @param frames number of frames
 * @param latentDim latent dimension {@code d}
 * @param neighbours {@code k} of the k-NN regression and classification
 * @param folds number of cross-validation folds
 * @param seed seed of the fold shuffle
 * @param correlations {@code [d][2]}: circular-linear correlation (Mardia 1976) of latent dimension {@code i}
 *     with angle {@code j}, in {@code [0, 1]}; {@code NaN} where the latent dimension is constant
 * @param r2Targets cross-validated k-NN regression {@code R^2} of each of {@link #TARGETS}
 * @param r2Phi mean of the {@code R^2} of sin phi and cos phi
 * @param r2Psi mean of the {@code R^2} of sin psi and cos psi
 * @param r2Mean mean of the four target {@code R^2}
 * @param stateAccuracy cross-validated k-NN accuracy for the {@link RamachandranState} of each frame
 * @param stateMajorityFraction fraction of frames in the most common state (accuracy of always guessing it)
 * @param stateCounts frames per {@link RamachandranState}, in declaration order
 */
public record AngleEvaluation(
    int frames,
    int latentDim,
    int neighbours,
    int folds,
    long seed,
    double[][] correlations,
    double[] r2Targets,
    double r2Phi,
    double r2Psi,
    double r2Mean,
    double stateAccuracy,
    double stateMajorityFraction,
    int[] stateCounts) {

  /** Names of the regression targets, in the order of {@link #r2Targets()}. */
  public static final List<String> TARGETS = List.of("sinPhi", "cosPhi", "sinPsi", "cosPsi");

  public AngleEvaluation {
    if (correlations == null || correlations.length != latentDim) {
      throw new IllegalArgumentException("correlations must hold latentDim = " + latentDim + " rows, got "
          + (correlations == null ? "null" : correlations.length));
    }
    if (r2Targets == null || r2Targets.length != TARGETS.size()) {
      throw new IllegalArgumentException("r2Targets must hold " + TARGETS.size() + " values " + TARGETS
          + ", got " + (r2Targets == null ? "null" : r2Targets.length));
    }
    if (stateCounts == null || stateCounts.length != RamachandranState.values().length) {
      throw new IllegalArgumentException("stateCounts must hold one count per state "
          + Arrays.toString(RamachandranState.values()) + ", got "
          + (stateCounts == null ? "null" : stateCounts.length));
    }
    correlations = Inputs.copy(correlations);
    r2Targets = r2Targets.clone();
    stateCounts = stateCounts.clone();
  }

  /** A copy, {@code [d][2]}. */
  @Override
  public double[][] correlations() {
    return Inputs.copy(correlations);
  }

  /** A copy, in the order of {@link #TARGETS}. */
  @Override
  public double[] r2Targets() {
    return r2Targets.clone();
  }

  /** A copy, in the declaration order of {@link RamachandranState}. */
  @Override
  public int[] stateCounts() {
    return stateCounts.clone();
  }

  /**
   * A JSON-ready map of plain values (numbers, strings, lists, maps), ordered as written; a non-finite
   * number becomes {@code null}:
   * <pre>{@code
   * {frames, latentDim, neighbours, folds, seed,
   *  circularLinearCorrelation: {phi: [d values], psi: [d values]},
   *  knnR2: {sinPhi, cosPhi, sinPsi, cosPsi, phi, psi, mean},
   *  stateAccuracy, stateMajorityFraction, stateCounts: {beta, alphaR, alphaL, other}}
   * }</pre>
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("frames", frames);
    m.put("latentDim", latentDim);
    m.put("neighbours", neighbours);
    m.put("folds", folds);
    m.put("seed", seed);
    Map<String, Object> corr = new LinkedHashMap<>();
    String[] angles = {"phi", "psi"};
    for (int j = 0; j < 2; j++) {
      List<Object> column = new ArrayList<>();
      for (double[] row : correlations) {
        column.add(finite(row[j]));
      }
      corr.put(angles[j], column);
    }
    m.put("circularLinearCorrelation", corr);
    Map<String, Object> r2 = new LinkedHashMap<>();
    for (int t = 0; t < TARGETS.size(); t++) {
      r2.put(TARGETS.get(t), finite(r2Targets[t]));
    }
    r2.put("phi", finite(r2Phi));
    r2.put("psi", finite(r2Psi));
    r2.put("mean", finite(r2Mean));
    m.put("knnR2", r2);
    m.put("stateAccuracy", finite(stateAccuracy));
    m.put("stateMajorityFraction", finite(stateMajorityFraction));
    Map<String, Object> counts = new LinkedHashMap<>();
    for (RamachandranState s : RamachandranState.values()) {
      counts.put(s.label(), stateCounts[s.ordinal()]);
    }
    m.put("stateCounts", counts);
    return m;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  @Override
  public String toString() {
    return "AngleEvaluation[frames=" + frames + ", latentDim=" + latentDim + ", r2Phi=" + r2Phi + ", r2Psi="
        + r2Psi + ", r2Mean=" + r2Mean + ", stateAccuracy=" + stateAccuracy + ", correlations="
        + Arrays.deepToString(correlations) + "]";
  }
}

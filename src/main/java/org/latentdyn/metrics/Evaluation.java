package org.latentdyn.metrics;

import java.util.Arrays;

/**
 * The numbers that judge a latent against a ground truth (spec section 5), produced by
 * {@link IsometryMetrics#evaluate}. A plain record of numbers and strings so that it serialises to JSON
 * as is; all quantities are in units of the convention-scaled truth.
 *
 * @param convention label of the {@link DiffusionConvention} used, {@code "raw"} or {@code "unit-diffusion"}
 * @param lz isometry-corrected MSE {@code L_z} of paper Eq. 9 (mean over frames, summed over dimensions)
 * @param lzRelative {@code lz / truthVariance}
 * @param similarityScale the scale {@code s} of the similarity fit {@code s Q z + b}
 * @param similarityRelativeMse MSE of the similarity fit divided by {@code truthVariance}
 * @param correlations per truth dimension {@code j}, the absolute Pearson correlation between dimension
 *     {@code j} of the isometrically aligned latent and of the truth ({@code NaN} where either is constant)
 * @param diffusionEstimate the estimated per-lag diffusion constant {@code D} of the truth as given (always
 *     reported, whatever the convention)
 * @param truthScale the factor applied to the truth: 1 for raw, {@code 1/sqrt(diffusionEstimate)} for
 *     unit-diffusion
 * @param truthVariance total variance {@code sum_j Var(y_j)} of the scaled truth
 * @param frames number of frames compared
 * @param latentDim latent dimension {@code d}
 * @param truthDim truth dimension {@code d'}
 * @param alignment the isometric alignment (latent to scaled truth) that attains {@code lz}
 */
public record Evaluation(
    String convention,
    double lz,
    double lzRelative,
    double similarityScale,
    double similarityRelativeMse,
    double[] correlations,
    double diffusionEstimate,
    double truthScale,
    double truthVariance,
    int frames,
    int latentDim,
    int truthDim,
    Alignment alignment) {

  public Evaluation {
    correlations = correlations.clone();
  }

  @Override
  public double[] correlations() {
    return correlations.clone();
  }

  @Override
  public String toString() {
    return "Evaluation[convention=" + convention + ", lz=" + lz + ", lzRelative=" + lzRelative
        + ", similarityScale=" + similarityScale + ", similarityRelativeMse=" + similarityRelativeMse
        + ", correlations=" + Arrays.toString(correlations) + ", diffusionEstimate=" + diffusionEstimate
        + ", truthScale=" + truthScale + ", truthVariance=" + truthVariance + ", frames=" + frames
        + ", latentDim=" + latentDim + ", truthDim=" + truthDim + "]";
  }
}

package org.latentdyn.train;

/**
 * One epoch of training, as written to {@code history.csv}.
 *
 * @param epoch epoch index (0 = warm-up)
 * @param steps optimiser steps taken in the epoch
 * @param reconstruction mean training reconstruction loss (summed over features, both frames of a pair)
 * @param regulariser mean training regulariser (DynAE: sliced Wasserstein of Eq. 3, unweighted)
 * @param prior mean training prior loss (Eq. 7)
 * @param validationReconstruction reconstruction loss on the held-out pairs
 * @param validationPrior prior loss on the held-out pairs
 * @param bins latent bins used (1 in the warm-up)
 * @param smallestBin pairs in the smallest kept bin
 * @param droppedFraction fraction of pairs in bins too small to keep
 * @param seconds wall-clock seconds of the epoch
 */
public record EpochRecord(int epoch, int steps, double reconstruction, double regulariser, double prior,
    double validationReconstruction, double validationPrior, int bins, int smallestBin, double droppedFraction,
    double seconds) {

  /** The CSV header matching {@link #csvRow()}. */
  public static String csvHeader() {
    return "epoch,steps,reconstruction,regulariser,prior,validation_reconstruction,validation_prior,bins,"
        + "smallest_bin,dropped_fraction,seconds";
  }

  /** One CSV row. */
  public String csvRow() {
    return epoch + "," + steps + "," + reconstruction + "," + regulariser + "," + prior + ","
        + validationReconstruction + "," + validationPrior + "," + bins + "," + smallestBin + "," + droppedFraction
        + "," + seconds;
  }
}

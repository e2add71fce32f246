package org.latentdyn.train;

/** Receives training progress: for progress bars, logs and checkpoints. All methods default to no-ops. */
public interface TrainingListener {
  /** An epoch with {@code steps} optimiser steps begins. */
  default void epochStarted(int epoch, int epochs, int steps) {}

  /** A step finished with these losses (reconstruction, regulariser, prior). */
  default void stepFinished(int epoch, int step, double reconstruction, double regulariser, double prior) {}

  /** An epoch finished; {@code checkpoint} can resume training from here. */
  default void epochFinished(EpochRecord record, Checkpoint checkpoint) {}

  /**
   * Epoch {@code epoch} diverged ({@code message}); training rolled back to the last completed epoch and goes on
   * with the learning rates scaled by {@code learningRateScale} in total.
   */
  default void recovered(int epoch, String message, double learningRateScale) {}

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};
}

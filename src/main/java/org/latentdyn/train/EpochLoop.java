package org.latentdyn.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The epoch loop every estimator shares: resume from a checkpoint, report each epoch with a checkpoint that can
 * resume from it, and the recovery policy for a diverging run: roll back to the last completed epoch, halve the
 * learning rates and try the epoch again, up to {@code maxRecoveries} times; after that the divergence is
 * thrown, so a diverged model is never returned as if trained.
 */
public final class EpochLoop {
  private EpochLoop() {}

  /** The per-epoch work of one estimator. */
  public interface Epochs {
    /** Trains one epoch; throws {@link TrainingDivergedException} on a non-finite loss. */
    EpochRecord epoch(int epoch);

    /** The whole training state before epoch {@code nextEpoch}, including {@link #learningRateScale()}. */
    Checkpoint checkpoint(int nextEpoch, List<EpochRecord> history);

    /** Restores a state from {@link #checkpoint}, including its learning-rate scale. */
    void restore(Checkpoint checkpoint);

    /** Product of the recovery policy's learning-rate reductions so far (1 = none). */
    double learningRateScale();

    /** Multiplies every learning rate (and {@link #learningRateScale()}) by {@code factor}. */
    void scaleLearningRates(double factor);
  }

  /**
   * Runs epochs {@code [resume.nextEpoch(), epochs)} (from 0 without a checkpoint).
   *
   * @return the whole history, the resumed part included
   * @throws TrainingDivergedException when an epoch still diverges after {@code maxRecoveries} roll-backs
   */
  public static List<EpochRecord> run(Epochs t, int epochs, TrainingListener listener, Checkpoint resume,
      int maxRecoveries) {
    int start = 0;
    List<EpochRecord> history = new ArrayList<>();
    if (resume != null) {
      t.restore(resume);
      start = resume.nextEpoch();
      history.addAll(resume.history());
    }
    Checkpoint last = resume != null ? resume : t.checkpoint(start, history);
    int recoveries = 0;
    for (int epoch = start; epoch < epochs; epoch++) {
      EpochRecord r;
      try {
        r = t.epoch(epoch);
      } catch (TrainingDivergedException e) {
        if (recoveries == maxRecoveries) {
          throw e;
        }
        recoveries++;
        double target = t.learningRateScale() * 0.5;
        t.restore(last);
        t.scaleLearningRates(target / t.learningRateScale());
        listener.recovered(epoch, e.getMessage(), t.learningRateScale());
        epoch--;
        continue;
      }
      history.add(r);
      last = t.checkpoint(epoch + 1, history);
      listener.epochFinished(r, last);
    }
    return history;
  }
}

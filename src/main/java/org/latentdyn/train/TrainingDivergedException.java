package org.latentdyn.train;

/** A loss became NaN or infinite: training stopped and nothing was saved from the poisoned state. */
public final class TrainingDivergedException extends RuntimeException {
  private final int epoch;
  private final int step;

  public TrainingDivergedException(int epoch, int step, String what) {
    super("training diverged: " + what + " at epoch " + epoch + ", step " + step
        + "; the last completed epoch's checkpoint is kept. Try a smaller learning rate or beta");
    this.epoch = epoch;
    this.step = step;
  }

  public int epoch() {
    return epoch;
  }

  public int step() {
    return step;
  }
}

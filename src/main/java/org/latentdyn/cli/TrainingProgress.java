package org.latentdyn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/**
 * Shows training progress (a progress bar with epoch, losses, bins and time left on a terminal; one log line
 * per epoch otherwise) and writes a checkpoint after every epoch.
 */
final class TrainingProgress implements TrainingListener, AutoCloseable {
  private final PrintWriter log;
  private final boolean terminal;
  private final CheckpointStore store;
  private final Map<String, Object> run;
  private final String[] labels;
  private ProgressBar bar;
  private int epochs;
  private int bins = 1;
  private long done;

  TrainingProgress(PrintWriter log, CheckpointStore store, Map<String, Object> run) {
    this(log, store, run, "rec", "reg", "prior", "val rec");
  }

  /**
   * A progress display whose step and epoch messages name the three step losses and the validation value
   * {@code labels}; with labels other than the autoencoders' the bins count is not shown.
   */
  TrainingProgress(PrintWriter log, CheckpointStore store, Map<String, Object> run, String... labels) {
    if (labels.length != 4) {
      throw new IllegalArgumentException("labels must name 3 step losses and the validation value, got "
          + labels.length);
    }
    this.log = log;
    this.terminal = System.console() != null;
    this.store = store;
    this.run = run;
    this.labels = labels.clone();
  }

  private boolean showsBins() {
    return labels[0].equals("rec");
  }

  @Override
  public void epochStarted(int epoch, int epochs, int steps) {
    this.epochs = epochs;
    if (terminal) {
      long total = done + (long) steps * (epochs - epoch);
      if (bar == null) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250).setMaxRenderedLength(120).build();
      } else {
        bar.maxHint(total);
      }
    }
  }

  @Override
  public void stepFinished(int epoch, int step, double reconstruction, double regulariser, double prior) {
    done++;
    if (bar != null) {
      bar.step();
      if (step % 20 == 0) {
        bar.setExtraMessage(String.format(Locale.ROOT, " ep %d/%d %s %.3g %s %.3g %s %.3g", epoch + 1, epochs, labels[0],
            reconstruction, labels[1], regulariser, labels[2], prior) + (showsBins() ? " bins " + bins : ""));
      }
    }
  }

  @Override
  public void epochFinished(EpochRecord r, Checkpoint checkpoint) {
    bins = r.bins();
    if (!terminal) {
      log.printf(Locale.ROOT, "epoch %d/%d: %d steps, %s %.4g, %s %.4g, %s %.4g, %s %.4g%s, %.2f s%n", r.epoch() + 1,
          epochs, r.steps(), labels[0], r.reconstruction(), labels[1], r.regulariser(), labels[2], r.prior(),
          labels[3], r.validationReconstruction(), showsBins() ? ", bins " + r.bins() : "", r.seconds());
      log.flush();
    }
    if (store == null) {
      return;
    }
    try {
      store.write(checkpoint, run);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint to " + store.dir(), e);
    }
  }

  @Override
  public void recovered(int epoch, String message, double learningRateScale) {
    if (!showsBins()) {
      log.printf(Locale.ROOT, "warning: %s%n", message);
      log.flush();
      return;
    }
    log.printf(Locale.ROOT, "warning: %s; rolled back to the last completed epoch, learning rates now x%s of the"
        + " configured ones%n", message.replace("; the last completed epoch's checkpoint is kept. Try a smaller"
            + " learning rate or beta", ""), learningRateScale);
    log.flush();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}

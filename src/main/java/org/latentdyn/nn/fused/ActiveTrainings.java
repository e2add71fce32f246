package org.latentdyn.nn.fused;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the trainings running in this process, so that a training may use a helper thread only while the
 * cores are not already taken by other trainings (several runs of a comparison share one pool). Using a helper
 * or not never changes the numbers, only the speed.
 */
public final class ActiveTrainings {
  private static final AtomicInteger ACTIVE = new AtomicInteger();

  private ActiveTrainings() {}

  /** A training starts; pair with {@link #exit()}. */
  public static void enter() {
    ACTIVE.incrementAndGet();
  }

  /** A training ended. */
  public static void exit() {
    ACTIVE.decrementAndGet();
  }

  /** True while there is a spare core for a second thread per training. */
  public static boolean helperAllowed() {
    return 2 * ACTIVE.get() <= Runtime.getRuntime().availableProcessors();
  }
}

package org.latentdyn.train;

import java.util.SplittableRandom;

/**
 * The random streams of a fit, each derived from (seed, purpose, epoch) so that a resumed run draws exactly what
 * the uninterrupted run would have drawn, and no stream depends on how much another one was used.
 */
public final class Streams {
  private Streams() {}

  /** Weight initialisation. */
  public static SplittableRandom init(long seed) {
    return of(seed, 1, 0);
  }

  /** The train/validation split. */
  public static SplittableRandom split(long seed) {
    return of(seed, 2, 0);
  }

  /** Minibatch shuffling of epoch {@code epoch}. */
  public static SplittableRandom shuffle(long seed, int epoch) {
    return of(seed, 3, epoch);
  }

  /** Sliced-Wasserstein directions of epoch {@code epoch}. */
  public static SplittableRandom projections(long seed, int epoch) {
    return of(seed, 4, epoch);
  }

  /** Reparameterisation / prior-sample noise of epoch {@code epoch}. */
  public static SplittableRandom noise(long seed, int epoch) {
    return of(seed, 5, epoch);
  }

  /** Noise and directions of the validation loss: the same every epoch, so epochs compare. */
  public static SplittableRandom validation(long seed) {
    return of(seed, 6, 0);
  }

  /** Pairs of the separate reconstruction minibatches of epoch {@code epoch} (DynAE's uniform reconstruction). */
  public static SplittableRandom reconstruction(long seed, int epoch) {
    return of(seed, 7, epoch);
  }

  private static SplittableRandom of(long seed, int purpose, int epoch) {
    long s = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + epoch * 0x94D049BB133111EBL;
    return new SplittableRandom(new SplittableRandom(s).nextLong());
  }
}

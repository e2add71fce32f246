package org.latentdyn.models.dynae;

import java.util.SplittableRandom;

/**
 * The random streams of a DynAE fit, each derived from (seed, purpose, epoch) so that a resumed run draws
 * exactly what the uninterrupted run would have drawn.
 */
final class Streams {
  private Streams() {}

  static SplittableRandom init(long seed) {
    return of(seed, 1, 0);
  }

  static SplittableRandom split(long seed) {
    return of(seed, 2, 0);
  }

  /** Shuffling and resampling of epoch {@code epoch}. */
  static SplittableRandom shuffle(long seed, int epoch) {
    return of(seed, 3, epoch);
  }

  /** Sliced-Wasserstein directions of epoch {@code epoch}. */
  static SplittableRandom projections(long seed, int epoch) {
    return of(seed, 4, epoch);
  }

  /** Prior-sample noise of epoch {@code epoch}. */
  static SplittableRandom noise(long seed, int epoch) {
    return of(seed, 5, epoch);
  }

  private static SplittableRandom of(long seed, int purpose, int epoch) {
    long s = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + epoch * 0x94D049BB133111EBL;
    return new SplittableRandom(new SplittableRandom(s).nextLong());
  }
}

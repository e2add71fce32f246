package org.latentdyn.mechanics;

import java.util.SplittableRandom;

/**
 * The random streams of a data set, each derived from (seed, purpose) so that no stream depends on how much
 * another one was used (the same mixing as {@code org.latentdyn.train.Streams}).
 */
final class Streams {
  static final int STARTS = 1;
  static final int OBSERVATION_NOISE = 2;
  static final int DERIVATIVE_NOISE = 3;

  private Streams() {}

  static SplittableRandom of(long seed, int purpose) {
    long s = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L;
    return new SplittableRandom(new SplittableRandom(s).nextLong());
  }

}

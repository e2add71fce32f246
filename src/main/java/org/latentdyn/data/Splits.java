package org.latentdyn.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random permutations and train/validation splits of index ranges {@code [0, n)}. The generator is
 * {@link SplittableRandom}, whose algorithm the JDK specifies, so a seed gives the same split on every
 * JVM.
 */
public final class Splits {
  private Splits() {}

  /**
   * A train/validation split of indices; each part is sorted ascending, the parts are disjoint and together
   * hold every index of {@code [0, n)} once.
   */
  public record IndexSplit(int[] train, int[] validation) {
    /** Total number of indices. */
    public int size() {
      return train.length + validation.length;
    }
  }

  /** A uniformly random permutation of {@code [0, n)} (Fisher-Yates), determined by {@code seed}. */
  public static int[] permutation(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  /**
   * The number of training items of {@code n}: {@code floor(trainFraction * n)}, computed with a 1e-9
   * tolerance so that decimal fractions such as {@code 0.29 * 100} give 29, not 28. The validation part
   * gets the rest, {@code n - trainSize = ceil((1 - trainFraction) * n)}.
   */
  public static int trainSize(int n, double trainFraction) {
    requireFraction(trainFraction);
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    return (int) Math.min(n, Math.floor(trainFraction * n + 1e-9));
  }

  /**
   * Splits {@code [0, n)} at random: the first {@link #trainSize} entries of {@link #permutation}{@code (n,
   * seed)} are the training indices, the others the validation indices; both sorted ascending.
   *
   * @param trainFraction in {@code [0, 1]}
   */
  public static IndexSplit trainValidation(int n, double trainFraction, long seed) {
    int nTrain = trainSize(n, trainFraction);
    int[] p = permutation(n, seed);
    int[] train = Arrays.copyOfRange(p, 0, nTrain);
    int[] validation = Arrays.copyOfRange(p, nTrain, n);
    Arrays.sort(train);
    Arrays.sort(validation);
    return new IndexSplit(train, validation);
  }

  private static void requireFraction(double trainFraction) {
    if (!(trainFraction >= 0 && trainFraction <= 1)) {
      throw new IllegalArgumentException("trainFraction must be in [0, 1], got " + trainFraction);
    }
  }
}

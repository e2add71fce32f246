package org.latentdyn.data;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Time-lagged pairs {@code (X_t, X_{t+lag})} of a {@link Dataset}, as DynAE trains on them (spec
 * {@code dynae.md} section 4): every frame pair {@code lag} apart within one trajectory, never across a
 * boundary. Pairs are stored as two int arrays of global frame indices, {@code first[k]} and
 * {@code second[k] = first[k] + lag}; {@link #of} orders them by trajectory, then by {@code t}. Immutable.
 *
 * <p>A dataset of trajectories of lengths {@code n_i} gives {@code sum_i max(0, n_i - lag)} pairs. A
 * trajectory shorter than {@code lag + 1} frames contributes no pair; that is an error only when no
 * trajectory at all is long enough (see {@link #of(int[], int)}).
 */
public final class LaggedPairs {
  private final int lag;
  private final int[] first;
  private final int[] second;

  private LaggedPairs(int lag, int[] first, int[] second) {
    this.lag = lag;
    this.first = first;
    this.second = second;
  }

  /** All lag pairs of a dataset. */
  public static LaggedPairs of(Dataset data, int lag) {
    return of(data.lengths(), lag, data::label);
  }

  /**
   * All lag pairs of trajectories of the given lengths, laid out one after another in global indexing.
   *
   * @param lag at least 1
   * @throws IllegalArgumentException if {@code lag < 1}, or if no trajectory has {@code lag + 1} frames:
   *     "trajectory 0 has 12 frames, fewer than lag 20 + 1" (one trajectory) or "no trajectory has at least
   *     lag 20 + 1 frames; the longest, trajectory 2, has 12 frames" (several)
   */
  public static LaggedPairs of(int[] trajectoryLengths, int lag) {
    return of(trajectoryLengths, lag, i -> "trajectory " + i);
  }

  private static LaggedPairs of(int[] trajectoryLengths, int lag, IntFunction<String> label) {
    if (lag < 1) {
      throw new IllegalArgumentException("lag must be >= 1, got " + lag);
    }
    if (trajectoryLengths.length == 0) {
      throw new IllegalArgumentException("trajectoryLengths must hold at least one trajectory, got 0");
    }
    long count = 0;
    int longest = 0;
    for (int i = 0; i < trajectoryLengths.length; i++) {
      if (trajectoryLengths[i] < 0) {
        throw new IllegalArgumentException(label.apply(i) + " has negative length " + trajectoryLengths[i]);
      }
      count += Math.max(0, trajectoryLengths[i] - lag);
      if (trajectoryLengths[i] > trajectoryLengths[longest]) {
        longest = i;
      }
    }
    if (count == 0) {
      if (trajectoryLengths.length == 1) {
        throw new IllegalArgumentException(label.apply(0) + " has " + trajectoryLengths[0]
            + " frames, fewer than lag " + lag + " + 1");
      }
      throw new IllegalArgumentException("no trajectory has at least lag " + lag + " + 1 frames; the longest,"
          + " " + label.apply(longest) + ", has " + trajectoryLengths[longest] + " frames");
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(count + " pairs do not fit in one int array");
    }
    int[] first = new int[(int) count];
    int[] second = new int[(int) count];
    int k = 0;
    long offset = 0;
    for (int n : trajectoryLengths) {
      for (int t = 0; t + lag < n; t++) {
        first[k] = (int) (offset + t);
        second[k] = (int) (offset + t + lag);
        k++;
      }
      offset += n;
    }
    return new LaggedPairs(lag, first, second);
  }

  /** The lag, in frames. */
  public int lag() {
    return lag;
  }

  /** Number of pairs. */
  public int size() {
    return first.length;
  }

  /** Global frame index of {@code X_t} of pair {@code k}. */
  public int first(int k) {
    return first[k];
  }

  /** Global frame index of {@code X_{t+lag}} of pair {@code k}. */
  public int second(int k) {
    return second[k];
  }

  /** A copy of the first indices. */
  public int[] firstIndices() {
    return first.clone();
  }

  /** A copy of the second indices. */
  public int[] secondIndices() {
    return second.clone();
  }

  /** The pairs at positions {@code indices}, in that order (an index may repeat). */
  public LaggedPairs select(int[] indices) {
    int[] f = new int[indices.length];
    int[] s = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int k = indices[i];
      if (k < 0 || k >= first.length) {
        throw new IndexOutOfBoundsException("pair index " + k + " is not within [0, " + first.length + ")");
      }
      f[i] = first[k];
      s[i] = second[k];
    }
    return new LaggedPairs(lag, f, s);
  }

  /** Training and validation pairs; disjoint, and together every pair once. */
  public record Split(LaggedPairs train, LaggedPairs validation) {}

  /**
   * Splits the pairs at random into training and validation sets with a seeded generator: the training set
   * gets {@code floor(trainFraction * size())} pairs and the validation set the rest
   * ({@link Splits#trainValidation}). Each part keeps the original pair order. Same seed, same split.
   *
   * @param trainFraction in {@code [0, 1]}; DynAE uses 0.8
   */
  public Split split(double trainFraction, long seed) {
    Splits.IndexSplit s = Splits.trainValidation(size(), trainFraction, seed);
    return new Split(select(s.train()), select(s.validation()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LaggedPairs p && lag == p.lag && Arrays.equals(first, p.first)
        && Arrays.equals(second, p.second);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * lag + Arrays.hashCode(first)) + Arrays.hashCode(second);
  }

  @Override
  public String toString() {
    return "LaggedPairs[lag=" + lag + ", size=" + size() + "]";
  }
}

package org.latentdyn.movies;

import java.util.SplittableRandom;

/**
 * A reflecting discrete Gaussian random walk of one factor index on {@code {0, ..., levels - 1}} (spec datasets.md,
 * "Image movies"). Each step draws {@code k = round(stepSd * z)}, {@code z ~ N(0, 1)}, and moves {@code i -> i + k};
 * an index that leaves the grid is mirrored about the half-integer edges {@code -1/2} and {@code levels - 1/2}
 * (as often as needed, {@code j -> -1 - j} and {@code j -> 2 levels - 1 - j}). The step law is symmetric and the
 * reflection about half-integers makes the transition matrix symmetric, hence doubly stochastic: the uniform
 * distribution on the grid is stationary, so the factors are uniform in the long run. The walk starts at a
 * uniformly drawn index, i.e. already in its stationary law.
 */
public final class FactorWalk {
  private final int levels;
  private final double stepSd;
  private final SplittableRandom random;
  private int index;

  /**
   * @param levels grid size, at least 1
   * @param stepSd standard deviation of the step in grid indices, at least 0 (0 = the factor stays)
   */
  public FactorWalk(int levels, double stepSd, SplittableRandom random) {
    this(levels, stepSd, random, -1);
  }

  /** A walk from a given index ({@code start < 0}: drawn uniformly). */
  FactorWalk(int levels, double stepSd, SplittableRandom random, int start) {
    if (levels < 1) {
      throw new IllegalArgumentException("levels must be >= 1, got " + levels);
    }
    if (!(stepSd >= 0) || Double.isInfinite(stepSd)) {
      throw new IllegalArgumentException("stepSd must be a finite number >= 0, got " + stepSd);
    }
    this.levels = levels;
    this.stepSd = stepSd;
    this.random = random;
    if (start >= levels) {
      throw new IllegalArgumentException("start must be < levels " + levels + ", got " + start);
    }
    this.index = start < 0 ? random.nextInt(levels) : start;
  }

  /** The current index. */
  public int index() {
    return index;
  }

  /** Number of grid levels. */
  public int levels() {
    return levels;
  }

  /** Takes one step and returns the new index. */
  public int step() {
    long k = Math.round(stepSd * gaussian(random));
    index = reflect(index + k, levels);
    return index;
  }

  /** Folds any integer onto {@code [0, levels)} by mirroring about {@code -1/2} and {@code levels - 1/2}. */
  static int reflect(long j, int levels) {
    long period = 2L * levels;
    long m = Math.floorMod(j, period);
    return (int) (m < levels ? m : period - 1 - m);
  }

  /** A standard normal draw (polar Box-Muller without caching, so every call uses the stream the same way). */
  static double gaussian(SplittableRandom random) {
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }
}

package org.latentdyn.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Well-tempered resampling of bins (Eq. 13 of Wang &amp; Tiwary, "From latent dynamics to meaningful
 * representations", after well-tempered metadynamics): bin {@code k} holding {@code N̂_k} samples is
 * given {@code N_k = N * N̂_k^(1/gamma) / sum_j N̂_j^(1/gamma)} samples, {@code gamma >= 1}. {@code gamma = 1}
 * keeps the empirical proportions; {@code gamma -> infinity} (allowed as {@code Double.POSITIVE_INFINITY})
 * draws the same number from every non-empty bin.
 *
 * <p>Rounding ({@link #counts}): largest remainder. Each bin first gets the floor of its exact quota; the
 * units still missing from {@code N} go one each to the bins with the largest fractional parts, ties to
 * the lower bin index. The counts therefore add up to {@code N} exactly, differ from the exact quotas by
 * less than 1, and equal them when they are integers.
 *
 * <p>Small bins ({@link #sample}): non-empty bins with fewer than {@code minBinSize} samples are dropped
 * before the quotas are computed (the spec keeps every bin with at least e.g. {@code 2 d + 1} samples) and
 * reported in the {@link Resampling}.
 */
public final class WellTemperedResampling {
  /** The paper's choice of gamma. */
  public static final double DEFAULT_GAMMA = 2.0;

  private WellTemperedResampling() {}

  /**
   * @param gamma tempering exponent, {@code >= 1}; {@code Double.POSITIVE_INFINITY} for uniform over bins
   * @param minBinSize non-empty bins with fewer samples are dropped, {@code >= 1}
   */
  public record Options(double gamma, int minBinSize) {
    public Options {
      checkGamma(gamma);
      if (minBinSize < 1) {
        throw new IllegalArgumentException("minBinSize must be >= 1, got " + minBinSize);
      }
    }

    /** The spec's defaults for a latent of dimension {@code latentDim}: gamma = 2, minBinSize = 2 d + 1. */
    public static Options forLatentDim(int latentDim) {
      if (latentDim < 1) {
        throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
      }
      return new Options(DEFAULT_GAMMA, 2 * latentDim + 1);
    }

    public Options withGamma(double value) {
      return new Options(value, minBinSize);
    }

    public Options withMinBinSize(int value) {
      return new Options(gamma, value);
    }
  }

  /**
   * One resampling.
   *
   * @param binSizes {@code N̂_k}, the samples in each bin before resampling
   * @param counts {@code N_k}, the samples drawn from each bin (0 for dropped and empty bins); they add up
   *     to the requested total
   * @param indices per bin, the drawn sample indices (with replacement, in draw order)
   * @param droppedBins indices of the non-empty bins dropped for holding fewer than {@code minBinSize}
   * @param droppedFraction fraction of all samples that sat in dropped bins
   * @param keptBins number of non-empty bins kept
   * @param smallestKeptBin {@code N̂_k} of the smallest kept bin
   */
  public record Resampling(int[] binSizes, int[] counts, int[][] indices, int[] droppedBins,
      double droppedFraction, int keptBins, int smallestKeptBin) {
    public Resampling {
      binSizes = binSizes.clone();
      counts = counts.clone();
      indices = deepCopy(indices);
      droppedBins = droppedBins.clone();
    }

    @Override
    public int[] binSizes() {
      return binSizes.clone();
    }

    @Override
    public int[] counts() {
      return counts.clone();
    }

    /** A deep copy of the drawn indices per bin; see {@link #indicesOf(int)} for one bin. */
    @Override
    public int[][] indices() {
      return deepCopy(indices);
    }

    @Override
    public int[] droppedBins() {
      return droppedBins.clone();
    }

    /** A copy of the indices drawn from bin {@code k}. */
    public int[] indicesOf(int k) {
      return indices[k].clone();
    }

    /** All drawn indices, bin after bin. */
    public int[] allIndices() {
      int n = 0;
      for (int[] b : indices) {
        n += b.length;
      }
      int[] out = new int[n];
      int pos = 0;
      for (int[] b : indices) {
        System.arraycopy(b, 0, out, pos, b.length);
        pos += b.length;
      }
      return out;
    }

    private static int[][] deepCopy(int[][] a) {
      int[][] out = new int[a.length][];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i].clone();
      }
      return out;
    }
  }

  /**
   * Target samples per bin by Eq. 13, with largest-remainder rounding (see the class comment).
   *
   * @param binSizes {@code N̂_k >= 0}; empty bins get 0
   * @param gamma {@code >= 1}, or {@code Double.POSITIVE_INFINITY}
   * @param total {@code N >= 0}
   * @return {@code N_k}, adding up to {@code total}
   */
  public static int[] counts(int[] binSizes, double gamma, int total) {
    checkGamma(gamma);
    if (binSizes == null) {
      throw new IllegalArgumentException("binSizes must not be null");
    }
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, got " + total);
    }
    double exponent = 1.0 / gamma;
    double[] w = new double[binSizes.length];
    double sum = 0;
    for (int k = 0; k < binSizes.length; k++) {
      if (binSizes[k] < 0) {
        throw new IllegalArgumentException("binSizes[" + k + "] must be >= 0, got " + binSizes[k]);
      }
      w[k] = binSizes[k] == 0 ? 0.0 : Math.pow(binSizes[k], exponent);
      sum += w[k];
    }
    int[] out = new int[binSizes.length];
    if (total == 0) {
      return out;
    }
    if (sum == 0) {
      throw new IllegalArgumentException("cannot distribute total " + total + " samples over bins that are all empty");
    }
    double[] frac = new double[w.length];
    long assigned = 0;
    for (int k = 0; k < w.length; k++) {
      double quota = total * w[k] / sum;
      int base = (int) Math.floor(quota);
      out[k] = base;
      frac[k] = w[k] == 0 ? -1 : quota - base;
      assigned += base;
    }
    int missing = (int) (total - assigned);
    if (missing > 0) {
      Integer[] order = new Integer[w.length];
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> frac[a] != frac[b] ? Double.compare(frac[b], frac[a]) : Integer.compare(a, b));
      for (int i = 0; i < missing; i++) {
        out[order[i % order.length]]++;
      }
    }
    return out;
  }

  /**
   * Resamples points by their bin (e.g. a Voronoi assignment from {@link Clustering#assign}).
   *
   * @param assignment bin index {@code >= 0} of every sample; bins are {@code 0 .. max(assignment)}
   * @param total {@code N}, the number of samples to draw in all
   * @param options gamma and minimum bin size
   * @param seed seeds the draws; bin {@code k} draws from the {@code k}-th split of the generator
   */
  public static Resampling sample(int[] assignment, int total, Options options, long seed) {
    if (assignment == null || assignment.length == 0) {
      throw new IllegalArgumentException("assignment must hold at least one sample");
    }
    int bins = 0;
    for (int i = 0; i < assignment.length; i++) {
      if (assignment[i] < 0) {
        throw new IllegalArgumentException("assignment[" + i + "] must be >= 0, got " + assignment[i]);
      }
      bins = Math.max(bins, assignment[i] + 1);
    }
    int[] sizes = new int[bins];
    for (int a : assignment) {
      sizes[a]++;
    }
    int[][] members = new int[bins][];
    for (int k = 0; k < bins; k++) {
      members[k] = new int[sizes[k]];
    }
    int[] fill = new int[bins];
    for (int i = 0; i < assignment.length; i++) {
      members[assignment[i]][fill[assignment[i]]++] = i;
    }
    return drawFrom(members, total, options, seed);
  }

  /**
   * Resamples from explicit bins.
   *
   * @param binMembers per bin, the sample indices it holds (may be empty)
   * @param total {@code N}, the number of samples to draw in all
   * @param options gamma and minimum bin size
   * @param seed seeds the draws; bin {@code k} draws from the {@code k}-th split of the generator
   */
  public static Resampling sample(int[][] binMembers, int total, Options options, long seed) {
    if (binMembers == null || binMembers.length == 0) {
      throw new IllegalArgumentException("binMembers must hold at least one bin");
    }
    int[][] copy = new int[binMembers.length][];
    for (int k = 0; k < binMembers.length; k++) {
      if (binMembers[k] == null) {
        throw new IllegalArgumentException("binMembers[" + k + "] must not be null");
      }
      copy[k] = binMembers[k].clone();
    }
    return drawFrom(copy, total, options, seed);
  }

  private static Resampling drawFrom(int[][] members, int total, Options options, long seed) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, got " + total);
    }
    int bins = members.length;
    int[] sizes = new int[bins];
    int[] keptSizes = new int[bins];
    List<Integer> dropped = new ArrayList<>();
    long all = 0;
    long droppedSamples = 0;
    int kept = 0;
    int smallest = Integer.MAX_VALUE;
    for (int k = 0; k < bins; k++) {
      sizes[k] = members[k].length;
      all += sizes[k];
      if (sizes[k] == 0) {
        continue;
      }
      if (sizes[k] < options.minBinSize()) {
        dropped.add(k);
        droppedSamples += sizes[k];
      } else {
        keptSizes[k] = sizes[k];
        kept++;
        smallest = Math.min(smallest, sizes[k]);
      }
    }
    if (kept == 0) {
      throw new IllegalArgumentException("no bin holds minBinSize = " + options.minBinSize()
          + " samples (largest bin holds " + Arrays.stream(sizes).max().orElse(0)
          + "); lower minBinSize or use coarser bins (larger dMin)");
    }
    int[] counts = counts(keptSizes, options.gamma(), total);
    SplittableRandom root = new SplittableRandom(seed);
    int[][] indices = new int[bins][];
    for (int k = 0; k < bins; k++) {
      SplittableRandom rng = root.split();
      indices[k] = new int[counts[k]];
      for (int i = 0; i < counts[k]; i++) {
        indices[k][i] = members[k][rng.nextInt(sizes[k])];
      }
    }
    return new Resampling(sizes, counts, indices, dropped.stream().mapToInt(Integer::intValue).toArray(),
        all == 0 ? 0.0 : (double) droppedSamples / all, kept, smallest);
  }

  private static void checkGamma(double gamma) {
    if (!(gamma >= 1)) {
      throw new IllegalArgumentException("gamma must be >= 1 (or positive infinity), got " + gamma);
    }
  }
}

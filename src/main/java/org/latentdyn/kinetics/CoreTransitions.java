package org.latentdyn.kinetics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.latentdyn.data.Trajectory;

/**
 * Transition counting between metastable states with committed ("core", transition-based) assignment (Buchete
 * &amp; Hummer 2008, J. Phys. Chem. B 112, 6057): a frame in a core is committed to that core's state; a frame in
 * no core (label {@code -1}) keeps the last committed state; frames before the first core of a trajectory are
 * uncommitted. A transition {@code a -> b} is counted at each frame whose committed state changes from {@code a}
 * to {@code b}, so recrossings of the boundary that do not reach the other core are not counted. Trajectories are
 * counted separately: commitment never carries over from one trajectory to the next.
 *
 * <p>Rates, in transitions per frame: {@code k_ab = N_ab / T_a} with {@code T_a} the number of frames committed to
 * {@code a} (the maximum-likelihood rate of a Poisson process observed for {@code T_a} frames; the last committed
 * stretch of a trajectory counts its frames, which overstates its duration by one frame).
 *
 * <p>Errors: {@code sqrt(N_ab) / T_a} treats the count as Poisson with {@code T_a} fixed. The block bootstrap cuts
 * all frames (trajectories end to end) into {@code blocks} contiguous blocks of nearly equal length, each keeping
 * the transitions entered and the committed frames within it; each of {@code replicates} replicates draws
 * {@code blocks} blocks with replacement and takes {@code sum N / sum T}; the error is the standard deviation of
 * the replicates (those with {@code T_a > 0}). Blocks much longer than the dwell times keep the correlations that the
 * Poisson error ignores.
 */
public final class CoreTransitions {
  /** Label of a frame in no core. */
  public static final int NO_CORE = -1;

  private CoreTransitions() {}

  /**
   * @param blocks number of contiguous blocks for the bootstrap, {@code >= 2}
   * @param replicates bootstrap replicates, {@code >= 0}; 0 skips the bootstrap (its errors are NaN)
   * @param seed seed of the bootstrap draws
   */
  public record Options(int blocks, int replicates, long seed) {
    public static final int DEFAULT_BLOCKS = 10;
    public static final int DEFAULT_REPLICATES = 1000;

    public Options {
      if (blocks < 2) {
        throw new IllegalArgumentException("blocks must be >= 2, got " + blocks);
      }
      if (replicates < 0) {
        throw new IllegalArgumentException("replicates must be >= 0, got " + replicates);
      }
    }

    /** 10 blocks and 1000 bootstrap replicates. */
    public static Options of(long seed) {
      return new Options(DEFAULT_BLOCKS, DEFAULT_REPLICATES, seed);
    }

    /** Poisson errors only. */
    public static Options poissonOnly() {
      return new Options(DEFAULT_BLOCKS, 0, 0);
    }

    public Options withBlocks(int value) {
      return new Options(value, replicates, seed);
    }

    public Options withReplicates(int value) {
      return new Options(blocks, value, seed);
    }

    public Options withSeed(long value) {
      return new Options(blocks, replicates, value);
    }
  }

  /**
   * Core label of every frame: the index of the core containing it, or {@link #NO_CORE}.
   *
   * @throws IllegalArgumentException if a frame lies in two cores
   */
  public static int[] label(Trajectory trajectory, List<Core> cores) {
    if (trajectory == null) {
      throw new IllegalArgumentException("trajectory must not be null");
    }
    checkCores(cores);
    int f = trajectory.features();
    float[] v = trajectory.view();
    int[] out = new int[trajectory.frames()];
    double[] x = new double[f];
    for (int t = 0; t < out.length; t++) {
      for (int m = 0; m < f; m++) {
        x[m] = v[t * f + m];
      }
      out[t] = NO_CORE;
      for (int c = 0; c < cores.size(); c++) {
        if (cores.get(c).contains(x)) {
          if (out[t] != NO_CORE) {
            throw new IllegalArgumentException("frame " + t + " lies in cores \"" + cores.get(out[t]).name()
                + "\" and \"" + cores.get(c).name() + "\"; cores must not overlap");
          }
          out[t] = c;
        }
      }
    }
    return out;
  }

  /** Counts on a continuous trajectory cut into cores. */
  public static CoreTransitionCounts count(Trajectory trajectory, List<Core> cores, Options options) {
    int[] labels = label(trajectory, cores);
    List<String> names = new ArrayList<>();
    for (Core c : cores) {
      names.add(c.name());
    }
    return count(new int[][] {labels}, names, options);
  }

  /** Counts on one label sequence, with Poisson errors only. */
  public static CoreTransitionCounts count(int[] labels, List<String> names) {
    return count(new int[][] {labels}, names, Options.poissonOnly());
  }

  /**
   * Counts on label sequences, one per trajectory.
   *
   * @param labels per frame, {@link #NO_CORE} or the index of a state in {@code names}
   * @param names state names, distinct, e.g. {@code List.of("beta", "alphaR", "alphaL")}
   */
  public static CoreTransitionCounts count(int[][] labels, List<String> names, Options options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException("names must hold at least one state");
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("names must be distinct, got " + names);
    }
    if (labels == null || labels.length == 0) {
      throw new IllegalArgumentException("labels must hold at least one trajectory");
    }
    int s = names.size();
    long frames = 0;
    for (int k = 0; k < labels.length; k++) {
      if (labels[k] == null) {
        throw new IllegalArgumentException("labels[" + k + "] is null");
      }
      for (int t = 0; t < labels[k].length; t++) {
        int l = labels[k][t];
        if (l < NO_CORE || l >= s) {
          throw new IllegalArgumentException("labels[" + k + "][" + t + "] = " + l + " is neither -1 (no core) nor "
              + "a state index in [0, " + s + ")");
        }
      }
      frames += labels[k].length;
    }
    if (frames == 0) {
      throw new IllegalArgumentException("labels hold no frames");
    }
    boolean bootstrap = options.replicates() > 0;
    if (bootstrap && frames < options.blocks()) {
      throw new IllegalArgumentException("blocks = " + options.blocks() + " exceeds the number of frames " + frames);
    }
    int blocks = bootstrap ? options.blocks() : 1;
    long[][][] n = new long[blocks][s][s];
    long[][] time = new long[blocks][s];
    long uncommitted = 0;
    long g = 0;
    int block = 0;
    for (int[] traj : labels) {
      int committed = NO_CORE;
      for (int l : traj) {
        while (block + 1 < blocks && g >= (block + 1) * frames / blocks) {
          block++;
        }
        if (l != NO_CORE) {
          if (committed != NO_CORE && l != committed) {
            n[block][committed][l]++;
          }
          committed = l;
        }
        if (committed == NO_CORE) {
          uncommitted++;
        } else {
          time[block][committed]++;
        }
        g++;
      }
    }
    long[][] total = new long[s][s];
    long[] totalTime = new long[s];
    for (int b = 0; b < blocks; b++) {
      for (int i = 0; i < s; i++) {
        totalTime[i] += time[b][i];
        for (int j = 0; j < s; j++) {
          total[i][j] += n[b][i][j];
        }
      }
    }
    double[][] bootstrapErrors = bootstrap ? bootstrap(n, time, options) : nanMatrix(s);
    return new CoreTransitionCounts(names, total, totalTime, uncommitted, bootstrapErrors, options);
  }

  private static double[][] bootstrap(long[][][] n, long[][] time, Options options) {
    int blocks = n.length;
    int s = time[0].length;
    SplittableRandom random = new SplittableRandom(options.seed());
    double[][] mean = new double[s][s];
    double[][] m2 = new double[s][s];
    int[][] valid = new int[s][s];
    long[][] sumN = new long[s][s];
    long[] sumT = new long[s];
    for (int r = 0; r < options.replicates(); r++) {
      for (long[] row : sumN) {
        java.util.Arrays.fill(row, 0);
      }
      java.util.Arrays.fill(sumT, 0);
      for (int b = 0; b < blocks; b++) {
        int pick = random.nextInt(blocks);
        for (int i = 0; i < s; i++) {
          sumT[i] += time[pick][i];
          for (int j = 0; j < s; j++) {
            sumN[i][j] += n[pick][i][j];
          }
        }
      }
      for (int i = 0; i < s; i++) {
        if (sumT[i] == 0) {
          continue;
        }
        for (int j = 0; j < s; j++) {
          double rate = (double) sumN[i][j] / sumT[i];
          int c = ++valid[i][j];
          double d = rate - mean[i][j];
          mean[i][j] += d / c;
          m2[i][j] += d * (rate - mean[i][j]);
        }
      }
    }
    double[][] out = new double[s][s];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < s; j++) {
        out[i][j] = valid[i][j] >= 2 ? Math.sqrt(m2[i][j] / (valid[i][j] - 1)) : Double.NaN;
      }
    }
    return out;
  }

  private static double[][] nanMatrix(int s) {
    double[][] out = new double[s][s];
    for (double[] row : out) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    return out;
  }

  private static void checkCores(List<Core> cores) {
    if (cores == null || cores.isEmpty()) {
      throw new IllegalArgumentException("cores must hold at least one core");
    }
    for (int c = 0; c < cores.size(); c++) {
      if (cores.get(c) == null) {
        throw new IllegalArgumentException("cores[" + c + "] is null");
      }
    }
  }
}

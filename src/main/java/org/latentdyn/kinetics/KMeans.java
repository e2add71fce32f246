package org.latentdyn.kinetics;

import org.latentdyn.analysis.Points;
import java.util.SplittableRandom;
import org.latentdyn.data.Trajectory;

/**
 * k-means clustering (squared Euclidean distance), typically to cut a latent space or collective variables into
 * microstates for a {@link MarkovStateModel}.
 *
 * <p>Each restart seeds its centres by k-means++ (Arthur &amp; Vassilvitskii 2007, "k-means++: the advantages of
 * careful seeding": the first centre uniform, each further centre drawn with probability proportional to
 * {@code D(x)^2}, the squared distance to the nearest centre so far) and then runs Lloyd iterations (assign every
 * point to its nearest centre, move every centre to the mean of its points). The assignment step uses Hamerly's
 * bounds (Hamerly 2010, "Making k-means even faster", SIAM SDM): an upper bound on the distance to the assigned
 * centre and a lower bound on the distance to any other centre let most points skip the search; a point that
 * cannot skip searches only the centres near its own (the Exponion ball of Newling &amp; Fleuret 2016, "Fast
 * k-means with accurate bounds", ICML). Both give the result of the plain scan over all centres (up to rounding
 * in exact ties). A centre left without points is moved to the point farthest from its own centre.
 *
 * <p>A restart stops when no point changes its centre (a fixed point), when the inertia
 * {@code J = sum_i |x_i - c(x_i)|^2} decreased by no more than {@code tolerance * J} in the last iteration, or after
 * {@code maxIterations} centre updates. The restart of lowest inertia wins (the earliest on ties). The returned
 * centres and inertia belong together: the inertia is that of the returned centres with every point at its
 * nearest centre.
 *
 * <p>Randomness: restart {@code r} draws from the {@code r}-th {@link SplittableRandom#split()} of
 * {@code new SplittableRandom(seed)}. Work is split into fixed chunks of points whose partial sums are added in a
 * fixed order, so the same seed gives the same centres on any number of threads.
 */
public final class KMeans {
  private KMeans() {}

  /**
   * @param k number of centres, {@code >= 1} and at most the number of points
   * @param maxIterations most centre updates per restart, {@code >= 1}
   * @param tolerance relative decrease of the inertia below which a restart has converged, {@code >= 0}
   * @param restarts independent seedings, {@code >= 1}; the one of lowest inertia is kept
   * @param seed seed of all random draws
   */
  public record Options(int k, int maxIterations, double tolerance, int restarts, long seed) {
    public static final int DEFAULT_MAX_ITERATIONS = 500;
    public static final double DEFAULT_TOLERANCE = 1e-5;
    /** One seeding, as scikit-learn's default with k-means++; microstates for a Markov model need no more. */
    public static final int DEFAULT_RESTARTS = 1;

    public Options {
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, got " + k);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
      }
      if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
        throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + tolerance);
      }
      if (restarts < 1) {
        throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
      }
    }

    /** {@code k} centres with the default iterations (500), tolerance (1e-5, as deeptime) and restarts (1). */
    public static Options of(int k, long seed) {
      return new Options(k, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, DEFAULT_RESTARTS, seed);
    }

    public Options withK(int value) {
      return new Options(value, maxIterations, tolerance, restarts, seed);
    }

    public Options withMaxIterations(int value) {
      return new Options(k, value, tolerance, restarts, seed);
    }

    public Options withTolerance(double value) {
      return new Options(k, maxIterations, value, restarts, seed);
    }

    public Options withRestarts(int value) {
      return new Options(k, maxIterations, tolerance, value, seed);
    }

    public Options withSeed(long value) {
      return new Options(k, maxIterations, tolerance, restarts, value);
    }
  }

  /** Clusters points given as rows {@code [points][dim]}. */
  public static KMeansModel fit(double[][] points, Options options) {
    return fitFlat(Points.flat(points), points[0].length, options);
  }

  /** Clusters a flat row-major array of length {@code points * dim} (not modified). */
  public static KMeansModel fit(double[] points, int dim, Options options) {
    return fitFlat(Points.flat(points, dim), dim, options);
  }

  /** Clusters a flat row-major {@code float} array of length {@code points * dim}. */
  public static KMeansModel fit(float[] points, int dim, Options options) {
    return fitFlat(Points.flat(points, dim), dim, options);
  }

  /** Clusters the frames of a trajectory {@code [frames, features]}. */
  public static KMeansModel fit(Trajectory points, Options options) {
    return fitFlat(Points.flat(points), points.features(), options);
  }

  private static KMeansModel fitFlat(double[] x, int dim, Options options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    int n = x.length / dim;
    if (options.k() > n) {
      throw new IllegalArgumentException("k = " + options.k() + " exceeds the number of points " + n);
    }
    SplittableRandom root = new SplittableRandom(options.seed());
    double[] inertias = new double[options.restarts()];
    Run best = null;
    for (int r = 0; r < options.restarts(); r++) {
      Run run = new Run(x, n, dim, options);
      run.seed(root.split());
      run.iterate();
      inertias[r] = run.inertia;
      if (best == null || run.inertia < best.inertia) {
        best = run;
      }
    }
    return new KMeansModel(best.centers, dim, best.inertia, best.iterations, best.converged, inertias, options, n);
  }

  /** One restart: k-means++ seeding, then Lloyd iterations with Hamerly's bounds. */
  private static final class Run {
    private final double[] x;
    private final int n;
    private final int dim;
    private final int k;
    private final Options options;
    private final double[] centers;
    private int[] assignment;
    private double[] upper;
    private double[] lower;
    private int[] neighbourOrder;
    private double[] neighbourDist;
    double inertia;
    int iterations;
    boolean converged;

    Run(double[] x, int n, int dim, Options options) {
      this.x = x;
      this.n = n;
      this.dim = dim;
      this.k = options.k();
      this.options = options;
      this.centers = new double[k * dim];
    }

    /** k-means++ seeding. */
    void seed(SplittableRandom random) {
      int chunks = Chunks.count(n);
      double[] d2 = new double[n];
      double[] chunkSums = new double[chunks];
      System.arraycopy(x, random.nextInt(n) * dim, centers, 0, dim);
      Chunks.forEach(n, c -> {
        double s = 0;
        for (int i = Chunks.start(c), end = Chunks.end(c, n); i < end; i++) {
          d2[i] = dist2(x, i * dim, centers, 0, dim);
          s += d2[i];
        }
        chunkSums[c] = s;
      });
      for (int j = 1; j < k; j++) {
        double total = 0;
        for (double s : chunkSums) {
          total += s;
        }
        int pick = total > 0 ? draw(d2, chunkSums, random.nextDouble() * total) : random.nextInt(n);
        System.arraycopy(x, pick * dim, centers, j * dim, dim);
        int offset = j * dim;
        Chunks.forEach(n, c -> {
          double s = 0;
          for (int i = Chunks.start(c), end = Chunks.end(c, n); i < end; i++) {
            double d = dist2(x, i * dim, centers, offset, dim);
            if (d < d2[i]) {
              d2[i] = d;
            }
            s += d2[i];
          }
          chunkSums[c] = s;
        });
      }
    }

    /** The point at which the cumulative sum of {@code d2} passes {@code r}; never a point with weight 0. */
    private int draw(double[] d2, double[] chunkSums, double r) {
      int chunk = -1;
      for (int c = 0; c < chunkSums.length; c++) {
        if (chunkSums[c] > 0) {
          chunk = c;
          if (r < chunkSums[c]) {
            break;
          }
          r -= chunkSums[c];
        }
      }
      int last = -1;
      for (int i = Chunks.start(chunk), end = Chunks.end(chunk, n); i < end; i++) {
        if (d2[i] > 0) {
          last = i;
          if (r < d2[i]) {
            return i;
          }
          r -= d2[i];
        }
      }
      return last; // rounding left r just above the chunk's sum
    }

    void iterate() {
      assignment = new int[n];
      upper = new double[n];
      lower = new double[n];
      int changed = fullAssign();
      double previous = Double.POSITIVE_INFINITY;
      double[] sums = new double[k * dim];
      long[] counts = new long[k];
      double[] delta = new double[k];
      double[] half = new double[k];
      for (int it = 0; ; it++) {
        double j = accumulate(sums, counts);
        if (changed == 0 || previous - j <= options.tolerance() * j) {
          inertia = j;
          iterations = it;
          converged = true;
          return;
        }
        if (it == options.maxIterations()) {
          inertia = j;
          iterations = it;
          converged = false;
          return;
        }
        previous = j;
        double[] old = centers.clone();
        for (int c = 0; c < k; c++) {
          if (counts[c] > 0) {
            for (int m = 0; m < dim; m++) {
              centers[c * dim + m] = sums[c * dim + m] / counts[c];
            }
          }
        }
        relocateEmpty(counts, old);
        int far = -1;
        double max = 0;
        double second = 0;
        for (int c = 0; c < k; c++) {
          delta[c] = Math.sqrt(dist2(old, c * dim, centers, c * dim, dim));
          if (delta[c] > max) {
            second = max;
            max = delta[c];
            far = c;
          } else if (delta[c] > second) {
            second = delta[c];
          }
        }
        neighbours();
        for (int c = 0; c < k; c++) {
          half[c] = k > 1 ? 0.5 * neighbourDist[c * k + 1] : Double.POSITIVE_INFINITY;
        }
        changed = boundedAssign(delta, far, max, second, half);
      }
    }

    /** Moves each centre without points to the point farthest from its assigned (pre-update) centre. */
    private void relocateEmpty(long[] counts, double[] old) {
      boolean[] taken = null;
      for (int c = 0; c < k; c++) {
        if (counts[c] > 0) {
          continue;
        }
        if (taken == null) {
          taken = new boolean[n];
        }
        int farthest = -1;
        double best = -1;
        for (int i = 0; i < n; i++) {
          if (!taken[i]) {
            double d = dist2(x, i * dim, old, assignment[i] * dim, dim);
            if (d > best) {
              best = d;
              farthest = i;
            }
          }
        }
        taken[farthest] = true;
        System.arraycopy(x, farthest * dim, centers, c * dim, dim);
      }
    }

    /**
     * For every centre {@code a}, all centres by increasing distance from it ({@code a} itself first):
     * {@code neighbourOrder[a * k + r]} is the {@code r}-th nearest, at distance {@code neighbourDist[a * k + r]}.
     */
    private void neighbours() {
      if (neighbourOrder == null) {
        neighbourOrder = new int[k * k];
        neighbourDist = new double[k * k];
      }
      double[] dist = new double[k];
      Integer[] order = new Integer[k];
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < k; c++) {
          dist[c] = Math.sqrt(dist2(centers, a * dim, centers, c * dim, dim));
          order[c] = c;
        }
        int self = a;
        java.util.Arrays.sort(order, (p, q) -> p == self ? -1 : q == self ? 1
            : dist[p] != dist[q] ? Double.compare(dist[p], dist[q]) : Integer.compare(p, q));
        for (int r = 0; r < k; r++) {
          neighbourOrder[a * k + r] = order[r];
          neighbourDist[a * k + r] = dist[order[r]];
        }
      }
    }

    /** Scans all centres for every point; sets assignment and both bounds. Returns the number of points. */
    private int fullAssign() {
      Chunks.forEach(n, c -> {
        for (int i = Chunks.start(c), end = Chunks.end(c, n); i < end; i++) {
          scan(i);
        }
      });
      return n;
    }

    /** Hamerly's assignment step; returns the number of points that changed centre. */
    private int boundedAssign(double[] delta, int far, double max, double second, double[] half) {
      int[] changedPerChunk = new int[Chunks.count(n)];
      Chunks.forEach(n, c -> {
        int changed = 0;
        for (int i = Chunks.start(c), end = Chunks.end(c, n); i < end; i++) {
          int a = assignment[i];
          upper[i] += delta[a];
          lower[i] -= a == far ? second : max;
          double bound = Math.max(half[a], lower[i]);
          if (upper[i] <= bound) {
            continue;
          }
          upper[i] = Math.sqrt(dist2(x, i * dim, centers, a * dim, dim));
          if (upper[i] <= bound) {
            continue;
          }
          scanNear(i, a, upper[i]);
          if (assignment[i] != a) {
            changed++;
          }
        }
        changedPerChunk[c] = changed;
      });
      int changed = 0;
      for (int v : changedPerChunk) {
        changed += v;
      }
      return changed;
    }

    /**
     * Nearest and second-nearest centre of point {@code i}, searching only centres within {@code radius = 2 u + e}
     * of its centre {@code a} at exact distance {@code u}, with {@code e} the distance from {@code a} to its nearest
     * other centre (Newling &amp; Fleuret 2016, "Fast k-means with accurate bounds", Exponion). The nearest centre,
     * at distance {@code <= u}, lies within {@code 2u} of {@code a}; any centre beyond the radius is farther than
     * {@code radius - u} from the point, which bounds the second-nearest distance from below.
     */
    private void scanNear(int i, int a, double u) {
      int off = i * dim;
      double radius = 2 * u + (k > 1 ? neighbourDist[a * k + 1] : 0);
      double best = u * u;
      double next = Double.POSITIVE_INFINITY;
      int arg = a;
      int r = 1;
      for (; r < k; r++) {
        if (neighbourDist[a * k + r] > radius) {
          break;
        }
        int c = neighbourOrder[a * k + r];
        double d = dist2(x, off, centers, c * dim, dim);
        if (d < best || (d == best && c < arg)) {
          next = best;
          best = d;
          arg = c;
        } else if (d < next) {
          next = d;
        }
      }
      assignment[i] = arg;
      upper[i] = Math.sqrt(best);
      lower[i] = r < k ? Math.min(Math.sqrt(next), radius - u) : Math.sqrt(next);
    }

    /** Nearest (ties to the lower index) and second-nearest centre of point {@code i}. */
    private void scan(int i) {
      int off = i * dim;
      double best = Double.POSITIVE_INFINITY;
      double next = Double.POSITIVE_INFINITY;
      int arg = 0;
      for (int c = 0; c < k; c++) {
        double d = dist2(x, off, centers, c * dim, dim);
        if (d < best) {
          next = best;
          best = d;
          arg = c;
        } else if (d < next) {
          next = d;
        }
      }
      assignment[i] = arg;
      upper[i] = Math.sqrt(best);
      lower[i] = Math.sqrt(next);
    }

    /** Per-centre sums and counts of the assigned points; returns the exact inertia of the current centres. */
    private double accumulate(double[] sums, long[] counts) {
      int chunks = Chunks.count(n);
      double[][] partSums = new double[chunks][];
      long[][] partCounts = new long[chunks][];
      double[] partInertia = new double[chunks];
      Chunks.forEach(n, c -> {
        double[] s = new double[k * dim];
        long[] cnt = new long[k];
        double j = 0;
        for (int i = Chunks.start(c), end = Chunks.end(c, n); i < end; i++) {
          int a = assignment[i];
          cnt[a]++;
          for (int m = 0; m < dim; m++) {
            double v = x[i * dim + m];
            s[a * dim + m] += v;
            double e = v - centers[a * dim + m];
            j += e * e;
          }
        }
        partSums[c] = s;
        partCounts[c] = cnt;
        partInertia[c] = j;
      });
      java.util.Arrays.fill(sums, 0);
      java.util.Arrays.fill(counts, 0);
      double inertia = 0;
      for (int c = 0; c < chunks; c++) {
        for (int m = 0; m < sums.length; m++) {
          sums[m] += partSums[c][m];
        }
        for (int m = 0; m < k; m++) {
          counts[m] += partCounts[c][m];
        }
        inertia += partInertia[c];
      }
      return inertia;
    }
  }

  static double dist2(double[] a, int ao, double[] b, int bo, int dim) {
    double s = 0;
    for (int m = 0; m < dim; m++) {
      double e = a[ao + m] - b[bo + m];
      s += e * e;
    }
    return s;
  }
}

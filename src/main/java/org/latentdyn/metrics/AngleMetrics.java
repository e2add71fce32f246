package org.latentdyn.metrics;

import org.latentdyn.data.Splits;
import org.latentdyn.md.RamachandranState;

/**
 * How well a latent determines angles (such as the backbone torsions phi and psi of alanine dipeptide):
 * <ol>
 *   <li>the circular-linear correlation of each latent dimension with each angle (Mardia 1976, Biometrika
 *       63:403; Fisher 1993, <i>Statistical Analysis of Circular Data</i>, Eq. 6.39):
 *       {@code r^2 = (r_xc^2 + r_xs^2 - 2 r_xc r_xs r_cs) / (1 - r_cs^2)} with the Pearson correlations
 *       {@code r_xc = corr(x, cos a)}, {@code r_xs = corr(x, sin a)}, {@code r_cs = corr(cos a, sin a)}; it is
 *       the multiple correlation of {@code x} on {@code (cos a, sin a)}, so 1 exactly when
 *       {@code x = A cos(a + c) + B} and, for independent data, {@code n r^2} is asymptotically
 *       chi-squared with 2 degrees of freedom;
 *   <li>cross-validated k-nearest-neighbour regression of {@code sin a} and {@code cos a} from the whole
 *       latent (Euclidean, uniform weights): {@code R^2 = 1 - sum (y - yhat)^2 / sum (y - ybar)^2} pooled over
 *       the out-of-fold predictions of all frames (scikit-learn's {@code r2_score} of
 *       {@code cross_val_predict});
 *   <li>cross-validated k-NN classification accuracy (majority vote) of the {@link RamachandranState}.
 * </ol>
 *
 * <p>Folds: the frames are shuffled by {@link Splits#permutation}{@code (frames, seed)} and cut into
 * {@code folds} contiguous blocks whose sizes differ by at most one; the neighbours of a frame are searched
 * among the frames of the other folds only, exactly ({@link NearestNeighbours}, ties by frame index). A tie
 * in the vote goes to the tied class of the nearest neighbour among them. Frames that follow each other in
 * a trajectory are correlated, so random folds measure how well the latent determines the angles, not how
 * well it extrapolates in time.
 */
public final class AngleMetrics {
  private AngleMetrics() {}

  /**
   * Settings of the k-NN scores.
   *
   * @param neighbours {@code k}, at least 1 (default {@value #DEFAULT_NEIGHBOURS})
   * @param folds number of cross-validation folds, at least 2 (default {@value #DEFAULT_FOLDS})
   * @param seed seed of the fold shuffle
   */
  public record Options(int neighbours, int folds, long seed) {
    public static final int DEFAULT_NEIGHBOURS = 10;
    public static final int DEFAULT_FOLDS = 5;

    public Options {
      if (neighbours < 1) {
        throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
      }
      if (folds < 2) {
        throw new IllegalArgumentException("folds must be >= 2, got " + folds);
      }
    }

    /** {@value #DEFAULT_NEIGHBOURS} neighbours, {@value #DEFAULT_FOLDS} folds, the given seed. */
    public static Options defaults(long seed) {
      return new Options(DEFAULT_NEIGHBOURS, DEFAULT_FOLDS, seed);
    }

    public Options withNeighbours(int newNeighbours) {
      return new Options(newNeighbours, folds, seed);
    }

    public Options withFolds(int newFolds) {
      return new Options(neighbours, newFolds, seed);
    }

    public Options withSeed(long newSeed) {
      return new Options(neighbours, folds, newSeed);
    }
  }

  /**
   * {@link #evaluate(float[], int, float[], float[], Options)} with {@link Options#defaults}{@code (seed)}:
   * 10 neighbours, 5 folds.
   */
  public static AngleEvaluation evaluate(float[] latent, int d, float[] phi, float[] psi, long seed) {
    return evaluate(latent, d, phi, psi, Options.defaults(seed));
  }

  /**
   * Scores {@code latent} against the torsions {@code (phi, psi)}.
   *
   * @param latent {@code [frames, d]}, flat row-major
   * @param d latent dimension
   * @param phi one angle per frame, radians
   * @param psi one angle per frame, radians
   * @throws IllegalArgumentException for mismatched lengths, non-finite values, or too few frames for the
   *     folds and neighbours
   */
  public static AngleEvaluation evaluate(float[] latent, int d, float[] phi, float[] psi, Options options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null; use AngleMetrics.Options.defaults(seed)");
    }
    int frames = latentFrames(latent, d);
    double[] a = angles("phi", phi, frames);
    double[] b = angles("psi", psi, frames);
    double[] points = toDouble(latent);

    double[][] correlations = new double[d][2];
    double[] x = new double[frames];
    for (int i = 0; i < d; i++) {
      for (int f = 0; f < frames; f++) {
        x[f] = points[f * d + i];
      }
      correlations[i][0] = circularLinearCorrelation(x, a);
      correlations[i][1] = circularLinearCorrelation(x, b);
    }

    int k = options.neighbours();
    int[] fold = folds(frames, options.folds(), options.seed());
    int[] nb = outOfFoldNeighbours(points, d, k, fold);
    double[][] targets = {sin(a), cos(a), sin(b), cos(b)};
    double[] r2 = new double[4];
    for (int t = 0; t < 4; t++) {
      r2[t] = knnR2(nb, k, targets[t]);
    }
    int[] states = RamachandranState.classify(phi, psi);
    int[] counts = new int[RamachandranState.values().length];
    for (int s : states) {
      counts[s]++;
    }
    int majority = 0;
    for (int c : counts) {
      majority = Math.max(majority, c);
    }
    double accuracy = knnAccuracy(nb, k, states);
    return new AngleEvaluation(frames, d, k, options.folds(), options.seed(), correlations, r2,
        0.5 * (r2[0] + r2[1]), 0.5 * (r2[2] + r2[3]), 0.25 * (r2[0] + r2[1] + r2[2] + r2[3]), accuracy,
        (double) majority / frames, counts);
  }

  /**
   * The circular-linear correlation (Mardia 1976) of a linear variable {@code x} with an angle (radians),
   * in {@code [0, 1]}; {@code NaN} when {@code x} is constant or {@code (cos, sin)} of the angle are
   * collinear (a constant angle, or only two distinct angles).
   */
  public static double circularLinearCorrelation(double[] x, double[] angle) {
    if (x == null || angle == null || x.length != angle.length || x.length < 3) {
      throw new IllegalArgumentException("x and angle must hold the same number (>= 3) of values, got "
          + (x == null ? "null" : x.length) + " and " + (angle == null ? "null" : angle.length));
    }
    double[] c = cos(angle);
    double[] s = sin(angle);
    double rxc = pearson(x, c);
    double rxs = pearson(x, s);
    double rcs = pearson(c, s);
    double denominator = 1 - rcs * rcs;
    if (!(denominator > 1e-12)) {
      return Double.NaN;
    }
    double r2 = (rxc * rxc + rxs * rxs - 2 * rxc * rxs * rcs) / denominator;
    return Math.sqrt(Math.min(1.0, Math.max(0.0, r2)));
  }

  /**
   * The fold of each frame: {@link Splits#permutation}{@code (frames, seed)} cut into {@code folds}
   * contiguous blocks, the first {@code frames % folds} of them one frame longer.
   */
  public static int[] folds(int frames, int folds, long seed) {
    if (folds < 2 || frames < folds) {
      throw new IllegalArgumentException("folds must be in [2, frames = " + frames + "], got " + folds);
    }
    int[] p = Splits.permutation(frames, seed);
    int[] fold = new int[frames];
    int base = frames / folds;
    int extra = frames % folds;
    int i = 0;
    for (int f = 0; f < folds; f++) {
      int size = base + (f < extra ? 1 : 0);
      for (int j = 0; j < size; j++) {
        fold[p[i++]] = f;
      }
    }
    return fold;
  }

  /**
   * For every row of {@code points} ({@code [rows, d]}, flat), its {@code k} nearest rows among the rows of
   * the other folds, nearest first (ties by row index).
   *
   * @param fold fold of each row, {@code 0..folds-1}
   * @return {@code [rows, k]} flat
   * @throws IllegalArgumentException when a fold leaves fewer than {@code k} rows in the others
   */
  public static int[] outOfFoldNeighbours(double[] points, int d, int k, int[] fold) {
    if (d < 1 || points == null || points.length % d != 0 || fold == null || fold.length != points.length / d) {
      throw new IllegalArgumentException("points must be [rows, d] with one fold per row: got "
          + (points == null ? "null" : points.length) + " values, d = " + d + ", "
          + (fold == null ? "null" : fold.length) + " folds");
    }
    int rows = fold.length;
    int folds = 0;
    for (int f : fold) {
      if (f < 0) {
        throw new IllegalArgumentException("folds must be >= 0, got " + f);
      }
      folds = Math.max(folds, f + 1);
    }
    int[] sizes = new int[folds];
    for (int f : fold) {
      sizes[f]++;
    }
    int[] out = new int[rows * k];
    for (int f = 0; f < folds; f++) {
      if (sizes[f] == 0) {
        continue;
      }
      if (rows - sizes[f] < k) {
        throw new IllegalArgumentException("fold " + f + " leaves " + (rows - sizes[f])
            + " rows to search, fewer than k = " + k + " neighbours");
      }
      int[] train = new int[rows - sizes[f]];
      int[] test = new int[sizes[f]];
      int nt = 0;
      int ns = 0;
      for (int r = 0; r < rows; r++) {
        if (fold[r] == f) {
          test[ns++] = r;
        } else {
          train[nt++] = r;
        }
      }
      int[] nb = NearestNeighbours.of(points, d, train).query(points, test, k);
      for (int i = 0; i < test.length; i++) {
        System.arraycopy(nb, i * k, out, test[i] * k, k);
      }
    }
    return out;
  }

  /**
   * The {@code R^2} of predicting {@code target} of every row by the mean target of its {@code k} neighbours
   * ({@code neighbours} as from {@link #outOfFoldNeighbours}); {@code NaN} for a constant target.
   */
  public static double knnR2(int[] neighbours, int k, double[] target) {
    int rows = target.length;
    checkNeighbours(neighbours, k, rows);
    double mean = 0;
    for (double y : target) {
      mean += y;
    }
    mean /= rows;
    double residual = 0;
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double p = 0;
      for (int j = 0; j < k; j++) {
        p += target[neighbours[r * k + j]];
      }
      p /= k;
      double e = target[r] - p;
      residual += e * e;
      double c = target[r] - mean;
      total += c * c;
    }
    return total > 0 ? 1 - residual / total : Double.NaN;
  }

  /**
   * The fraction of rows whose label ({@code 0..classes-1}) is the majority label of its {@code k} neighbours;
   * a tie goes to the tied label met first in the neighbour order (the nearest).
   */
  public static double knnAccuracy(int[] neighbours, int k, int[] labels) {
    int rows = labels.length;
    checkNeighbours(neighbours, k, rows);
    int classes = 0;
    for (int l : labels) {
      if (l < 0) {
        throw new IllegalArgumentException("labels must be >= 0, got " + l);
      }
      classes = Math.max(classes, l + 1);
    }
    int[] votes = new int[classes];
    int correct = 0;
    for (int r = 0; r < rows; r++) {
      java.util.Arrays.fill(votes, 0);
      int top = 0;
      for (int j = 0; j < k; j++) {
        top = Math.max(top, ++votes[labels[neighbours[r * k + j]]]);
      }
      int predicted = -1;
      for (int j = 0; j < k && predicted < 0; j++) {
        int l = labels[neighbours[r * k + j]];
        if (votes[l] == top) {
          predicted = l;
        }
      }
      if (predicted == labels[r]) {
        correct++;
      }
    }
    return (double) correct / rows;
  }

  // ---------------------------------------------------------------- helpers

  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double u = a[i] - ma;
      double v = b[i] - mb;
      sab += u * v;
      saa += u * u;
      sbb += v * v;
    }
    return sab / Math.sqrt(saa * sbb);
  }

  private static void checkNeighbours(int[] neighbours, int k, int rows) {
    if (k < 1 || neighbours == null || neighbours.length != (long) rows * k) {
      throw new IllegalArgumentException("neighbours must hold k = " + k + " per row for " + rows + " rows, got "
          + (neighbours == null ? "null" : neighbours.length));
    }
  }

  private static int latentFrames(float[] latent, int d) {
    if (d < 1) {
      throw new IllegalArgumentException("d must be >= 1, got " + d);
    }
    if (latent == null || latent.length == 0 || latent.length % d != 0) {
      throw new IllegalArgumentException("latent must hold [frames, d = " + d + "] values, got length "
          + (latent == null ? "null" : latent.length));
    }
    for (int i = 0; i < latent.length; i++) {
      if (!Float.isFinite(latent[i])) {
        throw new IllegalArgumentException("latent has a non-finite value " + latent[i] + " at frame " + i / d
            + ", dimension " + i % d);
      }
    }
    return latent.length / d;
  }

  private static double[] angles(String name, float[] angle, int frames) {
    if (angle == null || angle.length != frames) {
      throw new IllegalArgumentException(name + " must hold one angle per latent frame (" + frames + "), got "
          + (angle == null ? "null" : angle.length));
    }
    double[] out = new double[frames];
    for (int f = 0; f < frames; f++) {
      if (!Float.isFinite(angle[f])) {
        throw new IllegalArgumentException(name + " has a non-finite value " + angle[f] + " at frame " + f);
      }
      out[f] = angle[f];
    }
    return out;
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static double[] sin(double[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Math.sin(a[i]);
    }
    return out;
  }

  private static double[] cos(double[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Math.cos(a[i]);
    }
    return out;
  }
}

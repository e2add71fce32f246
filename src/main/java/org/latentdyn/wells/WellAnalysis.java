package org.latentdyn.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.latentdyn.dynamics.Potential;
import org.latentdyn.kinetics.KMeans;
import org.latentdyn.kinetics.KMeansModel;

/**
 * The wells of an energy from stationary samples and their occupancies (NLD spec §10.2-10.4, [P] estimate (a) and
 * eq. 23-25).
 * <ol>
 *   <li>gradient-flow the samples ({@link GradientFlow}) and cluster the flowed points with k-means ({@code k = 3},
 *       k-means++, 10 seeded restarts); the cluster fractions are {@code p_sampled};
 *   <li>success check [C]: the mean distance of a flowed point to its centroid over the mean distance between
 *       centroids (all pairs) must be below {@code separationThreshold} (0.01), and all {@code k} wells found;
 *   <li>refine each centroid to a minimum by Newton's method ({@link Potential#hessian}) until
 *       {@code |grad E| < gradientTolerance} (1e-8); a well counts when Newton converged, its Hessian is positive
 *       definite and it is distinct from the wells before it;
 *   <li>with {@code k} wells: 0th order {@code p_i ∝ exp(-beta E(x_i))}, 2nd order (Laplace)
 *       {@code p_i ∝ exp(-beta E(x_i)) det(H_i)^(-1/2)} (min E subtracted first), and the occupancy error
 *       {@code l1 = sum_i |p_i - 1/k|} of each estimate.
 * </ol>
 * Wells are indexed by k-means cluster, so {@code minima}, {@code sampled}, {@code zerothOrder} and
 * {@code secondOrder} line up; the cluster order itself is arbitrary (§10.4).
 */
public final class WellAnalysis {
  private WellAnalysis() {}

  /**
   * @param wells number of wells {@code k >= 1} (3)
   * @param flowSteps gradient-flow steps before clustering, {@code >= 0} (see {@link GradientFlow.Options#steps})
   * @param flowStepSize gradient-flow step {@code eta > 0} (0.01)
   * @param restarts k-means++ restarts, {@code >= 1} (10)
   * @param gradientTolerance Newton stops when {@code |grad E| <} this, {@code > 0} (1e-8)
   * @param maxNewtonIterations Newton iterations per well, {@code >= 1} (100)
   * @param separationThreshold success threshold of the within/between distance ratio, {@code > 0} (0.01)
   * @param seed seed of k-means
   */
  public record Options(int wells, int flowSteps, double flowStepSize, int restarts, double gradientTolerance,
      int maxNewtonIterations, double separationThreshold, long seed) {
    public Options {
      if (wells < 1) {
        throw new IllegalArgumentException("wells must be >= 1, got " + wells);
      }
      if (flowSteps < 0) {
        throw new IllegalArgumentException("flowSteps must be >= 0, got " + flowSteps);
      }
      if (!(flowStepSize > 0) || !Double.isFinite(flowStepSize)) {
        throw new IllegalArgumentException("flowStepSize must be a finite number > 0, got " + flowStepSize);
      }
      if (restarts < 1) {
        throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
      }
      if (!(gradientTolerance > 0) || !Double.isFinite(gradientTolerance)) {
        throw new IllegalArgumentException("gradientTolerance must be a finite number > 0, got " + gradientTolerance);
      }
      if (maxNewtonIterations < 1) {
        throw new IllegalArgumentException("maxNewtonIterations must be >= 1, got " + maxNewtonIterations);
      }
      if (!(separationThreshold > 0) || !Double.isFinite(separationThreshold)) {
        throw new IllegalArgumentException("separationThreshold must be a finite number > 0, got "
            + separationThreshold);
      }
    }

    /** Spec defaults (3 wells, eta 0.01, 10 restarts, 1e-8, 100 Newton iterations, 0.01) with a given flow length. */
    public static Options of(int flowSteps, long seed) {
      return new Options(3, flowSteps, GradientFlow.Options.DEFAULT_STEP_SIZE, 10, 1e-8, 100, 0.01, seed);
    }

    /** Spec defaults with the flow length of §10.1 for confinement {@code c} (capped at 50,000). */
    public static Options forConfinement(double c, long seed) {
      return of(GradientFlow.Options.wells().steps(c), seed);
    }

    public Options withWells(int value) {
      return new Options(value, flowSteps, flowStepSize, restarts, gradientTolerance, maxNewtonIterations,
          separationThreshold, seed);
    }

    public Options withFlowSteps(int value) {
      return new Options(wells, value, flowStepSize, restarts, gradientTolerance, maxNewtonIterations,
          separationThreshold, seed);
    }

    public Options withRestarts(int value) {
      return new Options(wells, flowSteps, flowStepSize, value, gradientTolerance, maxNewtonIterations,
          separationThreshold, seed);
    }

    public Options withSeed(long value) {
      return new Options(wells, flowSteps, flowStepSize, restarts, gradientTolerance, maxNewtonIterations,
          separationThreshold, value);
    }
  }

  /**
   * A centroid refined by Newton's method.
   *
   * @param position the refined point
   * @param energy {@code E} there
   * @param gradientNorm {@code |grad E|} there
   * @param hessianEigenvalues eigenvalues of the (symmetrised) Hessian, ascending
   * @param converged whether {@code gradientNorm < gradientTolerance} was reached
   * @param iterations Newton iterations taken
   */
  public record Minimum(double[] position, double energy, double gradientNorm, double[] hessianEigenvalues,
      boolean converged, int iterations) {
    /** A minimum: converged, with a positive-definite Hessian. */
    public boolean isMinimum() {
      return converged && hessianEigenvalues.length > 0 && hessianEigenvalues[0] > 0;
    }
  }

  /**
   * The wells and their occupancies; arrays are indexed by k-means cluster.
   *
   * @param wellsFound distinct refined minima with positive-definite Hessians among the {@code k} centroids
   * @param success {@code wellsFound == k} and {@code separationRatio < separationThreshold}
   * @param separationRatio mean within-cluster distance over mean between-centroid distance (NaN for k = 1)
   * @param centroids k-means centroids of the flowed samples {@code [k, dim]}
   * @param minima the refined centroids, one per cluster
   * @param sampled cluster fractions of the flowed samples ({@code p_sampled}, always given)
   * @param zerothOrder {@code p_i ∝ exp(-beta E_i)}; null unless {@code wellsFound == k}
   * @param secondOrder {@code p_i ∝ exp(-beta E_i) det(H_i)^(-1/2)}; null unless {@code wellsFound == k}
   * @param l1Sampled {@code sum |p_sampled - 1/k|}; NaN unless {@code wellsFound == k}
   * @param l1Zeroth as above for the 0th order; NaN unless {@code wellsFound == k}
   * @param l1Second as above for the 2nd order; NaN unless {@code wellsFound == k}
   * @param flowed the flowed samples {@code [samples, dim]}
   * @param labels the cluster of each sample
   */
  public record Wells(int wellsFound, boolean success, double separationRatio, double[][] centroids,
      List<Minimum> minima, double[] sampled, double[] zerothOrder, double[] secondOrder, double l1Sampled,
      double l1Zeroth, double l1Second, double[] flowed, int[] labels) {}

  /** Samples by GHMC from {@code initialPositions} (§10.2 step 2), then {@link #analyse}. */
  public static Wells sampleAndAnalyse(Potential energy, double beta, double[] initialPositions, Ghmc.Options ghmc,
      Options options) {
    return analyse(energy, beta, Ghmc.sample(energy, beta, initialPositions, ghmc).positions(), options);
  }

  /** Analyses stationary samples {@code [samples, dim]} (flat row-major, not modified) of {@code exp(-beta E)}. */
  public static Wells analyse(Potential energy, double beta, double[] samples, Options options) {
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be a finite number > 0, got " + beta);
    }
    int dim = energy.dim();
    int k = options.wells();
    if (samples.length % dim != 0 || samples.length / dim < k) {
      throw new IllegalArgumentException("samples has length " + samples.length + ", expected a multiple of dim "
          + dim + " with at least wells = " + k + " points");
    }
    int n = samples.length / dim;
    double[] flowed = GradientFlow.flow(energy, samples, options.flowSteps(), options.flowStepSize());
    KMeansModel km = KMeans.fit(flowed, dim,
        KMeans.Options.of(k, options.seed()).withRestarts(options.restarts()));
    double[][] centroids = km.centers();
    int[] labels = km.assign(flowed, dim);

    double[] sampled = new double[k];
    double within = 0;
    for (int i = 0; i < n; i++) {
      sampled[labels[i]] += 1.0 / n;
      double d2 = 0;
      for (int j = 0; j < dim; j++) {
        double d = flowed[i * dim + j] - centroids[labels[i]][j];
        d2 += d * d;
      }
      within += Math.sqrt(d2) / n;
    }
    double between = 0;
    int pairs = 0;
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        between += distance(centroids[a], centroids[b]);
        pairs++;
      }
    }
    double ratio = pairs == 0 ? Double.NaN : within / (between / pairs);

    List<Minimum> minima = new ArrayList<>(k);
    int found = 0;
    // Refined minima closer than 1e-4 of the samples' spread are the same well. (The centroid spacing is no scale
    // for this: k-means splits a single basin's unconverged points into clusters a hair apart, and Newton
    // stopped at |grad E| < 1e-8 leaves them ~1e-8 apart.)
    double sameWell = 1e-4 * Math.max(1e-12, spread(samples, dim));
    for (int c = 0; c < k; c++) {
      Minimum m = refine(energy, centroids[c], options.gradientTolerance(), options.maxNewtonIterations());
      minima.add(m);
      boolean distinct = true;
      for (int o = 0; o < c; o++) {
        if (distance(m.position(), minima.get(o).position()) < sameWell) {
          distinct = false;
        }
      }
      if (m.isMinimum() && distinct) {
        found++;
      }
    }
    boolean all = found == k;
    double[] zeroth = null;
    double[] second = null;
    double l1s = Double.NaN;
    double l1z = Double.NaN;
    double l1h = Double.NaN;
    if (all) {
      double eMin = Double.POSITIVE_INFINITY;
      for (Minimum m : minima) {
        eMin = Math.min(eMin, m.energy());
      }
      double[] log0 = new double[k];
      double[] log2 = new double[k];
      for (int c = 0; c < k; c++) {
        Minimum m = minima.get(c);
        log0[c] = -beta * (m.energy() - eMin);
        double logDet = 0;
        for (double lambda : m.hessianEigenvalues()) {
          logDet += Math.log(lambda);
        }
        log2[c] = log0[c] - 0.5 * logDet;
      }
      zeroth = normalisedExp(log0);
      second = normalisedExp(log2);
      l1s = l1(sampled);
      l1z = l1(zeroth);
      l1h = l1(second);
    }
    return new Wells(found, all && ratio < options.separationThreshold(), ratio, centroids, List.copyOf(minima),
        sampled, zeroth, second, l1s, l1z, l1h, flowed, labels);
  }

  /** The occupancy error {@code sum_i |p_i - 1/k|} (§10.4). */
  public static double l1(double[] p) {
    double s = 0;
    for (double v : p) {
      s += Math.abs(v - 1.0 / p.length);
    }
    return s;
  }

  /** Root-mean-square distance of points {@code [n, dim]} from their mean. */
  static double spread(double[] points, int dim) {
    int n = points.length / dim;
    double[] mean = new double[dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        mean[j] += points[i * dim + j] / n;
      }
    }
    double ss = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        double d = points[i * dim + j] - mean[j];
        ss += d * d;
      }
    }
    return Math.sqrt(ss / n);
  }

  /**
   * Newton's method from {@code start} with a step-halving safeguard (a step is halved up to 30 times while it
   * does not reduce {@code |grad E|}), until {@code |grad E| < tolerance} or {@code maxIterations}.
   */
  public static Minimum refine(Potential energy, double[] start, double tolerance, int maxIterations) {
    int dim = energy.dim();
    double[] x = start.clone();
    double[] g = new double[dim];
    double[] h = new double[dim * dim];
    double[] trial = new double[dim];
    double[] gTrial = new double[dim];
    energy.gradient(x, g);
    double gn = norm(g);
    int it = 0;
    while (!(gn < tolerance) && it < maxIterations && Double.isFinite(gn)) {
      it++;
      energy.hessian(x, h);
      DMatrixRMaj dx = new DMatrixRMaj(dim, 1);
      boolean solved = CommonOps_DDRM.solve(DMatrixRMaj.wrap(dim, dim, h.clone()), DMatrixRMaj.wrap(dim, 1,
          g.clone()), dx);
      double[] step = dx.getData();
      if (!solved || !finite(step)) {
        step = g.clone();
      }
      double t = 1;
      double gnTrial = Double.POSITIVE_INFINITY;
      for (int half = 0; half <= 30; half++, t *= 0.5) {
        for (int j = 0; j < dim; j++) {
          trial[j] = x[j] - t * step[j];
        }
        energy.gradient(trial, gTrial);
        gnTrial = norm(gTrial);
        if (gnTrial < gn) {
          break;
        }
      }
      if (!(gnTrial < gn)) {
        break;
      }
      System.arraycopy(trial, 0, x, 0, dim);
      System.arraycopy(gTrial, 0, g, 0, dim);
      gn = gnTrial;
    }
    energy.hessian(x, h);
    return new Minimum(x, energy.energy(x), gn, eigenvalues(h, dim), gn < tolerance, it);
  }

  /** Eigenvalues of the symmetric part of {@code h [dim, dim]}, ascending. */
  static double[] eigenvalues(double[] h, int dim) {
    DMatrixRMaj m = new DMatrixRMaj(dim, dim);
    for (int a = 0; a < dim; a++) {
      for (int b = 0; b < dim; b++) {
        m.set(a, b, 0.5 * (h[a * dim + b] + h[b * dim + a]));
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dim, false, true);
    double[] out = new double[dim];
    if (!eig.decompose(m)) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    for (int i = 0; i < dim; i++) {
      out[i] = eig.getEigenvalue(i).getReal();
    }
    Arrays.sort(out);
    return out;
  }

  private static double[] normalisedExp(double[] logs) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logs) {
      max = Math.max(max, v);
    }
    double[] p = new double[logs.length];
    double s = 0;
    for (int i = 0; i < logs.length; i++) {
      p[i] = Math.exp(logs[i] - max);
      s += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= s;
    }
    return p;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double d = a[j] - b[j];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static boolean finite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }
}

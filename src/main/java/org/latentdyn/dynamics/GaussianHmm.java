package org.latentdyn.dynamics;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * A hidden Markov chain with Gaussian emissions (spec nld.md §9): the chain starts in a fixed state
 * {@code s_0}, moves with {@code P(s_{t+1} = j | s_t = i) = transition[i][j]}, and each frame emits
 * {@code x_t ~ N(mu_{s_t}, Sigma_{s_t})}. Emissions are drawn as {@code mu + L z} and densities evaluated through
 * the Cholesky factor {@code Sigma = L L^T}. {@link #filteredStates} is the Bayes-optimal forward filter with these
 * true parameters, the accuracy ceiling of §9.
 *
 * <p>Shapes: {@code transition [states, states]}, {@code means [states, features]},
 * {@code covariances [states, features, features]}; a sequence of observations is {@code [length * features]}
 * in C order.
 */
public final class GaussianHmm {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final int states;
  private final int features;
  private final int initialState;
  private final double[][] transition;
  private final double[][] cumulative;
  private final double[][] logTransition;
  private final double[][] means;
  private final double[][][] covariances;
  /** Lower Cholesky factors, row-major {@code [states][features * features]}. */
  private final double[][] cholesky;
  /** Per state: {@code -sum log L_ii - (features / 2) log 2 pi}. */
  private final double[] logNormalizer;

  /**
   * @throws IllegalArgumentException if a shape disagrees, a row of {@code transition} is not a probability
   *     vector, {@code initialState} is out of range or a covariance is not symmetric positive definite
   */
  public GaussianHmm(double[][] transition, double[][] means, double[][][] covariances, int initialState) {
    this.states = transition.length;
    if (states < 1) {
      throw new IllegalArgumentException("transition must have >= 1 state, got 0");
    }
    if (initialState < 0 || initialState >= states) {
      throw new IllegalArgumentException("initialState must be in [0, " + states + "), got " + initialState);
    }
    if (means.length != states || covariances.length != states) {
      throw new IllegalArgumentException("means and covariances must have " + states + " states like transition, got "
          + means.length + " and " + covariances.length);
    }
    this.features = means[0].length;
    if (features < 1) {
      throw new IllegalArgumentException("means must have >= 1 feature, got 0");
    }
    this.initialState = initialState;
    this.transition = new double[states][];
    this.cumulative = new double[states][states];
    this.logTransition = new double[states][states];
    for (int i = 0; i < states; i++) {
      if (transition[i].length != states) {
        throw new IllegalArgumentException("transition row " + i + " has " + transition[i].length
            + " entries, expected " + states);
      }
      double sum = 0;
      for (int j = 0; j < states; j++) {
        double p = transition[i][j];
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException("transition[" + i + "][" + j + "] must be in [0, 1], got " + p);
        }
        sum += p;
        cumulative[i][j] = sum;
        logTransition[i][j] = Math.log(p);
      }
      if (Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException("transition row " + i + " must sum to 1, got " + sum);
      }
      cumulative[i][states - 1] = 1.0;
      this.transition[i] = transition[i].clone();
    }
    this.means = new double[states][];
    this.covariances = new double[states][features][];
    this.cholesky = new double[states][];
    this.logNormalizer = new double[states];
    for (int s = 0; s < states; s++) {
      if (means[s].length != features) {
        throw new IllegalArgumentException("means[" + s + "] has " + means[s].length + " features, expected "
            + features);
      }
      this.means[s] = means[s].clone();
      if (covariances[s].length != features) {
        throw new IllegalArgumentException("covariances[" + s + "] has " + covariances[s].length + " rows, expected "
            + features);
      }
      for (int i = 0; i < features; i++) {
        if (covariances[s][i].length != features) {
          throw new IllegalArgumentException("covariances[" + s + "] row " + i + " has " + covariances[s][i].length
              + " columns, expected " + features);
        }
        this.covariances[s][i] = covariances[s][i].clone();
      }
      this.cholesky[s] = choleskyFactor(this.covariances[s], s);
      double logDet = 0;
      for (int i = 0; i < features; i++) {
        logDet += Math.log(cholesky[s][i * features + i]);
      }
      logNormalizer[s] = -logDet - 0.5 * features * LOG_2PI;
    }
  }

  private static double[] choleskyFactor(double[][] c, int state) {
    int n = c.length;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(c[i][j] - c[j][i]) > 1e-12 * (Math.abs(c[i][j]) + Math.abs(c[j][i]) + 1e-300)) {
          throw new IllegalArgumentException("covariances[" + state + "] must be symmetric, got [" + i + "][" + j
              + "] = " + c[i][j] + " and [" + j + "][" + i + "] = " + c[j][i]);
        }
      }
    }
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
    if (!chol.decompose(new DMatrixRMaj(c))) {
      throw new IllegalArgumentException("covariances[" + state + "] must be positive definite; Cholesky failed");
    }
    double[] l = chol.getT(null).getData();
    for (int i = 0; i < n; i++) {
      if (!(l[i * n + i] > 0)) {
        throw new IllegalArgumentException("covariances[" + state + "] must be positive definite; pivot " + i
            + " is " + l[i * n + i]);
      }
      for (int j = i + 1; j < n; j++) {
        l[i * n + j] = 0; // keep the factor strictly lower triangular
      }
    }
    return l;
  }

  public int states() {
    return states;
  }

  public int features() {
    return features;
  }

  /** The state {@code s_0} every sequence starts in. */
  public int initialState() {
    return initialState;
  }

  /** A copy of the transition matrix {@code [states, states]}. */
  public double[][] transition() {
    return deepCopy(transition);
  }

  /** A copy of the emission means {@code [states, features]}. */
  public double[][] means() {
    return deepCopy(means);
  }

  /** A copy of the emission covariances {@code [states, features, features]}. */
  public double[][][] covariances() {
    double[][][] c = new double[states][][];
    for (int s = 0; s < states; s++) {
      c[s] = deepCopy(covariances[s]);
    }
    return c;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /**
   * Draws one sequence: {@code states[t]} for {@code t < states.length}, and, unless {@code observations} is null,
   * the emissions into {@code observations [length * features]}. The chain moves first, then the emissions are
   * drawn, so the state path does not depend on whether observations are requested.
   */
  public void sample(RandomGenerator random, int[] states, float[] observations) {
    int length = states.length;
    if (length < 1) {
      throw new IllegalArgumentException("sequence length must be >= 1, got 0");
    }
    if (observations != null && observations.length != length * features) {
      throw new IllegalArgumentException("observations must hold " + length + " x " + features + " = "
          + length * features + " values, got " + observations.length);
    }
    int s = initialState;
    states[0] = s;
    for (int t = 1; t < length; t++) {
      double u = random.nextDouble();
      double[] c = cumulative[s];
      int j = 0;
      while (u >= c[j]) {
        j++;
      }
      s = j;
      states[t] = s;
    }
    if (observations == null) {
      return;
    }
    double[] z = new double[features];
    for (int t = 0; t < length; t++) {
      int st = states[t];
      double[] l = cholesky[st];
      double[] mu = means[st];
      for (int i = 0; i < features; i++) {
        z[i] = random.nextGaussian();
      }
      int off = t * features;
      for (int i = 0; i < features; i++) {
        double x = mu[i];
        int row = i * features;
        for (int k = 0; k <= i; k++) {
          x += l[row + k] * z[k];
        }
        observations[off + i] = (float) x;
      }
    }
  }

  /** {@code log N(x; mu_state, Sigma_state)} of the frame {@code x[offset ... offset + features)}. */
  public double logDensity(int state, float[] x, int offset) {
    return logDensity(state, x, offset, new double[features]);
  }

  private double logDensity(int state, float[] x, int offset, double[] y) {
    double[] l = cholesky[state];
    double[] mu = means[state];
    double q = 0;
    for (int i = 0; i < features; i++) {
      int row = i * features;
      double v = x[offset + i] - mu[i];
      for (int k = 0; k < i; k++) {
        v -= l[row + k] * y[k];
      }
      v /= l[row + i];
      y[i] = v;
      q += v * v;
    }
    return logNormalizer[state] - 0.5 * q;
  }

  /**
   * The forward (Bayes) filter with these parameters: for every frame, the state maximising
   * {@code p(s_t | x_0 ... x_t)}, computed in log space from {@code p(s_0) = [s_0 = initialState]}. Ties go to the
   * lowest state.
   *
   * @param observations {@code [length * features]}
   */
  public int[] filteredStates(float[] observations) {
    if (observations.length == 0 || observations.length % features != 0) {
      throw new IllegalArgumentException("observations must hold a positive multiple of " + features
          + " values, got " + observations.length);
    }
    int length = observations.length / features;
    int[] labels = new int[length];
    double[] alpha = new double[states];
    double[] prior = new double[states];
    double[] terms = new double[states];
    double[] y = new double[features];
    for (int t = 0; t < length; t++) {
      if (t == 0) {
        Arrays.fill(prior, Double.NEGATIVE_INFINITY);
        prior[initialState] = 0;
      } else {
        for (int j = 0; j < states; j++) {
          for (int i = 0; i < states; i++) {
            terms[i] = alpha[i] + logTransition[i][j];
          }
          prior[j] = logSumExp(terms);
        }
      }
      int best = 0;
      for (int j = 0; j < states; j++) {
        alpha[j] = prior[j] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
            : prior[j] + logDensity(j, observations, t * features, y);
        if (alpha[j] > alpha[best]) {
          best = j;
        }
      }
      double norm = logSumExp(alpha);
      if (!Double.isFinite(norm)) {
        throw new IllegalArgumentException("frame " + t + " has zero or non-finite likelihood under every state");
      }
      for (int j = 0; j < states; j++) {
        alpha[j] -= norm;
      }
      labels[t] = best;
    }
    return labels;
  }

  private static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      max = Math.max(max, x);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double x : v) {
      sum += Math.exp(x - max);
    }
    return max + Math.log(sum);
  }
}

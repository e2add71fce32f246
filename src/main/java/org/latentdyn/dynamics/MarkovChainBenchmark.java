package org.latentdyn.dynamics;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Neural Langevin Dynamics benchmark data (spec nld.md §9, defaults [A]): a random walk on 3 states with
 * {@code P(i -> i) = 0.95} and {@code P(i -> j) = 0.025}, always starting in state 0, emitting
 * {@code x ~ N(mu_s, Sigma_s)} in {@code R^features}, with {@code mu_s} i.i.d. {@code N(0, 0.5^2)} and
 * {@code Sigma_s = 0.25 V_s V_s^T / features}, {@code V_s} i.i.d. {@code N(0, 1)} (so {@code E Sigma_s = 0.25 I}).
 *
 * <p>Randomness: {@code new SplittableRandom(seed)} splits, in this order, the parameter stream (all means, then
 * each {@code V_s}), the training stream and the test stream; every sequence draws from its own split of its
 * split's stream, in sequence order. The same options give the same arrays.
 */
public final class MarkovChainBenchmark {
  /** Number of hidden states. */
  public static final int STATES = 3;
  /** Probability of staying in the current state. */
  public static final double STAY = 0.95;
  /** Probability of moving to each other state. */
  public static final double SWITCH = 0.025;
  /** Standard deviation of the entries of the emission means. */
  public static final double MEAN_SD = 0.5;
  /** Expected emission variance per feature: {@code Sigma_s = COVARIANCE_SCALE V V^T / features}. */
  public static final double COVARIANCE_SCALE = 0.25;
  /** The state every sequence starts in ([C], §9). */
  public static final int INITIAL_STATE = 0;

  private MarkovChainBenchmark() {}

  /**
   * Sizes and seed of the benchmark (§9 defaults: 20,000 training and 10,000 test sequences of length 500 in
   * R^15).
   */
  public record Options(int trainSequences, int testSequences, int length, int features, long seed) {
    public Options {
      if (trainSequences < 1) {
        throw new IllegalArgumentException("trainSequences must be >= 1, got " + trainSequences);
      }
      if (testSequences < 1) {
        throw new IllegalArgumentException("testSequences must be >= 1, got " + testSequences);
      }
      if (length < 1) {
        throw new IllegalArgumentException("length must be >= 1, got " + length);
      }
      if (features < 1) {
        throw new IllegalArgumentException("features must be >= 1, got " + features);
      }
      long frames = (long) Math.max(trainSequences, testSequences) * length;
      if (frames > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("sequences x length must be <= " + Integer.MAX_VALUE + " (int32 states),"
            + " got " + Math.max(trainSequences, testSequences) + " x " + length + " = " + frames);
      }
    }

    /** The §9 defaults with the given seed. */
    public static Options defaults(long seed) {
      return new Options(20_000, 10_000, 500, 15, seed);
    }

    public Options withTrainSequences(int n) {
      return new Options(n, testSequences, length, features, seed);
    }

    public Options withTestSequences(int n) {
      return new Options(trainSequences, n, length, features, seed);
    }

    public Options withLength(int n) {
      return new Options(trainSequences, testSequences, n, features, seed);
    }

    public Options withSeed(long s) {
      return new Options(trainSequences, testSequences, length, features, s);
    }

    /** The options and the fixed constants, for run.json. */
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("system", "markov-chain");
      m.put("trainSequences", trainSequences);
      m.put("testSequences", testSequences);
      m.put("length", length);
      m.put("features", features);
      m.put("states", STATES);
      m.put("stay", STAY);
      m.put("switch", SWITCH);
      m.put("initialState", INITIAL_STATE);
      m.put("meanSd", MEAN_SD);
      m.put("covarianceScale", COVARIANCE_SCALE);
      m.put("seed", seed);
      return m;
    }
  }

  /** Receives one generated sequence: {@code states [length]}, {@code observations [length * features]}. */
  @FunctionalInterface
  public interface SequenceSink {
    void accept(int index, int[] states, float[] observations) throws IOException;
  }

  /** The 3 x 3 transition matrix: 0.95 on the diagonal, 0.025 elsewhere. */
  public static double[][] transition() {
    double[][] p = new double[STATES][STATES];
    for (int i = 0; i < STATES; i++) {
      for (int j = 0; j < STATES; j++) {
        p[i][j] = i == j ? STAY : SWITCH;
      }
    }
    return p;
  }

  /** The model of these options: the parameter stream, the first split of the seed. */
  public static GaussianHmm model(Options options) {
    return model(options.features(), new SplittableRandom(options.seed()).split());
  }

  /** Draws the emission parameters from {@code random}: all means, then each state's {@code V}. */
  public static GaussianHmm model(int features, SplittableRandom random) {
    double[][] means = new double[STATES][features];
    for (double[] mu : means) {
      for (int i = 0; i < features; i++) {
        mu[i] = MEAN_SD * random.nextGaussian();
      }
    }
    double[][][] cov = new double[STATES][features][features];
    double[] v = new double[features * features];
    for (int s = 0; s < STATES; s++) {
      for (int k = 0; k < v.length; k++) {
        v[k] = random.nextGaussian();
      }
      for (int i = 0; i < features; i++) {
        for (int j = 0; j <= i; j++) {
          double dot = 0;
          for (int k = 0; k < features; k++) {
            dot += v[i * features + k] * v[j * features + k];
          }
          cov[s][i][j] = COVARIANCE_SCALE * dot / features;
          cov[s][j][i] = cov[s][i][j];
        }
      }
    }
    return new GaussianHmm(transition(), means, cov, INITIAL_STATE);
  }

  /**
   * Generates the training sequences, then the test sequences, one at a time (memory: one sequence), handing each
   * to its sink; the arrays passed are reused between calls.
   *
   * @return the model that generated them
   */
  public static GaussianHmm generate(Options options, SequenceSink train, SequenceSink test) throws IOException {
    SplittableRandom root = new SplittableRandom(options.seed());
    GaussianHmm model = model(options.features(), root.split());
    SplittableRandom trainStream = root.split();
    SplittableRandom testStream = root.split();
    int[] states = new int[options.length()];
    float[] obs = new float[options.length() * options.features()];
    for (int n = 0; n < options.trainSequences(); n++) {
      model.sample(trainStream.split(), states, obs);
      train.accept(n, states, obs);
    }
    for (int n = 0; n < options.testSequences(); n++) {
      model.sample(testStream.split(), states, obs);
      test.accept(n, states, obs);
    }
    return model;
  }

  /**
   * Expected occupancy of the initial state over the first {@code length} steps of a chain started there (§9):
   * {@code 1/3 + (2/3)(1 - 0.925^L) / (0.075 L)}; 0.378 for L = 200, 0.351 for L = 500.
   */
  public static double expectedInitialStateOccupancy(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be >= 1, got " + length);
    }
    double lambda = STAY - SWITCH; // the non-unit eigenvalue of the transition matrix
    return 1.0 / STATES + (1 - 1.0 / STATES) * (1 - Math.pow(lambda, length)) / ((1 - lambda) * length);
  }
}

package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentdyn.metrics.Segmentation;

/** Emissions, densities and the forward (Bayes) filter of spec nld.md §9 against closed forms. */
class GaussianHmmTest {
  private static final double[][] STUCK = {{1, 0}, {0, 1}};

  @Test
  void emissionsHaveTheRequestedMeanAndCovariance() {
    double[][] cov = {{1.0, 0.6, 0.0}, {0.6, 2.0, -0.3}, {0.0, -0.3, 0.5}};
    double[] mu = {1, -2, 0.5};
    GaussianHmm m = new GaussianHmm(STUCK, new double[][] {mu, mu}, new double[][][] {cov, cov}, 0);
    int n = 100_000;
    int[] s = new int[n];
    float[] x = new float[3 * n];
    m.sample(new SplittableRandom(1), s, x);
    double[] mean = new double[3];
    for (int t = 0; t < n; t++) {
      assertEquals(0, s[t]);
      for (int i = 0; i < 3; i++) {
        mean[i] += x[3 * t + i] / (double) n;
      }
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(mu[i], mean[i], 4 * Math.sqrt(cov[i][i] / n), "mean " + i);
      for (int j = 0; j < 3; j++) {
        double c = 0;
        for (int t = 0; t < n; t++) {
          c += (x[3 * t + i] - mean[i]) * (x[3 * t + j] - mean[j]);
        }
        assertEquals(cov[i][j], c / (n - 1), 0.03, "covariance " + i + "," + j);
      }
    }
  }

  @Test
  void logDensityMatchesTheClosedForm() {
    // Sigma = [[4, 2], [2, 5]]: det 16, inverse [[5, -2], [-2, 4]] / 16
    double[][] cov = {{4, 2}, {2, 5}};
    double[] mu = {1, -1};
    GaussianHmm m = new GaussianHmm(STUCK, new double[][] {mu, {0, 0}}, new double[][][] {cov, {{1, 0}, {0, 1}}}, 1);
    float[] x = {2, 1};
    double q = (5 * 1 * 1 - 2 * 2 * 1 * 2 + 4 * 2 * 2) / 16.0;
    assertEquals(-0.5 * q - 0.5 * Math.log(16) - Math.log(2 * Math.PI), m.logDensity(0, x, 0), 1e-12);
    assertEquals(-0.5 * 5 - Math.log(2 * Math.PI), m.logDensity(1, x, 0), 1e-12);
  }

  @Test
  void bayesFilterOnWellSeparatedEmissionsRecoversTheStates() {
    double[][] means = new double[3][15];
    for (int s = 0; s < 3; s++) {
      java.util.Arrays.fill(means[s], 3.0 * s);
    }
    GaussianHmm m = new GaussianHmm(MarkovChainBenchmark.transition(), means, identities(3, 15), 0);
    Segmentation.Accuracy a = filterAccuracy(m, 50, 500);
    assertTrue(a.mean() > 0.999, "accuracy " + a.mean());
    assertEquals(0, a.permutation()[0]);
  }

  @Test
  void bayesFilterOnIdenticalEmissionsFollowsThePriorAndAlwaysGuessesStateZero() {
    GaussianHmm m = new GaussianHmm(MarkovChainBenchmark.transition(), new double[3][15], identities(3, 15), 0);
    SplittableRandom random = new SplittableRandom(5);
    int sequences = 300;
    int[][] truth = new int[sequences][500];
    int[][] labels = new int[sequences][];
    float[] x = new float[500 * 15];
    for (int n = 0; n < sequences; n++) {
      m.sample(random.split(), truth[n], x);
      labels[n] = m.filteredStates(x);
      for (int label : labels[n]) {
        assertEquals(0, label); // p(s_t = 0) = 1/3 + (2/3) 0.925^t is the largest prior at every t
      }
    }
    // accuracy is then the occupancy of state 0: 0.351 for L = 500 (per-sequence sd ~0.11, se ~0.006)
    double expected = MarkovChainBenchmark.expectedInitialStateOccupancy(500);
    assertEquals(expected, Segmentation.accuracy(labels, truth, 3).mean(), 0.025);
  }

  @Test
  void defaultBenchmarkFilterBeatsChanceClearly() {
    GaussianHmm m = MarkovChainBenchmark.model(15, new SplittableRandom(2));
    Segmentation.Accuracy a = filterAccuracy(m, 20, 500);
    assertTrue(a.mean() > 0.9 && a.mean() <= 1.0, "accuracy " + a.mean());
  }

  @Test
  void forwardFilterAgreesWithBruteForceEnumerationOfPaths() {
    // 3 states, overlapping 1-D emissions, so the filtered argmax changes along the sequence
    double[][] p = {{0.7, 0.2, 0.1}, {0.3, 0.5, 0.2}, {0.25, 0.25, 0.5}};
    GaussianHmm m = new GaussianHmm(p, new double[][] {{0}, {0.8}, {1.6}},
        new double[][][] {{{1}}, {{0.5}}, {{2}}}, 1);
    float[] x = {0.9f, -0.4f, 1.7f, 2.2f, 0.1f, 0.7f, 1.5f, -1.0f};
    int[] filtered = m.filteredStates(x);
    int changes = 0;
    for (int t = 0; t < x.length; t++) {
      double[] marginal = new double[3];
      int paths = (int) Math.pow(3, t);
      for (int code = 0; code < paths; code++) {
        int[] path = new int[t + 1];
        path[0] = 1;
        for (int k = 1, c = code; k <= t; k++, c /= 3) {
          path[k] = c % 3;
        }
        double w = Math.exp(m.logDensity(1, x, 0));
        for (int k = 1; k <= t; k++) {
          w *= p[path[k - 1]][path[k]] * Math.exp(m.logDensity(path[k], x, k));
        }
        marginal[path[t]] += w;
      }
      int best = 0;
      for (int j = 1; j < 3; j++) {
        best = marginal[j] > marginal[best] ? j : best;
      }
      assertEquals(best, filtered[t], "frame " + t);
      changes += t > 0 && filtered[t] != filtered[t - 1] ? 1 : 0;
    }
    assertTrue(changes >= 2, "the test sequence should move the filter between states, got " + changes);
  }

  @Test
  void invalidParametersAreRefusedWithTheirValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GaussianHmm(new double[][] {{0.5, 0.6}, {0, 1}}, new double[2][1], identities(2, 1), 0));
    assertTrue(e.getMessage().contains("sum to 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new GaussianHmm(STUCK, new double[2][2], new double[][][] {{{1, 2}, {2, 1}}, {{1, 0}, {0, 1}}}, 0));
    assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new GaussianHmm(STUCK, new double[2][1], identities(2, 1), 2));
    assertTrue(e.getMessage().contains("initialState") && e.getMessage().contains("2"), e.getMessage());
  }

  private static Segmentation.Accuracy filterAccuracy(GaussianHmm m, int sequences, int length) {
    SplittableRandom random = new SplittableRandom(9);
    int[][] truth = new int[sequences][length];
    int[][] labels = new int[sequences][];
    float[] x = new float[length * m.features()];
    for (int n = 0; n < sequences; n++) {
      m.sample(random.split(), truth[n], x);
      labels[n] = m.filteredStates(x);
    }
    return Segmentation.accuracy(labels, truth, m.states());
  }

  private static double[][][] identities(int k, int f) {
    double[][][] c = new double[k][f][f];
    for (double[][] s : c) {
      for (int i = 0; i < f; i++) {
        s[i][i] = 1;
      }
    }
    return c;
  }
}

package org.latentdyn.kinetics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarkovStateModelTest {
  /** A reversible 3-state matrix P = X / pi from a symmetric flux X with row sums pi = (0.3, 0.3, 0.4). */
  static final double[][] PLANTED = {
      {0.27 / 0.3, 0.02 / 0.3, 0.01 / 0.3},
      {0.02 / 0.3, 0.265 / 0.3, 0.015 / 0.3},
      {0.01 / 0.4, 0.015 / 0.4, 0.375 / 0.4}};
  static final double[] PLANTED_PI = {0.3, 0.3, 0.4};

  /** A discrete trajectory of {@code steps} frames of the chain {@code p} from state 0. */
  static int[] simulate(double[][] p, int steps, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = new int[steps];
    for (int t = 1; t < steps; t++) {
      double u = r.nextDouble();
      int i = d[t - 1];
      int j = 0;
      while (j < p.length - 1 && u >= p[i][j]) {
        u -= p[i][j];
        j++;
      }
      d[t] = j;
    }
    return d;
  }

  /** Slower-first implied timescales of a reversible 3-state matrix: lambda_2,3 solve x^2 - (tr P - 1) x + det P. */
  static double[] plantedTimescales(double[][] p, int lag) {
    double tr = p[0][0] + p[1][1] + p[2][2];
    double det = p[0][0] * (p[1][1] * p[2][2] - p[1][2] * p[2][1]) - p[0][1] * (p[1][0] * p[2][2] - p[1][2] * p[2][0])
        + p[0][2] * (p[1][0] * p[2][1] - p[1][1] * p[2][0]);
    double b = tr - 1;
    double disc = Math.sqrt(b * b - 4 * det);
    double l1 = (b + disc) / 2;
    double l2 = (b - disc) / 2;
    return new double[] {-lag / Math.log(Math.abs(l1)), -lag / Math.log(Math.abs(l2))};
  }

  /** Gaussian elimination with partial pivoting, written out here to check the model's solver. */
  static double[] solve(double[][] a0, double[] b0) {
    int n = b0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = java.util.Arrays.copyOf(a0[i], n + 1);
      a[i][n] = b0[i];
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= n; k++) {
          a[r][k] -= f * a[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = a[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  @Test
  void reversibleEstimateRecoversAPlantedThreeStateChain() {
    int[] d = simulate(PLANTED, 1_000_000, 2024);
    MarkovStateModel m = MaximumLikelihoodMsm.fit(new int[][] {d}, MaximumLikelihoodMsm.Options.of(1));
    assertTrue(m.converged());
    assertTrue(m.reversible());
    double[][] p = m.transitionMatrix();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(PLANTED[i][j], p[i][j], 0.01, "P[" + i + "][" + j + "]");
      }
    }
    assertArrayEquals(PLANTED_PI, m.stationaryDistribution(), 0.01);
    double[] its = m.impliedTimescales();
    double[] expected = plantedTimescales(PLANTED, 1);
    for (int i = 0; i < 2; i++) {
      assertEquals(expected[i], its[i], 0.03 * expected[i], "timescale " + i);
    }
    // detailed balance and stationarity, to rounding
    double[] pi = m.stationaryDistribution();
    for (int i = 0; i < 3; i++) {
      double row = 0;
      double flow = 0;
      for (int j = 0; j < 3; j++) {
        assertEquals(pi[i] * p[i][j], pi[j] * p[j][i], 1e-10, "detailed balance " + i + "," + j);
        row += p[i][j];
        flow += pi[j] * p[j][i];
      }
      assertEquals(1, row, 1e-12);
      assertEquals(pi[i], flow, 1e-12);
    }
    assertEquals(1, m.eigenvalues()[0], 1e-12);
  }

  @Test
  void nonReversibleEstimateIsTheRowNormalisedCounts() {
    double[][] c = {{10, 3, 1}, {2, 20, 4}, {5, 1, 30}};
    MarkovStateModel m = MaximumLikelihoodMsm.fit(new CountMatrix(c, 1),
        MaximumLikelihoodMsm.Options.of(1).withReversible(false));
    double[][] p = m.transitionMatrix();
    for (int i = 0; i < 3; i++) {
      double s = c[i][0] + c[i][1] + c[i][2];
      for (int j = 0; j < 3; j++) {
        assertEquals(c[i][j] / s, p[i][j], 1e-15);
      }
    }
    // pi P = pi
    double[] pi = m.stationaryDistribution();
    for (int j = 0; j < 3; j++) {
      double flow = 0;
      for (int i = 0; i < 3; i++) {
        flow += pi[i] * p[i][j];
      }
      assertEquals(pi[j], flow, 1e-12);
    }
    // this one is not reversible, and the reversible estimate differs from it
    assertTrue(Math.abs(pi[0] * p[0][2] - pi[2] * p[2][0]) > 1e-3);
    MarkovStateModel rev = MaximumLikelihoodMsm.fit(new CountMatrix(c, 1), MaximumLikelihoodMsm.Options.of(1));
    assertTrue(Math.abs(rev.transitionMatrix()[0][2] - p[0][2]) > 1e-3);
  }

  @Test
  void reversibleEstimateOfSymmetricCountsIsExact() {
    // for symmetric counts the reversible and non-reversible maxima coincide: P = C / rowsum
    double[][] c = {{90, 10}, {10, 90}};
    MarkovStateModel m = MaximumLikelihoodMsm.fit(new CountMatrix(c, 1), MaximumLikelihoodMsm.Options.of(1));
    assertArrayEquals(new double[] {0.9, 0.1}, m.transitionMatrix()[0], 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5}, m.stationaryDistribution(), 1e-12);
  }

  @Test
  void impliedTimescaleOfThePlantedTwoStateChain() {
    MarkovStateModel m = MaximumLikelihoodMsm.fit(new CountMatrix(new double[][] {{90, 10}, {10, 90}}, 1),
        MaximumLikelihoodMsm.Options.of(1));
    assertArrayEquals(new double[] {1, 0.8}, m.eigenvalues(), 1e-12);
    assertEquals(-1 / Math.log(0.8), m.impliedTimescales()[0], 1e-10);
    // the same chain simulated and re-estimated, then scanned over lags: a Markov chain's timescale is flat
    double[][] planted = {{0.9, 0.1}, {0.1, 0.9}};
    int[] d = simulate(planted, 400_000, 8);
    MarkovStateModel fitted = MaximumLikelihoodMsm.fit(new int[][] {d}, MaximumLikelihoodMsm.Options.of(1));
    assertEquals(0.9, fitted.transitionMatrix()[0][0], 0.01); // the STYLE.md known answer, to one decimal and better
    ImpliedTimescales scan = ImpliedTimescales.estimate(new int[][] {d}, new int[] {1, 2, 5, 10}, 1,
        MaximumLikelihoodMsm.Options.of(1));
    assertArrayEquals(new int[] {1, 2, 5, 10}, scan.lags());
    for (double t : scan.process(0)) {
      assertEquals(-1 / Math.log(0.8), t, 0.03 * -1 / Math.log(0.8));
    }
  }

  @Test
  void twoStateClosedForms() {
    // P = [[.8, .2], [.1, .9]] at lag 3: MFPT 0 -> 1 = 3 / 0.2 frames, 1 -> 0 = 3 / 0.1, lambda_2 = 1 - .2 - .1
    MarkovStateModel m = MaximumLikelihoodMsm.fit(new CountMatrix(new double[][] {{80, 20}, {10, 90}}, 3),
        MaximumLikelihoodMsm.Options.of(3));
    // (any 2-state chain is reversible, so the reversible maximum is the row-normalised counts; the iteration
    // stops when one step changes pi by < 1e-10 relative, a few times that from the fixed point)
    assertArrayEquals(new double[] {0.8, 0.2}, m.transitionMatrix()[0], 1e-9);
    assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, m.stationaryDistribution(), 1e-8);
    assertArrayEquals(new double[] {15, 0}, m.meanFirstPassageTimes(1), 1e-7);
    assertArrayEquals(new double[] {0, 30}, m.meanFirstPassageTimes(0), 1e-7);
    assertEquals(15, m.meanFirstPassageTime(new int[] {0}, new int[] {1}), 1e-7);
    assertEquals(0.2 / 3, m.rate(new int[] {0}, new int[] {1}), 1e-9);
    assertEquals(-3 / Math.log(0.7), m.impliedTimescales()[0], 1e-7);
  }

  @Test
  void meanFirstPassageTimesMatchTheDirectLinearSystem() {
    // deeptime's documented example: mfpt(T, 0) = [0, 12, 22]
    double[][] t = {{0.9, 0.1, 0.0}, {0.5, 0.0, 0.5}, {0.0, 0.1, 0.9}};
    MarkovStateModel m3 = fromMatrix(t, 1);
    assertArrayEquals(new double[] {0, 12, 22}, m3.meanFirstPassageTimes(0), 1e-9);

    // a 4-state chain at lag 2 against the system (I - P)_UU m = 1 solved here
    double[][] p = {
        {0.70, 0.20, 0.10, 0.00},
        {0.15, 0.60, 0.20, 0.05},
        {0.05, 0.25, 0.50, 0.20},
        {0.00, 0.10, 0.30, 0.60}};
    MarkovStateModel m = fromMatrix(p, 2);
    int[] target = {2, 3};
    int[] other = {0, 1};
    double[][] a = new double[2][2];
    for (int r = 0; r < 2; r++) {
      for (int s = 0; s < 2; s++) {
        a[r][s] = (r == s ? 1 : 0) - p[other[r]][other[s]];
      }
    }
    double[] steps = solve(a, new double[] {1, 1});
    double[] mfpt = m.meanFirstPassageTimes(target);
    assertEquals(2 * steps[0], mfpt[0], 1e-9);
    assertEquals(2 * steps[1], mfpt[1], 1e-9);
    assertEquals(0, mfpt[2], 0);
    assertEquals(0, mfpt[3], 0);
    // from the set {0, 1}, weighted by the stationary distribution restricted to it
    double[] pi = m.stationaryDistribution();
    double expected = (pi[0] * mfpt[0] + pi[1] * mfpt[1]) / (pi[0] + pi[1]);
    assertEquals(expected, m.meanFirstPassageTime(new int[] {0, 1}, target), 1e-9);
    assertEquals(1 / expected, m.rate(new int[] {0, 1}, target), 1e-12);
    // single target against the reference, every start
    for (int y = 0; y < 4; y++) {
      double[] got = m.meanFirstPassageTimes(y);
      int[] u = new int[3];
      int k = 0;
      for (int i = 0; i < 4; i++) {
        if (i != y) {
          u[k++] = i;
        }
      }
      double[][] b = new double[3][3];
      for (int r = 0; r < 3; r++) {
        for (int s = 0; s < 3; s++) {
          b[r][s] = (r == s ? 1 : 0) - p[u[r]][u[s]];
        }
      }
      double[] ref = solve(b, new double[] {1, 1, 1});
      for (int r = 0; r < 3; r++) {
        assertEquals(2 * ref[r], got[u[r]], 1e-9, "mfpt " + u[r] + " -> " + y);
      }
    }
  }

  @Test
  void ratesBetweenNamedSetsOfMicrostates() {
    double[][] p = {
        {0.70, 0.20, 0.10, 0.00},
        {0.15, 0.60, 0.20, 0.05},
        {0.05, 0.25, 0.50, 0.20},
        {0.00, 0.10, 0.30, 0.60}};
    MarkovStateModel m = fromMatrix(p, 1);
    RateMatrix r = m.rates(List.of("A", "B"), List.of(new int[] {0, 1}, new int[] {2, 3}));
    assertEquals(m.rate(new int[] {0, 1}, new int[] {2, 3}), r.get("A", "B"), 0);
    assertEquals(m.rate(new int[] {2, 3}, new int[] {0, 1}), r.get("B", "A"), 0);
    assertEquals(0, r.get("A", "A"), 0);
    assertEquals(r.get("A", "B") / 0.5, r.perTime(0.5).get("A", "B"), 1e-15);
    assertEquals("state 1 is in both from and to; the sets must be disjoint", assertThrows(
        IllegalArgumentException.class, () -> m.rate(new int[] {0, 1}, new int[] {1, 2})).getMessage());
  }

  @Test
  void activeSetAndLabels() {
    // label 2 is entered once and never left: dropped; labels 0 and 3 make up the model; 1 never occurs
    int[] d = {0, 3, 3, 0, 0, 3, 0, 3, 2};
    MarkovStateModel m = MaximumLikelihoodMsm.fit(new int[][] {d}, 5, MaximumLikelihoodMsm.Options.of(1));
    assertEquals(2, m.size());
    assertArrayEquals(new int[] {0, 3}, m.labels());
    assertArrayEquals(new int[] {1, 2, 4}, m.connectedSet().dropped());
    assertArrayEquals(new int[] {1}, m.statesOf(3));
    assertArrayEquals(new int[] {1, 0}, m.statesOf(3, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> m.statesOf(2, 4));
  }

  @Test
  void reversibleIterationReportsWhenItStopsEarly() {
    int[] d = simulate(PLANTED, 5000, 1);
    MarkovStateModel m = MaximumLikelihoodMsm.fit(new int[][] {d},
        MaximumLikelihoodMsm.Options.of(1).withMaxIterations(1));
    assertFalse(m.converged());
    assertEquals(1, m.iterations());
    // detailed balance holds by construction even so
    double[] pi = m.stationaryDistribution();
    double[][] p = m.transitionMatrix();
    assertEquals(pi[0] * p[0][2], pi[2] * p[2][0], 1e-15);
  }

  @Test
  void eigenvaluesOfModulusOneAndZeroGiveInfiniteAndZeroTimescales() {
    // a periodic chain: eigenvalues 1 and -1, so the process never relaxes
    MarkovStateModel periodic = fromMatrix(new double[][] {{0, 1}, {1, 0}}, 1);
    assertArrayEquals(new double[] {1, -1}, periodic.eigenvalues(), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, periodic.impliedTimescales()[0]);
    // independent draws: eigenvalue 0, relaxed after one step
    MarkovStateModel memoryless = fromMatrix(new double[][] {{0.5, 0.5}, {0.5, 0.5}}, 1);
    // (lambda_2 is 0 to rounding, ~1e-16, and -1 / ln(1e-16) = 0.027)
    assertEquals(0, memoryless.eigenvalues()[1], 1e-14);
    assertEquals(0, memoryless.impliedTimescales()[0], 0.03);
  }

  @Test
  void optionsAndInputsAreValidated() {
    assertEquals("lag must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> MaximumLikelihoodMsm.Options.of(0)).getMessage());
    assertEquals("tolerance must be a finite number > 0, got 0.0", assertThrows(IllegalArgumentException.class,
        () -> MaximumLikelihoodMsm.Options.of(1).withTolerance(0)).getMessage());
    assertEquals("maxIterations must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> MaximumLikelihoodMsm.Options.of(1).withMaxIterations(0)).getMessage());
    assertEquals("counts were taken at lag 2 but options.lag is 1", assertThrows(IllegalArgumentException.class,
        () -> MaximumLikelihoodMsm.fit(new CountMatrix(new double[][] {{1}}, 2), MaximumLikelihoodMsm.Options.of(1)))
        .getMessage());
    MarkovStateModel m = fromMatrix(new double[][] {{0.5, 0.5}, {0.5, 0.5}}, 1);
    assertEquals("target state must be in [0, 2), got 2",
        assertThrows(IllegalArgumentException.class, () -> m.meanFirstPassageTimes(2)).getMessage());
  }

  /** A non-reversible fit of counts proportional to {@code p}: a model whose transition matrix is {@code p}. */
  static MarkovStateModel fromMatrix(double[][] p, int lag) {
    double[][] c = new double[p.length][p.length];
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        c[i][j] = 1000 * p[i][j];
      }
    }
    MarkovStateModel m = MaximumLikelihoodMsm.fit(new CountMatrix(c, lag),
        MaximumLikelihoodMsm.Options.of(lag).withReversible(false));
    double[][] got = m.transitionMatrix();
    for (int i = 0; i < p.length; i++) {
      assertArrayEquals(p[i], got[i], 1e-12);
    }
    return m;
  }
}

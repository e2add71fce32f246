package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Spec nld.md §13.7: the benchmark chain's transition matrix, dwell time, start state, occupancy and seeding. */
class MarkovChainBenchmarkTest {
  private static GaussianHmm model() {
    return MarkovChainBenchmark.model(15, new SplittableRandom(3));
  }

  @Test
  void empiricalTransitionMatrixIsStayPoint95SwitchPoint025() {
    GaussianHmm m = model();
    SplittableRandom random = new SplittableRandom(11);
    long[][] counts = new long[3][3];
    int[] s = new int[500];
    for (int n = 0; n < 200; n++) {
      m.sample(random.split(), s, null);
      for (int t = 1; t < s.length; t++) {
        counts[s[t - 1]][s[t]]++;
      }
    }
    for (int i = 0; i < 3; i++) {
      long row = Arrays.stream(counts[i]).sum();
      assertTrue(row > 20_000, "row " + i + " has " + row + " transitions");
      for (int j = 0; j < 3; j++) {
        double p = i == j ? 0.95 : 0.025;
        double se = Math.sqrt(p * (1 - p) / row);
        double est = (double) counts[i][j] / row;
        assertEquals(p, est, 4 * se, "P(" + i + " -> " + j + ")");
      }
    }
  }

  @Test
  void meanDwellTimeIsTwentySteps() {
    GaussianHmm m = model();
    SplittableRandom random = new SplittableRandom(12);
    int[] s = new int[5000];
    List<Integer> dwells = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      m.sample(random.split(), s, null);
      int start = 0;
      for (int t = 1; t < s.length; t++) {
        if (s[t] != s[t - 1]) {
          dwells.add(t - start); // complete runs only; the last, cut-off run of each sequence is left out
          start = t;
        }
      }
    }
    double mean = dwells.stream().mapToInt(Integer::intValue).average().orElseThrow();
    double se = Math.sqrt(0.95) / 0.05 / Math.sqrt(dwells.size()); // geometric(0.05): sd = sqrt(1 - p) / p
    assertEquals(20.0, mean, 4 * se, dwells.size() + " dwells");
  }

  @Test
  void everySequenceStartsInStateZeroAndStateZeroIsOverOccupiedAsTheFormulaSays() {
    assertEquals(0.378, MarkovChainBenchmark.expectedInitialStateOccupancy(200), 5e-4);
    assertEquals(0.351, MarkovChainBenchmark.expectedInitialStateOccupancy(500), 5e-4);
    assertEquals(1.0, MarkovChainBenchmark.expectedInitialStateOccupancy(1), 1e-12);

    GaussianHmm m = model();
    SplittableRandom random = new SplittableRandom(13);
    int[] s = new int[200];
    int sequences = 4000;
    long zeros = 0;
    for (int n = 0; n < sequences; n++) {
      m.sample(random.split(), s, null);
      assertEquals(0, s[0], "s_0 of sequence " + n);
      for (int v : s) {
        zeros += v == 0 ? 1 : 0;
      }
    }
    // per-sequence occupancy has sd ~ 0.17 (correlation time 1/0.075 steps), so the mean has se ~ 0.003
    assertEquals(0.378, (double) zeros / (sequences * 200L), 0.012);
  }

  @Test
  void sameSeedGivesIdenticalArraysAndAnotherSeedDifferentOnes() throws IOException {
    MarkovChainBenchmark.Options o = new MarkovChainBenchmark.Options(5, 3, 40, 15, 7);
    List<int[]> statesA = new ArrayList<>();
    List<float[]> obsA = new ArrayList<>();
    List<int[]> statesB = new ArrayList<>();
    List<float[]> obsB = new ArrayList<>();
    List<float[]> obsC = new ArrayList<>();
    GaussianHmm a = MarkovChainBenchmark.generate(o, (n, s, x) -> {
      statesA.add(s.clone());
      obsA.add(x.clone());
      assertEquals(0, s[0]);
    }, (n, s, x) -> {
      statesA.add(s.clone());
      obsA.add(x.clone());
      assertEquals(0, s[0]);
    });
    GaussianHmm b = MarkovChainBenchmark.generate(o, (n, s, x) -> {
      statesB.add(s.clone());
      obsB.add(x.clone());
    }, (n, s, x) -> {
      statesB.add(s.clone());
      obsB.add(x.clone());
    });
    MarkovChainBenchmark.generate(o.withSeed(8), (n, s, x) -> obsC.add(x.clone()), (n, s, x) -> obsC.add(x.clone()));
    assertEquals(8, obsA.size());
    for (int i = 0; i < 8; i++) {
      assertArrayEquals(statesA.get(i), statesB.get(i));
      assertArrayEquals(obsA.get(i), obsB.get(i));
      assertFalse(Arrays.equals(obsA.get(i), obsC.get(i)), "sequence " + i + " under another seed");
    }
    assertArrayEquals(a.means()[2], b.means()[2]);
    assertArrayEquals(a.means()[1], MarkovChainBenchmark.model(o).means()[1]);
    assertFalse(Arrays.equals(a.means()[0], MarkovChainBenchmark.model(o.withSeed(8)).means()[0]));
  }

  @Test
  void emissionParametersHaveTheSpecifiedScale() {
    // mu entries ~ N(0, 0.25); E Sigma = 0.25 I: average over many seeds' states
    double sumMu2 = 0;
    double sumDiag = 0;
    double sumOff = 0;
    int models = 40;
    for (int seed = 0; seed < models; seed++) {
      GaussianHmm m = MarkovChainBenchmark.model(15, new SplittableRandom(seed));
      for (int s = 0; s < 3; s++) {
        double[][] c = m.covariances()[s];
        for (int i = 0; i < 15; i++) {
          sumMu2 += m.means()[s][i] * m.means()[s][i];
          sumDiag += c[i][i];
          sumOff += c[i][(i + 1) % 15];
        }
      }
    }
    int n = models * 3 * 15;
    assertEquals(0.25, sumMu2 / n, 0.03);
    assertEquals(0.25, sumDiag / n, 0.01);
    assertEquals(0.0, sumOff / n, 0.01);
  }

  @Test
  void badOptionsNameTheFieldAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MarkovChainBenchmark.Options(-1, 10, 500, 15, 1));
    assertTrue(e.getMessage().contains("trainSequences") && e.getMessage().contains("-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MarkovChainBenchmark.Options.defaults(1).withLength(0));
    assertTrue(e.getMessage().contains("length") && e.getMessage().contains("0"), e.getMessage());
    assertEquals(new MarkovChainBenchmark.Options(20_000, 10_000, 500, 15, 4), MarkovChainBenchmark.Options.defaults(4));
  }
}

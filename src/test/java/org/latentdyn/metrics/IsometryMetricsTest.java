package org.latentdyn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsometryMetricsTest {

  /** Random walk with per-step increments N(0, 2 D) in each of {@code d} dimensions. */
  private static double[][] randomWalk(int frames, int d, double diffusion, SplittableRandom rng) {
    double[][] y = new double[frames][d];
    double step = Math.sqrt(2 * diffusion);
    for (int n = 1; n < frames; n++) {
      for (int j = 0; j < d; j++) {
        y[n][j] = y[n - 1][j] + step * TestData.gaussian(rng);
      }
    }
    return y;
  }

  @Test
  void plantedIsometryScoresZeroUnderRawConvention() {
    SplittableRandom rng = new SplittableRandom(21);
    double[][] truth = TestData.gaussianCloud(1000, 2, rng);
    double[][] q = TestData.orthogonal(2, 2, rng);
    double[][] latent = TestData.affine(truth, q, new double[] {4, -1}, 1.0);

    Evaluation e = IsometryMetrics.evaluate(latent, truth, DiffusionConvention.RAW);

    assertEquals("raw", e.convention());
    assertTrue(e.lzRelative() < 1e-8, "lzRelative " + e.lzRelative());
    assertEquals(1.0, e.similarityScale(), 1e-10);
    assertTrue(e.similarityRelativeMse() < 1e-8);
    assertEquals(1.0, e.correlations()[0], 1e-10);
    assertEquals(1.0, e.correlations()[1], 1e-10);
    assertEquals(1.0, e.truthScale());
    assertEquals(1000, e.frames());
    assertEquals(2, e.latentDim());
    assertEquals(2, e.truthDim());
  }

  @Test
  void unitDiffusionEstimateRecoversKnownDiffusion() {
    double diffusion = 0.3;
    double[][] truth = randomWalk(100_000, 2, diffusion, new SplittableRandom(8));

    double estimate = DiffusionConvention.estimateDiffusion(truth);

    // relative standard error sqrt(2 / (2 * 1e5)) = 0.3 %
    assertEquals(diffusion, estimate, 0.015 * diffusion);
    double scale = DiffusionConvention.UNIT_DIFFUSION.truthScale(estimate);
    double[][] scaled = new double[truth.length][2];
    for (int n = 0; n < truth.length; n++) {
      scaled[n][0] = truth[n][0] * scale;
      scaled[n][1] = truth[n][1] * scale;
    }
    assertEquals(1.0, DiffusionConvention.estimateDiffusion(scaled), 1e-12);
  }

  @Test
  void unitDiffusionLatentMatchesScaledTruthButNotRawTruth() {
    double diffusion = 0.05;
    SplittableRandom rng = new SplittableRandom(9);
    double[][] truth = randomWalk(20_000, 2, diffusion, rng);
    double d = DiffusionConvention.estimateDiffusion(truth);
    double[][] q = TestData.orthogonal(2, 2, rng);
    // a latent with unit diffusion: the truth rescaled to D = 1, rotated and shifted
    double[][] latent = TestData.affine(truth, q, new double[] {1, 1}, 1 / Math.sqrt(d));

    Evaluation unit = IsometryMetrics.evaluate(latent, truth, DiffusionConvention.UNIT_DIFFUSION);
    Evaluation raw = IsometryMetrics.evaluate(latent, truth, DiffusionConvention.RAW);

    assertEquals("unit-diffusion", unit.convention());
    assertTrue(unit.lzRelative() < 1e-8, "unit lzRelative " + unit.lzRelative());
    assertEquals(d, unit.diffusionEstimate(), 0);
    assertEquals(1 / Math.sqrt(d), unit.truthScale(), 1e-12);
    assertTrue(raw.lzRelative() > 1.0, "raw lzRelative " + raw.lzRelative());
    assertEquals(Math.sqrt(d), raw.similarityScale(), 1e-9);
  }

  @Test
  void trajectoryBoundariesExcludeTheJumpBetweenTrajectories() {
    SplittableRandom rng = new SplittableRandom(10);
    double[][] a = randomWalk(5000, 1, 0.5, rng);
    double[][] b = randomWalk(5000, 1, 0.5, rng);
    double[][] both = new double[10_000][];
    for (int n = 0; n < 5000; n++) {
      both[n] = a[n];
      both[5000 + n] = new double[] {b[n][0] + 1000}; // far away: one huge jump at the boundary
    }
    double separate = DiffusionConvention.estimateDiffusion(both, new int[] {5000, 5000});
    double joined = DiffusionConvention.estimateDiffusion(both);
    assertEquals(0.5, separate, 0.05);
    assertTrue(joined > 20, "joined estimate " + joined); // the 1000-unit jump dominates
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionConvention.estimateDiffusion(both, new int[] {5000, 4000}));
    assertTrue(e.getMessage().contains("9000") && e.getMessage().contains("10000"), e.getMessage());
  }

  @Test
  void parsesConventionsAndListsValidValuesOnError() {
    assertEquals(DiffusionConvention.RAW, DiffusionConvention.parse("raw"));
    assertEquals(DiffusionConvention.UNIT_DIFFUSION, DiffusionConvention.parse(" Unit-Diffusion "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DiffusionConvention.parse("unit"));
    assertTrue(e.getMessage().contains("'unit'") && e.getMessage().contains("'raw'")
        && e.getMessage().contains("'unit-diffusion'"), e.getMessage());
  }

  @Test
  void rejectsBadInput() {
    double[][] z = TestData.gaussianCloud(100, 2, new SplittableRandom(1));
    double[][] y99 = TestData.gaussianCloud(99, 2, new SplittableRandom(2));
    IllegalArgumentException frames = assertThrows(IllegalArgumentException.class,
        () -> IsometryMetrics.evaluate(z, y99, DiffusionConvention.RAW));
    assertTrue(frames.getMessage().contains("100") && frames.getMessage().contains("99"), frames.getMessage());

    double[][] bad = TestData.gaussianCloud(100, 2, new SplittableRandom(3));
    bad[3][1] = Double.POSITIVE_INFINITY;
    IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
        () -> IsometryMetrics.evaluate(z, bad, DiffusionConvention.RAW));
    assertTrue(inf.getMessage().contains("truth") && inf.getMessage().contains("frame 3")
        && inf.getMessage().contains("column 1"), inf.getMessage());

    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> IsometryMetrics.evaluate(new double[][] {{1}}, new double[][] {{2}}, DiffusionConvention.RAW));
    assertTrue(one.getMessage().contains("at least 2 frames"), one.getMessage());

    double[][] constant = new double[100][2];
    IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
        () -> IsometryMetrics.evaluate(z, constant, DiffusionConvention.UNIT_DIFFUSION));
    assertTrue(flat.getMessage().contains("unit-diffusion"), flat.getMessage());
  }

  @Test
  void serialisesToJsonWithTheCliKeys() throws Exception {
    SplittableRandom rng = new SplittableRandom(30);
    double[][] truth = randomWalk(500, 2, 0.1, rng);
    double[][] latent = TestData.gaussianCloud(500, 2, rng);
    Evaluation e = IsometryMetrics.evaluate(latent, truth, DiffusionConvention.UNIT_DIFFUSION);

    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(e));

    assertEquals("unit-diffusion", json.get("convention").asText());
    assertEquals(e.lz(), json.get("lz").asDouble(), 0);
    assertEquals(e.lzRelative(), json.get("lzRelative").asDouble(), 0);
    assertEquals(e.similarityScale(), json.get("similarityScale").asDouble(), 0);
    assertEquals(e.similarityRelativeMse(), json.get("similarityRelativeMse").asDouble(), 0);
    assertEquals(2, json.get("correlations").size());
    assertEquals(2, json.get("alignment").get("q").size());
  }
}

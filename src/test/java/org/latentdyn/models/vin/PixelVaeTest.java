package org.latentdyn.models.vin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.Pendulum;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.mechanics.PhaseSpaceData;
import org.latentdyn.mechanics.PixelRenderer;

/** Configuration, a tiny seeded end-to-end run, persistence and scores of the pixel VAE. */
class PixelVaeTest {
  /** A movie {@code [1, frames, 28, 28]} of one §3b trajectory of {@code system}. */
  static PixelRenderer.Frames movie(boolean pendulum, int frames, long seed) {
    PhaseSpaceArray traj = pendulum
        ? PhaseSpaceData.pixelTrajectories(Pendulum.defaults(), 1, frames, 0.1, seed)
        : PhaseSpaceData.pixelTrajectories(MassSpring.pixels(), 1, frames, 0.1, seed);
    double[][] q = new double[1][frames];
    for (int t = 0; t < frames; t++) {
      q[0][t] = traj.get(0, t, 0);
    }
    return pendulum ? PixelRenderer.defaults().pendulumFrames(q) : PixelRenderer.defaults().springFrames(q);
  }

  static PixelVaeConfig small(VinConfig.Kind kind, long seed) {
    return PixelVaeConfig.defaults(kind, seed).withWidths(64, 64, 16, 64).withEpochs(30).withLearningRate(1e-3);
  }

  @Test
  void configDefaultsValidationAndJson() throws Exception {
    PixelVaeConfig c = PixelVaeConfig.defaults(VinConfig.Kind.VIN_VV, 4);
    assertEquals(1, c.latentDim());
    assertEquals(1.0, c.timeStep());
    assertEquals(10, c.depth());
    assertEquals(11, c.window());
    assertEquals(1000, c.encoderWidth());
    assertEquals(1000, c.decoderWidth());
    assertEquals(50, c.lstmUnits());
    assertEquals(1000, c.potentialWidth());
    assertEquals(3e-4, c.learningRate());
    assertEquals(6000, c.epochs());
    assertFalse(c.klAllEncoderOutputs() || c.velocityPriorStdH() || c.perFrameInitialPair());
    assertEquals(1, c.decoderInput());
    assertEquals(2, c.withKind(VinConfig.Kind.VIN_SO2).decoderInput());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.withKind(VinConfig.Kind.HNN));
    assertTrue(e.getMessage().contains("kind must be one of"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.withWidths(0, 10, 10, 10));
    assertTrue(e.getMessage().contains("encoderWidth must be >= 1, got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.withPerFrameInitialPair(true));
    assertTrue(e.getMessage().contains("perFrameInitialPair"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.withKlAllEncoderOutputs(true));
    assertTrue(e.getMessage().contains("klAllEncoderOutputs"), e.getMessage());
    JsonMapper json = JsonMapper.builder().build();
    PixelVaeConfig odd = c.withKind(VinConfig.Kind.VIN_SO2).withTimeStep(0.1).withPerFrameInitialPair(true)
        .withKlAllEncoderOutputs(true).withEpochs(17).withWidths(3, 4, 5, 6).withSeed(-2);
    assertEquals(odd, json.readValue(json.writeValueAsString(odd), PixelVaeConfig.class));
    assertEquals(c.withVelocityPriorStdH(true),
        json.readValue(json.writeValueAsString(c.withVelocityPriorStdH(true)), PixelVaeConfig.class));
  }

  @Test
  void aRunResumedFromACheckpointEndsAsTheUninterruptedOne() {
    PixelRenderer.Frames f = movie(true, 16, 3);
    PixelVaeConfig c = small(VinConfig.Kind.VIN_SO2, 4).withEpochs(9);
    java.util.Map<Integer, org.latentdyn.train.Checkpoint> saved = new java.util.TreeMap<>();
    org.latentdyn.train.TrainingListener keep = new org.latentdyn.train.TrainingListener() {
      @Override
      public void epochFinished(org.latentdyn.train.EpochRecord r, org.latentdyn.train.Checkpoint cp) {
        if (cp != null) {
          saved.put(cp.nextEpoch(), cp);
        }
      }
    };
    PixelVaeModel whole = PixelVae.fit(f.pixels(), f.shape(), c, keep, null, 4);
    assertEquals(java.util.List.of(4, 8, 9), java.util.List.copyOf(saved.keySet()), "every 4th epoch and the last");
    java.util.List<Integer> ran = new java.util.ArrayList<>();
    PixelVaeModel resumed = PixelVae.fit(f.pixels(), f.shape(), c, new org.latentdyn.train.TrainingListener() {
      @Override
      public void epochStarted(int epoch, int epochs, int steps) {
        ran.add(epoch);
      }
    }, saved.get(4), 0);
    assertEquals(java.util.List.of(4, 5, 6, 7, 8), ran, "only the epochs after the checkpoint run");
    assertArrayEquals(whole.weights()[0], resumed.weights()[0], "best network weights");
    assertArrayEquals(whole.weights()[1], resumed.weights()[1], "best dynamics weights");
    assertEquals(whole.bestElbo(), resumed.bestElbo(), 0);
    assertEquals(whole.bestEpoch(), resumed.bestEpoch());
    assertEquals(9, resumed.history().size());
    for (int e = 0; e < 9; e++) {
      assertEquals(whole.history().get(e).elbo(), resumed.history().get(e).elbo(), 0, "ELBO of epoch " + e);
    }
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PixelVae.fit(f.pixels(),
        f.shape(), c.withWidths(32, 64, 16, 64), null, saved.get(4), 0));
    assertTrue(bad.getMessage().contains("checkpoint does not fit"), bad.getMessage());
  }

  @Test
  void fitRejectsShortSequencesAndBadShapes() {
    PixelRenderer.Frames f = movie(true, 10, 1);
    PixelVaeConfig c = small(VinConfig.Kind.VIN_VV, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PixelVae.fit(f.pixels(), f.shape(), c, null));
    assertTrue(e.getMessage().contains("10 frames, fewer than a window"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PixelVae.fit(f.pixels(), new int[] {1, 10, 28}, c, null));
    assertTrue(e.getMessage().contains("shape"), e.getMessage());
  }

  @Test
  void tinyRunImprovesTheElboIsSeededAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
    PixelRenderer.Frames f = movie(true, 20, 5);
    PixelVaeConfig c = small(VinConfig.Kind.VIN_VV, 9);
    PixelVaeModel a = PixelVae.fit(f.pixels(), f.shape(), c, null);
    PixelVaeModel b = PixelVae.fit(f.pixels(), f.shape(), c, null);
    assertArrayEquals(a.weights()[0], b.weights()[0], "same seed, same network weights");
    assertArrayEquals(a.weights()[1], b.weights()[1], "same seed, same dynamics weights");
    PixelVaeModel other = PixelVae.fit(f.pixels(), f.shape(), c.withSeed(10).withEpochs(2), null);
    assertFalse(Arrays.equals(a.weights()[0], other.weights()[0]));

    List<PixelEpochRecord> h = a.history();
    assertEquals(30, h.size());
    double first = h.get(0).elbo();
    double last = h.subList(25, 30).stream().mapToDouble(PixelEpochRecord::elbo).average().orElseThrow();
    // 10 windows x 11 frames x 784 pixels start near -log 2 per pixel (about -6000 nats per window)
    assertTrue(first < -3000, "initial ELBO " + first);
    assertTrue(last > first + 0.5 * Math.abs(first), "ELBO " + first + " -> " + last);
    double max = h.stream().mapToDouble(PixelEpochRecord::elbo).max().orElseThrow();
    assertEquals(max, a.bestElbo(), 0);
    assertEquals(max, h.get(a.bestEpoch()).elbo(), 0);

    a.save(dir);
    PixelVaeModel loaded = PixelVaeModel.load(dir);
    assertEquals(a.config(), loaded.config());
    assertEquals(a.history(), loaded.history());
    float[] seq = f.pixels();
    double[] z = a.encode(seq);
    assertArrayEquals(z, loaded.encode(seq), 0);
    double[][] roll = a.rollout(z, 30);
    assertEquals(31, roll.length);
    assertEquals(2, roll[0].length);
    assertArrayEquals(z, roll[0], 0);
    double[][] rollLoaded = loaded.rollout(z, 30);
    double[][] dec = a.decode(roll);
    double[][] decLoaded = loaded.decode(rollLoaded);
    for (int t = 0; t <= 30; t++) {
      assertArrayEquals(roll[t], rollLoaded[t], 0);
      assertArrayEquals(dec[t], decLoaded[t], 0);
      assertEquals(784, dec[t].length);
      for (double p : dec[t]) {
        assertTrue(p > 0 && p < 1);
      }
    }

    double[][] diag = a.latentDiagnostics(a.rollout(z, 200));
    assertEquals(201, diag.length);
    assertEquals(Math.hypot(z[0], z[1]), diag[0][0], 1e-12);
    assertEquals(0.5 * z[1] * z[1] + a.potential().energy(new double[] {z[0]}), diag[0][1], 1e-12);
    for (double[] row : diag) {
      assertTrue(Double.isFinite(row[0]) && Double.isFinite(row[1]));
    }

    PixelScores s = a.scores(seq, 20);
    assertEquals(20, s.frames());
    assertEquals(s.rmse() * Math.sqrt(20), s.rmseTotal(), 1e-9);
    assertEquals(s.logLikelihood() * 20, s.logLikelihoodTotal(), 1e-6);
    assertTrue(s.logLikelihood() < 0 && s.rmse() > 0);
    // per pixel -log p >= (1 - p)^2, so the summed log-loss exceeds the summed squared error (spec 5)
    assertTrue(-s.logLikelihoodTotal() > s.rmseTotal() * s.rmseTotal());
    assertEquals(s, loaded.scores(seq, 20));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.scores(seq, 21));
    assertTrue(e.getMessage().contains("horizon = 21"), e.getMessage());
  }

  @Test
  void everyKindAndVariantTrainsAFewEpochs() {
    PixelRenderer.Frames f = movie(false, 13, 2);
    PixelVaeConfig[] configs = {small(VinConfig.Kind.VIN_SV, 1), small(VinConfig.Kind.VIN_SO2, 1).withTimeStep(0.1),
        small(VinConfig.Kind.RESRNN, 1), small(VinConfig.Kind.DVAE, 1),
        small(VinConfig.Kind.VIN_SV, 1).withPerFrameInitialPair(true).withKlAllEncoderOutputs(true),
        small(VinConfig.Kind.VIN_VV, 1).withVelocityPriorStdH(true)};
    for (PixelVaeConfig c : configs) {
      PixelVaeModel m = PixelVae.fit(f.pixels(), f.shape(), c.withEpochs(3), null);
      assertEquals(3, m.history().size());
      PixelScores s = m.scores(f.pixels(), 13);
      assertTrue(Double.isFinite(s.rmse()) && Double.isFinite(s.logLikelihood()), c.label() + " " + s);
    }
  }
}

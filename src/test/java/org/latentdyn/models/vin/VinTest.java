package org.latentdyn.models.vin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.mechanics.PhaseSpaceData;
import org.latentdyn.mechanics.VectorField;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.train.Engine;
import org.latentdyn.train.TrainingDivergedException;

/** Configuration, schedule, reproducibility, persistence and forecasting of the VIN estimator and model. */
class VinTest {
  static VinConfig small(VinConfig.Kind kind, long seed) {
    return VinConfig.defaults(kind, seed).withHidden(32).withEpochs(40);
  }

  @Test
  void configValidatesNamesTheFieldAndRoundTripsThroughJson() throws Exception {
    VinConfig c = VinConfig.defaults(VinConfig.Kind.VIN_SV, 5);
    assertEquals(200, c.hidden());
    assertEquals(0.1, c.timeStep());
    assertEquals(2000, c.epochs());
    assertEquals(1e-3, c.learningRate());
    assertEquals(VinConfig.Unroll.GROW, c.unroll());
    assertFalse(c.learnMass());
    assertEquals(VinConfig.So2Force.GRADIENT, c.so2Force());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withHidden(0));
    assertTrue(e.getMessage().contains("hidden must be >= 1, got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.withTimeStep(-0.1));
    assertTrue(e.getMessage().contains("timeStep"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.withKind(VinConfig.Kind.RESRNN).withLearnMass(true));
    assertTrue(e.getMessage().contains("learnMass"), e.getMessage());
    JsonMapper json = JsonMapper.builder().build();
    VinConfig odd = c.withLearnMass(true).withUnroll(VinConfig.Unroll.FULL).withSo2Force(VinConfig.So2Force.PAPER)
        .withEpochs(5000).withLearningRate(3e-4);
    assertEquals(odd, json.readValue(json.writeValueAsString(odd), VinConfig.class));
    assertEquals(Engine.JAVA, c.engine());
    VinConfig djl = odd.withEngine(Engine.DJL);
    assertEquals(djl, json.readValue(json.writeValueAsString(djl), VinConfig.class));
    // a config saved before the engine field loads with the default engine
    String old = json.writeValueAsString(djl).replace(",\"engine\":\"DJL\"", "");
    assertFalse(old.contains("engine"), old);
    assertEquals(djl.withEngine(Engine.JAVA), json.readValue(old, VinConfig.class));
  }

  @Test
  void growWindowRisesFromFivePointsToTheFullLengthOverHalfTheEpochs() {
    VinConfig c = VinConfig.defaults(VinConfig.Kind.VIN_VV, 1).withEpochs(1000);
    assertEquals(5, c.window(0, 30));
    assertEquals(18, c.window(250, 30)); // 5 + 25 * 0.5 = 17.5, rounded half up
    assertEquals(30, c.window(500, 30));
    assertEquals(30, c.window(999, 30));
    assertEquals(3, c.window(0, 3));
    assertEquals(30, c.withUnroll(VinConfig.Unroll.FULL).window(0, 30));
  }

  @Test
  void sameSeedGivesIdenticalWeightsAndForecastsAndAnotherSeedDoesNot() {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 4, 20, 0.1, 0.1, 3);
    double[][] starts = {{0.5, 0.2}, {-0.3, 0.8}};
    for (VinConfig.Kind k : new VinConfig.Kind[] {VinConfig.Kind.VIN_VV, VinConfig.Kind.VIN_SO2,
        VinConfig.Kind.HNN}) {
      try (VinModel a = Vin.fit(data, small(k, 7)); VinModel b = Vin.fit(data, small(k, 7));
          VinModel c = Vin.fit(data, small(k, 8))) {
        assertArrayEquals(a.weights(), b.weights(), k + ": same seed, same weights");
        assertArrayEquals(a.forecast(starts, 15).values(), b.forecast(starts, 15).values(), k + ": same forecast");
        assertFalse(Arrays.equals(a.weights(), c.weights()), k + ": another seed, other weights");
        assertEquals(40, a.history().size());
        assertTrue(Double.isFinite(a.nll()));
      }
    }
  }

  @Test
  void trainingLowersTheLossAndTheNoiseEstimateAndStartsAtTheFirstObservations() {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 4, 20, 0.1, 0.1, 3);
    VinConfig c = VinConfig.defaults(VinConfig.Kind.VIN_SV, 2).withHidden(32).withEpochs(150)
        .withUnroll(VinConfig.Unroll.FULL);
    try (VinModel m = Vin.fit(data, c)) {
      VinEpochRecord first = m.history().get(0);
      VinEpochRecord last = m.history().get(m.history().size() - 1);
      assertEquals(1.0, first.noiseStd(), 1e-6); // log sigma^2 starts at 0
      assertTrue(last.nll() < first.nll() - 0.1, first.nll() + " -> " + last.nll());
      assertTrue(m.noiseStd() < 0.95, "noise std " + m.noiseStd());
      double[][] x0 = m.initialStates();
      assertEquals(4, x0.length);
      // 150 Adam steps of lr 1e-3 move each start by at most about 0.15 from the first observation
      assertEquals(data.observations().get(1, 0, 0), x0[1][0], 0.2);
    }
  }

  @Test
  void fitBestKeepsTheLowestTrainingNll() {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 3, 15, 0.1, 0.1, 4);
    VinConfig c = small(VinConfig.Kind.VIN_VV, 2);
    double nll20;
    double nll80;
    try (VinModel a = Vin.fit(data.observations(), null, c.withEpochs(20), null);
        VinModel b = Vin.fit(data.observations(), null, c.withEpochs(80), null)) {
      nll20 = a.nll();
      nll80 = b.nll();
    }
    try (VinModel best = Vin.fitBest(data.observations(), null, c, new int[] {20, 80}, null)) {
      assertEquals(Math.min(nll20, nll80), best.nll());
      assertEquals(nll80 < nll20 ? 80 : 20, best.config().epochs());
    }
    assertThrows(IllegalArgumentException.class, () -> Vin.fitBest(data.observations(), null, c, new int[0], null));
  }

  @Test
  void saveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 3, 15, 0.1, 0.1, 4);
    double[][] starts = {{0.7, -0.1}};
    try (VinModel m = Vin.fit(data, small(VinConfig.Kind.VIN_VV, 1).withLearnMass(true))) {
      m.save(dir);
      try (VinModel r = VinModel.load(dir)) {
        assertEquals(m.config(), r.config());
        assertArrayEquals(m.weights(), r.weights());
        assertEquals(m.history(), r.history());
        assertEquals(m.nll(), r.nll());
        assertEquals(m.noiseStd(), r.noiseStd());
        assertArrayEquals(m.forecast(starts, 20).values(), r.forecast(starts, 20).values());
        assertEquals(m.inverseMass().get(0, 0), r.inverseMass().get(0, 0));
      }
      // a model saved before VinConfig had an engine loads with the default
      Path config = dir.resolve("config.json");
      String text = Files.readString(config);
      assertTrue(text.contains("\"engine\""), text);
      Files.writeString(config, text.replaceAll(",\\s*\"engine\"\\s*:\\s*\"[A-Z]+\"", ""));
      assertFalse(Files.readString(config).contains("engine"));
      try (VinModel r = VinModel.load(dir)) {
        assertEquals(Engine.JAVA, r.config().engine());
        assertEquals(m.config(), r.config());
        assertArrayEquals(m.weights(), r.weights());
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VinModel.load(dir.resolve("no")));
    assertTrue(e.getMessage().contains("config.json"), e.getMessage());
  }

  @Test
  void dormandPrinceForecastOfAKnownFieldIsAccurate() {
    // the true spring field: q(t) = q0 cos t + p0 sin t, p(t) = p0 cos t - q0 sin t
    VectorField spring = new VectorField() {
      @Override
      public int width() {
        return 2;
      }

      @Override
      public void evaluate(double[] x, double[] out) {
        out[0] = x[1];
        out[1] = -x[0];
      }
    };
    double[][] starts = {{1, 0}, {0.3, -0.8}};
    PhaseSpaceArray f = VinModel.integrate(spring, starts, 100, 0.1);
    double worst = 0;
    for (int n = 0; n < 2; n++) {
      for (int k = 0; k <= 100; k++) {
        double t = 0.1 * k;
        double q = starts[n][0] * Math.cos(t) + starts[n][1] * Math.sin(t);
        double p = starts[n][1] * Math.cos(t) - starts[n][0] * Math.sin(t);
        worst = Math.max(worst, Math.max(Math.abs(f.get(n, k, 0) - q), Math.abs(f.get(n, k, 1) - p)));
      }
    }
    assertTrue(worst < 1e-7, "RK45 error over 10 s " + worst);
  }

  @Test
  void exportsMatchTheKind() {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 2, 10, 0.1, 0.1, 4);
    try (VinModel nn = Vin.fit(data, small(VinConfig.Kind.NN, 1).withEpochs(3));
        VinModel so2 = Vin.fit(data, small(VinConfig.Kind.VIN_SO2, 1).withEpochs(3)
            .withSo2Force(VinConfig.So2Force.PAPER))) {
      assertThrows(IllegalStateException.class, nn::potential);
      assertThrows(IllegalStateException.class, so2::potential);
      assertEquals(1, so2.so2Force().dim());
      assertEquals(0, nn.trajectories());
      assertEquals(2, nn.forecast(new double[][] {{0.1, 0.2}}, 5).width());
    }
  }

  @Test
  void liveNativeArraysStayFlatOverTrainingSteps() {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 3, 12, 0.1, 0.1, 4);
    for (VinConfig.Kind k : new VinConfig.Kind[] {VinConfig.Kind.VIN_SV, VinConfig.Kind.HNN}) {
      VinConfig c = small(k, 1).withLearnMass(k.verlet());
      VinLayout l = new VinLayout(c, 1, 3);
      try (Vin.Trainer t = new Vin.Trainer(c, l, l.initialise(1, k.rolledOut() ? VinNetworksTest.firstPoints(
          data.observations()) : null), data.observations(), data.derivatives())) {
        for (int i = 0; i < 5; i++) {
          t.step(i);
        }
        int before = NeuralEngine.liveArrays();
        for (int i = 5; i < 60; i++) {
          t.step(i);
        }
        t.evaluate();
        assertEquals(before, NeuralEngine.liveArrays(), k + ": live arrays after 55 more steps");
      }
    }
  }

  @Test
  void badInputIsRefusedAndDivergenceIsReported() {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 2, 10, 0.1, 0.1, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vin.fit(data.observations(), null, small(VinConfig.Kind.HNN, 1), null));
    assertTrue(e.getMessage().contains("derivatives"), e.getMessage());
    PhaseSpaceArray huge = PhaseSpaceArray.zeros(2, 10, 2);
    for (int n = 0; n < 2; n++) {
      for (int t = 1; t < 10; t++) {
        huge.set(n, t, 0, 1e200); // far from the start: the squared residual overflows float32 and float64
      }
    }
    for (Engine engine : Engine.values()) {
      TrainingDivergedException d = assertThrows(TrainingDivergedException.class,
          () -> Vin.fit(huge, null, small(VinConfig.Kind.RESRNN, 1).withEngine(engine), null));
      assertEquals(0, d.epoch(), engine.toString());
    }
  }
}

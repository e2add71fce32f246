package org.latentdyn.models.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.dynamics.ThreeWellDataset;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingDivergedException;
import org.latentdyn.train.TrainingListener;

/** The three baselines estimator -> model: reproducibility, save/load, learning on three-well data, bad configs. */
class BaselinesTest {
  static final Trajectory X = ThreeWellDataset.generate(3000, 11).observations();
  static final Dataset DATA = Dataset.of(X);

  static Stream<BaselineConfig> configs() {
    return Stream.of(BetaVaeConfig.defaults(3).withEpochs(4).withBatchSize(64),
        SwaeConfig.defaults(3).withEpochs(4).withBatchSize(64),
        SdeVaeConfig.defaults(3).withEpochs(4).withBatchSize(64));
  }

  @TempDir
  Path tmp;

  @ParameterizedTest
  @MethodSource("configs")
  void trainsWithoutNanReducesReconstructionAndReproduces(BaselineConfig c) throws IOException {
    float[] z;
    try (BaselineModel a = Baselines.fit(DATA, c, TrainingListener.NONE);
        BaselineModel b = Baselines.fit(DATA, c, TrainingListener.NONE)) {
      List<EpochRecord> h = a.history();
      assertEquals(4, h.size());
      for (EpochRecord r : h) {
        assertTrue(Double.isFinite(r.reconstruction()) && Double.isFinite(r.validationReconstruction())
            && Double.isFinite(r.regulariser()) && Double.isFinite(r.prior()), r.toString());
      }
      assertTrue(h.get(3).reconstruction() < 0.8 * h.get(0).reconstruction(),
          c.modelName() + " reconstruction " + h.get(0).reconstruction() + " -> " + h.get(3).reconstruction());
      assertTrue(h.get(3).validationReconstruction() < h.get(0).validationReconstruction());
      z = a.encode(X).toArray();
      assertEquals(X.frames() * c.latentDim(), z.length);
      assertArrayEquals(z, b.encode(X).toArray(), "same seed, same latent");
      Trajectory back = a.decode(a.encode(X));
      assertEquals(X.features(), back.features());
      a.save(tmp.resolve(c.modelName()));
    }
    try (BaselineModel loaded = BaselineModel.load(tmp.resolve(c.modelName()))) {
      assertArrayEquals(z, loaded.encode(X).toArray(), "reload encodes bit-identically");
      assertEquals(c, loaded.config());
      assertEquals(c.modelName(), loaded.modelName());
      assertEquals(4, loaded.history().size());
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void resumedRunEqualsUninterruptedRun(BaselineConfig c) {
    List<Checkpoint> checkpoints = new ArrayList<>();
    float[] full;
    try (BaselineModel m = Baselines.fit(DATA, c, new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r, Checkpoint cp) {
        checkpoints.add(cp);
      }
    })) {
      full = m.encode(X).toArray();
    }
    assertEquals(4, checkpoints.size());
    try (BaselineModel resumed = Baselines.fit(DATA, c, TrainingListener.NONE, checkpoints.get(1))) {
      assertArrayEquals(full, resumed.encode(X).toArray(), c.modelName() + ": resumed after epoch 2");
      assertEquals(4, resumed.history().size());
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aDivergingRunRollsBackThreeTimesThenStops(BaselineConfig c) {
    // a learning rate of 1e9 overflows within the first epoch, every time
    BaselineConfig wild = switch (c.modelName()) {
      case "betavae" -> new BetaVaeConfig(2, 32, 3, 1, 1e9, 64, 3, 0.2, 1, null, null, null);
      case "swae" -> new SwaeConfig(2, 32, 3, 10, 50, 1e9, 64, 3, 0.2, 1, null, null, null);
      default -> new SdeVaeConfig(2, 32, 3, 32, 1, 0.0065, 1e9, 64, 3, 1, 0.2, 1, null, null, null);
    };
    List<Double> scales = new ArrayList<>();
    TrainingListener record = new TrainingListener() {
      @Override
      public void recovered(int epoch, String message, double learningRateScale) {
        scales.add(learningRateScale);
      }
    };
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Baselines.fit(DATA, wild, record));
    assertEquals(List.of(0.5, 0.25, 0.125), scales, "three roll-backs, each halving the learning rate");
    assertTrue(e.getMessage().startsWith("training diverged: "), e.getMessage());
  }

  @Test
  void anotherSeedDiffersAndSdeVaeHasAForce() {
    SdeVaeConfig c = SdeVaeConfig.defaults(3).withEpochs(1).withBatchSize(128);
    try (BaselineModel a = Baselines.fit(DATA, c, TrainingListener.NONE);
        BaselineModel b = Baselines.fit(DATA, c.withSeed(4), TrainingListener.NONE)) {
      assertFalse(Arrays.equals(a.encode(X).toArray(), b.encode(X).toArray()));
      Trajectory z = a.encode(X.slice(0, 10));
      assertEquals(2, a.force(z).features());
    }
    try (BaselineModel s = Baselines.fit(DATA, SwaeConfig.defaults(3).withEpochs(1), TrainingListener.NONE)) {
      assertThrows(UnsupportedOperationException.class, () -> s.force(s.encode(X.slice(0, 2))));
    }
  }

  @Test
  void overflowingLossIsReportedAsDivergence() {
    float[] huge = new float[200 * 2];
    Arrays.fill(huge, 1e25f); // the network output overflows float: NaN or infinity
    Dataset bad = Dataset.of(Trajectory.wrap(huge, 200, 2));
    org.latentdyn.train.TrainingDivergedException e = assertThrows(org.latentdyn.train.TrainingDivergedException.class,
        () -> Baselines.fit(bad, BetaVaeConfig.defaults(1).withEpochs(1).withBatchSize(16), TrainingListener.NONE));
    assertTrue(e.getMessage().contains("reconstruction loss = ") && e.getMessage().contains("at epoch 0, step 0"), e.getMessage());
    assertEquals(0, e.epoch());
  }

  @Test
  void configsRoundTripThroughJson() throws IOException {
    ObjectMapper json = JsonMapper.builder().build();
    for (BaselineConfig c : configs().toList()) {
      assertEquals(c, json.readValue(json.writeValueAsString(c), c.getClass()));
    }
  }

  @Test
  void badValuesAreRejectedWithTheirName() {
    assertEquals("latentDim must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> BetaVaeConfig.defaults(1).withLatentDim(0)).getMessage());
    assertEquals("beta must be a finite number >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> SwaeConfig.defaults(1).withBeta(-1)).getMessage());
    assertEquals("batchSize must be >= 2, got 1",
        assertThrows(IllegalArgumentException.class, () -> SwaeConfig.defaults(1).withBatchSize(1)).getMessage());
    assertEquals("nu must be a finite number > 0, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> SdeVaeConfig.defaults(1).withNu(0)).getMessage());
    assertEquals("lag must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> SdeVaeConfig.defaults(1).withLag(0)).getMessage());
    assertEquals("projections must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new SwaeConfig(2, 32, 3, 1, 0, 1e-3, 256, 1, 0.2, 1, null, null, null)).getMessage());
    assertEquals("validationFraction must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
        () -> new BetaVaeConfig(2, 32, 3, 1, 1e-3, 256, 1, 1.0, 1, null, null, null)).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Baselines.fit(DATA, BetaVaeConfig.defaults(1).withLatentDim(X.features() + 1), TrainingListener.NONE));
  }
}

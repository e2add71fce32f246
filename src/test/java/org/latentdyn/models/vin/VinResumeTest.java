package org.latentdyn.models.vin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.PhaseSpaceData;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.Engine;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/** A phase-space VIN run continued from a checkpoint ends where the uninterrupted run ends, bit for bit. */
class VinResumeTest {
  @TempDir
  Path dir;

  private static TrainingListener collecting(List<Checkpoint> into) {
    return new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r, Checkpoint c) {
        if (c != null) {
          into.add(c);
        }
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void resumedRunEqualsTheUninterruptedOne(Engine engine) throws Exception {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 3, 15, 0.1, 0.1, 4);
    // the GROW window changes during these epochs, so the resumed part must restore the schedule as well
    VinConfig c = VinTest.small(VinConfig.Kind.VIN_VV, 2).withEpochs(30).withEngine(engine);
    List<Checkpoint> saved = new ArrayList<>();
    try (VinModel full = Vin.fit(data.observations(), null, c, collecting(saved), null, 10)) {
      assertEquals(2, saved.size(), "checkpoints after epochs 10 and 20, none after the last");
      assertEquals(10, saved.get(0).nextEpoch());
      assertEquals(10, saved.get(0).history().size());
      // through the store, as train writes and reads it (doubles stay float64)
      CheckpointStore store = new CheckpointStore(dir.resolve("checkpoint"));
      store.write(saved.get(0), Map.of("model", "vin-vv"));
      Checkpoint back = store.read();
      List<Checkpoint> again = new ArrayList<>();
      try (VinModel resumed = Vin.fit(data.observations(), null, c, collecting(again), back, 10)) {
        assertArrayEquals(full.weights(), resumed.weights(), "weights");
        assertEquals(full.nll(), resumed.nll(), 0.0, "final nll");
        assertEquals(full.history().size(), resumed.history().size());
        for (int e = 0; e < full.history().size(); e++) {
          VinEpochRecord a = full.history().get(e);
          VinEpochRecord b = resumed.history().get(e);
          assertEquals(a.nll(), b.nll(), 0.0, "nll of epoch " + e);
          assertEquals(a.noiseStd(), b.noiseStd(), 0.0, "noise std of epoch " + e);
          assertEquals(a.window(), b.window(), "window of epoch " + e);
        }
      }
      assertEquals(1, again.size(), "the resumed run checkpoints after epoch 20 only");
      assertEquals(20, again.get(0).nextEpoch());
      if (engine == Engine.JAVA) {
        assertArrayEquals(saved.get(1).doubles().get("params"), again.get(0).doubles().get("params"));
      } else {
        assertArrayEquals(saved.get(1).vectors().get("params"), again.get(0).vectors().get("params"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void checkpointOfAnotherEngineOrLengthIsRefused(Engine engine) {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 2, 10, 0.1, 0.1, 4);
    VinConfig c = VinTest.small(VinConfig.Kind.VIN_SV, 1).withEpochs(6).withEngine(engine);
    List<Checkpoint> saved = new ArrayList<>();
    Vin.fit(data.observations(), null, c, collecting(saved), null, 3).close();
    Engine other = engine == Engine.JAVA ? Engine.DJL : Engine.JAVA;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vin.fit(data.observations(),
        null, c.withEngine(other), TrainingListener.NONE, saved.get(0), 3));
    assertEquals(true, e.getMessage().contains("another engine or model"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Vin.fit(data.observations(), null, c.withEpochs(3),
        TrainingListener.NONE, saved.get(0), 3), "a checkpoint at epoch 3 does not continue a 3-epoch run");
    List<Checkpoint> none = new ArrayList<>();
    Vin.fit(data.observations(), null, c, collecting(none), null, 0).close();
    assertEquals(List.of(), none, "no checkpoints when checkpointEvery is 0");
  }
}

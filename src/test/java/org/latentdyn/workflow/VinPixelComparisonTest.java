package org.latentdyn.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.models.vin.PixelVae;
import org.latentdyn.models.vin.PixelVaeConfig;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/** A pixel comparison stopped in the middle of a run continues from its checkpoint to the uninterrupted result. */
class VinPixelComparisonTest {
  @TempDir
  Path tmp;

  @Test
  void aRunStoppedMidwayContinuesFromItsCheckpoint() throws IOException {
    VinPixelComparison.Options o = new VinPixelComparison.Options("pendulum", List.of("vin-vv"), 1, 6, 12);
    VinPixelComparison.Run whole = VinPixelComparison.run(o, tmp.resolve("a"), line -> { }).runs().get(0);

    // what a comparison stopped after epoch 4 leaves behind: the checkpoint, no result
    Path cut = tmp.resolve("b");
    PixelVaeConfig config = VinPixelComparison.config(o, "vin-vv", 1);
    VinPixels.Frames y = VinPixelComparison.frames("pendulum", 1, VinPixelComparison.FRAMES);
    List<Checkpoint> saved = new ArrayList<>();
    PixelVae.fit(y.values(), y.shape(), config, new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r, Checkpoint c) {
        if (c != null) {
          saved.add(c);
        }
      }
    }, null, 4).close();
    Path run = VinPixelComparison.runDir(cut, "vin-vv", 1);
    new CheckpointStore(run.resolve("checkpoint")).write(saved.get(0),
        VinPixelComparison.checkpointDescription(config, o));

    List<String> log = new ArrayList<>();
    VinPixelComparison.Result r = VinPixelComparison.run(o, cut, log::add);
    assertTrue(log.get(0).contains("vin-vv seed 1: continues from its checkpoint at epoch 5 of 6"), log.toString());
    VinPixelComparison.Run resumed = r.runs().get(0);
    assertEquals(whole.rmse(), resumed.rmse(), 0.0);
    assertEquals(whole.logLik(), resumed.logLik(), 0.0);
    assertEquals(whole.bestElbo(), resumed.bestElbo(), 0.0);
    assertEquals(whole.bestEpoch(), resumed.bestEpoch());
    assertFalse(Files.exists(run.resolve("checkpoint")), "the checkpoint goes once the result is written");
  }
}

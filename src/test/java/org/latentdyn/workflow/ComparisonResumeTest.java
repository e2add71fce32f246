package org.latentdyn.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.FrameStore;
import org.latentdyn.dynamics.ThreeWellDataset;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/** A comparison run interrupted after an epoch continues from its checkpoint to the uninterrupted numbers. */
class ComparisonResumeTest {
  @TempDir
  Path tmp;

  @Test
  void anInterruptedRunContinuesFromItsCheckpoint() throws IOException {
    ThreeWellDataset d = ThreeWellDataset.generate(1500, 9);
    FrameStore data = FrameStore.of(d.observations());
    Comparison.Options o = new Comparison.Options(List.of("dynae", "sdevae"), Map.of(), 1, 3, 2, 1);
    Comparison.Result whole = Comparison.run(data, d.truth(), o, tmp.resolve("a"), Comparison.Progress.NONE);

    // what an interrupted comparison leaves: each run's checkpoint after its first epoch, and no result
    Path cut = tmp.resolve("b");
    for (String model : o.models()) {
      double beta = o.betasOf(model).get(0);
      Path runDir = cut.resolve("runs").resolve(Comparison.runName(model, beta, 1));
      Object config = model.equals("dynae") ? o.networks().apply(DynaeConfig.defaults(1).withBeta(beta)
          .withEpochs(3).withLatentDim(2)) : Comparison.baselineConfig(model, beta, 1, o);
      List<Checkpoint> checkpoints = new ArrayList<>();
      TrainingListener keep = new TrainingListener() {
        @Override
        public void epochFinished(EpochRecord r, Checkpoint c) {
          checkpoints.add(c);
        }
      };
      if (config instanceof DynaeConfig c) {
        DynaeRun.run(data, d.truth(), c, keep, null).model().close();
      } else {
        BaselineRun.run(data, d.truth(), (org.latentdyn.models.baselines.BaselineConfig) config, keep, null).model()
            .close();
      }
      new CheckpointStore(runDir.resolve("checkpoint")).write(checkpoints.get(0),
          Comparison.checkpointDescription(model, config, data));
    }
    List<String> resumed = new ArrayList<>();
    Comparison.Result again = Comparison.run(data, d.truth(), o, cut, new Comparison.Progress() {
      @Override
      public void resumed(String name, int epoch) {
        resumed.add(name + "@" + epoch);
      }
    });
    assertEquals(List.of("dynae-beta10-seed1@1", "sdevae-beta1-seed1@1"), resumed);
    assertEquals(2, again.trained());
    for (int k = 0; k < 2; k++) {
      Comparison.Run a = whole.runs().get(k);
      Comparison.Run b = again.runs().get(k);
      assertEquals(a.model(), b.model());
      assertEquals(a.lz(), b.lz(), 0.0, a.model() + ": L_z of the resumed run");
      assertEquals(a.reconstruction(), b.reconstruction(), 0.0);
      Path runDir = cut.resolve("runs").resolve(Comparison.runName(a.model(), a.beta(), 1));
      assertFalse(Files.exists(runDir.resolve("checkpoint")), "the checkpoint goes once the result is written");
      assertTrue(Files.isRegularFile(runDir.resolve("result.json")));
    }
  }
  @Test
  void aFinishedRunIsReusedOnlyWithTheSettingsItWasTrainedWith() throws IOException {
    ThreeWellDataset d = ThreeWellDataset.generate(1200, 4);
    FrameStore data = FrameStore.of(d.observations());
    Comparison.Options o = new Comparison.Options(List.of("dynae", "swae"), Map.of(), 1, 2, 2, 1);
    Path dir = tmp.resolve("c");
    Comparison.Result first = Comparison.run(data, d.truth(), o, dir, Comparison.Progress.NONE);
    assertEquals(2, first.trained());
    Path dynae = dir.resolve("runs").resolve(Comparison.runName("dynae", 10, 1));
    assertTrue(Files.isRegularFile(dynae.resolve("settings.json")));
    assertEquals(0, Comparison.run(data, d.truth(), o, dir, Comparison.Progress.NONE).trained(), "same settings");

    // other settings (one more epoch) for the same run names: both are trained again, and said so
    Comparison.Options longer = new Comparison.Options(List.of("dynae", "swae"), Map.of(), 1, 3, 2, 1);
    List<String> retrained = new ArrayList<>();
    Comparison.Result again = Comparison.run(data, d.truth(), longer, dir, new Comparison.Progress() {
      @Override
      public void retrained(String name) {
        retrained.add(name);
      }
    });
    assertEquals(List.of("dynae-beta10-seed1", "swae-beta10-seed1"), retrained);
    assertEquals(2, again.trained());
    Comparison.Result direct = Comparison.run(data, d.truth(), longer, tmp.resolve("d"), Comparison.Progress.NONE);
    assertEquals(direct.runs().get(0).lz(), again.runs().get(0).lz(), 0.0, "the retrained run is a fresh 3-epoch run");

    // a result from before settings were recorded is reused as it is
    Files.delete(dynae.resolve("settings.json"));
    assertEquals(1, Comparison.run(data, d.truth(), o, dir, Comparison.Progress.NONE).trained(),
        "only the run with recorded (other) settings retrains");
  }
}

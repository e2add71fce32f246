package org.latentdyn.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.dynamics.MarkovChainBenchmark;

/** An NLD comparison cut short after an epoch continues from its checkpoint to the uninterrupted result. */
class NldComparisonTest {
  @TempDir
  Path tmp;

  @Test
  void aRunCutAfterAnEpochResumesFromItsCheckpoint() throws IOException {
    int n = 140;
    int nTest = 2;
    int len = 40;
    float[] train = new float[n * len * 15];
    float[] test = new float[nTest * len * 15];
    int[] states = new int[nTest * len];
    MarkovChainBenchmark.generate(MarkovChainBenchmark.Options.defaults(4).withTrainSequences(n)
        .withTestSequences(nTest).withLength(len), (i, s, x) -> System.arraycopy(x, 0, train, i * x.length, x.length),
        (i, s, x) -> {
          System.arraycopy(x, 0, test, i * x.length, x.length);
          System.arraycopy(s, 0, states, i * s.length, s.length);
        });
    int[] trainShape = {n, len, 15};
    int[] testShape = {nTest, len, 15};
    NldComparison.Options o = new NldComparison.Options(List.of("nld-overdamped"), 1, 2,
        new NldAnalysis.Options(nTest, 30, 3, 0));
    NldComparison.Run whole = NldComparison.run(train, trainShape, test, testShape, states, o, tmp.resolve("a"),
        line -> { }).runs().get(0);

    Path cut = tmp.resolve("b");
    RuntimeException crash = assertThrows(RuntimeException.class, () -> NldComparison.run(train, trainShape, test,
        testShape, states, o, cut, line -> {
          if (line.contains("epoch 1/2")) {
            throw new IllegalStateException("killed");
          }
        }));
    assertEquals("killed", crash.getMessage());
    Path run = cut.resolve("runs/nld-overdamped-seed1");
    assertTrue(Files.isRegularFile(run.resolve("checkpoint/state.json")));
    assertFalse(Files.exists(run.resolve("result.json")));
    List<String> log = new ArrayList<>();
    NldComparison.Result resumed = NldComparison.run(train, trainShape, test, testShape, states, o, cut, log::add);
    assertTrue(log.get(0).contains("resuming at epoch 2 of 2"), log.toString());
    assertEquals(1, resumed.trained());
    NldComparison.Run r = resumed.runs().get(0);
    assertEquals(whole.beta(), r.beta(), 0.0, "beta of the resumed run");
    assertEquals(whole.c(), r.c(), 0.0);
    assertEquals(whole.wellsFound(), r.wellsFound());
    assertEquals(whole.accuracy(), r.accuracy(), 0.0);
    assertEquals(whole.l1Second(), r.l1Second(), 0.0);
    assertFalse(Files.exists(run.resolve("checkpoint")), "the checkpoint is removed with the result written");
  }
}

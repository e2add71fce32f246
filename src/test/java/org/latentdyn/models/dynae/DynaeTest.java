package org.latentdyn.models.dynae;

import org.latentdyn.train.Engine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.dynamics.ThreeWellDataset;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/** DynAE estimator -> model: reproducibility, save/load, resume, bad input, native-memory discipline. */
class DynaeTest {
  static final ThreeWellDataset DATA = ThreeWellDataset.generate(3000, 11);
  static final DynaeConfig SMALL = DynaeConfig.defaults(5).withEpochs(3).withBatchSize(64);

  @TempDir
  Path tmp;

  @Test
  void sameSeedSameLatentAndReloadEncodesBitIdentically() throws IOException {
    Dataset d = Dataset.of(DATA.observations());
    float[] z1;
    try (DynaeModel a = Dynae.fit(d, SMALL, TrainingListener.NONE);
        DynaeModel b = Dynae.fit(d, SMALL, TrainingListener.NONE)) {
      z1 = a.encode(DATA.observations()).toArray();
      assertArrayEquals(z1, b.encode(DATA.observations()).toArray());
      assertEquals(3, a.history().size());
      a.save(tmp.resolve("model"));
    }
    try (DynaeModel loaded = DynaeModel.load(tmp.resolve("model"))) {
      assertArrayEquals(z1, loaded.encode(DATA.observations()).toArray());
      assertEquals(SMALL, loaded.config());
      assertEquals(3, loaded.history().size());
    }
    try (DynaeModel other = Dynae.fit(d, SMALL.withSeed(6), TrainingListener.NONE)) {
      assertTrue(!java.util.Arrays.equals(z1, other.encode(DATA.observations()).toArray()), "another seed differs");
    }
  }

  @Test
  void resumedRunEqualsUninterruptedRun() {
    Dataset d = Dataset.of(DATA.observations());
    List<Checkpoint> checkpoints = new ArrayList<>();
    float[] full;
    try (DynaeModel m = Dynae.fit(d, SMALL, new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r, Checkpoint c) {
        checkpoints.add(c);
      }
    })) {
      full = m.encode(DATA.observations()).toArray();
    }
    try (DynaeModel resumed = Dynae.fit(d, SMALL, TrainingListener.NONE, checkpoints.get(1))) {
      assertArrayEquals(full, resumed.encode(DATA.observations()).toArray());
      assertEquals(3, resumed.history().size());
    }
  }

  @Test
  void uniformReconstructionIsReproducibleResumableAndSaved() throws IOException {
    Dataset d = Dataset.of(DATA.observations());
    DynaeConfig c = SMALL.withUniformReconstruction(true);
    List<Checkpoint> checkpoints = new ArrayList<>();
    float[] full;
    try (DynaeModel m = Dynae.fit(d, c, new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r, Checkpoint cp) {
        checkpoints.add(cp);
      }
    });
        DynaeModel plain = Dynae.fit(d, SMALL, TrainingListener.NONE)) {
      full = m.encode(DATA.observations()).toArray();
      // the warm-up epoch is the same; the binned epochs reconstruct other frames
      assertEquals(plain.history().get(0).reconstruction(), m.history().get(0).reconstruction(), 1e-12);
      assertTrue(!java.util.Arrays.equals(full, plain.encode(DATA.observations()).toArray()));
      m.save(tmp.resolve("uniform"));
    }
    try (DynaeModel again = Dynae.fit(d, c, TrainingListener.NONE);
        DynaeModel resumed = Dynae.fit(d, c, TrainingListener.NONE, checkpoints.get(1));
        DynaeModel loaded = DynaeModel.load(tmp.resolve("uniform"))) {
      assertArrayEquals(full, again.encode(DATA.observations()).toArray());
      assertArrayEquals(full, resumed.encode(DATA.observations()).toArray());
      assertEquals(c, loaded.config());
    }
  }

  @Test
  void fittedFieldsHaveTheRightShapesAndPositiveDiffusion() {
    try (DynaeModel m = Dynae.fit(Dataset.of(DATA.observations()), SMALL, TrainingListener.NONE)) {
      Trajectory z = m.encode(DATA.observations());
      Trajectory mz = m.diffusion(z);
      assertEquals(2, m.force(z).features());
      for (float v : mz.view()) {
        assertTrue(v > 0);
      }
      assertEquals(DATA.observations().features(), m.decode(z).features());
      assertEquals(z.frames(), m.diffusionDivergence(z).frames());
    }
  }

  @Test
  void badInputNamesTheValue() {
    Dataset d = Dataset.of(DATA.observations());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dynae.fit(d, SMALL.withLatentDim(3), TrainingListener.NONE));
    assertTrue(e.getMessage().contains("latentDim 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Dynae.fit(Dataset.of(DATA.observations().slice(0, 10)),
        SMALL.withLag(20), TrainingListener.NONE));
    assertTrue(e.getMessage().contains("lag 20"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Dynae.fit(d, SMALL.withDMin(1e-4), TrainingListener.NONE));
    assertTrue(e.getMessage().contains("dMin = 1.0E-4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SMALL.withLatentDim(0));
    assertTrue(e.getMessage().contains("latentDim must be >= 1, got 0"), e.getMessage());
  }

  @Test
  void aDivergingRunStopsWithAClearMessage() {
    DynaeConfig wild = new DynaeConfig(2, 32, 3, 32, 10, 5, 200, 2, 64, 50, 1e9, 1e9, 1e9, 3, 1, 0.2, false, 1,
        Engine.JAVA, false, null, null);
    List<Double> scales = new ArrayList<>();
    TrainingListener record = new TrainingListener() {
      @Override
      public void recovered(int epoch, String message, double learningRateScale) {
        scales.add(learningRateScale);
      }
    };
    org.latentdyn.train.TrainingDivergedException e = assertThrows(org.latentdyn.train.TrainingDivergedException.class,
        () -> Dynae.fit(Dataset.of(DATA.observations()), wild, record));
    assertEquals(List.of(0.5, 0.25, 0.125), scales, "three roll-backs, each halving the learning rates");
    assertTrue(e.getMessage().startsWith("training diverged: "), e.getMessage());
    assertTrue(e.getMessage().contains("epoch"), e.getMessage());
  }

  /**
   * Resident memory outside the Java heap, in KiB: VmRSS from /proc minus the committed heap (0 where there is
   * no /proc). The heap itself grows and shrinks with garbage collection; what must stay flat is native memory.
   */
  static long residentKib() {
    return residentTotalKib() == 0 ? 0 : residentTotalKib() - Runtime.getRuntime().totalMemory() / 1024;
  }

  static long residentTotalKib() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  @Test
  void liveNativeArraysStayFlatOverThousandsOfSteps() {
    ThreeWellDataset data = ThreeWellDataset.generate(20_000, 3);
    DynaeConfig cfg = DynaeConfig.defaults(1).withEpochs(3).withBatchSize(16).withEngine(Engine.DJL);
    int[] counts = new int[2];
    long[] rss = new long[2];
    int[] steps = {0};
    try (DynaeModel m = Dynae.fit(Dataset.of(data.observations()), cfg, new TrainingListener() {
      @Override
      public void stepFinished(int epoch, int step, double a, double b, double c) {
        steps[0]++;
        if (steps[0] == 500) {
          counts[0] = NeuralEngine.liveArrays();
          rss[0] = residentKib();
        }
        counts[1] = NeuralEngine.liveArrays();
        rss[1] = residentKib();
      }
    })) {
      assertTrue(steps[0] > 2500, "steps: " + steps[0]);
      assertEquals(counts[0], counts[1], "live arrays after step 500 and after step " + steps[0]);
      if (rss[0] > 0) {
        // native memory may not grow by more than 64 MiB over the remaining ~2500 steps
        assertTrue(rss[1] - rss[0] < 64 * 1024, "resident memory grew from " + rss[0] + " to " + rss[1] + " KiB");
      }
    }
  }

  @Test
  void learnedLangevinFieldsMatchTheModel() {
    try (DynaeModel m = Dynae.fit(Dataset.of(DATA.observations()), SMALL, TrainingListener.NONE)) {
      Trajectory z = m.encode(DATA.observations().slice(0, 200));
      float[] f = m.force(z).toArray();
      float[] mm = m.diffusion(z).toArray();
      float[] div = m.diffusionDivergence(z).toArray();
      LearnedLangevin l = m.langevin();
      double[] x = new double[2];
      double[] out = new double[2];
      double worst = 0;
      for (int i = 0; i < z.frames(); i++) {
        x[0] = z.get(i, 0);
        x[1] = z.get(i, 1);
        l.force(x, out);
        worst = Math.max(worst, Math.max(Math.abs(out[0] - f[2 * i]), Math.abs(out[1] - f[2 * i + 1])));
        l.diffusion(x, out);
        worst = Math.max(worst, Math.max(Math.abs(out[0] - mm[2 * i]), Math.abs(out[1] - mm[2 * i + 1])));
        l.divergence(x, out);
        worst = Math.max(worst, Math.max(Math.abs(out[0] - div[2 * i]), Math.abs(out[1] - div[2 * i + 1])));
      }
      assertTrue(worst < 1e-4, "plain-Java fields vs the model's, worst difference " + worst);
    }
  }

  @Test
  void standardisedTrainingDoesNotDependOnTheDataUnitsAndSurvivesSaveLoad() throws IOException {
    Trajectory x = DATA.observations();
    float[] v = x.toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.01f * v[i] + 3f; // the same data in other units, shifted
    }
    Trajectory y = Trajectory.wrap(v, x.frames(), x.features());
    DynaeConfig c = SMALL.withEpochs(1).withStandardize(true);
    try (DynaeModel a = Dynae.fit(Dataset.of(x), c, TrainingListener.NONE);
        DynaeModel b = Dynae.fit(Dataset.of(y), c, TrainingListener.NONE)) {
      float[] za = a.encode(x).toArray();
      float[] zb = b.encode(y).toArray();
      double diff = 0;
      for (int i = 0; i < za.length; i++) {
        diff = Math.max(diff, Math.abs(za[i] - zb[i]));
      }
      assertTrue(diff < 1e-3, "latents of the same data in other units differ by " + diff);
      assertEquals(0.01 * a.input().scale(), b.input().scale(), 1e-6 * b.input().scale());
      // decode returns the data's own units
      Trajectory back = b.decode(b.encode(y.slice(0, 50)));
      assertEquals(3.0, back.get(0, 0), 0.1);
      b.save(tmp.resolve("std"));
      try (DynaeModel loaded = DynaeModel.load(tmp.resolve("std"))) {
        assertArrayEquals(zb, loaded.encode(y).toArray(), "the loaded model standardises its inputs too");
      }
    }
  }
}

package org.latentdyn.models.dynae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.movies.MovieGenerator;
import org.latentdyn.movies.Movies;
import org.latentdyn.nn.Architecture;
import org.latentdyn.train.Engine;
import org.latentdyn.train.TrainingListener;

/** The convolutional DynAE on a tiny movie: trains, saves, reloads and encodes identically. */
class ConvDynaeTest {
  @TempDir
  Path tmp;

  static Trajectory movie(String name, int frames, long seed) {
    MovieGenerator g = Movies.generator(name, null, seed);
    int f = g.channels() * MovieGenerator.SIZE * MovieGenerator.SIZE;
    float[] x = new float[frames * f];
    float[] truth = new float[g.truthColumns().size()];
    for (int i = 0; i < frames; i++) {
      g.next(x, i * f, truth);
    }
    return Trajectory.wrap(x, frames, f);
  }

  static DynaeConfig tiny(long seed) {
    return DynaeConfig.defaults(seed).withArchitecture(Architecture.forFrameShape(1, 64, 64)).withEpochs(2)
        .withBatchSize(4);
  }

  @Test
  void tinyMovieTrainsSavesReloadsAndEncodesIdentically() throws IOException {
    Trajectory x = movie("dsprites2", 16, 3);
    DynaeConfig c = tiny(5);
    assertEquals(Architecture.CONV, c.architecture());
    assertEquals(Engine.DJL, c.engine(), "the conv networks train on DJL autograd");
    float[] z;
    try (DynaeModel m = Dynae.fit(Dataset.of(x), c, TrainingListener.NONE)) {
      assertEquals(2, m.history().size());
      z = m.encode(x).toArray();
      assertEquals(16 * 2, z.length);
      for (float v : z) {
        assertTrue(Float.isFinite(v));
      }
      Trajectory back = m.decode(m.encode(x));
      assertEquals(4096, back.features());
      m.save(tmp.resolve("model"));
    }
    try (DynaeModel loaded = DynaeModel.load(tmp.resolve("model"))) {
      assertEquals(c, loaded.config());
      assertArrayEquals(z, loaded.encode(x).toArray());
    }
    try (DynaeModel again = Dynae.fit(Dataset.of(x), c, TrainingListener.NONE)) {
      assertArrayEquals(z, again.encode(x).toArray(), "same seed, same latent");
    }
  }

  @Test
  void configJsonRoundTripsAndOlderFilesWithoutTheNewFieldsReadAsMlp() throws IOException {
    var json = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
    DynaeConfig conv = tiny(3).withConv(new org.latentdyn.nn.ConvOptions(java.util.List.of(8, 16, 16), 128));
    assertEquals(conv, json.readValue(json.writeValueAsString(conv), DynaeConfig.class));
    com.fasterxml.jackson.databind.node.ObjectNode old = json.valueToTree(DynaeConfig.defaults(4));
    old.remove("architecture");
    old.remove("conv");
    DynaeConfig read = json.treeToValue(old, DynaeConfig.class);
    assertEquals(Architecture.MLP, read.architecture());
    assertEquals(DynaeConfig.defaults(4), read);
  }

  @Test
  void liveNativeArraysStayFlatOverConvSteps() {
    Trajectory x = movie("dsprites2", 64, 7);
    DynaeConfig c = tiny(1).withConv(new org.latentdyn.nn.ConvOptions(java.util.List.of(4, 4, 8, 8), 32))
        .withEpochs(12);
    int[] counts = new int[2];
    int[] steps = {0};
    try (DynaeModel m = Dynae.fit(Dataset.of(x), c, new TrainingListener() {
      @Override
      public void stepFinished(int epoch, int step, double a, double b, double p) {
        steps[0]++;
        if (steps[0] == 30) {
          counts[0] = org.latentdyn.nn.NeuralEngine.liveArrays();
        }
        counts[1] = org.latentdyn.nn.NeuralEngine.liveArrays();
      }
    })) {
      assertTrue(steps[0] > 100, "steps: " + steps[0]);
      assertEquals(counts[0], counts[1], "live arrays after step 30 and after step " + steps[0]);
    }
  }

  @Test
  void threeChannelFramesEncode() {
    Trajectory x = movie("shapes3d-like", 12, 1);
    try (DynaeModel m = Dynae.fit(Dataset.of(x), tiny(2).withEpochs(1), TrainingListener.NONE)) {
      assertEquals(12 * 2, m.encode(x).toArray().length);
      assertEquals(3 * 4096, m.decode(m.encode(x)).features());
    }
  }

  @Test
  void framesThatAreNotImagesAreRejected() {
    Trajectory x = Trajectory.wrap(new float[20 * 100], 20, 100);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dynae.fit(Dataset.of(x), tiny(1), TrainingListener.NONE));
    assertTrue(e.getMessage().contains("100 features"), e.getMessage());
  }
}

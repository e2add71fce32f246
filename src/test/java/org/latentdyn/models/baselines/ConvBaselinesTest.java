package org.latentdyn.models.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** beta-VAE, SWAE and SDE-VAE with the convolutional encoder/decoder on a tiny movie. */
class ConvBaselinesTest {
  @TempDir
  Path tmp;

  @Test
  void eachBaselineTrainsSavesReloadsAndEncodesIdentically() throws IOException {
    MovieGenerator g = Movies.generator("dsprites2", null, 4);
    int f = 4096;
    int frames = 16;
    float[] x = new float[frames * f];
    float[] truth = new float[g.truthColumns().size()];
    for (int i = 0; i < frames; i++) {
      g.next(x, i * f, truth);
    }
    Trajectory movie = Trajectory.wrap(x, frames, f);
    BaselineConfig[] configs = {
        BetaVaeConfig.defaults(1).withEpochs(2).withBatchSize(4).withArchitecture(Architecture.CONV),
        SwaeConfig.defaults(1).withEpochs(2).withBatchSize(4).withArchitecture(Architecture.CONV),
        SdeVaeConfig.defaults(1).withEpochs(2).withBatchSize(4).withArchitecture(Architecture.CONV)};
    for (BaselineConfig c : configs) {
      assertEquals(Engine.DJL, c.engine(), c.modelName());
      float[] z;
      Path dir = tmp.resolve(c.modelName());
      try (BaselineModel m = Baselines.fit(Dataset.of(movie), c, TrainingListener.NONE)) {
        z = m.encode(movie).toArray();
        assertEquals(frames * 2, z.length, c.modelName());
        for (float v : z) {
          assertTrue(Float.isFinite(v), c.modelName());
        }
        assertEquals(f, m.decode(m.encode(movie)).features());
        m.save(dir);
      }
      try (BaselineModel loaded = BaselineModel.load(dir)) {
        assertEquals(c, loaded.config(), c.modelName());
        assertArrayEquals(z, loaded.encode(movie).toArray(), c.modelName());
      }
    }
  }
}

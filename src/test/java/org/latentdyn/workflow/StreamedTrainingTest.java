package org.latentdyn.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.MalformedFileException;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.models.baselines.SdeVaeConfig;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.movies.Movies;
import org.latentdyn.movies.io.MovieFiles;
import org.latentdyn.movies.io.MovieReader;
import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/**
 * Training from a movie streamed through its memory map gives the numbers of training on the same frames held in
 * memory: the same minibatches, losses, weights and latent (bit for bit; the image encoder works in chunks of 256
 * frames either way), for DynAE and for a pair baseline.
 */
class StreamedTrainingTest {
  private static final ConvOptions SMALL = new ConvOptions(List.of(8, 8, 16, 16), 64);

  @TempDir
  Path tmp;

  @Test
  void streamedTrainingEqualsInMemoryTraining() throws IOException {
    Path obs = tmp.resolve("movie.npy");
    Path truthFile = tmp.resolve("truth.npy");
    // more frames than one chunk of the streamed analysis (MovieEncoding.CHUNK_FRAMES), so it takes two
    int n = MovieEncoding.CHUNK_FRAMES + 100;
    Movies.write(Movies.generator("dsprites2", null, 4), n, obs, truthFile);
    Trajectory all = MovieFiles.readAll(obs.toString());
    Trajectory truth = ArrayFiles.readTrajectory(truthFile.toString());
    DynaeConfig dc = DynaeConfig.defaults(3).withArchitecture(Architecture.CONV).withConv(SMALL).withEpochs(2)
        .withBatchSize(64).withStandardize(false);
    SdeVaeConfig sc = SdeVaeConfig.defaults(3).withEpochs(1).withBatchSize(64).withArchitecture(Architecture.CONV)
        .withConv(SMALL);
    try (MovieReader reader = MovieReader.open(obs.toString())) {
      FrameStore streamed = reader.store(n);
      assertFalse(streamed.inMemory());
      assertArrayEquals(all.view(), streamed.read(0, n).view(), "the store reads the movie's frames");

      DynaeRun.Result a = DynaeRun.run(Dataset.of(all), truth, dc, TrainingListener.NONE, null);
      DynaeRun.Result b = DynaeRun.run(streamed, truth, dc, TrainingListener.NONE, null);
      try (var ma = a.model(); var mb = b.model()) {
        assertEquals(losses(ma.history()), losses(mb.history()), "DynAE losses per epoch");
        assertArrayEquals(a.latent().view(), b.latent().view(), "DynAE latent");
        assertEquals(a.reconstructionMse(), b.reconstructionMse(), 1e-9 * a.reconstructionMse());
        assertEquals(a.evaluation().lz(), b.evaluation().lz(), 1e-9 * a.evaluation().lz());
        int last = n - 1;
        // decoded alone rather than in a batch: the same to rounding
        assertArrayEquals(a.reconstruction().read(last, 1).view(), b.reconstruction().read(last, 1).view(), 1e-5f,
            "the streamed run decodes its figure frames on demand");
      }

      BaselineRun.Result c = BaselineRun.run(Dataset.of(all), truth, sc, TrainingListener.NONE, null);
      BaselineRun.Result d = BaselineRun.run(streamed, truth, sc, TrainingListener.NONE, null);
      try (var mc = c.model(); var md = d.model()) {
        assertEquals(losses(mc.history()), losses(md.history()), "SDE-VAE losses per epoch");
        assertArrayEquals(c.latent().view(), d.latent().view(), "SDE-VAE latent");
        assertEquals(c.reconstructionMse(), d.reconstructionMse(), 1e-9 * c.reconstructionMse());
      }
    }
  }

  @Test
  void aStreamedFrameThatCannotBeReadNamesTheFileAndFrame() throws IOException {
    float[] v = new float[3 * 64 * 64];
    v[2 * 64 * 64 + 5] = Float.NaN;
    Path obs = tmp.resolve("nan.npy");
    Npy.write(obs, NpyArray.ofFloats(v, 3, 64, 64));
    try (MovieReader reader = MovieReader.open(obs.toString())) {
      FrameStore s = reader.store(3);
      float[] frame = new float[64 * 64];
      s.copy(1, frame, 0);
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> s.copy(2, frame, 0));
      assertTrue(e.getCause() instanceof MalformedFileException);
      assertTrue(e.getCause().getMessage().contains("nan.npy: frame 2 has a NaN pixel"), e.getCause().getMessage());
      assertThrows(IndexOutOfBoundsException.class, () -> s.copy(3, frame, 0));
      assertThrows(IllegalArgumentException.class, () -> reader.store(4));
      Comparison.Options twoThreads = new Comparison.Options(List.of("swae"), java.util.Map.of(), 1, 1, 2, 2);
      IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Comparison.run(s,
          Trajectory.wrap(new float[6], 3, 2), twoThreads, tmp.resolve("cmp"), Comparison.Progress.NONE));
      assertEquals("streamed frames train one run at a time; got threads = 2", e2.getMessage());
    }
  }

  private static List<String> losses(List<EpochRecord> history) {
    return history.stream().map(r -> r.reconstruction() + " " + r.regulariser() + " " + r.prior() + " "
        + r.validationReconstruction()).toList();
  }
}

package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;
import org.latentdyn.models.baselines.BaselineModel;
import org.latentdyn.models.baselines.Baselines;
import org.latentdyn.models.baselines.SwaeConfig;
import org.latentdyn.models.dynae.Dynae;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.models.dynae.DynaeModel;
import org.latentdyn.movies.Movies;
import org.latentdyn.movies.io.MovieFiles;
import org.latentdyn.movies.io.MovieReader;
import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.train.TrainingListener;
import org.latentdyn.workflow.MovieEncoding;

/** {@code encode} streams a movie a chunk at a time and gives the latent of one whole-movie call, bit for bit. */
class MovieEncodeCliTest {
  private static final ConvOptions SMALL = new ConvOptions(List.of(8, 8, 16, 16), 256);

  @TempDir
  Path tmp;

  @Test
  void streamedEncodingEqualsWholeMovieEncoding() throws IOException {
    Path obs = tmp.resolve("movie.npy");
    Movies.write(Movies.generator("dsprites2", null, 4), 600, obs, tmp.resolve("truth.npy"));
    Trajectory all = MovieFiles.readAll(obs.toString());
    Dataset train = Dataset.of(all.slice(0, 16));
    DynaeConfig dc = DynaeConfig.defaults(2).withArchitecture(Architecture.CONV).withConv(SMALL).withEpochs(1)
        .withBatchSize(4).withStandardize(false);
    try (DynaeModel m = Dynae.fit(train, dc, TrainingListener.NONE)) {
      float[] whole = m.encode(all).toArray();
      for (int chunk : new int[] {256, 512}) {
        try (MovieReader r = MovieReader.open(obs.toString())) {
          Trajectory z = MovieEncoding.encode(r, m::encode, chunk);
          assertEquals(600, z.frames());
          assertArrayEquals(whole, z.view(), "chunks of " + chunk);
        }
      }
      // the command streams by MovieEncoding.CHUNK_FRAMES: the same latent through save, load and encode
      m.save(tmp.resolve("dynae"));
      assertArrayEquals(whole, viaCli(tmp.resolve("dynae"), obs, "z-dynae.npy"));
    }
    SwaeConfig sc = SwaeConfig.defaults(2).withEpochs(1).withBatchSize(4).withArchitecture(Architecture.CONV)
        .withConv(SMALL);
    try (BaselineModel m = Baselines.fit(train, sc, TrainingListener.NONE)) {
      float[] whole = m.encode(all).toArray();
      try (MovieReader r = MovieReader.open(obs.toString())) {
        assertArrayEquals(whole, MovieEncoding.encode(r, m::encode, 256).view());
      }
      m.save(tmp.resolve("swae"));
      assertArrayEquals(whole, viaCli(tmp.resolve("swae"), obs, "z-swae.npy"));
    }
  }

  private float[] viaCli(Path model, Path movie, String name) throws IOException {
    Path z = tmp.resolve(name);
    CliTest.Run r = CliTest.run("encode", "--model", model.toString(), "--data", movie.toString(), "--out",
        z.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    float[] v = Npy.read(z).toFloatArray();
    assertEquals(600 * 2, v.length);
    return v;
  }
}

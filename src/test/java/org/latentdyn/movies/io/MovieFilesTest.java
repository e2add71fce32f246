package org.latentdyn.movies.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.data.io.Npz;

/** Which specs are movies (npz members by rank), and reading them whole or capped with loader options. */
class MovieFilesTest {
  @TempDir
  Path tmp;

  @Test
  void npzMembersOfRankThreeOrFourAreMovies() throws IOException {
    Path two = tmp.resolve("two.npz");
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("frames", NpyArray.ofFloats(new float[3 * 4096], 3, 64, 64));
    m.put("truth", NpyArray.ofFloats(new float[6], 3, 2));
    Npz.write(two, m);
    assertTrue(MovieFiles.isMovie(two + ":frames"));
    assertFalse(MovieFiles.isMovie(two + ":truth"));
    assertFalse(MovieFiles.isMovie(two.toString()), "several arrays and none named: vector data's error applies");
    Path one = tmp.resolve("one.npz");
    Npz.write(one, Map.of("x", NpyArray.ofFloats(new float[2 * 3 * 4096], 2, 3, 64, 64)));
    assertTrue(MovieFiles.isMovie(one.toString()));
    Path vectors = tmp.resolve("v.npz");
    Npz.write(vectors, Map.of("x", NpyArray.ofFloats(new float[6], 3, 2)));
    assertFalse(MovieFiles.isMovie(vectors.toString()));
  }

  @Test
  void readAllWithOptionsAndACappedRead() throws IOException {
    Path f = tmp.resolve("m.npy");
    float[] v = new float[5 * 128 * 128];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i / (128 * 128)) * 0.1f; // frame k is uniformly 0.1 k
    }
    Npy.write(f, NpyArray.ofFloats(v, 5, 128, 128));
    Trajectory all = MovieFiles.readAll(f.toString(), MovieReader.Options.DEFAULT.withResize(true));
    assertEquals(5, all.frames());
    assertEquals(4096, all.features());
    assertEquals(0.3f, all.get(3, 100), 1e-6f);
    MovieFiles.Movie first = MovieFiles.read(f.toString(), MovieReader.Options.DEFAULT.withResize(true), 2);
    assertEquals(2, first.frames().frames());
    assertEquals(5, first.totalFrames());
    assertEquals(1, first.channels());
    assertEquals(2, first.description().get("framesRead"));
    assertEquals("area averaging 128x128 -> 64x64", first.description().get("resize"));
  }
}

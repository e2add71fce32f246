package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Trajectory;

/** Streamed rows read back exactly; an uncommitted writer leaves no file. */
class NpyRowWriterTest {
  @TempDir
  Path tmp;

  @Test
  void rowsReadBackWithTheirShapeAndAnAbortLeavesNothing() throws IOException {
    int n = 50_000;
    int f = 3;
    float[] expected = new float[n * f];
    Path out = tmp.resolve("features.npy");
    try (NpyRowWriter w = new NpyRowWriter(out, f)) {
      float[] row = new float[f];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < f; j++) {
          row[j] = i * 0.5f - j;
          expected[i * f + j] = row[j];
        }
        w.write(row, 0);
      }
      w.commit();
    }
    Trajectory t = Npy.readTrajectory(out);
    assertEquals(n, t.frames());
    assertEquals(f, t.features());
    assertArrayEquals(expected, t.toArray());
    assertEquals(0, Npy.readHeader(out).dataOffset() % 64);

    Path aborted = tmp.resolve("aborted.npy");
    try (NpyRowWriter w = new NpyRowWriter(aborted, 2)) {
      w.write(new float[] {1, 2}, 0);
    }
    assertFalse(Files.exists(aborted));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(1, left.count(), "only features.npy remains");
    }
  }

  @Test
  void groupedRowsFormAThreeDimensionalArrayAndAPartialItemIsRefused() throws IOException {
    Path out = tmp.resolve("seq.npy");
    float[] expected = new float[4 * 5 * 3];
    try (NpyRowWriter w = NpyRowWriter.grouped(out, 5, 3)) {
      for (int r = 0; r < 20; r++) {
        for (int j = 0; j < 3; j++) {
          expected[r * 3 + j] = r * 10 + j;
        }
        w.write(expected, r * 3);
      }
      w.commit();
    }
    NpyArray a = Npy.read(out);
    assertArrayEquals(new int[] {4, 5, 3}, a.shape());
    assertArrayEquals(expected, a.toFloatArray());
    assertEquals(0, Npy.readHeader(out).dataOffset() % 64);

    Path partial = tmp.resolve("partial.npy");
    try (NpyRowWriter w = NpyRowWriter.grouped(partial, 5, 3)) {
      for (int r = 0; r < 7; r++) {
        w.write(expected, 0);
      }
      IllegalStateException e = assertThrows(IllegalStateException.class, w::commit);
      assertTrue(e.getMessage().contains("7 rows"), e.getMessage());
    }
    assertFalse(Files.exists(partial));
    assertThrows(IllegalArgumentException.class, () -> NpyRowWriter.grouped(tmp.resolve("x.npy"), 0, 3));
  }

  @Test
  void framesFormAnArrayOfTheirShape() throws IOException {
    Path out = tmp.resolve("movie.npy");
    float[] frame = new float[3 * 4 * 5];
    try (NpyRowWriter w = NpyRowWriter.frames(out, 3, 4, 5)) {
      for (int f = 0; f < 7; f++) {
        for (int i = 0; i < frame.length; i++) {
          frame[i] = f * 100 + i;
        }
        w.write(frame, 0);
      }
      w.commit();
    }
    NpyArray a = Npy.read(out);
    assertArrayEquals(new int[] {7, 3, 4, 5}, a.shape());
    float[] v = a.toFloatArray();
    assertEquals(6 * 100 + 59, v[v.length - 1], 0f);
    assertEquals(2 * 100 + 13, v[2 * 60 + 13], 0f);
    assertThrows(IllegalArgumentException.class, () -> NpyRowWriter.frames(tmp.resolve("y.npy")));
    assertThrows(IllegalArgumentException.class, () -> NpyRowWriter.frames(tmp.resolve("y.npy"), 3, 0));
  }
}

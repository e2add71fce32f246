package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}

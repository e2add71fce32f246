package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5Test {
  @TempDir Path dir;

  @Test
  void writeThenReadRoundTripsDtypesAndGroups() throws IOException {
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("/traj/x", NpyArray.ofFloats(new float[] {1.5f, 2, 3, 4, 5, 6}, 3, 2));
    m.put("/traj/t", NpyArray.ofDoubles(new double[] {0.1, 0.2, 0.3}, 3));
    m.put("/meta/ids", NpyArray.ofInts(new int[] {1, -2, 3, 4}, 2, 2));
    m.put("counts", NpyArray.ofLongs(new long[] {1L << 40, -5}, 2));
    m.put("/img", NpyArray.of(DType.INT16, new short[] {-1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2));
    Path p = dir.resolve("d.h5");
    Hdf5.write(p, m);
    assertEquals(List.of("/counts", "/img", "/meta/ids", "/traj/t", "/traj/x"), Hdf5.datasets(p));
    for (Map.Entry<String, NpyArray> e : m.entrySet()) {
      assertEquals(e.getValue(), Hdf5.read(p, e.getKey()), e.getKey());
    }
    assertEquals(m.get("/traj/x"), Hdf5.read(p, "traj/x"));
  }

  @Test
  void unsignedTypesAreWidenedWithValuesKept() throws IOException {
    Path p = dir.resolve("u.h5");
    Hdf5.write(p, "/u8", NpyArray.of(DType.UINT8, new byte[] {0, (byte) 255, 7}, 3));
    NpyArray back = Hdf5.read(p, "/u8");
    assertEquals(DType.INT16, back.dtype());
    assertArrayEquals(new int[] {0, 255, 7}, back.toIntArray());
  }

  @Test
  void missingDatasetAndFileAreNamed() throws IOException {
    Path p = dir.resolve("d.h5");
    Hdf5.write(p, "/a/b", NpyArray.ofFloats(new float[] {1}, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hdf5.read(p, "/a/c"));
    assertTrue(e.getMessage().startsWith("d.h5 has no dataset '/a/c'; datasets are [/a/b]"), e.getMessage());
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> Hdf5.read(p, "/a"));
    assertTrue(g.getMessage().contains("not a dataset"), g.getMessage());
    assertThrows(NoSuchFileException.class, () -> Hdf5.read(dir.resolve("none.h5"), "/x"));
  }

  @Test
  void overwritesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
    Path p = dir.resolve("o.h5");
    Hdf5.write(p, "/x", NpyArray.ofFloats(new float[] {1, 2}, 2));
    Hdf5.write(p, "/y", NpyArray.ofFloats(new float[] {3}, 1));
    assertEquals(List.of("/y"), Hdf5.datasets(p));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(p), files.toList());
    }
  }
}

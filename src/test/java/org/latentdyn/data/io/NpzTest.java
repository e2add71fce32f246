package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
  @TempDir Path dir;

  private static Map<String, NpyArray> arrays() {
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("x", NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
    m.put("labels", NpyArray.ofLongs(new long[] {7, -8, 9}, 3));
    m.put("t", NpyArray.ofDoubles(new double[] {0.25}));
    return m;
  }

  @Test
  void storedRoundTrip() throws IOException {
    Path p = dir.resolve("a.npz");
    Npz.write(p, arrays());
    assertEquals(arrays(), Npz.read(p));
    assertEquals(List.of("x", "labels", "t"), Npz.keys(p));
    try (ZipFile zip = new ZipFile(p.toFile())) {
      assertEquals(ZipEntry.STORED, zip.getEntry("x.npy").getMethod());
    }
  }

  @Test
  void deflatedRoundTrip() throws IOException {
    Path p = dir.resolve("c.npz");
    Npz.writeCompressed(p, arrays());
    assertEquals(arrays(), Npz.read(p));
    assertEquals(arrays().get("labels"), Npz.read(p, "labels"));
    try (ZipFile zip = new ZipFile(p.toFile())) {
      assertEquals(ZipEntry.DEFLATED, zip.getEntry("x.npy").getMethod());
    }
  }

  @Test
  void readsArchiveWrittenByOtherZipWriterWithBigEndianEntry() throws IOException {
    Path p = dir.resolve("be.npz");
    byte[] npy = NpyTest.fixture(1, NpyTest.dict(">i4", "(2,)"),
        NpyTest.payload("i4", ByteOrder.BIG_ENDIAN, new double[] {-3, 70000}));
    try (OutputStream out = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("arr_0.npy"));
      zip.write(npy);
      zip.closeEntry();
    }
    assertArrayEquals(new int[] {-3, 70000}, Npz.read(p).get("arr_0").toIntArray());
  }

  @Test
  void missingKeyListsTheKeys() throws IOException {
    Path p = dir.resolve("a.npz");
    Npz.write(p, arrays());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.read(p, "y"));
    assertEquals("a.npz has no array 'y'; it holds [x, labels, t]", e.getMessage());
  }

  @Test
  void errorsInsideAnEntryNameTheArchiveAndKey() throws IOException {
    Path p = dir.resolve("bad.npz");
    byte[] npy = NpyTest.fixture(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", new byte[4]);
    try (OutputStream out = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("f.npy"));
      zip.write(npy);
      zip.closeEntry();
    }
    IOException e = assertThrows(IOException.class, () -> Npz.read(p));
    assertEquals("bad.npz:f: fortran_order=True is not supported; save a C-ordered array"
        + " (np.ascontiguousarray)", e.getMessage());
  }
}

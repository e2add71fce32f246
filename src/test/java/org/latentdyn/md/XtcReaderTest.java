package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Trajectory;

/** Expected values are mdtraj's decoding (its bundled xdrfile library) of the same files; see make_fixtures.py. */
class XtcReaderTest {
  @TempDir Path dir;

  private static Trajectory read(Path p) throws IOException {
    try (XtcReader r = XtcReader.open(p)) {
      return MdTestData.readAll(r);
    }
  }

  @Test
  void decodesTheFirstFramesOfTheAlanineDipeptideRun() throws IOException {
    Path p = MdTestData.fixture("ala2-head.xtc");
    try (XtcReader r = XtcReader.open(p)) {
      assertEquals(22, r.atoms());
      float[] xyz = new float[66];
      for (int t = 0; t < 5; t++) {
        assertTrue(r.next(xyz));
        assertEquals(t, r.time(), 0f); // one frame per ps
        assertEquals(1000f, r.precision(), 0f);
      }
      assertFalse(r.next(xyz));
      assertEquals(5, r.framesRead());
      assertArrayEquals(new float[9], r.box(), 0f);
    }
    Trajectory x = read(p);
    MdTestData.assertClose(MdTestData.expected("ala2-head-xtc.npy"), x, 0, "ala2-head.xtc vs mdtraj");
    // the same frames stored exactly in the DCD: XTC rounds to 1/precision = 0.001 nm
    MdTestData.assertClose(MdTestData.expected("ala2-head-dcd.npy"), x, 0.0005 + 1e-6, "ala2-head.xtc vs DCD");
  }

  @Test
  void decodesSmallAtomRunsAndSmallIndexSteps() throws IOException {
    MdTestData.assertClose(MdTestData.expected("water.npy"), read(MdTestData.fixture("water.xtc")), 0, "water.xtc");
  }

  @Test
  void decodesRangesBeyondTwoToThe24() throws IOException {
    // coordinates up to 20000 nm at precision 1000: each axis is packed on its own
    MdTestData.assertClose(MdTestData.expected("wide.npy"), read(MdTestData.fixture("wide.xtc")), 0, "wide.xtc");
  }

  @Test
  void readsNineAtomsOrFewerAsPlainFloats() throws IOException {
    Path p = MdTestData.fixture("few.xtc");
    MdTestData.assertClose(MdTestData.expected("few.npy"), read(p), 0, "few.xtc");
    try (XtcReader r = XtcReader.open(p)) {
      assertTrue(r.next(new float[12]));
      assertTrue(r.next(new float[12]));
      assertEquals(0f, r.precision(), 0f);
      assertEquals(20, r.step());
      assertEquals(1.5f, r.time(), 0f);
      assertArrayEquals(new float[] {2, 0, 0, 0, 3, 0, 0, 0, 4}, r.box(), 0f);
    }
  }

  @Test
  void readsTheGromacs2023LayoutWithA64BitByteCount() throws IOException {
    // rewrite each frame of ala2-head.xtc with magic 2023 and a 64-bit count of the compressed bytes
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(MdTestData.fixture("ala2-head.xtc")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (in.hasRemaining()) {
      byte[] head = new byte[56 + 32];
      in.get(head);
      ByteBuffer.wrap(head).putInt(0, XtcReader.MAGIC_2023);
      int n = in.getInt();
      byte[] data = new byte[(n + 3) & ~3];
      in.get(data);
      out.writeBytes(head);
      out.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
      out.writeBytes(data);
    }
    Path p = dir.resolve("new-magic.xtc");
    Files.write(p, out.toByteArray());
    MdTestData.assertClose(MdTestData.expected("ala2-head-xtc.npy"), read(p), 0, "2023 layout");
  }

  /** Byte offsets at which the frames of an XTC file (1995 layout, compressed) end. */
  private static List<Integer> frameEnds(byte[] b) {
    ByteBuffer in = ByteBuffer.wrap(b);
    List<Integer> ends = new ArrayList<>();
    int pos = 0;
    while (pos < b.length) {
      pos += 56 + 32;
      pos += 4 + ((in.getInt(pos) + 3) & ~3);
      ends.add(pos);
    }
    return ends;
  }

  @Test
  void aTruncatedFileNamesTheFileAndFrame() throws IOException {
    byte[] whole = Files.readAllBytes(MdTestData.fixture("ala2-head.xtc"));
    List<Integer> ends = frameEnds(whole);
    assertEquals(5, ends.size());
    assertEquals(whole.length, ends.get(4));
    int[] cuts = {ends.get(2) + 30, ends.get(2) + 70, ends.get(3) - 5};
    for (int cut : cuts) {
      Path p = dir.resolve("cut-" + cut + ".xtc");
      Files.write(p, Arrays.copyOf(whole, cut));
      try (XtcReader r = XtcReader.open(p)) {
        float[] xyz = new float[66];
        for (int t = 0; t < 3; t++) {
          assertTrue(r.next(xyz));
        }
        IOException e = assertThrows(IOException.class, () -> r.next(xyz));
        assertEquals(p + ": frame 3 is truncated: the file ends at byte " + cut + ", inside the frame that starts at"
            + " byte " + ends.get(2), e.getMessage());
      }
    }
    Path atFrame = dir.resolve("three.xtc");
    Files.write(atFrame, Arrays.copyOf(whole, ends.get(2)));
    assertEquals(3, read(atFrame).frames()); // a cut between frames is a shorter file
  }

  @Test
  void rejectsOtherFilesAndDamagedFrames() throws IOException {
    Path dcd = MdTestData.fixture("ala2-head.dcd");
    IOException e = assertThrows(IOException.class, () -> XtcReader.open(dcd));
    assertEquals(dcd + ": frame 0 (at byte 0) has magic number 1409286144, expected 1995 or 2023 (not an XTC file,"
        + " or a damaged one)", e.getMessage());
    Path empty = dir.resolve("empty.xtc");
    Files.write(empty, new byte[0]);
    e = assertThrows(IOException.class, () -> XtcReader.open(empty));
    assertEquals(empty + " holds 0 bytes, no XTC frame (expected at least 56)", e.getMessage());

    byte[] b = Files.readAllBytes(MdTestData.fixture("ala2-head.xtc"));
    int frame1 = frameEnds(b).get(0);
    byte[] other = b.clone();
    ByteBuffer.wrap(other).putInt(frame1 + 4, 21); // frame 1 claims 21 atoms
    Path count = dir.resolve("count.xtc");
    Files.write(count, other);
    e = assertThrows(IOException.class, () -> read(count));
    assertEquals(count + ": frame 1 has 21 atoms, frame 0 has 22", e.getMessage());

    byte[] huge = b.clone();
    ByteBuffer.wrap(huge).putInt(frame1 + 88, 1 << 30); // frame 1's compressed byte count
    Path big = dir.resolve("big.xtc");
    Files.write(big, huge);
    e = assertThrows(IOException.class, () -> read(big));
    assertEquals(big + ": frame 1 is corrupt: its compressed block claims 1073741824 bytes, expected 0..416 for 22"
        + " atoms", e.getMessage());

    byte[] index = b.clone();
    ByteBuffer.wrap(index).putInt(frame1 + 84, 99); // frame 1's small index
    Path idx = dir.resolve("index.xtc");
    Files.write(idx, index);
    e = assertThrows(IOException.class, () -> read(idx));
    assertEquals(idx + ": frame 1 (at byte " + frame1 + ") is corrupt: small index is 99, expected 9..72",
        e.getMessage());
  }

  @Test
  void bitsOfProductMatchesTheBitLength() {
    assertEquals(1, XtcCoordinates.bitsOfProduct(new long[] {1, 1, 1}));
    assertEquals(3, XtcCoordinates.bitsOfProduct(new long[] {2, 2, 1})); // 4 = 100b
    assertEquals(72, XtcCoordinates.bitsOfProduct(new long[] {0xffffff, 0xffffff, 0xffffff}));
    assertEquals(30, XtcCoordinates.bitsOfProduct(new long[] {1001, 1001, 1001})); // 1003003001 < 2^30
  }
}

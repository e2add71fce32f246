package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DcdReaderTest {
  @TempDir Path dir;

  /** Three frames of four atoms, angstrom, with distinct values. */
  private static float[][] frames() {
    float[][] f = new float[3][12];
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < 12; i++) {
        f[t][i] = 10 * t + i - 5.5f + i / 8f;
      }
    }
    return f;
  }

  @Test
  void readsBothByteOrdersWithAndWithoutUnitCells() throws IOException {
    float[][] angstrom = frames();
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      for (boolean cell : new boolean[] {false, true}) {
        Path p = dir.resolve(order + "-" + cell + ".dcd");
        DcdTestFiles.write(p, order, 4, angstrom, cell, 0);
        try (DcdReader r = DcdReader.open(p)) {
          assertEquals(order, r.byteOrder(), p.toString());
          assertEquals(cell, r.hasUnitCell(), p.toString());
          assertEquals(4, r.atoms());
          assertEquals(3, r.frames());
          assertEquals(3, r.headerFrames());
          float[] xyz = new float[12];
          for (int t = 0; t < 3; t++) {
            assertTrue(r.next(xyz));
            for (int i = 0; i < 12; i++) {
              assertEquals(angstrom[t][i] / 10f, xyz[i], 0f, p + " frame " + t + " value " + i);
            }
          }
          assertFalse(r.next(xyz));
          assertEquals(3, r.framesRead());
        }
      }
    }
  }

  @Test
  void readsTheFirstFramesOfTheOpenMmTrajectory() throws IOException {
    try (DcdReader r = DcdReader.open(MdTestData.fixture("ala2-head.dcd"))) {
      assertEquals(ByteOrder.LITTLE_ENDIAN, r.byteOrder());
      assertFalse(r.hasUnitCell());
      assertEquals(22, r.atoms());
      // mdtraj's reading, divided by 10 in float32: the same numbers exactly
      MdTestData.assertClose(MdTestData.expected("ala2-head-dcd.npy"), MdTestData.readAll(r), 0, "ala2-head.dcd");
    }
  }

  @Test
  void readsAUnitCellDcdOfAnotherWriter() throws IOException {
    try (DcdReader r = DcdReader.open(MdTestData.fixture("cell.dcd"))) { // VMD's dcdplugin via mdtraj
      assertTrue(r.hasUnitCell());
      MdTestData.assertClose(MdTestData.expected("cell.npy"), MdTestData.readAll(r), 0, "cell.dcd");
    }
  }

  @Test
  void aTruncatedFileNamesTheFileAndFrame() throws IOException {
    byte[] whole = Files.readAllBytes(MdTestData.fixture("ala2-head.dcd"));
    Path cut = dir.resolve("cut.dcd");
    Files.write(cut, Arrays.copyOf(whole, whole.length - 10));
    try (DcdReader r = DcdReader.open(cut)) {
      float[] xyz = new float[66];
      for (int t = 0; t < 4; t++) {
        assertTrue(r.next(xyz));
      }
      IOException e = assertThrows(IOException.class, () -> r.next(xyz));
      assertEquals(cut + ": frame 4 is truncated: the file ends 278 bytes into it, a frame has 288 bytes",
          e.getMessage());
    }
    Path lost = dir.resolve("lost.dcd");
    Files.write(lost, Arrays.copyOf(whole, whole.length - 288)); // the header still says 5 frames
    try (DcdReader r = DcdReader.open(lost)) {
      IOException e = assertThrows(IOException.class, () -> MdTestData.readAll(r));
      assertEquals(lost + ": frame 4 is missing: the header promises 5 frames, the file ends after 4 (truncated?)",
          e.getMessage());
    }
    Path header = dir.resolve("header.dcd");
    Files.write(header, Arrays.copyOf(whole, 50));
    IOException e = assertThrows(IOException.class, () -> DcdReader.open(header));
    assertEquals(header + " ends inside the header (at byte 0); expected a DCD header", e.getMessage());
  }

  @Test
  void rejectsFixedAtomsAndOtherFiles() throws IOException {
    Path fixed = dir.resolve("fixed.dcd");
    DcdTestFiles.write(fixed, ByteOrder.LITTLE_ENDIAN, 4, frames(), false, 2);
    IOException e = assertThrows(IOException.class, () -> DcdReader.open(fixed));
    assertEquals(fixed + " has 2 fixed atoms (icntrl[8]); DCD files with fixed atoms are not supported: write every"
        + " atom in every frame", e.getMessage());
    Path xtc = MdTestData.fixture("few.xtc");
    e = assertThrows(IOException.class, () -> DcdReader.open(xtc));
    assertEquals(xtc + " is not a DCD file: its first record marker is -888733696 (0xcb070000), expected 84 in"
        + " either byte order", e.getMessage());
    Path bad = dir.resolve("bad.dcd");
    byte[] b = Files.readAllBytes(MdTestData.fixture("ala2-head.dcd"));
    int frame2 = b.length - 3 * 288;
    b[frame2 + 96] = 1; // the y record's opening marker of frame 2
    Files.write(bad, b);
    try (DcdReader r = DcdReader.open(bad)) {
      e = assertThrows(IOException.class, () -> MdTestData.readAll(r));
      assertEquals(bad + ": frame 2 is corrupt: the y record marker (byte 96 of the frame) is 1, expected 88",
          e.getMessage());
    }
  }

  @Test
  void aShortBufferIsAnArgumentError() throws IOException {
    try (DcdReader r = DcdReader.open(MdTestData.fixture("ala2-head.dcd"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.next(new float[65]));
      assertTrue(e.getMessage().startsWith("frame buffer has 65 floats; "), e.getMessage());
      float[] longer = new float[70];
      Arrays.fill(longer, -1);
      assertTrue(r.next(longer));
      assertArrayEquals(new float[] {-1, -1, -1, -1}, Arrays.copyOfRange(longer, 66, 70));
    }
  }
}

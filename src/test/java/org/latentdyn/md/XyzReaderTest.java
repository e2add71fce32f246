package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XyzReaderTest {
  @TempDir Path dir;

  private Path xyz(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static final String WATER = "3\nframe 0: water\nO 0.0 0.0 0.0\nH 0.9572 0.0 0.0\nH -0.24 0.927 0.0 extra\n"
      + "  3\n\nO 1.0 2.0 3.0\nH 1.5 2.0 3.0\nCl -1e1 0 4\n\n";

  @Test
  void readsFramesInNm() throws IOException {
    try (XyzReader r = XyzReader.open(xyz("water.xyz", WATER))) {
      assertEquals(3, r.atoms());
      assertEquals("O", r.topology().atom(0).element());
      assertEquals("H", r.topology().atom(2).name());
      assertArrayEquals(new int[] {0}, r.topology().select("heavy"));
      float[] f = new float[9];
      assertTrue(r.next(f));
      assertArrayEquals(new float[] {0, 0, 0, 0.09572f, 0, 0, -0.024f, 0.0927f, 0}, f, 1e-7f);
      assertTrue(r.next(f));
      assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.15f, 0.2f, 0.3f, -1f, 0, 0.4f}, f, 1e-7f);
      assertFalse(r.next(f));
      assertEquals(2, r.framesRead());
    }
  }

  @Test
  void truncatedAndMismatchedFramesNameFileLineAndFrame() throws IOException {
    Path cut = xyz("cut.xyz", WATER.substring(0, WATER.indexOf("H 1.5")));
    try (XyzReader r = XyzReader.open(cut)) {
      float[] f = new float[9];
      assertTrue(r.next(f));
      IOException e = assertThrows(IOException.class, () -> r.next(f));
      assertEquals(cut + ": frame 1 is truncated: the file ends after 1 of its 3 atoms (line 9)", e.getMessage());
    }
    Path four = xyz("four.xyz", WATER.replace("  3\n", "4\n"));
    try (XyzReader r = XyzReader.open(four)) {
      float[] f = new float[9];
      assertTrue(r.next(f));
      IOException e = assertThrows(IOException.class, () -> r.next(f));
      assertEquals(four + ":6: frame 1 has 4 atoms, expected 3 as frame 0", e.getMessage());
    }
    Path bad = xyz("bad.xyz", "2\n\nC 0 0 0\nC 0 x 0\n");
    IOException e = assertThrows(IOException.class, () -> XyzReader.open(bad));
    assertEquals(bad + ":4: frame 0, atom 1: y 'x' is not a number", e.getMessage());
    Path text = xyz("text.xyz", "hello\n");
    e = assertThrows(IOException.class, () -> XyzReader.open(text));
    assertEquals(text + ":1: frame 0 starts with 'hello'; expected the atom count", e.getMessage());
  }
}

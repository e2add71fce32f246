package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Trajectory;

class PdbTest {
  @TempDir Path dir;

  private static final Path ALA2 = MdTestData.fixture("ala2.pdb");

  private static float[] firstFrame() throws IOException {
    try (PdbReader r = PdbReader.open(ALA2)) {
      float[] xyz = new float[3 * r.atoms()];
      assertTrue(r.next(xyz));
      assertFalse(r.next(xyz));
      assertEquals(1, r.framesRead());
      return xyz;
    }
  }

  @Test
  void readsTopologyAndCoordinatesInNm() throws IOException {
    float[] xyz = firstFrame();
    assertEquals(66, xyz.length);
    // HETATM 1 CH3 ACE at (0.305, 0.337, 2.134) angstrom
    assertArrayEquals(new float[] {0.0305f, 0.0337f, 0.2134f}, new float[] {xyz[0], xyz[1], xyz[2]}, 1e-7f);
    // ATOM 22 H3 NME at (6.712, 0.555, 0.019) angstrom
    assertArrayEquals(new float[] {0.6712f, 0.0555f, 0.0019f}, new float[] {xyz[63], xyz[64], xyz[65]}, 1e-7f);
    Topology t = PdbReader.readTopology(ALA2);
    assertEquals(new Atom(0, "CH3", "ACE", 1, "A", "C"), t.atom(0));
    assertEquals(new Atom(21, "H3", "NME", 3, "A", "H"), t.atom(21));
  }

  @Test
  void writesTheRecordsOfTheOriginalFile() throws IOException {
    Topology t = PdbReader.readTopology(ALA2);
    Path out = dir.resolve("copy.pdb");
    PdbWriter.write(out, t, List.of(firstFrame()));
    List<String> original = records(Files.readAllLines(ALA2));
    List<String> written = records(Files.readAllLines(out));
    assertEquals(original, written);
  }

  /** ATOM, HETATM and TER records, to column 78 (element), trailing blanks removed. */
  private static List<String> records(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String s : lines) {
      if (s.startsWith("ATOM") || s.startsWith("HETATM") || s.startsWith("TER")) {
        out.add(s.substring(0, Math.min(78, s.length())).stripTrailing());
      }
    }
    return out;
  }

  @Test
  void roundTripsSeveralModelsAndASubset() throws IOException {
    Topology t = PdbReader.readTopology(ALA2);
    float[] f0 = firstFrame();
    List<float[]> frames = new ArrayList<>();
    for (int m = 0; m < 3; m++) {
      float[] f = f0.clone();
      for (int i = 0; i < f.length; i++) {
        f[i] += 0.01f * m * (i % 7) - 0.3f * m;
      }
      frames.add(f);
    }
    Path out = dir.resolve("models.pdb");
    PdbWriter.write(out, t, frames);
    try (PdbReader r = PdbReader.open(out)) {
      assertEquals(t, r.topology());
      Trajectory back = MdTestData.readAll(r);
      assertEquals(3, back.frames());
      for (int m = 0; m < 3; m++) {
        assertArrayEquals(frames.get(m), back.frame(m), 5e-5f, "model " + m); // 0.0005 angstrom rounding
      }
    }
    String text = Files.readString(out);
    assertTrue(text.startsWith("REMARK"), text);
    assertEquals(3, text.split("\nMODEL ").length - 1);
    assertEquals(3, text.split("\nENDMDL\n").length - 1);
    assertTrue(text.endsWith("ENDMDL\nEND\n"));

    Path heavy = dir.resolve("heavy.pdb");
    PdbWriter.write(heavy, t, t.select("heavy"), frames);
    try (PdbReader r = PdbReader.open(heavy)) {
      assertEquals(t.subset(MdTestData.ALANINE_HEAVY), r.topology());
      Trajectory back = MdTestData.readAll(r);
      MdTestData.assertClose(FrameReaders.read(FrameReaders.of("frames", 22, frames), MdTestData.ALANINE_HEAVY),
          back, 5e-5, "heavy atoms");
      // the heavy-atom topology still has phi and psi, renumbered
      assertEquals(List.of(new Topology.Dihedral("phi", "ALA2", 1, 3, 4, 6),
          new Topology.Dihedral("psi", "ALA2", 3, 4, 6, 8)), r.topology().backboneDihedrals());
    }
  }

  @Test
  void writerRejectsWhatThePdbColumnsCannotHold() {
    Topology t = new Topology(List.of(new Atom(0, "C1", "LIG", 1, "", "C")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PdbWriter.write(dir.resolve("far.pdb"), t, List.of(new float[] {0, 1000, 0})));
    assertEquals("atom 0 (C1) of frame 0 has y = 1000.0 nm; PDB columns hold -99.9999 to 999.9999 nm",
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("far.pdb")));
    e = assertThrows(IllegalArgumentException.class,
        () -> PdbWriter.write(dir.resolve("none.pdb"), t, List.of()));
    assertTrue(e.getMessage().endsWith("has no frame to write"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PdbWriter.write(dir.resolve("short.pdb"), t, List.of(new float[] {0, 0})));
    assertTrue(e.getMessage().endsWith("frame 0 has 2 values, expected 3 x 1 atoms = 3"), e.getMessage());
  }

  private Path pdb(String name, String... lines) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, List.of(lines), StandardCharsets.US_ASCII);
    return p;
  }

  private static String atom(int serial, String name, String res, int seq, double x, String element) {
    return String.format(java.util.Locale.ROOT, "ATOM  %5d %-4s %-3s A%4d    %8.3f%8.3f%8.3f  1.00  0.00"
        + "          %2s", serial, name, res, seq, x, 0.0, 0.0, element);
  }

  @Test
  void infersBlankElementsAndKeepsOneAlternateLocation() throws IOException {
    String alt = atom(2, " CB ", "SER", 1, 2.0, " C");
    Path p = pdb("alt.pdb", atom(1, " CA ", "SER", 1, 1.0, "  "), alt.substring(0, 16) + "A" + alt.substring(17),
        alt.substring(0, 16) + "B" + alt.substring(17).replace("   2.000", "   9.000"), atom(3, "FE  ", "HEM", 2, 3.0, ""));
    try (PdbReader r = PdbReader.open(p)) {
      Topology t = r.topology();
      assertEquals(3, t.size());
      assertEquals("C", t.atom(0).element());
      assertEquals("Fe", t.atom(2).element());
      float[] xyz = new float[9];
      assertTrue(r.next(xyz));
      assertEquals(0.2f, xyz[3], 1e-7f); // location A, not B
    }
  }

  @Test
  void modelsThatDisagreeOrEndEarlyAreErrors() throws IOException {
    String a = atom(1, " N  ", "GLY", 1, 1.0, "N");
    String b = atom(2, " CA ", "GLY", 1, 2.0, "C");
    Path fewer = pdb("fewer.pdb", "MODEL        1", a, b, "ENDMDL", "MODEL        2", a, "ENDMDL", "END");
    try (PdbReader r = PdbReader.open(fewer)) {
      float[] xyz = new float[6];
      assertTrue(r.next(xyz));
      IOException e = assertThrows(IOException.class, () -> r.next(xyz));
      assertEquals(fewer + ":7: model 1 has 1 atoms, the first model 2", e.getMessage());
    }
    Path truncated = pdb("truncated.pdb", "MODEL        1", a, b, "ENDMDL", "MODEL        2", a);
    try (PdbReader r = PdbReader.open(truncated)) {
      float[] xyz = new float[6];
      assertTrue(r.next(xyz));
      IOException e = assertThrows(IOException.class, () -> r.next(xyz));
      assertEquals(truncated + ":6: model 1 has 1 atoms, the first model 2 (the file ends inside it: truncated?)",
          e.getMessage());
    }
    Path renamed = pdb("renamed.pdb", "MODEL        1", a, b, "ENDMDL", "MODEL        2", a, b.replace(" CA ", " C  "),
        "ENDMDL");
    try (PdbReader r = PdbReader.open(renamed)) {
      float[] xyz = new float[6];
      assertTrue(r.next(xyz));
      IOException e = assertThrows(IOException.class, () -> r.next(xyz));
      assertEquals(renamed + ":7: atom 1 of model 1 is C, the first model has CA there", e.getMessage());
    }
    Path cut = pdb("cut.pdb", a, b.substring(0, 40));
    IOException e = assertThrows(IOException.class, () -> PdbReader.open(cut));
    assertEquals(cut + ":2: model 0: ATOM/HETATM record has 40 columns; x, y, z need columns 31-54", e.getMessage());
    Path empty = pdb("empty.pdb", "REMARK nothing", "END");
    e = assertThrows(IOException.class, () -> PdbReader.open(empty));
    assertEquals(empty + " holds no ATOM or HETATM record", e.getMessage());
  }
}

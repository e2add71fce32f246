package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.NpyArray;

class FrameReadersTest {
  @TempDir Path dir;

  private static final Path DCD = MdTestData.fixture("ala2-head.dcd");
  private static final Path XTC = MdTestData.fixture("ala2-head.xtc");

  @Test
  void opensEachFormatByExtension() throws IOException {
    Trajectory dcd = MdTestData.expected("ala2-head-dcd.npy");
    Path npy = dir.resolve("frames.NPY");
    Files.copy(MdTestData.fixture("ala2-head-dcd.npy"), npy);
    Path csv = dir.resolve("frames.csv");
    ArrayFiles.writeArray(csv.toString(), NpyArray.ofFloats(dcd.toArray(), 5, 66));
    Path pdb = dir.resolve("frames.pdb");
    Topology t = PdbReader.readTopology(MdTestData.fixture("ala2.pdb"));
    try (FrameReader r = FrameReaders.open(DCD)) {
      PdbWriter.write(pdb, t, t.select("all"), r);
    }
    for (Path p : List.of(DCD, XTC, npy, csv, pdb)) {
      try (FrameReader r = FrameReaders.open(p)) {
        assertEquals(22, r.atoms(), p.toString());
        assertEquals(p.toString(), r.source());
        // XTC keeps 0.001 nm, PDB 0.001 angstrom
        MdTestData.assertClose(dcd, MdTestData.readAll(r), 0.0005 + 1e-6, p.toString());
      }
    }
    try (FrameReader r = FrameReaders.open(DCD)) {
      assertInstanceOf(DcdReader.class, r);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FrameReaders.open(Path.of("run.trr")));
    assertEquals("unsupported trajectory extension '.trr' of run.trr; supported: .dcd, .xtc, .pdb, .xyz, .npy, .npz,"
        + " .csv, .h5, .hdf5", e.getMessage());
    Path odd = dir.resolve("odd.npy");
    ArrayFiles.writeArray(odd.toString(), NpyArray.ofFloats(new float[8], 2, 4));
    e = assertThrows(IllegalArgumentException.class, () -> FrameReaders.open(odd));
    assertEquals(odd + " has 4 columns; expected 3 x atoms (x, y, z of each atom in nm)", e.getMessage());
  }

  @Test
  void readKeepsTheSelectedAtomsInOrder() throws IOException {
    Trajectory all = MdTestData.expected("ala2-head-dcd.npy");
    Trajectory two = FrameReaders.read(DCD, new int[] {8, 0});
    assertEquals(5, two.frames());
    assertEquals(6, two.features());
    for (int t = 0; t < 5; t++) {
      assertArrayEquals(new float[] {all.get(t, 24), all.get(t, 25), all.get(t, 26), all.get(t, 0), all.get(t, 1),
          all.get(t, 2)}, two.frame(t), 0f);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FrameReaders.read(DCD, new int[] {22}));
    assertEquals("atom index 22 is out of range for " + DCD + "; expected [0, 22)", e.getMessage());
    try (FrameReader r = FrameReaders.of("empty", 1, List.of())) {
      IOException none = assertThrows(IOException.class, () -> FrameReaders.read(r, new int[] {0}));
      assertEquals("empty has no frame to read", none.getMessage());
    }
  }

  @Test
  void severalFilesReportTheirFrameRanges() throws IOException {
    Topology t = PdbReader.readTopology(MdTestData.fixture("ala2.pdb"));
    int[] heavy = t.select("heavy");
    MultiFileReader.Frames f = MultiFileReader.read(List.of(DCD, XTC, DCD), t, heavy);
    assertEquals(List.of(new MultiFileReader.FileRange(DCD.toString(), 0, 5),
        new MultiFileReader.FileRange(XTC.toString(), 5, 5), new MultiFileReader.FileRange(DCD.toString(), 10, 5)),
        f.ranges());
    Trajectory c = f.coordinates();
    assertEquals(15, c.frames());
    assertEquals(30, c.features());
    Trajectory fromDcd = FrameReaders.read(DCD, heavy);
    MdTestData.assertClose(fromDcd, c.slice(10, 15), 0, "third file");
    MdTestData.assertClose(fromDcd, c.slice(5, 10), 0.0005 + 1e-6, "second file");
    Dataset d = f.toDataset();
    assertEquals(3, d.trajectoryCount());
    assertEquals(XTC.toString(), d.name(1).orElseThrow());

    try (MultiFileReader r = MultiFileReader.open(List.of(XTC, DCD), 22)) {
      float[] xyz = new float[66];
      for (int i = 0; i < 7; i++) {
        assertTrue(r.next(xyz));
      }
      assertEquals(List.of(new MultiFileReader.FileRange(XTC.toString(), 0, 5)), r.ranges());
      assertEquals(DCD.toString(), r.source());
      assertEquals(7, r.framesRead());
    }
  }

  @Test
  void aFileWithAnotherAtomCountIsNamedWithBothCounts() throws IOException {
    Topology t = PdbReader.readTopology(MdTestData.fixture("ala2.pdb"));
    Path few = MdTestData.fixture("few.xtc");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MultiFileReader.read(List.of(DCD, few), t, t.select("heavy")));
    assertEquals(few + " has 4 atoms, the topology has 22", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MultiFileReader.open(List.of(few), 22));
    assertEquals(few + " has 4 atoms, expected 22", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MultiFileReader.open(List.of(), 22));
    assertEquals("no trajectory file given; expected at least one", e.getMessage());
  }

  @Test
  void anEmptyFileInADatasetIsAnError() throws IOException {
    Path empty = dir.resolve("empty.dcd");
    DcdTestFiles.write(empty, java.nio.ByteOrder.LITTLE_ENDIAN, 22, new float[0][], false, 0);
    try (MultiFileReader r = MultiFileReader.open(List.of(DCD, empty), 22)) {
      IOException e = assertThrows(IOException.class, () -> FrameReaders.read(r, new int[] {0}));
      assertEquals(empty + " has no frame", e.getMessage());
    }
    try (DcdReader r = DcdReader.open(empty)) {
      assertFalse(r.next(new float[66]));
    }
  }
}

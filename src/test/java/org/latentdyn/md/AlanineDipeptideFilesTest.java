package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;

/**
 * Known answers from the shared alanine-dipeptide set (README of ../shared/data/alanine-dipeptide): every frame
 * of the DCD and the XTC against heavy_atoms.npy. Skipped where the shared data are absent.
 */
class AlanineDipeptideFilesTest {
  private static Path file(String name) {
    Path p = MdTestData.ALANINE.resolve(name);
    assumeTrue(Files.exists(p), "shared alanine-dipeptide data absent: " + p);
    return p;
  }

  @Test
  void topologyHasTheReadmeHeavyAtomsAndDihedrals() throws IOException {
    Topology t = PdbReader.readTopology(file("alanine-dipeptide.pdb"));
    assertEquals(22, t.size());
    assertArrayEquals(MdTestData.ALANINE_HEAVY, t.select("heavy"));
    List<Topology.Dihedral> d = t.backboneDihedrals();
    assertEquals(2, d.size());
    assertEquals("phi", d.get(0).angle());
    assertArrayEquals(new int[] {4, 6, 8, 14}, d.get(0).atoms());
    assertEquals("psi", d.get(1).angle());
    assertArrayEquals(new int[] {6, 8, 14, 16}, d.get(1).atoms());
  }

  private static Trajectory timedRead(Path p, int[] atoms, int expectedFrames) throws IOException {
    long start = System.nanoTime();
    Trajectory t = FrameReaders.read(p, atoms);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(expectedFrames, t.frames(), p.toString());
    System.out.printf(Locale.ROOT, "%s: %d frames of %d atoms streamed in %.3f s (%.0f frames/s)%n",
        p.getFileName(), t.frames(), atoms.length, seconds, t.frames() / seconds);
    return t;
  }

  @Test
  void everyDcdFrameMatchesTheHeavyAtomArray() throws IOException {
    Path dcd = file("trajectory.dcd");
    Trajectory heavy = Npy.readTrajectory(file("heavy_atoms.npy"));
    try (DcdReader r = DcdReader.open(dcd)) {
      assertEquals(22, r.atoms());
      assertEquals(60000, r.frames());
      assertEquals(60000, r.headerFrames());
      assertEquals(false, r.hasUnitCell());
    }
    MdTestData.assertClose(heavy, timedRead(dcd, MdTestData.ALANINE_HEAVY, 60000), 1e-5, "trajectory.dcd");
  }

  @Test
  void everyXtcFrameMatchesTheHeavyAtomArrayToItsPrecision() throws IOException {
    Path xtc = file("trajectory.xtc");
    Trajectory heavy = Npy.readTrajectory(file("heavy_atoms.npy"));
    Trajectory x = timedRead(xtc, MdTestData.ALANINE_HEAVY, 60000);
    MdTestData.assertClose(heavy, x, 0.001, "trajectory.xtc");
    // rounding to the nearest 0.001 nm: no error above half of it (plus float noise)
    MdTestData.assertClose(heavy, x, 0.0005 + 2e-6, "trajectory.xtc, half precision");
  }

  @Test
  void bothFilesAsOneDatasetReportTheirFrameRanges() throws IOException {
    Path pdb = file("alanine-dipeptide.pdb");
    Topology t = PdbReader.readTopology(pdb);
    MultiFileReader.Frames f = MultiFileReader.read(List.of(pdb, file("trajectory.xtc"), file("trajectory.dcd")),
        t, t.select("heavy"));
    assertEquals(List.of(new MultiFileReader.FileRange(pdb.toString(), 0, 1),
        new MultiFileReader.FileRange(file("trajectory.xtc").toString(), 1, 60000),
        new MultiFileReader.FileRange(file("trajectory.dcd").toString(), 60001, 60000)), f.ranges());
    assertEquals(120001, f.coordinates().frames());
    assertEquals(3, f.toDataset().trajectoryCount());
    // frame 0 of the PDB is frame 0 of the run, to the 0.001 angstrom of the PDB columns
    Trajectory heavy = Npy.readTrajectory(file("heavy_atoms.npy"));
    assertArrayEquals(heavy.frame(0), f.coordinates().frame(0), 1e-4f + 1e-6f);
    assertArrayEquals(heavy.frame(59999), f.coordinates().frame(120000), 1e-5f);
  }
}

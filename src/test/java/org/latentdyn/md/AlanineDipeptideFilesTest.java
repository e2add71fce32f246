package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
 * of the DCD and the XTC against heavy_atoms.npy, compared while streaming (one frame buffer, so that these
 * tests leave no large arrays behind in the shared test JVM). Skipped where the shared data are absent.
 */
class AlanineDipeptideFilesTest {
  private static final int FRAMES = 60000;
  private static Trajectory heavyAtoms;

  /** heavy_atoms.npy, read once for the class. */
  private static Trajectory heavy() throws IOException {
    if (heavyAtoms == null) {
      heavyAtoms = Npy.readTrajectory(file("heavy_atoms.npy"));
    }
    return heavyAtoms;
  }

  @org.junit.jupiter.api.AfterAll
  static void release() {
    heavyAtoms = null;
  }

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

  /** Streams a file once and prints the speed; returns the frame count. */
  private static int timedStream(Path p) throws IOException {
    long start = System.nanoTime();
    int frames = 0;
    try (FrameReader r = FrameReaders.open(p)) {
      float[] xyz = new float[3 * r.atoms()];
      while (r.next(xyz)) {
        frames++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%s: %d frames of 22 atoms streamed in %.3f s (%.0f frames/s)%n",
        p.getFileName(), frames, seconds, frames / seconds);
    return frames;
  }

  /** Largest |heavy_atoms.npy - frame| over the heavy atoms of every frame of {@code reader}, which must end. */
  private static double largestDifference(FrameReader reader, Trajectory heavy, int frames) throws IOException {
    float[] xyz = new float[3 * reader.atoms()];
    float[] v = heavy.view();
    double worst = 0;
    for (int t = 0; t < frames; t++) {
      assertTrue(reader.next(xyz), reader.source() + " ends before frame " + t);
      for (int k = 0; k < MdTestData.ALANINE_HEAVY.length; k++) {
        for (int c = 0; c < 3; c++) {
          worst = Math.max(worst, Math.abs(v[t * 30 + 3 * k + c] - xyz[3 * MdTestData.ALANINE_HEAVY[k] + c]));
        }
      }
    }
    return worst;
  }

  @Test
  void everyDcdFrameMatchesTheHeavyAtomArray() throws IOException {
    Path dcd = file("trajectory.dcd");
    Trajectory heavy = heavy();
    assertEquals(FRAMES, timedStream(dcd));
    try (DcdReader r = DcdReader.open(dcd)) {
      assertEquals(22, r.atoms());
      assertEquals(FRAMES, r.frames());
      assertEquals(FRAMES, r.headerFrames());
      assertFalse(r.hasUnitCell());
      double worst = largestDifference(r, heavy, FRAMES);
      assertTrue(worst <= 1e-5, "largest DCD difference " + worst + " nm");
      assertFalse(r.next(new float[66]));
    }
  }

  @Test
  void everyXtcFrameMatchesTheHeavyAtomArrayToItsPrecision() throws IOException {
    Path xtc = file("trajectory.xtc");
    Trajectory heavy = heavy();
    assertEquals(FRAMES, timedStream(xtc));
    try (XtcReader r = XtcReader.open(xtc)) {
      double worst = largestDifference(r, heavy, FRAMES);
      // within the 0.001 nm precision; rounding to the nearest 0.001 nm leaves at most half of it (+ float noise)
      assertTrue(worst <= 0.0005 + 2e-6, "largest XTC difference " + worst + " nm");
      assertEquals(1000f, r.precision(), 0f);
      assertEquals(FRAMES - 1, r.time(), 0f); // one frame per ps
      assertFalse(r.next(new float[66]));
    }
  }

  @Test
  void bothFilesAsOneDatasetReportTheirFrameRanges() throws IOException {
    Path pdb = file("alanine-dipeptide.pdb");
    Path xtc = file("trajectory.xtc");
    Path dcd = file("trajectory.dcd");
    Trajectory heavy = heavy();
    try (MultiFileReader r = MultiFileReader.open(List.of(pdb, xtc, dcd), PdbReader.readTopology(pdb))) {
      float[] xyz = new float[66];
      assertTrue(r.next(xyz));
      // the PDB holds frame 0 of the run, to the 0.001 angstrom of its columns
      assertEquals(0, largestDifference(FrameReaders.of("pdb frame", 22, List.of(xyz)), heavy, 1), 1e-4 + 1e-6);
      assertTrue(largestDifference(r, heavy, FRAMES) <= 0.0005 + 2e-6);
      assertTrue(largestDifference(r, heavy, FRAMES) <= 1e-5);
      assertFalse(r.next(xyz));
      assertEquals(1 + 2 * FRAMES, r.framesRead());
      assertEquals(List.of(new MultiFileReader.FileRange(pdb.toString(), 0, 1),
          new MultiFileReader.FileRange(xtc.toString(), 1, FRAMES),
          new MultiFileReader.FileRange(dcd.toString(), 1 + FRAMES, FRAMES)), r.ranges());
    }
  }
}

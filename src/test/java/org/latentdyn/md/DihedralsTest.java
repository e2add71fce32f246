package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;

class DihedralsTest {
  static final Path DATA = Path.of("../shared/data/alanine-dipeptide/");
  /** Heavy-atom indices (0..9 in heavy_atoms.npy) of phi = PDB [4, 6, 8, 14] and psi = PDB [6, 8, 14, 16]. */
  static final int[] PHI = {1, 3, 4, 6};
  static final int[] PSI = {3, 4, 6, 8};

  /**
   * p0 = (1, 0, 0), p1 = origin, p2 = (0, 0, 1), p3 = (cos t, sin t, 1): looking down p1 -> p2 (along +z),
   * p3 is p0 turned clockwise by t, so the IUPAC dihedral is t.
   */
  @ParameterizedTest
  @CsvSource({"60, 60", "-60, -60", "180, 180", "0, 0", "120, 120", "-179, -179", "-180, 180"})
  void handBuiltTorsionsHaveTheIupacSign(double turnDegrees, double expectedDegrees) {
    double t = Math.toRadians(turnDegrees);
    double[] p0 = {1, 0, 0};
    double[] p1 = {0, 0, 0};
    double[] p2 = {0, 0, 1};
    double[] p3 = {Math.cos(t), Math.sin(t), 1};
    double angle = Dihedrals.dihedral(p0, p1, p2, p3);
    assertEquals(Math.toRadians(expectedDegrees), angle, 1e-12);
    assertTrue(angle > -Math.PI && angle <= Math.PI);
  }

  @Test
  void butaneLikeChainGivesGaucheAndTransSigns() {
    // a zig-zag chain C0..C3 in the xy plane is trans (180); lifting C3 above the plane (+z), seen along
    // C1 -> C2 gives a negative (counter-clockwise) turn when C1 -> C2 points along +x and C0 is at -y
    float[] trans = {-1, -1, 0, 0, 0, 0, 1.5f, 0, 0, 2.5f, 1, 0};
    assertEquals(Math.PI, Dihedrals.dihedral(trans, 0, 1, 2, 3), 1e-7);
    float[] cis = {-1, -1, 0, 0, 0, 0, 1.5f, 0, 0, 2.5f, -1, 0};
    assertEquals(0.0, Dihedrals.dihedral(cis, 0, 1, 2, 3), 1e-7);
    // C0 at -y, C3 at +z: from -y to +z looking along +x is a quarter turn counter-clockwise (x = y cross z)
    float[] quarter = {-1, -1, 0, 0, 0, 0, 1.5f, 0, 0, 2.5f, 0, 1};
    assertEquals(-Math.PI / 2, Dihedrals.dihedral(quarter, 0, 1, 2, 3), 1e-7);
  }

  @Test
  void isInvariantUnderRigidMotionAndFlipsUnderAMirror() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int trial = 0; trial < 50; trial++) {
      double[] xyz = KabschTest.cloud(4, rng);
      double a = dihedral(xyz);
      double[] moved = KabschTest.transform(xyz, KabschTest.randomRotation(rng), new double[] {1, 2, 3});
      assertEquals(a, dihedral(moved), 1e-10);
      double[] mirror = xyz.clone();
      for (int i = 2; i < 12; i += 3) {
        mirror[i] = -mirror[i];
      }
      assertEquals(-a, dihedral(mirror), 1e-10);
      // against the textbook angle between the plane normals, signed by b1 . (b2 x b3)
      assertEquals(a, normalAngle(xyz), 1e-9);
    }
  }

  @Test
  void vectorisedFormsAgreeWithTheSingleFrameForm() {
    SplittableRandom rng = new SplittableRandom(9);
    int frames = 20;
    float[] v = new float[frames * 15];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) KabschTest.gaussian(rng);
    }
    Trajectory xyz = Trajectory.wrap(v, frames, 15);
    int[] q0 = {0, 1, 2, 3};
    int[] q1 = {4, 2, 1, 0};
    Trajectory both = Dihedrals.dihedrals(xyz, q0, q1);
    assertEquals(2, both.features());
    double[] series = Dihedrals.dihedral(xyz, q1);
    Trajectory sc = Dihedrals.sinCos(both);
    assertEquals(4, sc.features());
    for (int f = 0; f < frames; f++) {
      float[] frame = xyz.frame(f);
      assertEquals(Dihedrals.dihedral(frame, 0, 1, 2, 3), both.get(f, 0), 1e-6);
      assertEquals(Dihedrals.dihedral(frame, 4, 2, 1, 0), series[f], 0.0);
      assertEquals(Math.sin(both.get(f, 1)), sc.get(f, 2), 1e-7);
      assertEquals(Math.cos(both.get(f, 1)), sc.get(f, 3), 1e-7);
    }
  }

  @Test
  void pairwiseDistancesAreTheUpperTriangleInCombinationOrder() {
    float[] v = {0, 0, 0, 3, 0, 0, 0, 4, 0, 9, 9, 9, 0, 0, 1};
    Trajectory xyz = Trajectory.wrap(v, 1, 15);
    Trajectory d = Dihedrals.pairwiseDistances(xyz, new int[] {0, 1, 2, 4});
    // pairs (0,1) (0,2) (0,4) (1,2) (1,4) (2,4)
    assertArrayEquals(new float[] {3, 4, 1, 5, (float) Math.sqrt(10), (float) Math.sqrt(17)}, d.view(), 1e-6f);
  }

  @Test
  void rejectsBadInputsNamingThem() {
    Trajectory xyz = Trajectory.wrap(new float[12], 1, 12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dihedrals.dihedral(xyz, new int[] {0, 1, 2, 4}));
    assertEquals("atom 4 is out of range: the frame has 4 atoms", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Dihedrals.dihedral(xyz, new int[] {0, 1, 2}));
    assertEquals("a dihedral needs a quartet of 4 atoms, got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Dihedrals.dihedral(Trajectory.wrap(new float[10], 1, 10), new int[] {0, 1, 2, 3}));
    assertEquals("xyz has 10 features per frame, expected 3n (x, y, z per atom)", e.getMessage());
  }

  @Test
  void reproducesTheShippedAlanineDipeptideTorsions() throws IOException {
    Path heavy = DATA.resolve("heavy_atoms.npy");
    Path dihedrals = DATA.resolve("dihedrals.npy");
    Assumptions.assumeTrue(Files.exists(heavy) && Files.exists(dihedrals), "shared alanine-dipeptide data absent");
    Trajectory xyz = Npy.readTrajectory(heavy);
    Trajectory expected = Npy.readTrajectory(dihedrals);
    assertEquals(60000, xyz.frames());
    Trajectory phiPsi = Dihedrals.dihedrals(xyz, PHI, PSI);
    double worst = 0;
    for (int f = 0; f < xyz.frames(); f++) {
      for (int j = 0; j < 2; j++) {
        double diff = Math.IEEEremainder(phiPsi.get(f, j) - expected.get(f, j), 2 * Math.PI);
        worst = Math.max(worst, Math.abs(diff));
      }
    }
    assertTrue(worst < 1e-4, "largest torsion difference " + worst + " rad");

    // alignment is a proper rigid motion, so it keeps every torsion
    Trajectory aligned = Kabsch.align(xyz, 0, Kabsch.Options.DEFAULT);
    double[] alignedPsi = Dihedrals.dihedral(aligned, PSI);
    for (int f = 0; f < xyz.frames(); f += 97) {
      assertEquals(0.0, Math.IEEEremainder(alignedPsi[f] - phiPsi.get(f, 1), 2 * Math.PI), 1e-4);
    }
  }

  private static double dihedral(double[] xyz) {
    return Dihedrals.dihedral(new double[] {xyz[0], xyz[1], xyz[2]}, new double[] {xyz[3], xyz[4], xyz[5]},
        new double[] {xyz[6], xyz[7], xyz[8]}, new double[] {xyz[9], xyz[10], xyz[11]});
  }

  /** acos of the angle between n1 = b1 x b2 and n2 = b2 x b3, with the sign of b1 . n2. */
  private static double normalAngle(double[] p) {
    double[] b1 = sub(p, 3, 0);
    double[] b2 = sub(p, 6, 3);
    double[] b3 = sub(p, 9, 6);
    double[] n1 = cross(b1, b2);
    double[] n2 = cross(b2, b3);
    double c = dot(n1, n2) / Math.sqrt(dot(n1, n1) * dot(n2, n2));
    double a = Math.acos(Math.max(-1, Math.min(1, c)));
    return dot(b1, n2) < 0 ? -a : a;
  }

  private static double[] sub(double[] p, int i, int j) {
    return new double[] {p[i] - p[j], p[i + 1] - p[j + 1], p[i + 2] - p[j + 2]};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }
}

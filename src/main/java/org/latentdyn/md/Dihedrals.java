package org.latentdyn.md;

import org.latentdyn.data.Trajectory;

/**
 * Internal coordinates as features: dihedral (torsion) angles, their sines and cosines, and pairwise
 * distances.
 *
 * <p>The dihedral of points {@code p0, p1, p2, p3} follows the IUPAC-IUB convention (1970, Biochemistry
 * 9:3471): looking along {@code p1 -> p2}, the angle from the projection of {@code p0} to that of
 * {@code p3}, positive clockwise; cis is 0 and trans is pi. It is computed as mdtraj does
 * ({@code mdtraj.geometry.dihedral._dihedral}, after Blondel &amp; Karplus 1996, J. Comput. Chem. 17:1132):
 * with {@code b1 = p1 - p0}, {@code b2 = p2 - p1}, {@code b3 = p3 - p2},
 * {@code angle = atan2(|b2| b1 . (b2 x b3), (b1 x b2) . (b2 x b3))}, in radians, mapped into
 * {@code (-pi, pi]} (an exact {@code -pi} becomes {@code pi}). Degenerate geometry (collinear points) gives 0.
 *
 * <p>Coordinates are flat: a frame is {@code 3n} values {@code x0, y0, z0, x1, ...}, a trajectory
 * {@code [frames, 3n]}; atoms are given by their 0-based index {@code k} (coordinates at {@code 3k..3k+2}).
 */
public final class Dihedrals {
  private Dihedrals() {}

  /** The dihedral angle of four points (each {@code {x, y, z}}), radians in {@code (-pi, pi]}. */
  public static double dihedral(double[] p0, double[] p1, double[] p2, double[] p3) {
    for (double[] p : new double[][] {p0, p1, p2, p3}) {
      if (p == null || p.length != 3) {
        throw new IllegalArgumentException("each point must hold 3 coordinates, got "
            + (p == null ? "null" : p.length));
      }
    }
    return angle(p0[0], p0[1], p0[2], p1[0], p1[1], p1[2], p2[0], p2[1], p2[2], p3[0], p3[1], p3[2]);
  }

  /** The dihedral of atoms {@code a, b, c, d} of one frame {@code xyz} ({@code 3n} values). */
  public static double dihedral(float[] xyz, int a, int b, int c, int d) {
    if (xyz == null || xyz.length % 3 != 0) {
      throw new IllegalArgumentException("xyz must hold 3n coordinates (x, y, z per atom), got length "
          + (xyz == null ? "null" : xyz.length));
    }
    checkAtoms(xyz.length, a, b, c, d);
    return at(xyz, 0, a, b, c, d);
  }

  /**
   * The dihedral of atoms {@code quartet = {a, b, c, d}} in every frame of {@code xyz} ({@code [frames, 3n]}).
   *
   * @return one angle per frame, radians in {@code (-pi, pi]}
   */
  public static double[] dihedral(Trajectory xyz, int[] quartet) {
    checkQuartet(quartet);
    int stride = checkXyz(xyz);
    checkAtoms(stride, quartet[0], quartet[1], quartet[2], quartet[3]);
    float[] v = xyz.view();
    double[] out = new double[xyz.frames()];
    for (int f = 0; f < out.length; f++) {
      out[f] = at(v, f * stride, quartet[0], quartet[1], quartet[2], quartet[3]);
    }
    return out;
  }

  /**
   * The dihedrals of several quartets in every frame, {@code [frames, quartets]} (column {@code j} from
   * {@code quartets[j]}).
   */
  public static Trajectory dihedrals(Trajectory xyz, int[]... quartets) {
    if (quartets == null || quartets.length == 0) {
      throw new IllegalArgumentException("quartets must name at least one quartet of atoms, got none");
    }
    int q = quartets.length;
    float[] out = new float[xyz.frames() * q];
    for (int j = 0; j < q; j++) {
      double[] angles = dihedral(xyz, quartets[j]);
      for (int f = 0; f < angles.length; f++) {
        out[f * q + j] = (float) angles[f];
      }
    }
    return Trajectory.wrap(out, xyz.frames(), q);
  }

  /**
   * Angles {@code [frames, m]} (radians) as the features {@code [frames, 2m]}: for angle {@code j}, column
   * {@code 2j} holds {@code sin} and column {@code 2j + 1} holds {@code cos}, which are continuous across the
   * seam at {@code +-pi}.
   */
  public static Trajectory sinCos(Trajectory angles) {
    if (angles == null) {
      throw new IllegalArgumentException("angles must not be null");
    }
    int m = angles.features();
    float[] v = angles.view();
    float[] out = new float[v.length * 2];
    for (int i = 0; i < v.length; i++) {
      out[2 * i] = (float) Math.sin(v[i]);
      out[2 * i + 1] = (float) Math.cos(v[i]);
    }
    return Trajectory.wrap(out, angles.frames(), 2 * m);
  }

  /**
   * The distances between every pair of {@code atoms} in every frame of {@code xyz}, {@code [frames,
   * m(m-1)/2]} for {@code m} atoms: the upper triangle row by row, pairs {@code (atoms[0], atoms[1]),
   * (atoms[0], atoms[2]), ..., (atoms[1], atoms[2]), ...} (the order of {@code itertools.combinations}).
   */
  public static Trajectory pairwiseDistances(Trajectory xyz, int[] atoms) {
    int stride = checkXyz(xyz);
    if (atoms == null || atoms.length < 2) {
      throw new IllegalArgumentException("atoms must name at least 2 atoms, got "
          + (atoms == null ? "null" : atoms.length));
    }
    for (int a : atoms) {
      checkAtoms(stride, a, a, a, a);
    }
    int m = atoms.length;
    int pairs = m * (m - 1) / 2;
    float[] v = xyz.view();
    float[] out = new float[xyz.frames() * pairs];
    for (int f = 0; f < xyz.frames(); f++) {
      int o = f * stride;
      int col = f * pairs;
      for (int i = 0; i < m; i++) {
        int ai = o + 3 * atoms[i];
        for (int j = i + 1; j < m; j++) {
          int aj = o + 3 * atoms[j];
          double dx = (double) v[aj] - v[ai];
          double dy = (double) v[aj + 1] - v[ai + 1];
          double dz = (double) v[aj + 2] - v[ai + 2];
          out[col++] = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
      }
    }
    return Trajectory.wrap(out, xyz.frames(), pairs);
  }

  private static double at(float[] v, int o, int a, int b, int c, int d) {
    int ia = o + 3 * a;
    int ib = o + 3 * b;
    int ic = o + 3 * c;
    int id = o + 3 * d;
    return angle(v[ia], v[ia + 1], v[ia + 2], v[ib], v[ib + 1], v[ib + 2], v[ic], v[ic + 1], v[ic + 2],
        v[id], v[id + 1], v[id + 2]);
  }

  private static double angle(double x0, double y0, double z0, double x1, double y1, double z1,
      double x2, double y2, double z2, double x3, double y3, double z3) {
    double b1x = x1 - x0;
    double b1y = y1 - y0;
    double b1z = z1 - z0;
    double b2x = x2 - x1;
    double b2y = y2 - y1;
    double b2z = z2 - z1;
    double b3x = x3 - x2;
    double b3y = y3 - y2;
    double b3z = z3 - z2;
    // c1 = b2 x b3, c2 = b1 x b2
    double c1x = b2y * b3z - b2z * b3y;
    double c1y = b2z * b3x - b2x * b3z;
    double c1z = b2x * b3y - b2y * b3x;
    double c2x = b1y * b2z - b1z * b2y;
    double c2y = b1z * b2x - b1x * b2z;
    double c2z = b1x * b2y - b1y * b2x;
    double p1 = (b1x * c1x + b1y * c1y + b1z * c1z) * Math.sqrt(b2x * b2x + b2y * b2y + b2z * b2z);
    double p2 = c1x * c2x + c1y * c2y + c1z * c2z;
    double angle = Math.atan2(p1, p2);
    return angle == -Math.PI ? Math.PI : angle;
  }

  private static void checkQuartet(int[] quartet) {
    if (quartet == null || quartet.length != 4) {
      throw new IllegalArgumentException("a dihedral needs a quartet of 4 atoms, got "
          + (quartet == null ? "null" : quartet.length));
    }
  }

  private static int checkXyz(Trajectory xyz) {
    if (xyz == null) {
      throw new IllegalArgumentException("xyz must not be null");
    }
    if (xyz.features() % 3 != 0) {
      throw new IllegalArgumentException("xyz has " + xyz.features()
          + " features per frame, expected 3n (x, y, z per atom)");
    }
    return xyz.features();
  }

  /** Checks atom indices against a frame of {@code length} coordinates. */
  private static void checkAtoms(int length, int... atoms) {
    int n = length / 3;
    for (int a : atoms) {
      if (a < 0 || a >= n) {
        throw new IllegalArgumentException("atom " + a + " is out of range: the frame has " + n + " atoms");
      }
    }
  }
}

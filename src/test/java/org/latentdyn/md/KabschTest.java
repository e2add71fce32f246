package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentdyn.data.Trajectory;

class KabschTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void undoesARandomProperRotationAndShift(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] original = cloud(10, rng);
    double[] r = randomRotation(rng);
    double[] t = {3 * rng.nextDouble() - 1.5, 2.0, -0.7};
    double[] moved = transform(original, r, t);

    Kabsch k = Kabsch.onto(original);
    Kabsch.Superposition s = k.fit(moved);
    // the fitted rotation is R^T and the fitted shift -R^T t
    assertArrayEquals(transpose(r), s.rotation(), 1e-12);
    assertArrayEquals(transform(new double[] {-t[0], -t[1], -t[2]}, transpose(r), new double[3]),
        s.translation(), 1e-12);
    assertEquals(1.0, det(s.rotation()), 1e-12);
    assertEquals(0.0, s.rmsd(), 1e-12);
    assertArrayEquals(original, k.aligned(moved), 1e-12);

    float[] movedF = toFloat(moved);
    float[] alignedF = Kabsch.onto(toFloat(original)).aligned(movedF);
    assertArrayEquals(toFloat(original), alignedF, 1e-5f);
    assertEquals(0.0, Kabsch.onto(toFloat(original)).rmsd(movedF), 1e-6);
  }

  @Test
  void aMirrorImageIsRotatedNotReflected() {
    SplittableRandom rng = new SplittableRandom(7);
    double[] original = cloud(10, rng);
    double[] mirror = original.clone();
    for (int i = 0; i < mirror.length; i += 3) {
      mirror[i] = -mirror[i]; // reflect through the yz plane
    }
    double[] moved = transform(mirror, randomRotation(rng), new double[] {1, -2, 0.5});

    Kabsch.Superposition s = Kabsch.onto(original).fit(moved);

    assertEquals(1.0, det(s.rotation()), 1e-12);
    // a reflection would fit exactly; the best proper rotation cannot
    assertEquals(0.0, svdKabsch(moved, original, false), 1e-9);
    double proper = svdKabsch(moved, original, true);
    assertTrue(proper > 0.1, "the mirror image is chiral, proper RMSD " + proper);
    assertEquals(proper, s.rmsd(), 1e-9);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void agreesWithSvdKabschOnNoisyFrames(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] reference = cloud(10, rng);
    double[] frame = transform(reference, randomRotation(rng), new double[] {0.3, 0.1, -0.2});
    for (int i = 0; i < frame.length; i++) {
      frame[i] += 0.3 * gaussian(rng);
    }
    Kabsch.Superposition s = Kabsch.onto(reference).fit(frame);
    assertEquals(svdKabsch(frame, reference, true), s.rmsd(), 1e-10);
    // the RMSD of the aligned frame, recomputed directly
    double[] aligned = s.apply(frame);
    assertEquals(s.rmsd(), rmsd(aligned, reference), 1e-10);
  }

  @Test
  void handlesHalfTurnsAndCollinearAtoms() {
    SplittableRandom rng = new SplittableRandom(21);
    double[] original = cloud(10, rng);
    double[] halfTurn = {-1, 0, 0, 0, -1, 0, 0, 0, 1}; // pi about z
    Kabsch k = Kabsch.onto(original);
    assertArrayEquals(original, k.aligned(transform(original, halfTurn, new double[3])), 1e-12);

    double[] line = new double[12];
    for (int i = 0; i < 4; i++) {
      line[3 * i] = i;
      line[3 * i + 1] = 2 * i;
      line[3 * i + 2] = -i;
    }
    double[] movedLine = transform(line, randomRotation(rng), new double[] {5, 5, 5});
    Kabsch.Superposition s = Kabsch.onto(line).fit(movedLine);
    assertEquals(0.0, s.rmsd(), 1e-12);
    assertEquals(1.0, det(s.rotation()), 1e-12);
    assertArrayEquals(line, s.apply(movedLine), 1e-12);
  }

  @Test
  void fitsOnlyTheChosenAtomsWithTheirWeights() {
    SplittableRandom rng = new SplittableRandom(31);
    double[] original = cloud(10, rng);
    double[] r = randomRotation(rng);
    double[] moved = transform(original, r, new double[] {1, 2, 3});
    moved[3 * 9] += 5.0; // atom 9 moved away: not a fit atom
    int[] fit = {0, 1, 2, 3, 4, 5, 6, 7, 8};

    double[] aligned = Kabsch.onto(original, Kabsch.Options.DEFAULT.withAtoms(fit)).aligned(moved);
    for (int i = 0; i < 27; i++) {
      assertEquals(original[i], aligned[i], 1e-12);
    }
    double shifted = Math.sqrt(Math.pow(aligned[27] - original[27], 2) + Math.pow(aligned[28] - original[28], 2)
        + Math.pow(aligned[29] - original[29], 2));
    assertEquals(5.0, shifted, 1e-12); // the non-fit atom moves with the rest, keeping its displacement

    double[] w = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    Kabsch.Superposition weighted = Kabsch.onto(original, Kabsch.Options.DEFAULT.withWeights(w)).fit(moved);
    assertArrayEquals(aligned, weighted.apply(moved), 1e-12);
    assertEquals(0.0, weighted.rmsd(), 1e-12);

    // a weighted fit of noisy frames matches SVD Kabsch on atoms repeated by their integer weights
    double[] noisy = moved.clone();
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] += 0.2 * gaussian(rng);
    }
    double[] w2 = {1, 2, 3, 1, 2, 3, 1, 2, 3, 1};
    double[] repX = repeat(noisy, w2);
    double[] repY = repeat(original, w2);
    assertEquals(svdKabsch(repX, repY, true),
        Kabsch.onto(original, Kabsch.Options.DEFAULT.withWeights(w2)).rmsd(noisy), 1e-10);
  }

  @Test
  void alignsATrajectoryInPlaceAndRemovesTheMean() {
    SplittableRandom rng = new SplittableRandom(41);
    double[] reference = cloud(10, rng);
    int frames = 200;
    float[] xyz = new float[frames * 30];
    for (int f = 0; f < frames; f++) {
      double[] frame = reference.clone();
      for (int i = 0; i < 30; i++) {
        frame[i] += 0.05 * gaussian(rng);
      }
      double[] moved = transform(frame, randomRotation(rng), new double[] {f, -f, 0.1 * f});
      for (int i = 0; i < 30; i++) {
        xyz[30 * f + i] = (float) moved[i];
      }
    }
    Trajectory traj = Trajectory.wrap(xyz, frames, 30);

    Trajectory aligned = Kabsch.align(traj, 0, Kabsch.Options.DEFAULT);
    Kabsch k = Kabsch.onto(traj.frame(0));
    for (int f = 0; f < frames; f++) {
      float[] expected = k.aligned(traj.frame(f));
      assertArrayEquals(expected, aligned.frame(f), 1e-6f);
      assertTrue(k.rmsd(aligned.frame(f)) < 0.2, "frame " + f);
    }
    assertArrayEquals(traj.frame(0), aligned.frame(0), 1e-5f);

    float[] bulk = traj.toArray();
    double[] rmsd = k.alignAll(bulk);
    assertArrayEquals(aligned.view(), bulk, 0f);
    assertEquals(0.0, rmsd[0], 1e-6);
    assertEquals(k.rmsd(traj.frame(17)), rmsd[17], 1e-12);

    Trajectory centred = Kabsch.align(traj, 0, Kabsch.Options.DEFAULT.withRemoveMean(true));
    for (int j = 0; j < 30; j++) {
      double mean = 0;
      for (int f = 0; f < frames; f++) {
        mean += centred.get(f, j);
      }
      assertEquals(0.0, mean / frames, 1e-6, "column " + j);
      assertEquals(aligned.get(5, j) - aligned.get(6, j), centred.get(5, j) - centred.get(6, j), 1e-5);
    }
  }

  @Test
  void rejectsBadInputsNamingThem() {
    double[] ref = new double[30];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kabsch.onto(new double[7]));
    assertEquals("reference must hold 3n > 0 coordinates (x, y, z per atom), got length 7", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Kabsch.onto(ref).fit(new double[27]));
    assertEquals("frame has 27 coordinates, expected 3n = 30 as in the reference", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Kabsch.onto(ref, Kabsch.Options.DEFAULT.withAtoms(0, 10)));
    assertEquals("fit atom 10 is out of range: the reference has 10 atoms", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Kabsch.Options(new int[] {1, 2, 1}, null, false));
    assertEquals("atoms must be distinct, got 1 twice", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Kabsch.Options(new int[] {1, 2}, new double[] {1, -1}, false));
    assertEquals("weights[1] must be finite and >= 0, got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Kabsch.Options(new int[] {1, 2}, new double[] {1}, false));
    assertEquals("weights has length 1, expected one per fit atom = 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Kabsch.onto(ref).alignInPlace(new float[60], 2));
    assertEquals("frame must be in [0, 2), got 2", e.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static double[] cloud(int atoms, SplittableRandom rng) {
    double[] x = new double[3 * atoms];
    for (int i = 0; i < x.length; i++) {
      x[i] = gaussian(rng);
    }
    return x;
  }

  /** A Haar-random proper rotation, row-major, from a random unit quaternion. */
  static double[] randomRotation(SplittableRandom rng) {
    double a = gaussian(rng);
    double b = gaussian(rng);
    double c = gaussian(rng);
    double d = gaussian(rng);
    double n = Math.sqrt(a * a + b * b + c * c + d * d);
    a /= n;
    b /= n;
    c /= n;
    d /= n;
    return new double[] {
        a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
        2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b),
        2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d};
  }

  static double[] transform(double[] xyz, double[] r, double[] t) {
    double[] out = new double[xyz.length];
    for (int i = 0; i < xyz.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        out[i + k] = r[3 * k] * xyz[i] + r[3 * k + 1] * xyz[i + 1] + r[3 * k + 2] * xyz[i + 2] + t[k];
      }
    }
    return out;
  }

  static double[] transpose(double[] r) {
    return new double[] {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
  }

  static double det(double[] r) {
    return r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
        + r[2] * (r[3] * r[7] - r[4] * r[6]);
  }

  static float[] toFloat(double[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  static double rmsd(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s / (a.length / 3));
  }

  private static double[] repeat(double[] xyz, double[] integerWeights) {
    int total = 0;
    for (double w : integerWeights) {
      total += (int) w;
    }
    double[] out = new double[3 * total];
    int o = 0;
    for (int i = 0; i < integerWeights.length; i++) {
      for (int r = 0; r < (int) integerWeights[i]; r++) {
        System.arraycopy(xyz, 3 * i, out, o, 3);
        o += 3;
      }
    }
    return out;
  }

  /**
   * The textbook SVD Kabsch RMSD of x onto y (independent of the code under test): centre, H = X^T Y,
   * H = U S V^T, R = V diag(1, 1, d) U^T with d = sign(det(V U^T)) when proper, else d = 1.
   */
  static double svdKabsch(double[] x, double[] y, boolean proper) {
    int n = x.length / 3;
    double[][] xc = centred(x);
    double[][] yc = centred(y);
    RealMatrix h = MatrixUtils.createRealMatrix(xc).transpose().multiply(MatrixUtils.createRealMatrix(yc));
    SingularValueDecomposition svd = new SingularValueDecomposition(h);
    RealMatrix v = svd.getV();
    RealMatrix ut = svd.getUT();
    double d = proper ? Math.signum(new org.hipparchus.linear.LUDecomposition(v.multiply(ut)).getDeterminant()) : 1;
    RealMatrix r = v.multiply(MatrixUtils.createRealDiagonalMatrix(new double[] {1, 1, d})).multiply(ut);
    double s = 0;
    for (int i = 0; i < n; i++) {
      double[] p = r.operate(xc[i]);
      for (int k = 0; k < 3; k++) {
        s += (p[k] - yc[i][k]) * (p[k] - yc[i][k]);
      }
    }
    return Math.sqrt(s / n);
  }

  private static double[][] centred(double[] xyz) {
    int n = xyz.length / 3;
    double[] c = new double[3];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        c[k] += xyz[3 * i + k] / n;
      }
    }
    double[][] out = new double[n][3];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        out[i][k] = xyz[3 * i + k] - c[k];
      }
    }
    return out;
  }
}

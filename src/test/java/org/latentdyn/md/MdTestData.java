package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;

/** Paths of the md test fixtures (made by make_fixtures.py beside them) and of the shared data. */
final class MdTestData {
  /** The shared alanine-dipeptide set, relative to the project root. */
  static final Path ALANINE = Path.of("../shared/data/alanine-dipeptide");
  /** PDB indices of the heavy atoms of alanine dipeptide (the data set's README). */
  static final int[] ALANINE_HEAVY = {0, 4, 5, 6, 8, 10, 14, 15, 16, 18};

  private MdTestData() {}

  static Path fixture(String name) {
    try {
      return Path.of(MdTestData.class.getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test fixture " + name + " is missing", e);
    }
  }

  static Trajectory expected(String npy) throws IOException {
    return Npy.readTrajectory(fixture(npy));
  }

  /** Reads all frames of a reader as one trajectory (every atom). */
  static Trajectory readAll(FrameReader r) throws IOException {
    int[] all = new int[r.atoms()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return FrameReaders.read(r, all);
  }

  static void assertClose(Trajectory expected, Trajectory actual, double tolerance, String what) {
    assertEquals(expected.frames(), actual.frames(), what + ": frames");
    assertEquals(expected.features(), actual.features(), what + ": features");
    float[] e = expected.view();
    float[] a = actual.view();
    double worst = 0;
    int at = -1;
    for (int i = 0; i < e.length; i++) {
      double d = Math.abs(e[i] - a[i]);
      if (!(d <= worst)) {
        worst = d;
        at = i;
      }
    }
    if (worst > tolerance) {
      throw new AssertionError(what + ": largest difference " + worst + " at frame " + at / expected.features()
          + ", value " + at % expected.features() + " (expected " + e[at] + ", got " + a[at] + "), tolerance "
          + tolerance);
    }
  }
}

package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Trajectory;

class ArrayFilesTest {
  @TempDir Path dir;

  private static final NpyArray X = NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);

  private String spec(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void parsesSpecs() {
    ArrayFiles.Source s = ArrayFiles.parse("runs/a.h5:/group/data");
    assertEquals(Path.of("runs/a.h5"), s.file());
    assertEquals("/group/data", s.key());
    assertEquals(".h5", s.extension());
    assertEquals("x", ArrayFiles.parse("a.NPZ:x").key());
    assertNull(ArrayFiles.parse("a.npy").key());
    assertNull(ArrayFiles.parse("a.npz:").key());
  }

  @Test
  void readsEveryFormatToTheSameTrajectory() throws IOException {
    for (String name : new String[] {"x.npy", "x.npz", "x.csv", "x.h5", "x.hdf5"}) {
      ArrayFiles.writeArray(spec(name), X);
      Trajectory t = ArrayFiles.readTrajectory(spec(name));
      assertArrayEquals(X.toFloatArray(), t.toArray(), name);
      assertEquals(2, t.features(), name);
    }
    ArrayFiles.writeArray(spec("k.npz:traj"), X);
    assertEquals(X, ArrayFiles.readArray(spec("k.npz:traj")));
    ArrayFiles.writeArray(spec("k.h5:/g/traj"), X);
    assertEquals(X, ArrayFiles.readArray(spec("k.h5:/g/traj")));
  }

  @Test
  void missingFileAndUnsupportedExtension() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ArrayFiles.readArray("X.npy"));
    assertEquals("data file X.npy does not exist", e.getMessage());
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> ArrayFiles.readArray("a.txt"));
    assertEquals("unsupported data file extension '.txt' of a.txt; supported: .npy, .npz[:key], .csv,"
        + " .h5[:/dataset], .hdf5[:/dataset]", u.getMessage());
  }

  @Test
  void npzWithSeveralArraysNeedsAKey() throws IOException {
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("a", X);
    m.put("b", X);
    Npz.write(dir.resolve("two.npz"), m);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArrayFiles.readArray(spec("two.npz")));
    assertEquals(dir.resolve("two.npz") + " holds 2 arrays [a, b]; name one as " + dir.resolve("two.npz")
        + ":<key>", e.getMessage());
    assertEquals(X, ArrayFiles.readArray(spec("two.npz:b")));
  }

  @Test
  void wrongRankAndNonFiniteValuesAreNamed() throws IOException {
    Npy.write(dir.resolve("img.npy"), NpyArray.ofFloats(new float[8], 2, 2, 2));
    IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
        () -> ArrayFiles.readTrajectory(spec("img.npy")));
    assertEquals(spec("img.npy") + ": array of shape [2, 2, 2] has rank 3, expected rank 2 [frames, features]"
        + " or rank 1 [frames]", r.getMessage());
    Npy.write(dir.resolve("nan.npy"), NpyArray.ofDoubles(new double[] {0, 1, 2, 3, Double.NaN, 5}, 3, 2));
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> ArrayFiles.readTrajectory(spec("nan.npy")));
    assertEquals(spec("nan.npy") + " has a non-finite value NaN at frame 2, feature 0", n.getMessage());
  }

  @Test
  void readsTheAlanineDipeptideArrays() throws IOException {
    Path heavy = Path.of("../shared/data/alanine-dipeptide/heavy_atoms.npy");
    Path dihedrals = Path.of("../shared/data/alanine-dipeptide/dihedrals.npy");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(heavy) && Files.exists(dihedrals),
        "shared alanine-dipeptide data absent");
    Npy.Header h = Npy.readHeader(heavy);
    assertEquals(DType.FLOAT32, h.dtype());
    assertArrayEquals(new int[] {60000, 30}, h.shape());
    // our writer produces numpy's header byte for byte
    assertArrayEquals(Npy.headerBytes(DType.FLOAT32, new int[] {60000, 30}),
        java.util.Arrays.copyOf(Files.readAllBytes(heavy), (int) h.dataOffset()));
    Trajectory x = ArrayFiles.readTrajectory(heavy.toString());
    assertEquals(60000, x.frames());
    assertEquals(30, x.features());
    // heavy atoms in nm: CA-C bond (atoms k=4 and k=6) about 0.15 nm in frame 0
    double d2 = 0;
    for (int c = 0; c < 3; c++) {
      double d = x.get(0, 3 * 4 + c) - x.get(0, 3 * 6 + c);
      d2 += d * d;
    }
    assertEquals(0.153, Math.sqrt(d2), 0.01);
    Trajectory phiPsi = Npy.readTrajectory(dihedrals);
    assertEquals(60000, phiPsi.frames());
    assertEquals(2, phiPsi.features());
    int betaOrAlphaR = 0;
    for (float v : phiPsi.view()) {
      assertEquals(0, v, Math.PI + 1e-6); // radians in (-pi, pi]
    }
    for (int t = 0; t < phiPsi.frames(); t++) {
      if (phiPsi.get(t, 0) < 0) {
        betaOrAlphaR++;
      }
    }
    assertEquals(60000 - 5, betaOrAlphaR); // README: 5 frames with phi > 0 (beta across the seam)
  }
}

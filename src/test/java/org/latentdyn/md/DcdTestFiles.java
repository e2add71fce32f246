package org.latentdyn.md;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small CHARMM-style DCD files for tests, in either byte order, with or without unit cells. */
final class DcdTestFiles {
  private DcdTestFiles() {}

  /**
   * @param framesAngstrom each {@code float[3 * atoms]}, x y z per atom, angstrom
   * @param fixedAtoms written to icntrl[8] (the reader rejects non-zero)
   */
  static void write(Path path, ByteOrder order, int atoms, float[][] framesAngstrom, boolean unitCell,
      int fixedAtoms) throws IOException {
    int frameBytes = (unitCell ? 56 : 0) + 3 * (8 + 4 * atoms);
    ByteBuffer b = ByteBuffer.allocate(92 + 4 + 4 + 160 + 4 + 12 + framesAngstrom.length * frameBytes).order(order);
    b.putInt(84).put("CORD".getBytes(StandardCharsets.US_ASCII));
    int[] icntrl = new int[20];
    icntrl[0] = framesAngstrom.length;
    icntrl[1] = 1;
    icntrl[2] = 1;
    icntrl[3] = framesAngstrom.length;
    icntrl[8] = fixedAtoms;
    icntrl[10] = unitCell ? 1 : 0;
    icntrl[19] = 24;
    for (int i = 0; i < 20; i++) {
      if (i == 9) {
        b.putFloat(0.002f); // delta
      } else {
        b.putInt(icntrl[i]);
      }
    }
    b.putInt(84);
    b.putInt(4 + 160).putInt(2);
    b.put(pad("test file written by DcdTestFiles")).put(pad(order.toString()));
    b.putInt(4 + 160);
    b.putInt(4).putInt(atoms).putInt(4);
    for (float[] f : framesAngstrom) {
      if (unitCell) {
        b.putInt(48);
        for (double v : new double[] {30, 0, 31, 0, 0, 32}) {
          b.putDouble(v);
        }
        b.putInt(48);
      }
      for (int axis = 0; axis < 3; axis++) {
        b.putInt(4 * atoms);
        for (int i = 0; i < atoms; i++) {
          b.putFloat(f[3 * i + axis]);
        }
        b.putInt(4 * atoms);
      }
    }
    Files.write(path, b.array());
  }

  private static byte[] pad(String s) {
    byte[] out = new byte[80];
    byte[] text = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, out, 0, Math.min(80, text.length));
    return out;
  }
}

package org.latentdyn.md;

/**
 * Decoder of the compressed coordinate block of an XTC frame: Frans van Hoesel's {@code xdr3dfcoord}
 * scheme, as in GROMACS {@code libxdrf} and in the {@code xdrfile} library
 * ({@code xdrfile_decompress_coord_float}).
 *
 * <p>Coordinates are integers {@code round(x * precision)}. The first atom of each group is written with the
 * bit width of the frame's range ({@code maxint - minint + 1} per axis: three numbers packed into one
 * mixed-radix integer, or three separate bit fields when a range exceeds {@code 2^24}). A run of following
 * atoms close to it is written as small differences, packed with the radix {@link #MAGIC_INTS}{@code [smallIndex]}
 * in {@code smallIndex} bits; a 1-bit flag and a 5-bit count announce each new run length and a step of the
 * small index (down, none, up). Within a run the first two atoms are swapped (water: the O is the
 * reference). Not thread-safe: one decoder per reader.
 */
final class XtcCoordinates {
  /** Radixes of the small differences; entry {@code i} is about {@code 2^(i/3)}, so three fit in i bits. */
  static final int[] MAGIC_INTS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 10, 12, 16, 20, 25, 32, 40, 50, 64, 80, 101,
      128, 161, 203, 256, 322, 406, 512, 645, 812, 1024, 1290, 1625, 2048, 2580, 3250, 4096, 5060, 6501, 8192,
      10321, 13003, 16384, 20642, 26007, 32768, 41285, 52015, 65536, 82570, 104031, 131072, 165140, 208063,
      262144, 330280, 416127, 524287, 660561, 832255, 1048576, 1321122, 1664510, 2097152, 2642245, 3329021,
      4194304, 5284491, 6658042, 8388607, 10568983, 13316085, 16777216};
  /** The first non-zero entry of {@link #MAGIC_INTS}. */
  static final int FIRST_INDEX = 9;

  /** Thrown for a block that does not decode; the reader adds the file and frame. */
  static final class CorruptException extends Exception {
    CorruptException(String message) {
      super(message);
    }
  }

  private byte[] data;
  private int length;
  // bit reader state: next byte, bits not yet consumed of 'window', recent bytes
  private int next;
  private int pending;
  private int window;
  private final int[] bytes = new int[32];
  private final int[] coord = new int[3];
  private final int[] previous = new int[3];
  private final int[] radix = new int[3];
  private final int[] smallRadix = new int[3];
  private final long[] range = new long[3];
  private final int[] axisBits = new int[3];

  /**
   * Decodes {@code atoms} coordinates into {@code out} (nm).
   *
   * @param data the compressed bytes; {@code length} of them are valid
   * @param precision the frame's precision (1/nm), such as 1000
   * @param minint per-axis minimum of the integer coordinates
   * @param maxint per-axis maximum
   * @param smallIndex the initial small index
   */
  void decode(byte[] data, int length, int atoms, float precision, int[] minint, int[] maxint, int smallIndex,
      float[] out) throws CorruptException {
    if (!(precision > 0) || !Float.isFinite(precision)) {
      throw new CorruptException("precision is " + precision + ", expected a positive number");
    }
    if (smallIndex < FIRST_INDEX || smallIndex >= MAGIC_INTS.length) {
      throw new CorruptException("small index is " + smallIndex + ", expected " + FIRST_INDEX + ".."
          + (MAGIC_INTS.length - 1));
    }
    this.data = data;
    this.length = length;
    next = 0;
    pending = 0;
    window = 0;
    long[] range = this.range;
    boolean large = false;
    for (int k = 0; k < 3; k++) {
      range[k] = (long) maxint[k] - minint[k] + 1;
      if (range[k] < 1 || range[k] > 0xffffffffL) {
        throw new CorruptException("axis " + k + " range " + minint[k] + ".." + maxint[k] + " is empty or too"
            + " large");
      }
      large |= range[k] > 0xffffff;
      radix[k] = (int) range[k];
    }
    int rangeBits = large ? 0 : bitsOfProduct(range);
    if (large) {
      for (int k = 0; k < 3; k++) {
        axisBits[k] = Math.min(32, 64 - Long.numberOfLeadingZeros(range[k]));
      }
    }
    int smaller = MAGIC_INTS[Math.max(FIRST_INDEX, smallIndex - 1)] / 2;
    int smallOffset = MAGIC_INTS[smallIndex] / 2;
    fillRadix(smallRadix, MAGIC_INTS[smallIndex]);
    float scale = 1f / precision;
    int run = 0;
    int o = 0;
    int end = 3 * atoms;
    try {
      int i = 0;
      while (i < atoms) {
        if (large) {
          for (int k = 0; k < 3; k++) {
            coord[k] = bits(axisBits[k]);
          }
        } else {
          unpack(rangeBits, radix, coord);
        }
        i++;
        for (int k = 0; k < 3; k++) {
          coord[k] += minint[k];
          previous[k] = coord[k];
        }
        int step = 0;
        if (bits(1) == 1) {
          run = bits(5);
          step = run % 3;
          run -= step;
          step--;
        }
        if (o + 3 + run > end) {
          throw new CorruptException("a run of " + run / 3 + " atoms after atom " + (o / 3) + " overruns the "
              + atoms + " atoms");
        }
        if (run > 0) {
          for (int k = 0; k < run; k += 3) {
            unpack(smallIndex, smallRadix, coord);
            i++;
            for (int a = 0; a < 3; a++) {
              coord[a] += previous[a] - smallOffset;
            }
            if (k == 0) {
              // the writer swapped the first two atoms of a run: the first small atom comes first
              for (int a = 0; a < 3; a++) {
                int t = coord[a];
                coord[a] = previous[a];
                previous[a] = t;
              }
              out[o++] = previous[0] * scale;
              out[o++] = previous[1] * scale;
              out[o++] = previous[2] * scale;
            } else {
              System.arraycopy(coord, 0, previous, 0, 3);
            }
            out[o++] = coord[0] * scale;
            out[o++] = coord[1] * scale;
            out[o++] = coord[2] * scale;
          }
        } else {
          out[o++] = coord[0] * scale;
          out[o++] = coord[1] * scale;
          out[o++] = coord[2] * scale;
        }
        smallIndex += step;
        if (smallIndex < FIRST_INDEX || smallIndex >= MAGIC_INTS.length) {
          throw new CorruptException("small index steps to " + smallIndex + " at atom " + (o / 3));
        }
        if (step < 0) {
          smallOffset = smaller;
          smaller = smallIndex > FIRST_INDEX ? MAGIC_INTS[smallIndex - 1] / 2 : 0;
        } else if (step > 0) {
          smaller = smallOffset;
          smallOffset = MAGIC_INTS[smallIndex] / 2;
        }
        fillRadix(smallRadix, MAGIC_INTS[smallIndex]);
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new CorruptException("the compressed block of " + length + " bytes ends before atom " + (o / 3)
          + " of " + atoms);
    }
    if (next > length) {
      throw new CorruptException("decoding read " + next + " bytes of a " + length + "-byte compressed block");
    }
  }

  private static void fillRadix(int[] r, int value) {
    r[0] = value;
    r[1] = value;
    r[2] = value;
  }

  /** Reads an unsigned number of {@code n} bits (0..32), most significant bit first. */
  private int bits(int n) {
    int mask = n >= 32 ? -1 : (1 << n) - 1;
    int num = 0;
    while (n >= 8) {
      window = (window << 8) | (data[next++] & 0xff);
      num |= (window >>> pending) << (n - 8);
      n -= 8;
    }
    if (n > 0) {
      if (pending < n) {
        pending += 8;
        window = (window << 8) | (data[next++] & 0xff);
      }
      pending -= n;
      num |= (window >>> pending) & ((1 << n) - 1);
    }
    return num & mask;
  }

  /**
   * Reads three numbers packed as one mixed-radix integer {@code (n0 * r1 + n1) * r2 + n2} of {@code nbits}
   * bits, stored as bytes least significant first, and divides them back out.
   */
  private void unpack(int nbits, int[] radixes, int[] nums) {
    int count = 0;
    bytes[0] = 0;
    bytes[1] = 0;
    bytes[2] = 0;
    bytes[3] = 0;
    while (nbits > 8) {
      bytes[count++] = bits(8);
      nbits -= 8;
    }
    if (nbits > 0) {
      bytes[count++] = bits(nbits);
    }
    for (int i = 2; i > 0; i--) {
      long r = radixes[i] & 0xffffffffL;
      long rest = 0;
      for (int j = count - 1; j >= 0; j--) {
        rest = (rest << 8) | bytes[j];
        long q = rest / r;
        bytes[j] = (int) q;
        rest -= q * r;
      }
      nums[i] = (int) rest;
    }
    nums[0] = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24);
  }

  /** Bits needed for the product of three ranges (each below 2^24): the bit length of the product. */
  static int bitsOfProduct(long[] ranges) {
    // the product can exceed 64 bits: multiply byte-wise, little-endian
    int[] b = new int[16];
    int count = 1;
    b[0] = 1;
    for (long r : ranges) {
      long carry = 0;
      int j;
      for (j = 0; j < count; j++) {
        carry += b[j] * r;
        b[j] = (int) (carry & 0xff);
        carry >>>= 8;
      }
      while (carry != 0) {
        b[j++] = (int) (carry & 0xff);
        carry >>>= 8;
      }
      count = j;
    }
    return 8 * (count - 1) + (32 - Integer.numberOfLeadingZeros(b[count - 1]));
  }
}

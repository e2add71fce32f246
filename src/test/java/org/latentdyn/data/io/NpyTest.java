package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentdyn.data.Trajectory;

class NpyTest {
  @TempDir Path dir;

  /** Known values, representable in every dtype (bool uses its own). */
  private static final double[] VALUES = {0, 1, -2, 3, 100, -100};
  private static final double[] UNSIGNED = {0, 1, 2, 3, 200, 255};

  /** Builds an .npy file byte by byte, independent of the writer under test. */
  static byte[] fixture(int version, String dict, byte[] payload) {
    int preamble = version == 1 ? 10 : 12;
    int total = preamble + dict.length() + 1;
    int padded = (total + 15) / 16 * 16; // older numpy aligned to 16; the reader must not care
    String header = dict + " ".repeat(padded - total) + "\n";
    ByteBuffer b = ByteBuffer.allocate(padded + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
    if (version == 1) {
      b.putShort((short) header.length());
    } else {
      b.putInt(header.length());
    }
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    b.put(payload);
    return b.array();
  }

  static String dict(String descr, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  }

  /** Encodes values in the given numpy code and byte order. */
  static byte[] payload(String code, ByteOrder order, double[] values) {
    int size = Integer.parseInt(code.substring(1));
    ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
    for (double v : values) {
      switch (code) {
        case "f4" -> b.putFloat((float) v);
        case "f8" -> b.putDouble(v);
        case "i1", "u1", "b1" -> b.put((byte) (int) v);
        case "i2", "u2" -> b.putShort((short) (int) v);
        case "i4" -> b.putInt((int) v);
        case "i8" -> b.putLong((long) v);
        default -> throw new IllegalArgumentException(code);
      }
    }
    return b.array();
  }

  private Path file(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  @ParameterizedTest
  @CsvSource({
      "f4, FLOAT32", "f8, FLOAT64", "i1, INT8", "u1, UINT8", "i2, INT16", "u2, UINT16", "i4, INT32",
      "i8, INT64", "b1, BOOL"})
  void readsEveryDtypeInBothByteOrders(String code, DType expected) throws IOException {
    double[] values = code.startsWith("u") ? UNSIGNED : code.equals("b1") ? new double[] {0, 1, 1, 0, 0, 1}
        : VALUES;
    for (String order : new String[] {"<", ">", "|"}) {
      if (order.equals("|") != (code.endsWith("1"))) {
        continue; // '|' is what numpy writes for one-byte types; multi-byte types carry '<' or '>'
      }
      ByteOrder bo = order.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      Path p = file("a.npy", fixture(1, dict(order + code, "(2, 3)"), payload(code, bo, values)));
      NpyArray a = Npy.read(p);
      assertEquals(expected, a.dtype(), order + code);
      assertArrayEquals(new int[] {2, 3}, a.shape());
      assertArrayEquals(values, a.toDoubleArray(), order + code);
    }
    // multi-byte codes also in big endian, checked above via '>'; one-byte codes also with '<'
    if (code.endsWith("1")) {
      Path p = file("b.npy", fixture(1, dict("<" + code, "(6,)"), payload(code, ByteOrder.LITTLE_ENDIAN, values)));
      assertArrayEquals(values, Npy.read(p).toDoubleArray());
    }
  }

  @Test
  void bigEndianFloatsReadToKnownValues() throws IOException {
    // 1.5f = 0x3FC00000, -2.0f = 0xC0000000, written big-endian by hand
    byte[] payload = {0x3F, (byte) 0xC0, 0, 0, (byte) 0xC0, 0, 0, 0};
    NpyArray a = Npy.read(file("be.npy", fixture(1, dict(">f4", "(2,)"), payload)));
    assertArrayEquals(new float[] {1.5f, -2.0f}, a.toFloatArray());
    // int64 0x0102030405060708 big-endian
    byte[] p8 = {1, 2, 3, 4, 5, 6, 7, 8};
    assertArrayEquals(new long[] {0x0102030405060708L},
        Npy.read(file("be8.npy", fixture(1, dict(">i8", "(1,)"), p8))).toLongArray());
  }

  @Test
  void readsHeaderVersions2And3() throws IOException {
    byte[] payload = payload("f8", ByteOrder.LITTLE_ENDIAN, VALUES);
    for (int version : new int[] {2, 3}) {
      Path p = file("v.npy", fixture(version, dict("<f8", "(3, 2)"), payload));
      assertEquals(version, Npy.readHeader(p).version());
      assertArrayEquals(VALUES, Npy.read(p).toDoubleArray());
    }
  }

  @Test
  void readsPython2StyleShapeWithLongSuffix() throws IOException {
    Path p = file("l.npy", fixture(1, dict("<i4", "(2L, 1L)"), payload("i4", ByteOrder.LITTLE_ENDIAN, new double[] {5, 6})));
    assertArrayEquals(new int[] {2, 1}, Npy.read(p).shape());
  }

  @Test
  void rejectsFortranOrderNamingTheFile() throws IOException {
    String d = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }";
    Path p = file("X.npy", fixture(1, d, new byte[24]));
    IOException e = assertThrows(IOException.class, () -> Npy.read(p));
    assertEquals("X.npy: fortran_order=True is not supported; save a C-ordered array (np.ascontiguousarray)",
        e.getMessage());
  }

  @Test
  void rejectsObjectStructuredAndUnsupportedDtypes() throws IOException {
    Path obj = file("obj.npy", fixture(1, dict("|O", "(2,)"), new byte[16]));
    assertTrue(assertThrows(IOException.class, () -> Npy.read(obj)).getMessage()
        .startsWith("obj.npy: object arrays (dtype '|O') are not supported"));
    String structured = "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (2,), }";
    Path st = file("st.npy", fixture(1, structured, new byte[16]));
    assertTrue(assertThrows(IOException.class, () -> Npy.read(st)).getMessage()
        .startsWith("st.npy: structured dtypes"));
    Path c = file("c.npy", fixture(1, dict("<c16", "(1,)"), new byte[16]));
    assertTrue(assertThrows(IOException.class, () -> Npy.read(c)).getMessage()
        .startsWith("c.npy: dtype '<c16' is not supported"));
  }

  @Test
  void rejectsTruncatedDataAndHeader() throws IOException {
    Path p = file("t.npy", fixture(1, dict("<f4", "(10, 3)"), new byte[100]));
    IOException e = assertThrows(IOException.class, () -> Npy.read(p));
    assertEquals("t.npy is truncated: header declares float32 shape [10, 3] (120 bytes of data), found only 100"
        + " bytes", e.getMessage());
    byte[] full = fixture(1, dict("<f4", "(10, 3)"), new byte[120]);
    Path h = file("h.npy", Arrays.copyOf(full, 20));
    assertTrue(assertThrows(IOException.class, () -> Npy.read(h)).getMessage().contains("truncated .npy header"));
    Path m = file("m.npy", "hello world, not numpy".getBytes(StandardCharsets.US_ASCII));
    assertTrue(assertThrows(IOException.class, () -> Npy.read(m)).getMessage().contains("not an .npy file"));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void writeThenReadRoundTripsEveryDtype(DType dtype) throws IOException {
    Random rng = new Random(7);
    int n = 12;
    Object data = switch (dtype) {
      case BOOL -> {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
          b[i] = (byte) rng.nextInt(2);
        }
        yield b;
      }
      case INT8, UINT8 -> {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        yield b;
      }
      case INT16, UINT16 -> {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
          s[i] = (short) rng.nextInt();
        }
        yield s;
      }
      case INT32 -> rng.ints(n).toArray();
      case INT64 -> rng.longs(n).toArray();
      case FLOAT32 -> {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = (float) rng.nextGaussian();
        }
        yield f;
      }
      case FLOAT64 -> rng.doubles(n).toArray();
    };
    NpyArray a = NpyArray.of(dtype, data, 3, 4);
    Path p = dir.resolve("rt.npy");
    Npy.write(p, a);
    byte[] bytes = Files.readAllBytes(p);
    assertEquals(0, (bytes.length - n * dtype.itemSize()) % 64, "data start at a multiple of 64 bytes");
    assertEquals(a, Npy.read(p));
    Npy.Header h = Npy.readHeader(p);
    assertEquals(ByteOrder.LITTLE_ENDIAN, h.byteOrder());
    assertEquals(1, h.version());
  }

  @Test
  void headerMatchesNumpyByteForByte() {
    // What numpy.save(np.zeros((60000, 30), np.float32)) writes: 128 header bytes, see heavy_atoms.npy
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (60000, 30), }";
    byte[] expected = fixture64(dict);
    assertArrayEquals(expected, Npy.headerBytes(DType.FLOAT32, new int[] {60000, 30}));
    assertArrayEquals(fixture64("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"),
        Npy.headerBytes(DType.FLOAT64, new int[] {3}));
    assertArrayEquals(fixture64("{'descr': '|u1', 'fortran_order': False, 'shape': (), }"),
        Npy.headerBytes(DType.UINT8, new int[0]));
  }

  private static byte[] fixture64(String dict) {
    int total = 10 + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    int len = padded - 10;
    out.write(len & 0xFF);
    out.write(len >> 8);
    out.writeBytes((dict + " ".repeat(padded - total) + "\n").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  @Test
  void writesVersion2WhenTheHeaderIsLong() throws IOException {
    int[] shape = new int[25000];
    Arrays.fill(shape, 1);
    NpyArray a = NpyArray.ofFloats(new float[] {4.5f}, shape);
    Path p = dir.resolve("long.npy");
    Npy.write(p, a);
    assertEquals(2, Npy.readHeader(p).version());
    assertEquals(0, Npy.readHeader(p).dataOffset() % 64);
    assertEquals(a, Npy.read(p));
  }

  @Test
  void roundTripsRankZeroEmptyAndLargeArrays() throws IOException {
    Path p = dir.resolve("x.npy");
    NpyArray scalar = NpyArray.ofDoubles(new double[] {2.5});
    Npy.write(p, scalar);
    assertEquals(scalar, Npy.read(p));
    NpyArray empty = NpyArray.ofFloats(new float[0], 0, 3);
    Npy.write(p, empty);
    assertEquals(empty, Npy.read(p));
    // larger than one 1 MiB chunk, so that chunked reading and writing are exercised
    float[] big = new float[700_001];
    for (int i = 0; i < big.length; i++) {
      big[i] = i * 0.5f;
    }
    NpyArray large = NpyArray.ofFloats(big, 700_001, 1);
    Npy.write(p, large);
    assertEquals(large, Npy.read(p));
  }

  @Test
  void readsTrajectories() throws IOException {
    Path p = dir.resolve("t.npy");
    Npy.write(p, Trajectory.ofRows(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
    Trajectory t = Npy.readTrajectory(p);
    assertEquals(3, t.frames());
    assertEquals(2, t.features());
    assertEquals(6f, t.get(2, 1));
    Npy.write(p, NpyArray.ofDoubles(new double[] {1, 2, 3}, 3));
    Trajectory one = Npy.readTrajectory(p);
    assertEquals(1, one.features());
    assertEquals(3, one.frames());
    Npy.write(p, NpyArray.ofInts(new int[8], 2, 2, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.readTrajectory(p));
    assertEquals("t.npy: array of shape [2, 2, 2] has rank 3, expected rank 2 [frames, features] or rank 1"
        + " [frames]", e.getMessage());
  }
}

package org.latentdyn.data.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.latentdyn.data.Trajectory;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0, as specified in NEP 1 and
 * {@code numpy.lib.format}).
 *
 * <p>Reading accepts every {@link DType} in little-endian ({@code '<'}), big-endian ({@code '>'}) and
 * not-applicable ({@code '|'}) byte order, C order only. Fortran-ordered arrays, object arrays, structured
 * dtypes and other kinds (strings, complex, datetimes, float16) are refused with an {@link IOException}
 * that names the file and the offending value. Data are read in bulk through byte buffers.
 *
 * <p>Writing produces little-endian C-ordered files, version 1.0 (2.0 when the header exceeds 65535
 * bytes), with the header padded by spaces and a final newline so that the data start at a multiple of 64
 * bytes, as {@code numpy.save} does. File writes are atomic ({@link AtomicFiles}).
 */
public final class Npy {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int CHUNK = 1 << 20;
  private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(\\[|['\"]([^'\"]*)['\"])");
  private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(\\w+)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * What an {@code .npy} header declares.
   *
   * @param version format major version (1, 2 or 3)
   * @param dtype element type
   * @param byteOrder byte order of the data
   * @param shape array shape
   * @param dataOffset byte offset of the first element
   */
  public record Header(int version, DType dtype, ByteOrder byteOrder, int[] shape, long dataOffset) {
    /** Number of elements. */
    public long size() {
      return NpyArray.sizeOf(shape);
    }

    @Override
    public String toString() {
      return "Header[version=" + version + ", dtype=" + dtype.numpyName() + ", byteOrder=" + byteOrder
          + ", shape=" + Arrays.toString(shape) + ", dataOffset=" + dataOffset + "]";
    }
  }

  /** Reads an array from an {@code .npy} file. */
  public static NpyArray read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return read(ch, path.getFileName().toString());
    }
  }

  /** Reads the header of an {@code .npy} file without its data. */
  public static Header readHeader(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return readHeader(ch, path.getFileName().toString());
    }
  }

  /**
   * Reads a trajectory {@code [frames, features]} from a 1-D or 2-D {@code .npy} file (values converted to
   * float; a float32 file is not copied twice).
   */
  public static Trajectory readTrajectory(Path path) throws IOException {
    NpyArray a = read(path);
    try {
      if (a.dtype() == DType.FLOAT32 && (a.rank() == 1 || a.rank() == 2) && a.size() > 0) {
        return Trajectory.wrap((float[]) a.data(), a.dim(0), a.rank() == 2 ? a.dim(1) : 1);
      }
      return a.toTrajectory();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an array from a channel positioned at the start of {@code .npy} content.
   *
   * @param source name used in error messages (a file name or {@code archive.npz:key})
   */
  public static NpyArray read(ReadableByteChannel ch, String source) throws IOException {
    Header h = readHeader(ch, source);
    Object data = readData(ch, source, h);
    return NpyArray.wrap(h.dtype(), data, h.shape());
  }

  /** Reads an array from the complete bytes of an {@code .npy} file. */
  public static NpyArray fromBytes(byte[] bytes, String source) throws IOException {
    return read(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(bytes)), source);
  }

  /** Reads and parses the header; leaves the channel at the first data byte. */
  public static Header readHeader(ReadableByteChannel ch, String source) throws IOException {
    ByteBuffer pre = ByteBuffer.allocate(8);
    if (readFully(ch, pre) < 8 || !Arrays.equals(Arrays.copyOf(pre.array(), 6), MAGIC)) {
      throw new MalformedFileException(source + ": not an .npy file (missing magic string \\x93NUMPY)");
    }
    int major = pre.get(6) & 0xFF;
    int minor = pre.get(7) & 0xFF;
    int lenBytes;
    if (major == 1) {
      lenBytes = 2;
    } else if (major == 2 || major == 3) {
      lenBytes = 4;
    } else {
      throw new MalformedFileException(source + ": .npy format version " + major + "." + minor
          + " is not supported (supported: 1.0, 2.0, 3.0)");
    }
    ByteBuffer lenBuf = ByteBuffer.allocate(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
    if (readFully(ch, lenBuf) < lenBytes) {
      throw new MalformedFileException(source + ": truncated .npy header");
    }
    long headerLen = lenBytes == 2 ? lenBuf.getShort(0) & 0xFFFF : lenBuf.getInt(0) & 0xFFFFFFFFL;
    if (headerLen > 1 << 24) {
      throw new MalformedFileException(source + ": .npy header length " + headerLen + " is implausibly large");
    }
    ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
    if (readFully(ch, hb) < headerLen) {
      throw new MalformedFileException(source + ": truncated .npy header (expected " + headerLen + " bytes)");
    }
    String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    long dataOffset = 8 + lenBytes + headerLen;
    return parseHeader(header, major, dataOffset, source);
  }

  static Header parseHeader(String header, int version, long dataOffset, String source) throws IOException {
    String text = header.strip();
    Matcher d = DESCR.matcher(text);
    if (!d.find()) {
      throw new MalformedFileException(source + ": .npy header has no 'descr': " + text);
    }
    if (d.group(1).equals("[")) {
      throw new MalformedFileException(source + ": structured dtypes (descr is a list of fields) are not supported;"
          + " save one plain numeric array per field");
    }
    String descr = d.group(2);
    Matcher f = FORTRAN.matcher(text);
    if (!f.find()) {
      throw new MalformedFileException(source + ": .npy header has no 'fortran_order': " + text);
    }
    if (f.group(1).equals("True")) {
      throw new MalformedFileException(source + ": fortran_order=True is not supported;"
          + " save a C-ordered array (np.ascontiguousarray)");
    } else if (!f.group(1).equals("False")) {
      throw new MalformedFileException(source + ": fortran_order=" + f.group(1) + " is not True or False");
    }
    Matcher s = SHAPE.matcher(text);
    if (!s.find()) {
      throw new MalformedFileException(source + ": .npy header has no 'shape' tuple: " + text);
    }
    int[] shape = parseShape(s.group(1), source);
    if (descr.isEmpty()) {
      throw new MalformedFileException(source + ": empty descr in .npy header");
    }
    char orderChar = descr.charAt(0);
    String code = descr;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    if (orderChar == '<' || orderChar == '>' || orderChar == '|' || orderChar == '=') {
      code = descr.substring(1);
      order = orderChar == '>' ? ByteOrder.BIG_ENDIAN
          : orderChar == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
    }
    if (code.startsWith("O")) {
      throw new MalformedFileException(source + ": object arrays (dtype '" + descr + "') are not supported;"
          + " save a numeric array");
    }
    DType dtype;
    try {
      if (code.equals("?")) {
        dtype = DType.BOOL;
      } else {
        dtype = DType.fromNumpy(code.charAt(0), Integer.parseInt(code.substring(1)));
      }
    } catch (RuntimeException e) {
      throw new MalformedFileException(source + ": dtype '" + descr + "' is not supported; supported: float32, float64,"
          + " int8, int16, int32, int64, uint8, uint16, bool", e);
    }
    try {
      NpyArray.sizeOf(shape);
    } catch (IllegalArgumentException e) {
      throw new MalformedFileException(source + ": " + e.getMessage(), e);
    }
    return new Header(version, dtype, order, shape, dataOffset);
  }

  private static int[] parseShape(String tuple, String source) throws IOException {
    String[] parts = tuple.split(",");
    int[] dims = new int[parts.length];
    int n = 0;
    for (String p : parts) {
      String t = p.strip();
      if (t.endsWith("L")) {
        t = t.substring(0, t.length() - 1);
      }
      if (t.isEmpty()) {
        continue;
      }
      try {
        long v = Long.parseLong(t);
        if (v < 0 || v > Integer.MAX_VALUE) {
          throw new MalformedFileException(source + ": shape dimension " + v + " is out of range");
        }
        dims[n++] = (int) v;
      } catch (NumberFormatException e) {
        throw new MalformedFileException(source + ": shape (" + tuple + ") is not a tuple of integers", e);
      }
    }
    return Arrays.copyOf(dims, n);
  }

  private static Object readData(ReadableByteChannel ch, String source, Header h) throws IOException {
    int n = (int) h.size();
    DType t = h.dtype();
    Object out = java.lang.reflect.Array.newInstance(t.storage().getComponentType(), n);
    long expectedBytes = (long) n * t.itemSize();
    int perChunk = Math.max(1, CHUNK / t.itemSize());
    ByteBuffer buf = ByteBuffer.allocate(perChunk * t.itemSize()).order(h.byteOrder());
    int done = 0;
    while (done < n) {
      int count = Math.min(perChunk, n - done);
      buf.clear().limit(count * t.itemSize());
      int got = readFully(ch, buf);
      if (got < count * t.itemSize()) {
        long found = (long) done * t.itemSize() + got;
        throw new MalformedFileException(source + " is truncated: header declares " + t.numpyName() + " shape "
            + Arrays.toString(h.shape()) + " (" + expectedBytes + " bytes of data), found only " + found
            + " bytes");
      }
      buf.flip();
      switch (t) {
        case BOOL, INT8, UINT8 -> buf.get((byte[]) out, done, count);
        case INT16, UINT16 -> buf.asShortBuffer().get((short[]) out, done, count);
        case INT32 -> buf.asIntBuffer().get((int[]) out, done, count);
        case INT64 -> buf.asLongBuffer().get((long[]) out, done, count);
        case FLOAT32 -> buf.asFloatBuffer().get((float[]) out, done, count);
        case FLOAT64 -> buf.asDoubleBuffer().get((double[]) out, done, count);
        default -> throw new IllegalStateException("unhandled dtype " + t);
      }
      done += count;
    }
    if (t == DType.BOOL) {
      byte[] b = (byte[]) out;
      for (int i = 0; i < b.length; i++) {
        if (b[i] != 0) {
          b[i] = 1;
        }
      }
    }
    return out;
  }

  /** Reads until {@code buf} is full or the channel ends; returns the number of bytes read. */
  private static int readFully(ReadableByteChannel ch, ByteBuffer buf) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int r = ch.read(buf);
      if (r < 0) {
        break;
      }
      total += r;
    }
    return total;
  }

  // ---------------------------------------------------------------- writing

  /** Writes {@code array} to {@code path} atomically as a little-endian C-ordered {@code .npy} file. */
  public static void write(Path path, NpyArray array) throws IOException {
    AtomicFiles.write(path, out -> write(out, array));
  }

  /** Writes a trajectory as a float32 array {@code [frames, features]}. */
  public static void write(Path path, Trajectory trajectory) throws IOException {
    // The trajectory's values are only read, so wrapping its backing array without a copy is safe.
    NpyArray array = NpyArray.wrap(DType.FLOAT32, trajectory.view(),
        new int[] {trajectory.frames(), trajectory.features()});
    write(path, array);
  }

  /** The complete bytes of an {@code .npy} file holding {@code array}. */
  public static byte[] toBytes(NpyArray array) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + array.size() * array.dtype().itemSize());
    try {
      write(bytes, array);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  /** Writes {@code .npy} content (header and little-endian data) to a stream; does not close it. */
  public static void write(OutputStream out, NpyArray array) throws IOException {
    out.write(headerBytes(array.dtype(), array.shape()));
    DType t = array.dtype();
    Object data = array.data();
    int n = array.size();
    int perChunk = Math.max(1, CHUNK / t.itemSize());
    ByteBuffer buf = ByteBuffer.allocate(perChunk * t.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < n; done += perChunk) {
      int count = Math.min(perChunk, n - done);
      buf.clear();
      switch (t) {
        case BOOL, INT8, UINT8 -> buf.put((byte[]) data, done, count);
        case INT16, UINT16 -> buf.asShortBuffer().put((short[]) data, done, count);
        case INT32 -> buf.asIntBuffer().put((int[]) data, done, count);
        case INT64 -> buf.asLongBuffer().put((long[]) data, done, count);
        case FLOAT32 -> buf.asFloatBuffer().put((float[]) data, done, count);
        case FLOAT64 -> buf.asDoubleBuffer().put((double[]) data, done, count);
        default -> throw new IllegalStateException("unhandled dtype " + t);
      }
      out.write(buf.array(), 0, count * t.itemSize());
    }
  }

  /** The magic string, version, header length and padded header dictionary for a little-endian array. */
  static byte[] headerBytes(DType dtype, int[] shape) {
    StringBuilder shapeText = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      shapeText.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    if (shape.length == 1) {
      shapeText.append(',');
    }
    shapeText.append(')');
    String order = dtype.itemSize() == 1 ? "|" : "<";
    String dict = "{'descr': '" + order + dtype.numpyCode() + "', 'fortran_order': False, 'shape': "
        + shapeText + ", }";
    int version = dict.length() + 1 + 10 > 65535 ? 2 : 1;
    int preamble = version == 1 ? 10 : 12;
    int total = preamble + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    byte[] out = new byte[padded];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[6] = (byte) version;
    out[7] = 0;
    int headerLen = padded - preamble;
    ByteBuffer len = ByteBuffer.wrap(out, 8, preamble - 8).order(ByteOrder.LITTLE_ENDIAN);
    if (version == 1) {
      len.putShort((short) headerLen);
    } else {
      len.putInt(headerLen);
    }
    byte[] dictBytes = dict.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(dictBytes, 0, out, preamble, dictBytes.length);
    Arrays.fill(out, preamble + dictBytes.length, padded - 1, (byte) ' ');
    out[padded - 1] = '\n';
    return out;
  }
}

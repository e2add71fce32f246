package org.latentdyn.md;

import org.latentdyn.data.io.MalformedFileException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams frames of a CHARMM/NAMD/OpenMM DCD file (Fortran unformatted records; the layout of CHARMM's
 * {@code dynio.src} as read by VMD's {@code dcdplugin} and MDAnalysis). Coordinates are stored in angstrom
 * and returned in nm.
 *
 * <p>The header is a record of 84 bytes ({@code "CORD"} and 20 ints {@code icntrl}), a title record and a
 * record with the atom count. The byte order is the one in which the first record marker reads 84. When
 * {@code icntrl[19]} (the CHARMM version) is not 0, {@code icntrl[10]} flags a unit-cell record of six doubles
 * before each frame's coordinates and {@code icntrl[11]} a fourth-dimension record after them; both are read
 * past. A frame is three records of {@code float[atoms]}: x, then y, then z. Files with fixed atoms
 * ({@code icntrl[8] > 0}, whose frames after the first hold only the free atoms) and files with 8-byte record
 * markers are rejected.
 *
 * <p>The number of frames is that of the file's length. A frame cut short, or fewer frames than the header's
 * {@code icntrl[0]} promises, is an {@link IOException} naming the file and the frame.
 */
public final class DcdReader implements FrameReader {
  private static final int CHUNK_BYTES = 1 << 20;
  private static final float ANGSTROM_PER_NM = 10f;

  private final FileChannel channel;
  private final String source;
  private final ByteOrder order;
  private final int atoms;
  private final boolean unitCell;
  private final boolean fourthDimension;
  private final int headerFrames;
  private final long headerBytes;
  private final long frameBytes;
  private final int frames;
  private final long trailingBytes;
  private final ByteBuffer chunk;
  private int read;

  private DcdReader(FileChannel channel, String source) throws IOException {
    this.channel = channel;
    this.source = source;
    long size = channel.size();
    ByteBuffer head = readAt(0, 92, "the header");
    int marker = head.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (marker == 84) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (Integer.reverseBytes(marker) == 84) {
      order = ByteOrder.BIG_ENDIAN;
    } else if (Long.reverseBytes(head.getLong(0)) == 84) {
      throw eightByteMarkers();
    } else {
      throw new MalformedFileException(source + " is not a DCD file: its first record marker is " + marker + " (0x"
          + Integer.toHexString(marker) + "), expected 84 in either byte order");
    }
    head.order(order);
    String cord = new String(head.array(), 4, 4, StandardCharsets.US_ASCII);
    if (!cord.equals("CORD") && new String(head.array(), 8, 4, StandardCharsets.US_ASCII).equals("CORD")) {
      throw eightByteMarkers();
    }
    if (!cord.equals("CORD")) {
      throw new MalformedFileException(source + " is not a coordinate DCD: its header starts with '" + cord
          + "', expected 'CORD'");
    }
    int[] icntrl = new int[20];
    for (int i = 0; i < 20; i++) {
      icntrl[i] = head.getInt(8 + 4 * i);
    }
    expectMarker(head.getInt(88), 84, "the end of the header record", 88);
    boolean charmm = icntrl[19] != 0;
    headerFrames = icntrl[0];
    unitCell = charmm && icntrl[10] != 0;
    fourthDimension = charmm && icntrl[11] != 0;
    if (icntrl[8] != 0) {
      throw new MalformedFileException(source + " has " + icntrl[8] + " fixed atoms (icntrl[8]); DCD files with fixed atoms"
          + " are not supported: write every atom in every frame");
    }
    int titleBytes = readAt(92, 4, "the title record").getInt(0);
    if (titleBytes < 4 || titleBytes > size) {
      throw new MalformedFileException(source + ": title record marker at byte 92 is " + titleBytes
          + "; expected 4 + 80 x (number of title lines)");
    }
    long pos = 96 + titleBytes;
    expectMarker(readAt(pos, 4, "the title record").getInt(0), titleBytes, "the end of the title record", pos);
    pos += 4;
    ByteBuffer natoms = readAt(pos, 12, "the atom-count record");
    expectMarker(natoms.getInt(0), 4, "the atom-count record", pos);
    expectMarker(natoms.getInt(8), 4, "the end of the atom-count record", pos + 8);
    atoms = natoms.getInt(4);
    if (atoms < 1) {
      throw new MalformedFileException(source + " has " + atoms + " atoms in its header; expected at least 1");
    }
    headerBytes = pos + 12;
    long coords = 8 + 4L * atoms;
    frameBytes = (unitCell ? 56 : 0) + 3 * coords + (fourthDimension ? coords : 0);
    long complete = (size - headerBytes) / frameBytes;
    if (complete > Integer.MAX_VALUE) {
      throw new MalformedFileException(source + " holds " + complete + " frames; at most " + Integer.MAX_VALUE
          + " are supported");
    }
    frames = (int) complete;
    trailingBytes = size - headerBytes - complete * frameBytes;
    if (frameBytes > Integer.MAX_VALUE - 8) {
      throw new MalformedFileException(source + ": a frame of " + atoms + " atoms is too large (" + frameBytes + " bytes)");
    }
    int perChunk = (int) Math.max(1, Math.min(Math.max(frames, 1), CHUNK_BYTES / frameBytes));
    chunk = ByteBuffer.allocate((int) (perChunk * frameBytes)).order(order);
    chunk.limit(0);
  }

  /**
   * Opens a DCD file and reads its header.
   *
   * @throws IOException if the file is not a DCD this reader supports (the message says why)
   */
  public static DcdReader open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new DcdReader(ch, path.toString());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public int atoms() {
    return atoms;
  }

  /** The byte order of the file. */
  public ByteOrder byteOrder() {
    return order;
  }

  /** True when every frame carries a unit-cell record (CHARMM {@code icntrl[10]}). */
  public boolean hasUnitCell() {
    return unitCell;
  }

  /** Complete frames in the file, from its length. */
  public int frames() {
    return frames;
  }

  /** The frame count the header states ({@code icntrl[0]}); some writers leave it 0. */
  public int headerFrames() {
    return headerFrames;
  }

  @Override
  public boolean next(float[] xyzNm) throws IOException {
    FrameReader.checkBuffer(xyzNm, atoms, source);
    if (read >= frames) {
      if (trailingBytes > 0) {
        throw new MalformedFileException(source + ": frame " + read + " is truncated: the file ends " + trailingBytes
            + " bytes into it, a frame has " + frameBytes + " bytes");
      }
      if (headerFrames > frames) {
        throw new MalformedFileException(source + ": frame " + read + " is missing: the header promises " + headerFrames
            + " frames, the file ends after " + frames + " (truncated?)");
      }
      return false;
    }
    if (!chunk.hasRemaining()) {
      long start = headerBytes + read * frameBytes;
      int n = (int) Math.min(chunk.capacity() / frameBytes, frames - read);
      chunk.clear().limit((int) (n * frameBytes));
      fill(chunk, start);
      chunk.flip();
    }
    int base = chunk.position();
    int p = base;
    if (unitCell) {
      frameMarker(chunk.getInt(p), 48, -1, false, p - base);
      frameMarker(chunk.getInt(p + 52), 48, -1, true, p + 52 - base);
      p += 56;
    }
    int recordBytes = 4 * atoms;
    for (int axis = 0; axis < 3; axis++) {
      frameMarker(chunk.getInt(p), recordBytes, axis, false, p - base);
      p += 4;
      for (int i = 0; i < atoms; i++) {
        xyzNm[3 * i + axis] = chunk.getFloat(p) / ANGSTROM_PER_NM;
        p += 4;
      }
      frameMarker(chunk.getInt(p), recordBytes, axis, true, p - base);
      p += 4;
    }
    chunk.position(base + (int) frameBytes);
    read++;
    return true;
  }

  @Override
  public int framesRead() {
    return read;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "DcdReader[" + source + ", " + atoms + " atoms, " + frames + " frames, " + order
        + (unitCell ? ", unit cell" : "") + "]";
  }

  private IOException eightByteMarkers() {
    return new MalformedFileException(source + " has 8-byte record markers; only DCD files with 4-byte markers are"
        + " supported");
  }

  /** Checks a record marker of the current frame: of the unit cell ({@code axis} -1) or of x, y or z. */
  private void frameMarker(int marker, int expected, int axis, boolean end, int offset) throws IOException {
    if (marker != expected) {
      String record = axis < 0 ? "unit-cell record" : "xyz".charAt(axis) + " record";
      String what = end ? "end of the " + record : record;
      throw new MalformedFileException(source + ": frame " + read + " is corrupt: the " + what + " marker (byte " + offset
          + " of the frame) is " + marker + ", expected " + expected);
    }
  }

  private void expectMarker(int marker, int expected, String what, long at) throws IOException {
    if (marker != expected) {
      throw new MalformedFileException(source + ": record marker of " + what + " at byte " + at + " is " + marker
          + ", expected " + expected + " (not a DCD, or a damaged header)");
    }
  }

  private ByteBuffer readAt(long position, int length, String what) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(order == null ? ByteOrder.LITTLE_ENDIAN : order);
    try {
      fill(b, position);
    } catch (EOFException e) {
      throw new MalformedFileException(source + " ends inside " + what + " (at byte " + position + "); expected a DCD"
          + " header", e);
    }
    b.flip();
    return b;
  }

  private void fill(ByteBuffer b, long position) throws IOException {
    long p = position;
    while (b.hasRemaining()) {
      int n = channel.read(b, p);
      if (n < 0) {
        throw new EOFException(source + " ends at byte " + p);
      }
      p += n;
    }
  }
}

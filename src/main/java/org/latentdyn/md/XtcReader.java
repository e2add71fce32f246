package org.latentdyn.md;

import org.latentdyn.data.io.MalformedFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams frames of a GROMACS XTC file (XDR, big-endian; GROMACS reference manual, "File formats: xtc").
 * Coordinates are in nm, as stored.
 *
 * <p>A frame is: magic number (1995, or 2023 for the 64-bit byte count GROMACS 2023 writes for huge systems),
 * atom count, step, time (ps), box (3 x 3 floats, nm), the atom count again, and the coordinates. Frames of
 * up to 9 atoms hold plain floats; larger ones hold the precision, the integer bounds, the small index and a
 * compressed block decoded by {@link XtcCoordinates} ({@code xdr3dfcoord}). Values are exact to
 * {@code 0.5 / precision} nm.
 *
 * <p>A frame cut short is an {@link IOException} naming the file and the frame.
 */
public final class XtcReader implements FrameReader {
  /** Magic number of classic XTC frames. */
  public static final int MAGIC = 1995;
  /** Magic number of XTC frames with a 64-bit byte count (GROMACS 2023 and later, for huge systems). */
  public static final int MAGIC_2023 = 2023;
  private static final int HEADER_BYTES = 56;

  private final FileChannel channel;
  private final String source;
  private final int atoms;
  private final XtcCoordinates decoder = new XtcCoordinates();
  private final int[] minint = new int[3];
  private final int[] maxint = new int[3];
  private final float[] box = new float[9];
  private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
  private byte[] block = new byte[0];
  private long bufferEnd; // file offset just after the buffer's content
  private boolean eof;
  private int read;
  private int step;
  private float time;
  private float precision;

  private XtcReader(FileChannel channel, String source) throws IOException {
    this.channel = channel;
    this.source = source;
    buffer.limit(0);
    if (!fill(8)) {
      throw new MalformedFileException(source + " holds " + channel.size() + " bytes, no XTC frame (expected at least "
          + HEADER_BYTES + ")");
    }
    checkMagic(buffer.getInt(buffer.position()), 0);
    atoms = buffer.getInt(buffer.position() + 4);
    if (atoms < 1) {
      throw new MalformedFileException(source + ": frame 0 has " + atoms + " atoms; expected at least 1");
    }
  }

  /**
   * Opens an XTC file and reads the atom count of its first frame.
   *
   * @throws IOException if the file is empty or does not start with an XTC frame
   */
  public static XtcReader open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new XtcReader(ch, path.toString());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public int atoms() {
    return atoms;
  }

  @Override
  public boolean next(float[] xyzNm) throws IOException {
    FrameReader.checkBuffer(xyzNm, atoms, source);
    long start = offset();
    if (!fill(1)) {
      return false;
    }
    need(HEADER_BYTES, start);
    int magic = buffer.getInt();
    checkMagic(magic, start);
    int natoms = buffer.getInt();
    if (natoms != atoms) {
      throw new MalformedFileException(source + ": frame " + read + " has " + natoms + " atoms, frame 0 has " + atoms);
    }
    step = buffer.getInt();
    time = buffer.getFloat();
    for (int k = 0; k < 9; k++) {
      box[k] = buffer.getFloat();
    }
    int again = buffer.getInt();
    if (again != natoms) {
      throw new MalformedFileException(source + ": frame " + read + " is corrupt: its coordinate block is for " + again
          + " atoms, its header says " + natoms);
    }
    if (natoms <= 9) {
      need(12 * natoms, start);
      for (int i = 0; i < 3 * natoms; i++) {
        xyzNm[i] = buffer.getFloat();
      }
      precision = 0;
    } else {
      int countBytes = magic == MAGIC_2023 ? 8 : 4;
      need(32 + countBytes, start);
      precision = buffer.getFloat();
      for (int k = 0; k < 3; k++) {
        minint[k] = buffer.getInt();
      }
      for (int k = 0; k < 3; k++) {
        maxint[k] = buffer.getInt();
      }
      int smallIndex = buffer.getInt();
      long length = countBytes == 8 ? buffer.getLong() : buffer.getInt();
      long bound = 64 + 16L * natoms;
      if (length < 0 || length > bound) {
        throw new MalformedFileException(source + ": frame " + read + " is corrupt: its compressed block claims " + length
            + " bytes, expected 0.." + bound + " for " + natoms + " atoms");
      }
      int n = (int) length;
      int padded = (n + 3) & ~3;
      need(padded, start);
      if (block.length < n) {
        block = new byte[Math.max(n, 2 * block.length)];
      }
      buffer.get(block, 0, n);
      buffer.position(buffer.position() + padded - n);
      try {
        decoder.decode(block, n, natoms, precision, minint, maxint, smallIndex, xyzNm);
      } catch (XtcCoordinates.CorruptException e) {
        throw new MalformedFileException(source + ": frame " + read + " (at byte " + start + ") is corrupt: "
            + e.getMessage(), e);
      }
    }
    read++;
    return true;
  }

  /** Step of the last frame read. */
  public int step() {
    return step;
  }

  /** Time (ps) of the last frame read. */
  public float time() {
    return time;
  }

  /** Precision (1/nm) of the last frame read; 0 for frames of at most 9 atoms, which are not compressed. */
  public float precision() {
    return precision;
  }

  /** Box vectors (nm, row-major 3 x 3) of the last frame read; a copy. */
  public float[] box() {
    return box.clone();
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
    return "XtcReader[" + source + ", " + atoms + " atoms, " + read + " frames read]";
  }

  private void checkMagic(int magic, long at) throws IOException {
    if (magic != MAGIC && magic != MAGIC_2023) {
      throw new MalformedFileException(source + ": frame " + read + " (at byte " + at + ") has magic number " + magic
          + ", expected " + MAGIC + " or " + MAGIC_2023 + " (not an XTC file, or a damaged one)");
    }
  }

  /** File offset of the next unread byte. */
  private long offset() {
    return bufferEnd - buffer.remaining();
  }

  /** Requires {@code n} more bytes of the frame that starts at {@code start}. */
  private void need(int n, long start) throws IOException {
    if (!fill(n)) {
      throw new MalformedFileException(source + ": frame " + read + " is truncated: the file ends at byte " + bufferEnd
          + ", inside the frame that starts at byte " + start);
    }
  }

  /** Makes {@code n} bytes available if the file has them; false at the end of the file. */
  private boolean fill(int n) throws IOException {
    if (buffer.remaining() >= n) {
      return true;
    }
    if (buffer.capacity() < n) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(n, 2 * buffer.capacity())).order(ByteOrder.BIG_ENDIAN);
      bigger.put(buffer).flip();
      buffer = bigger;
    }
    buffer.compact();
    while (buffer.position() < n && !eof) {
      int got = channel.read(buffer, bufferEnd);
      if (got < 0) {
        eof = true;
      } else {
        bufferEnd += got;
      }
    }
    buffer.flip();
    return buffer.remaining() >= n;
  }
}

package org.latentdyn.data.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes a float32 {@code .npy} file {@code [rows, columns]} row by row, when the number of rows is not known in
 * advance (a trajectory streamed from a file larger than memory). The rows go to a temporary file beside the
 * target behind a header with room for any row count; {@link #commit()} writes the final shape into the header
 * and moves the file into place atomically. Closing without a commit deletes the temporary file, so a failed run
 * leaves nothing behind. Memory use is one buffer, whatever the number of rows.
 *
 * <p>{@link #grouped(Path, int, int)} writes a 3-D array {@code [items, rowsPerItem, columns]} the same way
 * (for example {@code [sequences, frames, features]}): rows are still appended one at a time, and the row count
 * must be a whole number of items at {@link #commit()}.
 */
public final class NpyRowWriter implements AutoCloseable {
  /** Header length including the magic, version and length bytes: the data start at a multiple of 64. */
  private static final int HEADER = 128;

  private final Path target;
  private final Path tmp;
  private final int columns;
  /** Rows per leading item; 0 for a 2-D array {@code [rows, columns]}. */
  private final int rowsPerItem;
  /** For {@link #frames}: the shape of one row, written after the row count; else null. */
  private final int[] rowShape;
  private final FileChannel ch;
  private final ByteBuffer buf;
  private long rows;
  private boolean done;

  /** A writer of a 2-D array {@code [rows, columns]}. */
  public NpyRowWriter(Path target, int columns) throws IOException {
    this(target, 0, columns);
  }

  /**
   * A writer of a 3-D array {@code [rows / rowsPerItem, rowsPerItem, columns]}, filled row by row in C order.
   *
   * @throws IllegalArgumentException if {@code rowsPerItem} or {@code columns} is below 1
   */
  public static NpyRowWriter grouped(Path target, int rowsPerItem, int columns) throws IOException {
    if (rowsPerItem < 1) {
      throw new IllegalArgumentException("rowsPerItem must be >= 1, got " + rowsPerItem);
    }
    return new NpyRowWriter(target, rowsPerItem, columns, null);
  }

  /**
   * A writer of an array {@code [rows, rowShape...]}, for example image frames {@code [frames, channels, height,
   * width]} with {@code rowShape = {channels, height, width}}; each {@link #write} appends one whole frame.
   *
   * @throws IllegalArgumentException if {@code rowShape} is empty or has an entry below 1
   */
  public static NpyRowWriter frames(Path target, int... rowShape) throws IOException {
    if (rowShape.length == 0) {
      throw new IllegalArgumentException("rowShape must have at least one axis");
    }
    long columns = 1;
    for (int d : rowShape) {
      if (d < 1) {
        throw new IllegalArgumentException("rowShape entries must be >= 1, got " + java.util.Arrays.toString(rowShape));
      }
      columns *= d;
    }
    if (columns > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("a row of " + columns + " values is too large");
    }
    return new NpyRowWriter(target, 0, (int) columns, rowShape.clone());
  }

  private NpyRowWriter(Path target, int rowsPerItem, int columns) throws IOException {
    this(target, rowsPerItem, columns, null);
  }

  private NpyRowWriter(Path target, int rowsPerItem, int columns, int[] rowShape) throws IOException {
    this.rowShape = rowShape;
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be >= 1, got " + columns);
    }
    this.target = target;
    this.columns = columns;
    this.rowsPerItem = rowsPerItem;
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    this.tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
    this.ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    ch.write(header(0), 0);
    ch.position(HEADER);
    this.buf = ByteBuffer.allocate(Math.max(1 << 16, 4 * columns)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Appends one row of {@code columns} values from {@code row[offset ...]}. */
  public void write(float[] row, int offset) throws IOException {
    if (buf.remaining() < 4 * columns) {
      flush();
    }
    for (int j = 0; j < columns; j++) {
      buf.putFloat(row[offset + j]);
    }
    rows++;
  }

  /** Rows written so far. */
  public long rows() {
    return rows;
  }

  /** Writes the final header and moves the file to its target. */
  public void commit() throws IOException {
    if (rows == 0) {
      throw new IllegalStateException("no rows were written to " + target);
    }
    if (rowsPerItem > 0 && rows % rowsPerItem != 0) {
      throw new IllegalStateException(rows + " rows were written to " + target + ", not a multiple of "
          + rowsPerItem + " rows per item");
    }
    flush();
    ch.write(header(rows), 0);
    ch.force(true);
    ch.close();
    try {
      // a temporary file is private (rw-------); the result is readable like any other output
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep its defaults
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    done = true;
  }

  private void flush() throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    buf.clear();
  }

  private ByteBuffer header(long n) {
    String shape = rowShape != null
        ? n + ", " + java.util.Arrays.stream(rowShape).mapToObj(Integer::toString)
            .collect(java.util.stream.Collectors.joining(", "))
        : rowsPerItem > 0
        ? String.format(Locale.ROOT, "%d, %d, %d", n / rowsPerItem, rowsPerItem, columns)
        : String.format(Locale.ROOT, "%d, %d", n, columns);
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
    int pad = HEADER - 10 - dict.length() - 1;
    if (pad < 0) {
      throw new IllegalStateException("npy header of " + dict.length() + " characters does not fit");
    }
    ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    h.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
    h.putShort((short) (HEADER - 10));
    h.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < pad; i++) {
      h.put((byte) ' ');
    }
    h.put((byte) '\n');
    h.flip();
    return h;
  }

  /** Deletes the temporary file unless {@link #commit()} succeeded. */
  @Override
  public void close() throws IOException {
    if (!done) {
      ch.close();
      Files.deleteIfExists(tmp);
    }
  }
}

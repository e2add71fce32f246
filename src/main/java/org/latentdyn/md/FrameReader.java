package org.latentdyn.md;

import java.io.IOException;

/**
 * A trajectory read one frame at a time, so that a file need not fit in memory. A frame is
 * {@code float[3 * atoms()]}: {@code x, y, z} of atom {@code i} at {@code 3i, 3i + 1, 3i + 2}, in nm.
 *
 * <p>Malformed or truncated content is an {@link IOException} whose message names the {@link #source()} and
 * the 0-based frame number.
 */
public interface FrameReader extends AutoCloseable {

  /** Atoms per frame. */
  int atoms();

  /**
   * Reads the next frame into {@code xyzNm}.
   *
   * @param xyzNm receives {@code 3 * atoms()} coordinates in nm (it may be longer; the rest is untouched)
   * @return false, leaving {@code xyzNm} untouched, when there is no frame left
   * @throws IOException on malformed or truncated content
   * @throws IllegalArgumentException if {@code xyzNm} is shorter than {@code 3 * atoms()}
   */
  boolean next(float[] xyzNm) throws IOException;

  /** Frames returned by {@link #next} so far. */
  int framesRead();

  /** Where the frames come from (a file name), for messages. */
  String source();

  @Override
  void close() throws IOException;

  /** Checks the length of a frame buffer; for implementations. */
  static void checkBuffer(float[] xyzNm, int atoms, String source) {
    if (xyzNm.length < 3 * atoms) {
      throw new IllegalArgumentException("frame buffer has " + xyzNm.length + " floats; " + source + " needs 3 x "
          + atoms + " atoms = " + 3 * atoms);
    }
  }
}

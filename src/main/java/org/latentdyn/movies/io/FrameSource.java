package org.latentdyn.movies.io;

import java.io.IOException;
import java.util.Map;

/** Raw frames of one movie file or folder, {@code [channels, height, width]} each, before crop and resize. */
interface FrameSource extends AutoCloseable {
  /** The file or folder, for error messages. */
  String name();

  /** What the source is, for run.json: format, dtype, pixel scaling. */
  Map<String, Object> describe();

  /** Frames, channels, height and width of the raw frames. */
  Shape shape();

  default int frames() {
    return shape().frames();
  }

  default int channels() {
    return shape().channels();
  }

  default int height() {
    return shape().height();
  }

  default int width() {
    return shape().width();
  }

  /** The raw geometry of a source. */
  record Shape(int frames, int channels, int height, int width) {}

  /**
   * Reads frame {@code frame} into {@code dst[0 ... channels * height * width)} in C order, integer pixels divided
   * by the type's maximum when the source was opened with scaling.
   */
  void read(int frame, float[] dst) throws IOException;

  @Override
  void close() throws IOException;
}

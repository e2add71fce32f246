package org.latentdyn.data;

/**
 * Frames {@code [frames, features]} read one at a time by index, so that training can gather its minibatches from
 * data that is not held in memory: a movie larger than the heap, memory-mapped from disk (issue 10 part 3). Reads
 * are single-threaded; an implementation may keep buffers between calls.
 */
public interface FrameStore {
  /** Number of frames. */
  int frames();

  /** Values per frame. */
  int features();

  /**
   * Copies frame {@code frame} into {@code dst[offset ... offset + features())}.
   *
   * @throws IndexOutOfBoundsException if {@code frame} is not in {@code [0, frames())}
   * @throws java.io.UncheckedIOException if a stored frame cannot be read
   */
  void copy(int frame, float[] dst, int offset);

  /** Whether the frames are held in memory (then {@link #read} of all of them costs nothing). */
  default boolean inMemory() {
    return false;
  }

  /** Frames {@code [from, from + count)} as a trajectory (a copy). */
  default Trajectory read(int from, int count) {
    if (from < 0 || count < 1 || (long) from + count > frames()) {
      throw new IndexOutOfBoundsException("frames [" + from + ", " + ((long) from + count) + ") leave the "
          + frames() + " frames");
    }
    int f = features();
    float[] v = new float[Math.multiplyExact(count, f)];
    for (int i = 0; i < count; i++) {
      copy(from + i, v, i * f);
    }
    return Trajectory.wrap(v, count, f);
  }

  /** Copies one frame, whose index {@link #of(int, int, FrameCopier)} has checked, into {@code dst}. */
  @FunctionalInterface
  interface FrameCopier {
    void copy(int frame, float[] dst, int offset);
  }

  /** {@code frames} frames of {@code features} values read by {@code copier}, indices checked. */
  static FrameStore of(int frames, int features, FrameCopier copier) {
    return new IndexedFrames(frames, features, copier, null);
  }

  /** The frames of a trajectory held in memory (not copied). */
  static FrameStore of(Trajectory t) {
    float[] v = t.view();
    int f = t.features();
    return new IndexedFrames(t.frames(), f, (frame, dst, offset) -> System.arraycopy(v, frame * f, dst, offset, f),
        t);
  }
}

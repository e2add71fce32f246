package org.latentdyn.workflow;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Trajectory;
import org.latentdyn.movies.io.MovieReader;

/**
 * Encodes a movie in bounded memory: frames are read from a {@link MovieReader} {@code chunkFrames} at a time
 * (memory-mapped windows for {@code .npy}) and only the latent {@code [frames, d]} is kept, so a movie larger than
 * the heap encodes (10^5 frames of 64x64 are 1.6 GB of float32; a chunk of 1024 frames is 16 MiB).
 *
 * <p>The models encode image frames in chunks of 256 through the engine; with {@code chunkFrames} a multiple of 256
 * every frame meets the same computation as in one call on the whole movie, so the latent is bit for bit the same.
 */
public final class MovieEncoding {
  /** Frames read per chunk by default: 16 MiB of one-channel 64x64 float frames. */
  public static final int CHUNK_FRAMES = 1024;

  private MovieEncoding() {}

  /**
   * The latent of every frame of {@code reader}, in order.
   *
   * @param encoder phi on frames {@code [n, C * 64 * 64]} giving {@code [n, d]} (a model's {@code encode})
   * @param chunkFrames frames per read, >= 1
   */
  public static Trajectory encode(MovieReader reader, UnaryOperator<Trajectory> encoder, int chunkFrames)
      throws IOException {
    try {
      return encode(reader.store(reader.frames()), encoder, chunkFrames);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The latent of every frame of {@code frames}, in order, {@code chunkFrames} frames at a time.
   *
   * @param encoder phi on frames {@code [n, features]} giving {@code [n, d]} (a model's {@code encode})
   * @param chunkFrames frames per read, >= 1
   */
  public static Trajectory encode(FrameStore frames, UnaryOperator<Trajectory> encoder, int chunkFrames) {
    if (chunkFrames < 1) {
      throw new IllegalArgumentException("chunkFrames must be >= 1, got " + chunkFrames);
    }
    int n = frames.frames();
    float[] z = null;
    int d = 0;
    for (int from = 0; from < n; from += chunkFrames) {
      int count = Math.min(chunkFrames, n - from);
      Trajectory part = encoder.apply(frames.read(from, count));
      if (z == null) {
        d = part.features();
        z = new float[Math.multiplyExact(n, d)];
      }
      if (part.frames() != count || part.features() != d) {
        throw new IllegalStateException("the encoder gave [" + part.frames() + ", " + part.features() + "] for "
            + count + " frames; expected [" + count + ", " + d + "]");
      }
      System.arraycopy(part.view(), 0, z, from * d, count * d);
    }
    if (z == null) {
      throw new IllegalArgumentException("the movie has no frames");
    }
    return Trajectory.wrap(z, n, d);
  }

}

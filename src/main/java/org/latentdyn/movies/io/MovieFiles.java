package org.latentdyn.movies.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.FeatureFolder;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.Npz;

/**
 * Whether a data spec is a movie (frames {@code [frames, C, H, W]} or {@code [frames, H, W]}) rather than vector
 * data, and reading a whole movie as flattened 64x64 frames, for the commands that choose the convolutional
 * networks from the data's shape.
 */
public final class MovieFiles {
  private MovieFiles() {}

  /**
   * True for a {@code .tif}/{@code .tiff} file, a folder of {@code .png} frames (without a
   * {@link FeatureFolder#FEATURES}), a {@code .npy} of rank 3 or 4, and a {@code .npz} whose array (the one
   * named by {@code file.npz:key}, or its only one) has rank 3 or 4; false for everything else (vector data).
   */
  public static boolean isMovie(String spec) throws IOException {
    Path file = ArrayFiles.parse(spec).file();
    String lower = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (Files.isDirectory(file)) {
      if (Files.exists(file.resolve(FeatureFolder.FEATURES))) {
        return false;
      }
      try (Stream<Path> s = Files.list(file)) {
        return s.anyMatch(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"));
      }
    }
    if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
      return true;
    }
    if (lower.endsWith(".npy") && Files.isRegularFile(file)) {
      int rank = Npy.readHeader(file).shape().length;
      return rank == 3 || rank == 4;
    }
    if (lower.endsWith(".npz") && Files.isRegularFile(file)) {
      String key = ArrayFiles.parse(spec).key();
      if (key == null) {
        List<String> keys = Npz.keys(file);
        if (keys.size() != 1) {
          return false; // several arrays and none named: the vector reader says how to name one
        }
        key = keys.get(0);
      }
      int rank = Npz.header(file, key).shape().length;
      return rank == 3 || rank == 4;
    }
    return false;
  }

  /**
   * All frames of a movie as {@code [frames, C*64*64]} (C order within a frame), read with the default
   * {@link MovieReader.Options} (integer pixels scaled to [0, 1]; frames must be 64x64).
   */
  public static Trajectory readAll(String spec) throws IOException {
    return readAll(spec, MovieReader.Options.DEFAULT);
  }

  /** All frames of a movie as {@code [frames, C*64*64]}, read with {@code options} (crop, resize, clip). */
  public static Trajectory readAll(String spec, MovieReader.Options options) throws IOException {
    return read(spec, options, Integer.MAX_VALUE).frames();
  }

  /**
   * A movie read into memory.
   *
   * @param frames the first {@code min(maxFrames, totalFrames)} frames, {@code [frames, C*64*64]}
   * @param channels channels per frame
   * @param totalFrames frames in the file
   * @param description what the reader did to the frames ({@link MovieReader#describe()}), for run.json
   */
  public record Movie(Trajectory frames, int channels, int totalFrames, Map<String, Object> description) {}

  /** The first {@code maxFrames} frames of a movie (all if it has fewer), read with {@code options}. */
  public static Movie read(String spec, MovieReader.Options options, int maxFrames) throws IOException {
    if (maxFrames < 1) {
      throw new IllegalArgumentException("maxFrames must be >= 1, got " + maxFrames);
    }
    try (MovieReader r = MovieReader.open(spec, options)) {
      int n = Math.min(maxFrames, r.frames());
      int f = r.channels() * MovieReader.SIZE * MovieReader.SIZE;
      if ((long) n * f > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("movie " + spec + " has " + n + " frames of " + f
            + " values, more than one array holds; use fewer frames");
      }
      Map<String, Object> d = r.describe();
      d.put("framesRead", n);
      return new Movie(Trajectory.wrap(r.read(0, n), n, f), r.channels(), r.frames(), d);
    }
  }

  /** Channels of the frames of a movie. */
  public static int channels(String spec) throws IOException {
    try (MovieReader r = MovieReader.open(spec)) {
      return r.channels();
    }
  }
}

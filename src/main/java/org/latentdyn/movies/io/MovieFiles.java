package org.latentdyn.movies.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.FeatureFolder;
import org.latentdyn.data.io.Npy;

/**
 * Whether a data spec is a movie (frames {@code [frames, C, H, W]} or {@code [frames, H, W]}) rather than vector
 * data, and reading a whole movie as flattened 64x64 frames, for the commands that choose the convolutional
 * networks from the data's shape.
 */
public final class MovieFiles {
  private MovieFiles() {}

  /**
   * True for a {@code .tif}/{@code .tiff} file, a folder of {@code .png} frames (without a
   * {@link FeatureFolder#FEATURES}) and a {@code .npy} of rank 3 or 4; false for everything else (vector data,
   * and {@code .npz} files, which are read as vector data).
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
    return false;
  }

  /**
   * All frames of a movie as {@code [frames, C*64*64]} (C order within a frame), read with the default
   * {@link MovieReader.Options} (integer pixels scaled to [0, 1]; frames must be 64x64).
   */
  public static Trajectory readAll(String spec) throws IOException {
    try (MovieReader r = MovieReader.open(spec)) {
      int f = r.channels() * MovieReader.SIZE * MovieReader.SIZE;
      if ((long) r.frames() * f > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("movie " + spec + " has " + r.frames() + " frames of " + f
            + " values, more than one array holds; use fewer frames");
      }
      return Trajectory.wrap(r.read(0, r.frames()), r.frames(), f);
    }
  }

  /** Channels of the frames of a movie. */
  public static int channels(String spec) throws IOException {
    try (MovieReader r = MovieReader.open(spec)) {
      return r.channels();
    }
  }
}

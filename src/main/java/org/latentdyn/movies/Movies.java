package org.latentdyn.movies;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.latentdyn.data.io.NpyRowWriter;

/** The movie generators by name, and streaming them to {@code .npy} files in bounded memory. */
public final class Movies {
  /** The names accepted by {@link #generator}. */
  public static final List<String> NAMES = List.of("dsprites2", "dsprites3", "dna-blob", "shapes3d-like");

  private Movies() {}

  /** True if {@code name} is one of {@link #NAMES} (case-insensitive). */
  public static boolean isMovie(String name) {
    return NAMES.contains(name.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * A generator by name.
   *
   * @param stepSd the random-walk step sd (grid indices for dsprites and shapes3d-like, pixels for dna-blob), or
   *     null for the movie's default
   * @throws IllegalArgumentException for an unknown name or a bad step
   */
  public static MovieGenerator generator(String name, Double stepSd, long seed) {
    return generator(name, stepSd, TruthUnits.INDEX, seed);
  }

  /**
   * A generator by name whose grid factors are written in {@code units} (dna-blob's truth is its centre in pixels
   * whatever {@code units} says).
   *
   * @throws IllegalArgumentException for an unknown name or a bad step
   */
  public static MovieGenerator generator(String name, Double stepSd, TruthUnits units, long seed) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "dsprites2" -> new DSprites(new DSprites.Options(false,
          stepSd == null ? DSprites.Options.DEFAULT_STEP_SD : stepSd, units, seed));
      case "dsprites3" -> new DSprites(new DSprites.Options(true,
          stepSd == null ? DSprites.Options.DEFAULT_STEP_SD : stepSd, units, seed));
      case "dna-blob" -> new DnaBlob(DnaBlob.Options.defaults(
          stepSd == null ? DnaBlob.Options.DEFAULT_STEP_SD : stepSd, seed));
      case "shapes3d-like" -> new Shapes3dLike(new Shapes3dLike.Options(
          stepSd == null ? Shapes3dLike.Options.DEFAULT_STEP_SD : stepSd, units, seed));
      default -> throw new IllegalArgumentException("unknown movie '" + name + "'; expected one of " + NAMES);
    };
  }

  /**
   * Renders {@code frames} frames and streams them to {@code observations} (float32
   * {@code [frames, channels, 64, 64]}) and {@code truth} (float32 {@code [frames, factors]}); memory use is one
   * frame. Each file appears atomically on success; on failure neither is left behind.
   */
  public static void write(MovieGenerator generator, int frames, Path observations, Path truth) throws IOException {
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be >= 1, got " + frames);
    }
    int c = generator.channels();
    int size = MovieGenerator.SIZE;
    float[] frame = new float[c * size * size];
    float[] row = new float[generator.truthColumns().size()];
    try (NpyRowWriter obs = NpyRowWriter.frames(observations, c, size, size);
        NpyRowWriter tr = new NpyRowWriter(truth, row.length)) {
      for (int i = 0; i < frames; i++) {
        generator.next(frame, 0, row);
        obs.write(frame, 0);
        tr.write(row, 0);
      }
      obs.commit();
      tr.commit();
    }
  }
}

package org.latentdyn.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.movies.io.MovieReader;
import picocli.CommandLine.Option;

/**
 * Loader options for image movies shared by {@code train}, {@code encode} and {@code compare} (issue 10 part 3):
 * crop, area resize to 64x64, percentile clip and the array of an {@code .npz}; mapped to
 * {@link MovieReader.Options}.
 */
final class MovieOptions {
  @Option(names = "--crop", paramLabel = "X,Y,W,H", description = "movies: keep columns [X, X+W) and rows [Y, Y+H)"
      + " of each frame before any resize")
  String crop;

  @Option(names = "--resize", description = "movies: area-average each (cropped) frame to 64x64; without it frames"
      + " must be 64x64")
  boolean resize;

  @Option(names = "--clip", paramLabel = "LO,HI", description = "movies: map the LO and HI percentiles of the"
      + " intensities to 0 and 1, clamping outside (e.g. 0.5,99.5)")
  String clip;

  @Option(names = "--npz-key", paramLabel = "KEY", description = "movies: the array of an .npz to read (same as"
      + " FILE.npz:KEY)")
  String npzKey;

  /** Whether any loader option was given. */
  boolean given() {
    return crop != null || resize || clip != null || npzKey != null;
  }

  /** The reader options. */
  MovieReader.Options options() {
    MovieReader.Options o = MovieReader.Options.DEFAULT.withResize(resize);
    if (crop != null) {
      o = o.withCrop(MovieReader.Crop.parse(crop));
    }
    if (clip != null) {
      String[] p = clip.split(",");
      if (p.length != 2) {
        throw new IllegalArgumentException("--clip must be two percentiles LO,HI such as 0.5,99.5, got '" + clip
            + "'");
      }
      try {
        o = o.withClip(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--clip must be two numbers LO,HI such as 0.5,99.5, got '" + clip + "'");
      }
    }
    return o;
  }

  /** The data spec with {@code --npz-key} applied ({@code file.npz:key}). */
  String spec(String data) {
    if (npzKey == null) {
      return data;
    }
    ArrayFiles.Source s = ArrayFiles.parse(data);
    if (!s.extension().equals(".npz")) {
      throw new IllegalArgumentException("--npz-key " + npzKey + " needs an .npz file, got --data " + data);
    }
    if (s.key() != null && !s.key().equals(npzKey)) {
      throw new IllegalArgumentException("--data " + data + " names the array '" + s.key() + "' but --npz-key says '"
          + npzKey + "'; give one");
    }
    return s.file() + ":" + npzKey;
  }

  /**
   * Fails when loader options were given for data that is not a movie.
   *
   * @throws IllegalArgumentException naming the data
   */
  void requireMovie(boolean movie, String data) {
    if (!movie && (crop != null || resize || clip != null)) {
      throw new IllegalArgumentException("--crop, --resize and --clip apply to movies; --data " + data
          + " is not one (expected .npy/.npz of rank 3 or 4, .tif/.tiff or a folder of .png frames)");
    }
  }

  /** The options as given, for run.json and a resumed run. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("crop", crop);
    m.put("resize", resize);
    m.put("clip", clip);
    m.put("npzKey", npzKey);
    return m;
  }

  /** The options of {@link #toMap()} (null or empty: none). */
  static MovieOptions fromMap(Map<?, ?> m) {
    MovieOptions o = new MovieOptions();
    if (m != null) {
      o.crop = (String) m.get("crop");
      o.resize = Boolean.TRUE.equals(m.get("resize"));
      o.clip = (String) m.get("clip");
      o.npzKey = (String) m.get("npzKey");
    }
    return o;
  }
}

package org.latentdyn.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentdyn.data.DataChecks;
import org.latentdyn.data.Trajectory;

/**
 * One entry point that reads and writes arrays by file extension. A <em>data spec</em> is a path,
 * optionally followed by {@code :key} for container formats:
 *
 * <ul>
 *   <li>{@code file.npy}
 *   <li>{@code file.npz} (if it holds exactly one array) or {@code file.npz:key}
 *   <li>{@code file.csv} (header row of column names; read as float64 {@code [rows, columns]})
 *   <li>{@code file.h5} / {@code file.hdf5} (if it holds exactly one dataset) or
 *       {@code file.h5:/path/to/dataset}
 * </ul>
 *
 * <p>Errors: a missing file is a {@link NoSuchFileException} ("data file X.npy does not exist"); an
 * unsupported extension, a missing key, a wrong rank or a non-finite value (trajectories only) is an
 * {@link IllegalArgumentException} naming the spec; malformed content is an {@link IOException}.
 */
public final class ArrayFiles {
  /** The extensions understood, lower case with the dot. */
  public static final List<String> EXTENSIONS = List.of(".npy", ".npz", ".csv", ".h5", ".hdf5");

  private ArrayFiles() {}

  /** A parsed data spec: a file and an optional key (npz array name or HDF5 dataset path). */
  public record Source(Path file, String key) {
    /** The file's extension, lower case with the dot. */
    public String extension() {
      return extensionOf(file);
    }

    @Override
    public String toString() {
      return key == null ? file.toString() : file + ":" + key;
    }
  }

  /**
   * Parses a data spec. The key separator is the first {@code :} right after a {@code .npz}, {@code .h5}
   * or {@code .hdf5} extension, so that paths containing colons elsewhere are read as paths.
   */
  public static Source parse(String spec) {
    String lower = spec.toLowerCase(Locale.ROOT);
    for (String ext : List.of(".npz:", ".h5:", ".hdf5:")) {
      int i = lower.indexOf(ext);
      if (i > 0) {
        int cut = i + ext.length() - 1;
        String key = spec.substring(cut + 1);
        return new Source(Path.of(spec.substring(0, cut)), key.isEmpty() ? null : key);
      }
    }
    return new Source(Path.of(spec), null);
  }

  /** Reads the array named by a data spec. */
  public static NpyArray readArray(String spec) throws IOException {
    return readArray(parse(spec));
  }

  /** Reads the array of a source. */
  public static NpyArray readArray(Source source) throws IOException {
    Path file = source.file();
    String ext = requireSupported(source);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(null, null, "data file " + file + " does not exist");
    }
    if (source.key() != null && !(ext.equals(".npz") || ext.equals(".h5") || ext.equals(".hdf5"))) {
      throw new IllegalArgumentException(source + ": a key (':" + source.key() + "') is only meaningful for"
          + " .npz and .h5/.hdf5 files");
    }
    switch (ext) {
      case ".npy":
        return Npy.read(file);
      case ".csv":
        return Csv.read(file).toNpyArray();
      case ".npz": {
        if (source.key() != null) {
          return Npz.read(file, source.key());
        }
        List<String> keys = Npz.keys(file);
        if (keys.size() != 1) {
          throw new IllegalArgumentException(file + " holds " + keys.size() + " arrays " + keys
              + "; name one as " + file + ":<key>");
        }
        return Npz.read(file, keys.get(0));
      }
      default: {
        if (source.key() != null) {
          return Hdf5.read(file, source.key());
        }
        List<String> names = Hdf5.datasets(file);
        if (names.size() != 1) {
          throw new IllegalArgumentException(file + " holds " + names.size() + " datasets " + names
              + "; name one as " + file + ":/path/to/dataset");
        }
        return Hdf5.read(file, names.get(0));
      }
    }
  }

  /**
   * Reads a trajectory {@code [frames, features]} (a rank-1 array is one feature) and requires every value
   * to be finite.
   */
  public static Trajectory readTrajectory(String spec) throws IOException {
    Source source = parse(spec);
    NpyArray a = readArray(source);
    Trajectory t;
    try {
      t = a.toTrajectory();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    return DataChecks.requireFinite(t, source.toString());
  }

  /** Reads several trajectories (for example one file per run). */
  public static List<Trajectory> readTrajectories(List<String> specs) throws IOException {
    List<Trajectory> out = new ArrayList<>();
    for (String s : specs) {
      out.add(readTrajectory(s));
    }
    return out;
  }

  /**
   * Writes an array by extension, atomically. {@code .npz} stores it under the spec's key (default
   * {@code arr_0}, as {@code numpy.savez}); {@code .h5} under the spec's dataset path (default
   * {@code /data}); {@code .csv} needs rank 1 or 2 and names the columns {@code c0, c1, ...}.
   */
  public static void writeArray(String spec, NpyArray array) throws IOException {
    Source source = parse(spec);
    String ext = requireSupported(source);
    Path file = source.file();
    switch (ext) {
      case ".npy" -> Npy.write(file, array);
      case ".npz" -> {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put(source.key() == null ? "arr_0" : source.key(), array);
        Npz.write(file, m);
      }
      case ".csv" -> {
        if (array.rank() != 1 && array.rank() != 2) {
          throw new IllegalArgumentException(spec + ": CSV needs a rank 1 or 2 array, got shape "
              + Arrays.toString(array.shape()));
        }
        int cols = array.rank() == 2 ? array.dim(1) : 1;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
          names.add("c" + j);
        }
        Csv.write(file, new CsvTable(names, array.toDoubleArray()));
      }
      default -> Hdf5.write(file, source.key() == null ? "/data" : source.key(), array);
    }
  }

  private static String requireSupported(Source source) {
    String ext = source.extension();
    if (!EXTENSIONS.contains(ext)) {
      String shown = ext.isEmpty() ? "(none)" : "'" + ext + "'";
      throw new IllegalArgumentException("unsupported data file extension " + shown + " of " + source.file()
          + "; supported: .npy, .npz[:key], .csv, .h5[:/dataset], .hdf5[:/dataset]");
    }
    return ext;
  }

  static String extensionOf(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "" : name.toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot).toLowerCase(Locale.ROOT);
  }
}

package org.latentdyn.md;

import org.latentdyn.data.io.MalformedFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.ArrayFiles;

/**
 * Opens trajectory files by extension and gathers their frames into {@link Trajectory}s.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>extension</th><th>reader</th><th>stored in</th></tr>
 *   <tr><td>{@code .dcd}</td><td>{@link DcdReader}</td><td>angstrom</td></tr>
 *   <tr><td>{@code .xtc}</td><td>{@link XtcReader}</td><td>nm</td></tr>
 *   <tr><td>{@code .pdb}</td><td>{@link PdbReader}</td><td>angstrom</td></tr>
 *   <tr><td>{@code .xyz}</td><td>{@link XyzReader}</td><td>angstrom</td></tr>
 *   <tr><td>{@code .npy .npz[:key] .csv .h5[:/dataset] .hdf5[:/dataset]}</td><td>arrays
 *       {@code [frames, 3 * atoms]} read whole by {@link ArrayFiles#readTrajectory}</td><td>nm</td></tr>
 * </table>
 */
public final class FrameReaders {
  /** The extensions {@link #open} reads. */
  public static final List<String> EXTENSIONS = List.of(".dcd", ".xtc", ".pdb", ".xyz", ".npy", ".npz", ".csv",
      ".h5", ".hdf5");

  private FrameReaders() {}

  /**
   * Opens a trajectory file by its extension (case-insensitive).
   *
   * @throws IllegalArgumentException for an unsupported extension or an array whose width is not
   *     {@code 3 * atoms}
   */
  public static FrameReader open(Path path) throws IOException {
    String spec = path.toString();
    String name = path.getFileName() == null ? spec : path.getFileName().toString();
    String ext = name.contains(":") ? ArrayFiles.parse(spec).extension() : extension(name);
    switch (ext) {
      case ".dcd":
        return DcdReader.open(path);
      case ".xtc":
        return XtcReader.open(path);
      case ".pdb":
        return PdbReader.open(path);
      case ".xyz":
        return XyzReader.open(path);
      default:
        if (ArrayFiles.EXTENSIONS.contains(ext)) {
          return of(spec, ArrayFiles.readTrajectory(spec));
        }
        throw new IllegalArgumentException("unsupported trajectory extension '" + ext + "' of " + spec
            + "; supported: " + String.join(", ", EXTENSIONS));
    }
  }

  /**
   * A reader over a trajectory in memory, {@code [frames, 3 * atoms]} in nm.
   *
   * @throws IllegalArgumentException if the width is not a multiple of 3
   */
  public static FrameReader of(String source, Trajectory xyzNm) {
    if (xyzNm.features() % 3 != 0) {
      throw new IllegalArgumentException(source + " has " + xyzNm.features() + " columns; expected 3 x atoms"
          + " (x, y, z of each atom in nm)");
    }
    int atoms = xyzNm.features() / 3;
    float[] values = xyzNm.view();
    return new InMemory(source, atoms, xyzNm.frames(), t -> values, t -> 3 * atoms * t);
  }

  /**
   * A reader over frames in memory, each {@code float[3 * atoms]} in nm (not copied).
   *
   * @throws IllegalArgumentException if a frame has another length
   */
  public static FrameReader of(String source, int atoms, List<float[]> framesNm) {
    if (atoms < 1) {
      throw new IllegalArgumentException("atoms must be >= 1, got " + atoms);
    }
    for (int t = 0; t < framesNm.size(); t++) {
      if (framesNm.get(t).length != 3 * atoms) {
        throw new IllegalArgumentException(source + ": frame " + t + " has " + framesNm.get(t).length
            + " values, expected 3 x " + atoms + " atoms = " + 3 * atoms);
      }
    }
    List<float[]> frames = List.copyOf(framesNm);
    return new InMemory(source, atoms, frames.size(), frames::get, t -> 0);
  }

  /** Frames in memory: frame {@code t} is {@code 3 * atoms} values of {@code array(t)} from {@code offset(t)}. */
  private static final class InMemory implements FrameReader {
    private final String source;
    private final int atoms;
    private final int frames;
    private final IntFunction<float[]> array;
    private final IntUnaryOperator offset;
    private int read;

    InMemory(String source, int atoms, int frames, IntFunction<float[]> array, IntUnaryOperator offset) {
      this.source = source;
      this.atoms = atoms;
      this.frames = frames;
      this.array = array;
      this.offset = offset;
    }

    @Override
    public int atoms() {
      return atoms;
    }

    @Override
    public boolean next(float[] xyzNm) {
      FrameReader.checkBuffer(xyzNm, atoms, source);
      if (read >= frames) {
        return false;
      }
      System.arraycopy(array.apply(read), offset.applyAsInt(read), xyzNm, 0, 3 * atoms);
      read++;
      return true;
    }

    @Override
    public int framesRead() {
      return read;
    }

    @Override
    public String source() {
      return source;
    }

    @Override
    public void close() {}
  }

  /**
   * Reads every frame left in {@code reader}, keeping the atoms {@code atoms} (in that order), as a trajectory
   * {@code [frames, 3 * atoms.length]} in nm. Does not close the reader.
   *
   * @throws IllegalArgumentException if an index is out of range
   * @throws IOException if the reader has no frame left, or on malformed content
   */
  public static Trajectory read(FrameReader reader, int[] atoms) throws IOException {
    for (int a : atoms) {
      if (a < 0 || a >= reader.atoms()) {
        throw new IllegalArgumentException("atom index " + a + " is out of range for " + reader.source()
            + "; expected [0, " + reader.atoms() + ")");
      }
    }
    if (atoms.length == 0) {
      throw new IllegalArgumentException("no atom to read from " + reader.source());
    }
    int width = 3 * atoms.length;
    float[] frame = new float[3 * reader.atoms()];
    int capacity = reader instanceof DcdReader d ? Math.max(1, d.frames() - d.framesRead()) : 1024;
    float[] out = new float[Math.multiplyExact(capacity, width)];
    int frames = 0;
    while (reader.next(frame)) {
      if ((long) (frames + 1) * width > out.length) {
        long grown = Math.max((long) (frames + 1) * width, 2L * out.length);
        if (grown > Integer.MAX_VALUE - 8) {
          throw new MalformedFileException(reader.source() + ": " + (frames + 1) + " frames of " + atoms.length
              + " atoms exceed one Java array; select fewer atoms");
        }
        out = Arrays.copyOf(out, (int) grown);
      }
      int o = frames * width;
      for (int a : atoms) {
        out[o++] = frame[3 * a];
        out[o++] = frame[3 * a + 1];
        out[o++] = frame[3 * a + 2];
      }
      frames++;
    }
    if (frames == 0) {
      throw new MalformedFileException(reader.source() + " has no frame to read");
    }
    return Trajectory.wrap(out.length == frames * width ? out : Arrays.copyOf(out, frames * width), frames,
        width);
  }

  /** Reads every frame of a file, keeping the atoms {@code atoms}; see {@link #read(FrameReader, int[])}. */
  public static Trajectory read(Path path, int[] atoms) throws IOException {
    try (FrameReader r = open(path)) {
      return read(r, atoms);
    }
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
  }
}

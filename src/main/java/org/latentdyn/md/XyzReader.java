package org.latentdyn.md;

import org.latentdyn.data.io.MalformedFileException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams frames of an XYZ file: per frame a line with the atom count, a comment line, and one line per atom
 * {@code symbol x y z} (angstrom, returned in nm; further columns are ignored). Frames follow each other
 * with the same atom count; blank lines after the last frame are allowed. The topology names each atom by
 * its symbol (element inferred from it), without residues.
 *
 * <p>A frame cut short or with a different atom count is an {@link IOException} naming the file, the line
 * and the frame.
 */
public final class XyzReader implements FrameReader {
  private static final float ANGSTROM_PER_NM = 10f;

  private final BufferedReader in;
  private final String source;
  private final Topology topology;
  private float[] pending;
  private int line;
  private int read;

  private XyzReader(BufferedReader in, String source) throws IOException {
    this.in = in;
    this.source = source;
    List<String> symbols = new ArrayList<>();
    float[] first = readFrame(-1, symbols);
    if (first == null) {
      throw new MalformedFileException(source + " holds no XYZ frame (expected an atom-count line)");
    }
    List<Atom> atoms = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i++) {
      atoms.add(new Atom(i, symbols.get(i), "", 0, "", null));
    }
    topology = new Topology(atoms);
    pending = first;
  }

  /** Opens an XYZ file and reads its first frame. */
  public static XyzReader open(Path path) throws IOException {
    BufferedReader in = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1);
    try {
      return new XyzReader(in, path.toString());
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The atoms of the first frame, named by their symbols. */
  public Topology topology() {
    return topology;
  }

  @Override
  public int atoms() {
    return topology.size();
  }

  @Override
  public boolean next(float[] xyzNm) throws IOException {
    FrameReader.checkBuffer(xyzNm, atoms(), source);
    float[] frame = pending != null ? pending : readFrame(atoms(), null);
    pending = null;
    if (frame == null) {
      return false;
    }
    System.arraycopy(frame, 0, xyzNm, 0, frame.length);
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
  public void close() throws IOException {
    in.close();
  }

  /** Reads one frame; null at the end of the file. */
  private float[] readFrame(int expected, List<String> symbols) throws IOException {
    String countLine;
    do {
      countLine = in.readLine();
      line++;
      if (countLine == null) {
        return null;
      }
    } while (countLine.isBlank());
    int n;
    try {
      n = Integer.parseInt(countLine.strip());
    } catch (NumberFormatException e) {
      throw new MalformedFileException(source + ":" + line + ": frame " + read + " starts with '" + countLine.strip()
          + "'; expected the atom count", e);
    }
    if (n < 1 || (expected >= 0 && n != expected)) {
      throw new MalformedFileException(source + ":" + line + ": frame " + read + " has " + n + " atoms, expected "
          + (expected >= 0 ? expected + " as frame 0" : "at least 1"));
    }
    if (in.readLine() == null) {
      throw truncated(n, 0);
    }
    line++;
    float[] xyz = new float[3 * n];
    for (int i = 0; i < n; i++) {
      String s = in.readLine();
      line++;
      if (s == null) {
        throw truncated(n, i);
      }
      String[] f = s.strip().split("\\s+");
      if (f.length < 4) {
        throw new MalformedFileException(source + ":" + line + ": frame " + read + ", atom " + i + ": '" + s.strip()
            + "' has " + f.length + " fields; expected symbol x y z");
      }
      if (symbols != null) {
        symbols.add(f[0]);
      }
      for (int k = 0; k < 3; k++) {
        try {
          xyz[3 * i + k] = Float.parseFloat(f[k + 1]) / ANGSTROM_PER_NM;
        } catch (NumberFormatException e) {
          throw new MalformedFileException(source + ":" + line + ": frame " + read + ", atom " + i + ": " + "xyz".charAt(k)
              + " '" + f[k + 1] + "' is not a number", e);
        }
      }
    }
    return xyz;
  }

  private IOException truncated(int n, int atomsRead) {
    return new MalformedFileException(source + ": frame " + read + " is truncated: the file ends after " + atomsRead + " of its "
        + n + " atoms (line " + line + ")");
  }
}

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
 * Reads a PDB file (wwPDB format 3.3, "Coordinate Section"): the topology from the ATOM/HETATM records of
 * the first model, and every model (MODEL ... ENDMDL; the whole file when there is no MODEL record) as a
 * frame, streamed. Columns: atom name 13-16, alternate location 17, residue name 18-20 (a fourth letter in
 * 21 is kept), chain 22, residue number 23-26, x, y, z 31-54 in angstrom (returned in nm), element 77-78
 * (inferred from the name by {@link Atom#inferElement} when blank). Of atoms with alternate locations only
 * the first location of the file (blank and, say, {@code A}) is kept. Other records are ignored; reading
 * stops at END.
 *
 * <p>Every model must list the same atoms (names in order) as the first; a mismatch or a model cut short is an
 * {@link IOException} naming the file, the line and the model (frame).
 */
public final class PdbReader implements FrameReader {
  private static final float ANGSTROM_PER_NM = 10f;

  private final BufferedReader in;
  private final String source;
  private final Topology topology;
  private float[] pending;
  private int line;
  private boolean ended;
  private char altLoc = ' ';
  private int read;

  private PdbReader(BufferedReader in, String source) throws IOException {
    this.in = in;
    this.source = source;
    List<Atom> atoms = new ArrayList<>();
    List<Float> xyz = new ArrayList<>();
    if (!readModel(atoms, xyz, null)) {
      throw new MalformedFileException(source + " holds no ATOM or HETATM record");
    }
    topology = new Topology(atoms);
    pending = new float[xyz.size()];
    for (int i = 0; i < pending.length; i++) {
      pending[i] = xyz.get(i);
    }
  }

  /** Opens a PDB file and reads its first model. */
  public static PdbReader open(Path path) throws IOException {
    BufferedReader in = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1);
    try {
      return new PdbReader(in, path.toString());
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The topology of a PDB file (its first model). */
  public static Topology readTopology(Path path) throws IOException {
    try (PdbReader r = open(path)) {
      return r.topology();
    }
  }

  /** The atoms of the first model. */
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
    if (pending != null) {
      System.arraycopy(pending, 0, xyzNm, 0, pending.length);
      pending = null;
      read++;
      return true;
    }
    if (!readModel(null, null, xyzNm)) {
      return false;
    }
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

  /**
   * Reads the next model. For the first, collects {@code atoms} and {@code xyz}; later ones are checked
   * against the topology and written into {@code out}.
   *
   * @return false if the file holds no further atom
   */
  private boolean readModel(List<Atom> atoms, List<Float> xyz, float[] out) throws IOException {
    if (ended) {
      return false;
    }
    int count = 0;
    boolean inModel = false;
    int modelLine = -1;
    String s;
    while ((s = in.readLine()) != null) {
      line++;
      String record = s.length() >= 6 ? s.substring(0, 6) : s;
      if (record.startsWith("MODEL")) {
        if (count > 0) {
          throw new MalformedFileException(source + ":" + line + ": MODEL inside model " + read + " (no ENDMDL before it)");
        }
        inModel = true;
        modelLine = line;
      } else if (record.startsWith("ENDMDL")) {
        if (count > 0) {
          break;
        }
        inModel = false;
      } else if (record.equals("END   ") || record.equals("END")) {
        ended = true;
        break;
      } else if (record.equals("ATOM  ") || record.equals("HETATM")) {
        char alt = s.length() > 16 ? s.charAt(16) : ' ';
        if (alt != ' ') {
          if (altLoc == ' ') {
            altLoc = alt;
          } else if (alt != altLoc) {
            continue;
          }
        }
        float[] p = coordinates(s);
        if (atoms != null) {
          atoms.add(atom(s, atoms.size()));
          xyz.add(p[0]);
          xyz.add(p[1]);
          xyz.add(p[2]);
        } else {
          if (count >= topology.size()) {
            throw new MalformedFileException(source + ":" + line + ": model " + read + " has more atoms than the "
                + topology.size() + " of the first model");
          }
          String name = field(s, 12, 16).strip();
          if (!name.equals(topology.atom(count).name())) {
            throw new MalformedFileException(source + ":" + line + ": atom " + count + " of model " + read + " is " + name
                + ", the first model has " + topology.atom(count).name() + " there");
          }
          out[3 * count] = p[0];
          out[3 * count + 1] = p[1];
          out[3 * count + 2] = p[2];
        }
        count++;
      }
    }
    if (s == null) {
      ended = true;
    }
    if (count == 0) {
      if (inModel) {
        throw new MalformedFileException(source + ":" + modelLine + ": model " + read + " holds no atom (truncated?)");
      }
      return false;
    }
    if (atoms == null && count != topology.size()) {
      throw new MalformedFileException(source + ":" + line + ": model " + read + " has " + count + " atoms, the first model "
          + topology.size() + (s == null ? " (the file ends inside it: truncated?)" : ""));
    }
    return true;
  }

  private Atom atom(String s, int index) throws IOException {
    String rawName = field(s, 12, 16);
    String residue = field(s, 17, 21).strip();
    String chain = field(s, 21, 22);
    String seq = field(s, 22, 26).strip();
    int residueSeq;
    try {
      residueSeq = seq.isEmpty() ? 0 : Integer.parseInt(seq);
    } catch (NumberFormatException e) {
      throw new MalformedFileException(source + ":" + line + ": residue number '" + seq + "' (columns 23-26) is not an"
          + " integer", e);
    }
    String element = field(s, 76, 78).strip();
    if (element.isEmpty()) {
      try {
        element = Atom.inferElement(rawName, residue);
      } catch (IllegalArgumentException e) {
        throw new MalformedFileException(source + ":" + line + ": " + e.getMessage(), e);
      }
    }
    if (rawName.isBlank()) {
      throw new MalformedFileException(source + ":" + line + ": atom name (columns 13-16) is blank");
    }
    return new Atom(index, rawName, residue, residueSeq, chain, element);
  }

  private float[] coordinates(String s) throws IOException {
    if (s.length() < 54) {
      throw new MalformedFileException(source + ":" + line + ": model " + read + ": ATOM/HETATM record has " + s.length() + " columns; x, y, z"
          + " need columns 31-54");
    }
    float[] p = new float[3];
    for (int k = 0; k < 3; k++) {
      String f = s.substring(30 + 8 * k, 38 + 8 * k).strip();
      try {
        p[k] = Float.parseFloat(f) / ANGSTROM_PER_NM;
      } catch (NumberFormatException e) {
        throw new MalformedFileException(source + ":" + line + ": model " + read + ": " + "xyz".charAt(k) + " coordinate '" + f + "' (columns "
            + (31 + 8 * k) + "-" + (38 + 8 * k) + ") is not a number", e);
      }
    }
    return p;
  }

  private static String field(String s, int from, int to) {
    if (s.length() <= from) {
      return "";
    }
    return s.substring(from, Math.min(to, s.length()));
  }
}

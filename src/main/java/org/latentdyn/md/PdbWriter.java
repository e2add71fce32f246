package org.latentdyn.md;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.latentdyn.data.io.AtomicFiles;

/**
 * Writes a multi-model PDB file (wwPDB format 3.3): one MODEL ... ENDMDL block per frame with an ATOM
 * (amino-acid residues) or HETATM (other residues) record per atom, a TER record after each chain, and END.
 * Coordinates are given in nm and written in angstrom with 3 decimals ({@code %8.3f}); names of fewer than
 * four characters with a one-letter element start in column 14, as PDB aligns them. Serial numbers count
 * from 1 (modulo 100000) and residue numbers wrap modulo 10000, as the fixed columns require. The file is
 * written atomically ({@link AtomicFiles}).
 */
public final class PdbWriter {
  private static final float ANGSTROM_PER_NM = 10f;

  private PdbWriter() {}

  /** Writes every atom of {@code topology} for each frame of {@code framesNm} ({@code 3 * size()} each). */
  public static void write(Path path, Topology topology, List<float[]> framesNm) throws IOException {
    write(path, topology, all(topology), FrameReaders.of(path.toString(), topology.size(), framesNm));
  }

  /**
   * Writes the atoms {@code atoms} of {@code topology} (renumbered from 1) for each frame of {@code framesNm};
   * every frame holds all {@code topology.size()} atoms.
   */
  public static void write(Path path, Topology topology, int[] atoms, List<float[]> framesNm) throws IOException {
    write(path, topology, atoms, FrameReaders.of(path.toString(), topology.size(), framesNm));
  }

  /**
   * Writes the atoms {@code atoms} of {@code topology} for every frame left in {@code frames} (streamed; the
   * reader is not closed), for example an XTC file as a PDB movie of its heavy atoms.
   *
   * @throws IllegalArgumentException if the reader's atom count is not the topology's, an index is out of
   *     range, there is no frame, or a coordinate does not fit the PDB columns
   */
  public static void write(Path path, Topology topology, int[] atoms, FrameReader frames) throws IOException {
    if (frames.atoms() != topology.size()) {
      throw new IllegalArgumentException(frames.source() + " has " + frames.atoms() + " atoms, the topology has "
          + topology.size());
    }
    Topology chosen = topology.subset(atoms);
    AtomicFiles.write(path, stream -> writeModels(stream, chosen, atoms, frames));
  }

  private static void writeModels(OutputStream stream, Topology chosen, int[] atoms, FrameReader frames)
      throws IOException {
    Writer out = new OutputStreamWriter(stream, StandardCharsets.US_ASCII);
    out.write("REMARK   1 WRITTEN BY LATENTDYN\n");
    float[] xyz = new float[3 * frames.atoms()];
    int model = 0;
    while (frames.next(xyz)) {
      out.write(String.format(Locale.ROOT, "MODEL     %4d\n", (model + 1) % 10000));
      for (int k = 0; k < atoms.length; k++) {
        Atom a = chosen.atom(k);
        out.write(atomRecord(a, k + 1, xyz, 3 * atoms[k], model));
        boolean chainEnds = k + 1 == atoms.length || !chosen.atom(k + 1).chain().equals(a.chain());
        if (chainEnds) {
          out.write(String.format(Locale.ROOT, "TER   %5d      %-3s %c%4d\n", (k + 2) % 100000,
              a.residueName(), chainId(a), a.residueSeq() % 10000));
        }
      }
      out.write("ENDMDL\n");
      model++;
    }
    if (model == 0) {
      throw new IllegalArgumentException(frames.source() + " has no frame to write");
    }
    out.write("END\n");
    out.flush();
  }

  private static String atomRecord(Atom a, int serial, float[] xyz, int at, int model) {
    String name = a.name();
    if (name.length() > 4 || a.residueName().length() > 4) {
      throw new IllegalArgumentException("atom " + a.index() + " has name '" + name + "' in residue '"
          + a.residueName() + "'; PDB columns hold names of at most 4 characters");
    }
    String field = name.length() < 4 && a.element().length() == 1 ? " " + name : name;
    String residue = a.residueName().length() == 4 ? a.residueName() : String.format("%-3s ", a.residueName());
    double[] p = new double[3];
    for (int c = 0; c < 3; c++) {
      p[c] = xyz[at + c] * ANGSTROM_PER_NM;
      if (!(p[c] > -999.9995 && p[c] < 9999.9995)) {
        throw new IllegalArgumentException("atom " + a.index() + " (" + name + ") of frame " + model + " has "
            + "xyz".charAt(c) + " = " + xyz[at + c] + " nm; PDB columns hold -99.9999 to 999.9999 nm");
      }
    }
    return String.format(Locale.ROOT, "%-6s%5d %-4s %s%c%4d    %8.3f%8.3f%8.3f  1.00  0.00          %2s\n",
        Topology.isAminoAcid(a.residueName()) ? "ATOM" : "HETATM", serial % 100000, field, residue,
        chainId(a), a.residueSeq() % 10000, p[0], p[1], p[2], a.element().toUpperCase(Locale.ROOT));
  }

  private static char chainId(Atom a) {
    return a.chain().isEmpty() ? ' ' : a.chain().charAt(0);
  }

  private static int[] all(Topology topology) {
    int[] all = new int[topology.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }
}

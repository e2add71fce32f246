package org.latentdyn.md;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The atoms of a molecular system in file order, with atom selections and the backbone dihedrals of a
 * protein. Frames of the system are {@code float[3 * size()]}: {@code x, y, z} of atom {@code i} at
 * {@code 3i, 3i + 1, 3i + 2}, in nm.
 *
 * <p>Residues are runs of consecutive atoms with the same chain, residue number and residue name.
 *
 * @param atoms the atoms, atom {@code i} with {@link Atom#index()} {@code i}; at least one (copied)
 */
public record Topology(List<Atom> atoms) {

  /**
   * Residue names treated as amino acids: the 20 standard ones, selenomethionine, and the protonation and
   * disulfide variants of AMBER and CHARMM force fields. Terminal caps such as {@code ACE} and {@code NME}
   * are not amino acids.
   */
  public static final Set<String> AMINO_ACIDS = Set.of("ALA", "ARG", "ASN", "ASP", "CYS", "GLN", "GLU", "GLY",
      "HIS", "ILE", "LEU", "LYS", "MET", "PHE", "PRO", "SER", "THR", "TRP", "TYR", "VAL", "MSE", "SEC", "PYL",
      "HID", "HIE", "HIP", "HSD", "HSE", "HSP", "CYX", "CYM", "ASH", "GLH", "LYN");

  /** Atom names of the {@code backbone} selection, taken from amino-acid residues only. */
  public static final Set<String> BACKBONE_NAMES = Set.of("N", "CA", "C", "O");

  public Topology {
    if (atoms == null || atoms.isEmpty()) {
      throw new IllegalArgumentException("a topology needs at least one atom, got " + atoms);
    }
    atoms = List.copyOf(atoms);
    for (int i = 0; i < atoms.size(); i++) {
      if (atoms.get(i).index() != i) {
        throw new IllegalArgumentException("atom at position " + i + " has index " + atoms.get(i).index()
            + "; expected " + i);
      }
    }
  }

  /** Number of atoms. */
  public int size() {
    return atoms.size();
  }

  public Atom atom(int index) {
    return atoms.get(index);
  }

  /**
   * The 0-based indices, ascending and without repeats, of the atoms a selection names. Keywords are
   * case-insensitive:
   * <ul>
   *   <li>{@code all}: every atom;
   *   <li>{@code heavy}: every atom that is not hydrogen (element {@code H} or {@code D});
   *   <li>{@code backbone}: atoms {@code N, CA, C, O} of amino-acid residues ({@link #AMINO_ACIDS}). The
   *       carbonyl O is included, as in MDAnalysis and VMD, so that the selection is the rigid peptide
   *       backbone; caps such as ACE and NME are not amino acids and contribute no atoms;
   *   <li>{@code name CA,CB}: atoms with any of these names (commas or spaces between; case-insensitive);
   *   <li>{@code index 0,4,5-8}: these indices and inclusive ranges.
   * </ul>
   *
   * @throws IllegalArgumentException for an unknown keyword, an index out of range, or a selection that
   *     matches no atom (the message names the selection)
   */
  public int[] select(String selection) {
    if (selection == null || selection.isBlank()) {
      throw new IllegalArgumentException("selection is empty; expected all, heavy, backbone, name A,B or"
          + " index 0,4-8");
    }
    String s = selection.strip();
    String[] parts = s.split("\\s+", 2);
    String keyword = parts[0].toLowerCase(Locale.ROOT);
    String rest = parts.length > 1 ? parts[1] : "";
    TreeSet<Integer> picked = new TreeSet<>();
    switch (keyword) {
      case "all" -> requireNoArguments(s, rest, picked, 0, size());
      case "heavy" -> {
        requireNoArguments(s, rest, picked, 0, 0);
        for (Atom a : atoms) {
          if (!a.isHydrogen()) {
            picked.add(a.index());
          }
        }
      }
      case "backbone" -> {
        requireNoArguments(s, rest, picked, 0, 0);
        for (Atom a : atoms) {
          if (isAminoAcid(a.residueName()) && BACKBONE_NAMES.contains(a.name().toUpperCase(Locale.ROOT))) {
            picked.add(a.index());
          }
        }
      }
      case "name" -> {
        List<String> names = items(s, rest);
        for (Atom a : atoms) {
          for (String n : names) {
            if (a.name().equalsIgnoreCase(n)) {
              picked.add(a.index());
            }
          }
        }
      }
      case "index" -> {
        for (String item : items(s, rest)) {
          int dash = item.indexOf('-', 1);
          int from = parseIndex(s, dash < 0 ? item : item.substring(0, dash));
          int to = dash < 0 ? from : parseIndex(s, item.substring(dash + 1));
          if (to < from) {
            throw new IllegalArgumentException("selection '" + s + "': range " + item + " runs backwards;"
                + " expected first <= last");
          }
          for (int i = from; i <= to; i++) {
            picked.add(i);
          }
        }
      }
      default -> throw new IllegalArgumentException("selection '" + s + "' has unknown keyword '" + parts[0]
          + "'; expected all, heavy, backbone, name A,B or index 0,4-8");
    }
    if (picked.isEmpty()) {
      throw new IllegalArgumentException("selection '" + s + "' matches no atom of the " + size()
          + " in the topology");
    }
    return picked.stream().mapToInt(Integer::intValue).toArray();
  }

  /** True for the residue names of {@link #AMINO_ACIDS} (case-insensitive). */
  public static boolean isAminoAcid(String residueName) {
    return AMINO_ACIDS.contains(residueName.toUpperCase(Locale.ROOT));
  }

  /**
   * A new topology of the given atoms, in the given order, re-indexed from 0.
   *
   * @throws IllegalArgumentException for an empty list or an index out of range
   */
  public Topology subset(int[] indices) {
    if (indices.length == 0) {
      throw new IllegalArgumentException("a subset needs at least one atom index, got none");
    }
    List<Atom> out = new ArrayList<>(indices.length);
    for (int k = 0; k < indices.length; k++) {
      out.add(atom(checkIndex(indices[k])).withIndex(k));
    }
    return new Topology(out);
  }

  /**
   * The four atoms of a backbone torsion angle.
   *
   * @param angle {@code phi} or {@code psi}
   * @param residue the residue the angle belongs to, as {@code ALA2} (name and number, with the chain as
   *     {@code B:ALA2} when the topology has more than one chain)
   * @param a first atom index (0-based)
   * @param b second atom index
   * @param c third atom index
   * @param d fourth atom index
   */
  public record Dihedral(String angle, String residue, int a, int b, int c, int d) {
    public Dihedral {
      if (!"phi".equals(angle) && !"psi".equals(angle)) {
        throw new IllegalArgumentException("dihedral angle must be phi or psi, got " + angle);
      }
      if (a < 0 || b < 0 || c < 0 || d < 0) {
        throw new IllegalArgumentException("dihedral " + angle + " of " + residue + " has atoms " + a + ", " + b
            + ", " + c + ", " + d + "; expected indices >= 0");
      }
    }

    /** The four atom indices {@code [a, b, c, d]}. */
    public int[] atoms() {
      return new int[] {a, b, c, d};
    }
  }

  /**
   * The phi and psi angles of every residue that has them (IUPAC-IUB 1970 definitions), found by atom name
   * and residue order: phi(i) is {@code C(i-1), N(i), CA(i), C(i)} and psi(i) is
   * {@code N(i), CA(i), C(i), N(i+1)}, where residue {@code i-1} and {@code i+1} are the neighbours in file
   * order within the same chain whose residue numbers differ by one (so a gap in the numbering breaks the
   * chain). Caps take part through their atom names: in ACE-ALA-NME, phi of ALA uses the C of ACE and psi of
   * ALA the N of NME. Residue by residue, phi comes before psi. An empty list if no residue has N, CA and C.
   */
  public List<Dihedral> backboneDihedrals() {
    List<Residue> residues = residues();
    boolean chains = residues.stream().map(r -> r.chain).distinct().count() > 1;
    List<Dihedral> out = new ArrayList<>();
    for (int r = 0; r < residues.size(); r++) {
      Residue res = residues.get(r);
      int n = res.find("N");
      int ca = res.find("CA");
      int c = res.find("C");
      if (n < 0 || ca < 0 || c < 0) {
        continue;
      }
      String label = (chains ? res.chain + ":" : "") + res.name + res.seq;
      if (r > 0 && res.follows(residues.get(r - 1)) && residues.get(r - 1).find("C") >= 0) {
        out.add(new Dihedral("phi", label, residues.get(r - 1).find("C"), n, ca, c));
      }
      if (r + 1 < residues.size() && residues.get(r + 1).follows(res) && residues.get(r + 1).find("N") >= 0) {
        out.add(new Dihedral("psi", label, n, ca, c, residues.get(r + 1).find("N")));
      }
    }
    return out;
  }

  private static final class Residue {
    final String chain;
    final String name;
    final int seq;
    final List<Atom> atoms = new ArrayList<>();

    Residue(Atom first) {
      chain = first.chain();
      name = first.residueName();
      seq = first.residueSeq();
    }

    boolean holds(Atom a) {
      return a.chain().equals(chain) && a.residueName().equals(name) && a.residueSeq() == seq;
    }

    boolean follows(Residue previous) {
      return previous.chain.equals(chain) && seq - previous.seq == 1;
    }

    int find(String atomName) {
      for (Atom a : atoms) {
        if (a.name().equalsIgnoreCase(atomName)) {
          return a.index();
        }
      }
      return -1;
    }
  }

  private List<Residue> residues() {
    List<Residue> out = new ArrayList<>();
    for (Atom a : atoms) {
      if (out.isEmpty() || !out.get(out.size() - 1).holds(a)) {
        out.add(new Residue(a));
      }
      out.get(out.size() - 1).atoms.add(a);
    }
    return out;
  }

  private void requireNoArguments(String selection, String rest, TreeSet<Integer> picked, int from, int to) {
    if (!rest.isBlank()) {
      throw new IllegalArgumentException("selection '" + selection + "': keyword takes no arguments, got '"
          + rest + "'");
    }
    for (int i = from; i < to; i++) {
      picked.add(i);
    }
  }

  private static List<String> items(String selection, String rest) {
    List<String> out = new ArrayList<>();
    for (String item : rest.split("[,\\s]+")) {
      if (!item.isEmpty()) {
        out.add(item);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("selection '" + selection + "' lists nothing; expected for example"
          + " 'name CA,CB' or 'index 0,4-8'");
    }
    return out;
  }

  private int parseIndex(String selection, String text) {
    int i;
    try {
      i = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("selection '" + selection + "': '" + text + "' is not an atom index;"
          + " expected a number in [0, " + size() + ")", e);
    }
    if (i < 0 || i >= size()) {
      throw new IllegalArgumentException("selection '" + selection + "': index " + i + " is out of range;"
          + " expected [0, " + size() + ")");
    }
    return i;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= size()) {
      throw new IllegalArgumentException("atom index " + i + " is out of range; expected [0, " + size() + ")");
    }
    return i;
  }

  @Override
  public String toString() {
    return "Topology[" + size() + " atoms, " + residues().size() + " residues]";
  }
}

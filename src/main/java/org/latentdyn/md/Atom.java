package org.latentdyn.md;

import java.util.Locale;
import java.util.Set;

/**
 * One atom of a {@link Topology}, as a PDB ATOM/HETATM record describes it (wwPDB format 3.3, section 9).
 *
 * @param index 0-based position in the topology (and in every frame: {@code x, y, z} at {@code 3 * index})
 * @param name atom name without padding, such as {@code CA}
 * @param residueName residue name, such as {@code ALA}; may be blank
 * @param residueSeq residue sequence number as written in the file
 * @param chain chain identifier; may be blank
 * @param element element symbol ({@code C}, {@code Cl}); a blank or null element is inferred from the name
 *     by {@link #inferElement}
 */
public record Atom(int index, String name, String residueName, int residueSeq, String chain, String element) {

  /** Two-letter element symbols recognised when inferring an element from an atom name. */
  private static final Set<String> TWO_LETTER = Set.of("HE", "LI", "BE", "NE", "NA", "MG", "AL", "SI", "CL",
      "AR", "CA", "SC", "TI", "CR", "MN", "FE", "CO", "NI", "CU", "ZN", "GA", "GE", "AS", "SE", "BR", "KR", "RB",
      "SR", "ZR", "MO", "RU", "RH", "PD", "AG", "CD", "IN", "SN", "SB", "TE", "XE", "CS", "BA", "LA", "GD", "YB",
      "PT", "AU", "HG", "TL", "PB", "BI");

  public Atom {
    if (index < 0) {
      throw new IllegalArgumentException("atom index must be >= 0, got " + index);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("atom " + index + " needs a name, got '" + name + "'");
    }
    name = name.strip();
    residueName = residueName == null ? "" : residueName.strip();
    chain = chain == null ? "" : chain.strip();
    element = element == null || element.isBlank() ? inferElement(name, residueName) : capitalise(element.strip());
    if (!element.chars().allMatch(Character::isLetter)) {
      throw new IllegalArgumentException("atom " + index + " (" + name + ") has element '" + element
          + "'; expected a symbol such as C or Cl");
    }
  }

  /** The same atom at another index (for a subset of a topology). */
  public Atom withIndex(int newIndex) {
    return new Atom(newIndex, name, residueName, residueSeq, chain, element);
  }

  /** True for hydrogen and deuterium ({@code H}, {@code D}). */
  public boolean isHydrogen() {
    return element.equals("H") || element.equals("D");
  }

  /**
   * Infers an element from an atom name. With the PDB alignment kept (the 4-character field of columns
   * 13-16), a name starting in column 13 may be a two-letter element ({@code "FE  "}, {@code "CL1 "}) while one
   * starting in column 14 is one letter ({@code " CA "} is carbon). Otherwise leading digits are skipped
   * ({@code 1HB} is hydrogen) and the first letter is the element, except for an ion whose atom name is its
   * residue name ({@code NA} in residue {@code NA}) and a four-character name in column 13 that is not a
   * hydrogen name ({@code HG11}).
   *
   * @param name the atom name, trimmed or with its PDB padding
   * @param residueName the residue name (may be blank)
   * @return the element symbol, such as {@code C} or {@code Fe}
   * @throws IllegalArgumentException if the name holds no letter
   */
  public static String inferElement(String name, String residueName) {
    String letters = name.strip().replaceFirst("^[0-9]+", "").replaceAll("[^A-Za-z].*$", "")
        .toUpperCase(Locale.ROOT);
    if (letters.isEmpty()) {
      throw new IllegalArgumentException("cannot infer an element from atom name '" + name + "'; expected a name"
          + " starting with an element symbol");
    }
    boolean padded = name.length() == 4 && name.charAt(0) != ' ' && name.strip().length() < 4;
    boolean ion = letters.equalsIgnoreCase(residueName == null ? "" : residueName.strip());
    if (letters.length() >= 2 && (padded || ion) && TWO_LETTER.contains(letters.substring(0, 2))) {
      return capitalise(letters.substring(0, 2));
    }
    return letters.substring(0, 1);
  }

  private static String capitalise(String symbol) {
    return symbol.isEmpty() ? symbol
        : symbol.substring(0, 1).toUpperCase(Locale.ROOT) + symbol.substring(1).toLowerCase(Locale.ROOT);
  }
}

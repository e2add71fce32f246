package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

  private static Topology alanineDipeptide() throws IOException {
    return PdbReader.readTopology(MdTestData.fixture("ala2.pdb"));
  }

  /** Residues given as "CHAIN RES SEQ NAME NAME ..." with elements from the names. */
  private static Topology build(String... residues) {
    List<Atom> atoms = new ArrayList<>();
    for (String r : residues) {
      String[] f = r.split(" ");
      for (int k = 3; k < f.length; k++) {
        atoms.add(new Atom(atoms.size(), f[k], f[1], Integer.parseInt(f[2]), f[0], null));
      }
    }
    return new Topology(atoms);
  }

  @Test
  void selectsTheHeavyAtomsAndBackboneOfAlanineDipeptide() throws IOException {
    Topology t = alanineDipeptide();
    assertEquals(22, t.size());
    assertArrayEquals(MdTestData.ALANINE_HEAVY, t.select("heavy"));
    assertArrayEquals(MdTestData.ALANINE_HEAVY, t.select("  HEAVY "));
    // N, CA, C, O of ALA; the ACE and NME caps are not amino acids
    assertArrayEquals(new int[] {6, 8, 14, 15}, t.select("backbone"));
    assertArrayEquals(new int[] {8, 10}, t.select("name CA,CB"));
    assertArrayEquals(new int[] {8, 10}, t.select("name cb ca"));
    assertArrayEquals(new int[] {0, 4, 5, 6, 7, 8}, t.select("index 0,4,5-8"));
    assertArrayEquals(new int[] {0, 4, 5, 6, 7, 8}, t.select("index 8, 5-7,0,4,4"));
    assertEquals(22, t.select("all").length);
    Atom ca = t.atom(8);
    assertEquals(new Atom(8, "CA", "ALA", 2, "A", "C"), ca);
  }

  @Test
  void findsPhiAndPsiOfAlanineDipeptide() throws IOException {
    List<Topology.Dihedral> d = alanineDipeptide().backboneDihedrals();
    assertEquals(List.of(new Topology.Dihedral("phi", "ALA2", 4, 6, 8, 14),
        new Topology.Dihedral("psi", "ALA2", 6, 8, 14, 16)), d);
    assertArrayEquals(new int[] {4, 6, 8, 14}, d.get(0).atoms());
  }

  @Test
  void dihedralsFollowResidueOrderChainsAndNumberingGaps() {
    Topology t = build("A GLY 1 N CA C O", "A ALA 2 N CA CB C O", "A SER 4 N CA C O", "B GLY 1 N CA C O",
        "B GLY 2 N CA C O");
    List<String> found = new ArrayList<>();
    for (Topology.Dihedral d : t.backboneDihedrals()) {
      found.add(d.angle() + " " + d.residue() + " " + d.a() + "," + d.b() + "," + d.c() + "," + d.d());
    }
    // SER4 follows a gap (no residue 3): neither psi of ALA2 nor phi of SER4; chain B starts anew
    assertEquals(List.of("psi A:GLY1 0,1,2,4", "phi A:ALA2 2,4,5,7", "psi B:GLY1 13,14,15,17",
        "phi B:GLY2 15,17,18,19"), found);
    assertEquals(List.of(), build("A HOH 1 O H1 H2", "A HOH 2 O H1 H2").backboneDihedrals());
  }

  @Test
  void aSelectionThatMatchesNothingNamesItself() {
    Topology water = build(" HOH 1 O H1 H2");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> water.select("backbone"));
    assertEquals("selection 'backbone' matches no atom of the 3 in the topology", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> water.select("name CA"));
    assertEquals("selection 'name CA' matches no atom of the 3 in the topology", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> water.select("index 3"));
    assertEquals("selection 'index 3': index 3 is out of range; expected [0, 3)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> water.select("index 2-1"));
    assertEquals("selection 'index 2-1': range 2-1 runs backwards; expected first <= last", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> water.select("protein"));
    assertEquals("selection 'protein' has unknown keyword 'protein'; expected all, heavy, backbone, name A,B or"
        + " index 0,4-8", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> water.select("name"));
    assertTrue(e.getMessage().startsWith("selection 'name' lists nothing"), e.getMessage());
    assertArrayEquals(new int[] {0}, water.select("heavy"));
  }

  @Test
  void subsetsRenumberTheAtoms() throws IOException {
    Topology heavy = alanineDipeptide().subset(MdTestData.ALANINE_HEAVY);
    assertEquals(10, heavy.size());
    assertEquals(new Atom(4, "CA", "ALA", 2, "A", "C"), heavy.atom(4));
    assertEquals(List.of("phi", "psi"), heavy.backboneDihedrals().stream().map(Topology.Dihedral::angle).toList());
    assertThrows(IllegalArgumentException.class, () -> heavy.subset(new int[] {10}));
  }

  @Test
  void infersElementsFromNames() {
    assertEquals("C", Atom.inferElement(" CA ", "ALA"));
    assertEquals("Ca", Atom.inferElement("CA  ", "CA"));
    assertEquals("C", Atom.inferElement("CA", "ALA"));
    assertEquals("Ca", Atom.inferElement("CA", "CA"));
    assertEquals("H", Atom.inferElement("1HB ", "ALA"));
    assertEquals("H", Atom.inferElement("HG11", "VAL"));
    assertEquals("Fe", Atom.inferElement("FE  ", "HEM"));
    assertEquals("Cl", Atom.inferElement("CL1 ", "LIG"));
    assertEquals("Na", Atom.inferElement("NA", "NA"));
    assertEquals("N", Atom.inferElement(" NA ", "HEM"));
    assertEquals("O", new Atom(0, "OW", "SOL", 1, "", " ").element());
    assertEquals("Cl", new Atom(0, "X", "", 1, "", "CL").element());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Atom.inferElement("123", ""));
    assertEquals("cannot infer an element from atom name '123'; expected a name starting with an element symbol",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Atom(-1, "C", "", 0, "", "C"));
    assertThrows(IllegalArgumentException.class, () -> new Topology(List.of(new Atom(1, "C", "", 0, "", "C"))));
  }
}

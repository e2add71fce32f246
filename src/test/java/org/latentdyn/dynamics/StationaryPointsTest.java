package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Known minima and saddles of the model potentials. */
class StationaryPointsTest {
  @Test
  void muellerBrownMinimaAndSaddlesMatchTheLiterature() {
    MuellerBrownPotential mb = MuellerBrownPotential.standard();
    double[][] minima = {{-0.558, 1.442, -146.70}, {0.623, 0.028, -108.17}, {-0.050, 0.467, -80.77}};
    for (double[] m : minima) {
      StationaryPoint p = StationaryPoints.minimize(mb, new double[] {m[0] + 0.05, m[1] - 0.05});
      assertEquals(0, p.index());
      assertEquals(m[0], p.coordinate(0), 1e-3);
      assertEquals(m[1], p.coordinate(1), 1e-3);
      assertEquals(m[2], p.energy(), 1e-2);
    }
    double[][] saddles = {{-0.822, 0.624, -40.66}, {0.212, 0.293, -72.25}};
    for (double[] s : saddles) {
      StationaryPoint p = StationaryPoints.newton(mb, new double[] {s[0] + 0.02, s[1] - 0.02}, 0.05);
      assertEquals(1, p.index());
      assertEquals(s[0], p.coordinate(0), 1e-3);
      assertEquals(s[1], p.coordinate(1), 1e-3);
      assertEquals(s[2], p.energy(), 1e-2);
    }
    StationaryPoint scaled = StationaryPoints.minimize(new MuellerBrownPotential(0.05), new double[] {0.6, 0});
    assertEquals(0.05 * -108.1667, scaled.energy(), 1e-4);
  }

  @Test
  void doubleWellsHaveMinimaAtPlusMinusOneAndBarrierH() {
    DoubleWell1D w = new DoubleWell1D(2.5);
    StationaryPoint m = StationaryPoints.minimize(w, new double[] {0.4});
    assertEquals(1.0, m.coordinate(0), 1e-9);
    assertEquals(0.0, m.energy(), 1e-12);
    StationaryPoint top = StationaryPoints.newton(w, new double[] {0.1}, 0.1);
    assertEquals(1, top.index());
    assertEquals(2.5, top.energy(), 1e-12);

    DoubleWell2D w2 = new DoubleWell2D(3, 4);
    StationaryPoint m2 = StationaryPoints.minimize(w2, new double[] {-0.5, 0.7});
    assertEquals(-1.0, m2.coordinate(0), 1e-9);
    assertEquals(0.0, m2.coordinate(1), 1e-9);
    StationaryPoint s2 = StationaryPoints.newton(w2, new double[] {0.1, 0.1}, 0.1);
    assertEquals(1, s2.index());
    assertEquals(3.0, s2.energy(), 1e-12);
  }

  @Test
  void hessianOfHarmonicIsDiagonalStiffness() {
    HarmonicPotential h = new HarmonicPotential(new double[] {1, 2.5, 4}, new double[] {0, 1, 2});
    double[][] hess = StationaryPoints.hessian(h, new double[] {0.3, -0.2, 5});
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(i == j ? h.stiffness(i) : 0, hess[i][j], 1e-6);
      }
    }
    assertEquals(1.0, StationaryPoints.eigenvalues(hess)[0], 1e-6);
  }
}

package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Analytic gradients against central finite differences at seeded random points. */
class PotentialGradientTest {
  private static final List<Potential> POTENTIALS = List.of(
      ThreeWellPotential.defaults(),
      new ThreeWellPotential(3, 0.5, 0.1, 1.2),
      new DoubleWell1D(2.5),
      new DoubleWell2D(3, 4),
      MuellerBrownPotential.standard(),
      new MuellerBrownPotential(0.05),
      new HarmonicPotential(new double[] {1, 2.5, 0.3}, new double[] {0.5, -1, 2}));

  @Test
  void gradientMatchesCentralDifferences() {
    SplittableRandom random = new SplittableRandom(42);
    for (Potential p : POTENTIALS) {
      int n = p.dim();
      double[] g = new double[n];
      double[] g2 = new double[n];
      for (int trial = 0; trial < 50; trial++) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = random.nextDouble(-1.5, 1.5) + (p instanceof MuellerBrownPotential && i == 1 ? 0.5 : 0);
        }
        p.gradient(x, g);
        double e = p.energyAndGradient(x, g2);
        assertEquals(p.energy(x), e, 1e-12 * (1 + Math.abs(e)), p.name() + " energyAndGradient energy");
        for (int i = 0; i < n; i++) {
          assertEquals(g[i], g2[i], 1e-12 * (1 + Math.abs(g[i])), p.name() + " energyAndGradient gradient");
          double h = 1e-6;
          double[] xp = x.clone();
          double[] xm = x.clone();
          xp[i] += h;
          xm[i] -= h;
          double fd = (p.energy(xp) - p.energy(xm)) / (2 * h);
          assertEquals(fd, g[i], 1e-6 * (1 + Math.abs(g[i]) + Math.abs(e)), p.name() + " d/dx" + i + " at trial " + trial);
        }
        double[] f = new double[n];
        p.force(x, f);
        for (int i = 0; i < n; i++) {
          assertEquals(-g[i], f[i], 0.0, "force = -gradient");
        }
      }
    }
  }

  @Test
  void everyPotentialDescribesItself() {
    for (Potential p : POTENTIALS) {
      assertTrue(!p.name().isBlank() && !p.formula().isBlank() && !p.parameters().isEmpty(), p.name());
    }
    assertEquals(6.0, ThreeWellPotential.defaults().parameters().get("A"));
  }

  @Test
  void constructorsNameBadValues() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ThreeWellPotential(6, -1, 0.03, 1.5));
    assertTrue(e.getMessage().contains("width") && e.getMessage().contains("-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new DoubleWell1D(0));
    assertTrue(e.getMessage().contains("barrier"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MuellerBrownPotential(Double.NaN));
    assertTrue(e.getMessage().contains("energyScale"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new HarmonicPotential(new double[] {1, -2}, new double[] {0, 0}));
    assertTrue(e.getMessage().contains("stiffness[1]") && e.getMessage().contains("-2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new HarmonicPotential(new double[] {1}, new double[] {0, 0}));
    assertTrue(e.getMessage().contains("centre"), e.getMessage());
  }
}

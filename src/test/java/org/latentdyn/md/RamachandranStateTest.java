package org.latentdyn.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;

class RamachandranStateTest {

  @ParameterizedTest
  @CsvSource({
      "-150, 150, beta", "-70, 140, beta", "-80, -170, beta", "-150, 101, beta",
      "-70, -40, alphaR", "-60, 49, alphaR", "-100, -119, alphaR",
      "60, 40, alphaL", "170, 170, alphaL", "1, -100, alphaL",
      "-70, 75, other", "-90, -135, other", "-70, 100, other", "-70, 50, other", "-70, -120, other",
      "-70, -150, other", "0, 0, other"})
  void classifiesTheReadmeRegions(double phiDegrees, double psiDegrees, String expected) {
    assertEquals(expected, RamachandranState.of(Math.toRadians(phiDegrees), Math.toRadians(psiDegrees)).label());
  }

  @Test
  void rejectsNonFiniteAngles() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RamachandranState.of(Double.NaN, 0));
    assertEquals("phi and psi must be finite radians, got phi = NaN, psi = 0.0", e.getMessage());
  }

  @Test
  void shippedTorsionsFallInTheReadmeProportions() throws IOException {
    Path dihedrals = Path.of("../shared/data/alanine-dipeptide/dihedrals.npy");
    Assumptions.assumeTrue(Files.exists(dihedrals), "shared alanine-dipeptide data absent");
    Trajectory phiPsi = Npy.readTrajectory(dihedrals);
    float[] phi = new float[phiPsi.frames()];
    float[] psi = new float[phiPsi.frames()];
    for (int f = 0; f < phi.length; f++) {
      phi[f] = phiPsi.get(f, 0);
      psi[f] = phiPsi.get(f, 1);
    }
    Map<RamachandranState, Integer> counts = RamachandranState.counts(phi, psi);
    assertEquals(34477, counts.get(RamachandranState.BETA));
    assertEquals(24275, counts.get(RamachandranState.ALPHA_R));
    assertEquals(5, counts.get(RamachandranState.ALPHA_L));
    assertEquals(1243, counts.get(RamachandranState.OTHER));
  }
}

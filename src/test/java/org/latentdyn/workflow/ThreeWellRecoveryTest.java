package org.latentdyn.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentdyn.train.TrainingListener;

/**
 * End-to-end known answer (spec dynae.md §6, paper Fig. 2-3): DynAE trained on the warped three-well
 * observations recovers the true (x, y) up to an isometry, with unit, isotropic learned diffusion.
 */
class ThreeWellRecoveryTest {
  private static void assertRecovered(ThreeWellDemo.Result r, double maxRelativeLz) {
    try (var model = r.dynae().model()) {
      double lz = r.dynae().evaluation().lzRelative();
      assertTrue(lz < maxRelativeLz, "relative L_z " + lz);
      assertTrue(r.evaluations().get("observations (warped)").lzRelative() > 0.3, "the warp alone is far off");
      for (double m : r.dynae().meanDiffusion()) {
        assertTrue(m > 0.75 && m < 1.3, "mean M(z) " + m);
      }
      for (double v : r.dynae().residualVariance()) {
        assertEquals(2.0, v, 0.5, "variance of dz - f(z)");
      }
    }
  }

  @Test
  void fastDemoRecoversTheThreeWellVariables() {
    assertRecovered(ThreeWellDemo.run(ThreeWellDemo.Options.defaults(true, 1), TrainingListener.NONE), 0.02);
  }

  @Tag("slow")
  @Test
  void fullRunReachesTheAcceptanceAccuracy() {
    assertRecovered(ThreeWellDemo.run(ThreeWellDemo.Options.defaults(false, 1), TrainingListener.NONE), 0.01);
  }
}

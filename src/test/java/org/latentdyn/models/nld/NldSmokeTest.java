package org.latentdyn.models.nld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentdyn.workflow.NldAnalysis;

/**
 * End-to-end smoke test (spec nld.md §13.10): d = 2, H = 32, C = 16 on short sequences of a well-separated 3-state
 * chain must reach three wells and a segmentation accuracy above 0.8; beta and c keep moving after the KL
 * warm-up (issue acceptance: the learned temperature and stiffness are trained, not frozen). Slow-tagged: about
 * 840 steps and an analysis, 8-17 minutes on 2 cores. With 420 steps and a 100-step KL warm-up the energy keeps one
 * well (accuracy 0.54); with 840 steps and a 400-step warm-up it finds three wells and segments at 0.977.
 */
@Tag("slow")
class NldSmokeTest {
  @Test
  void tinyRunOnAWellSeparatedChainFindsThreeWellsAndSegments() {
    int seqs = 256;
    int len = 60;
    float[] x = NldTest.chainData(seqs, len, 21);
    int[] states = NldTest.chainStates(seqs, len, 21);
    int warmup = 400;
    NldConfig c = NldConfig.preset("O2", 5).withSizes(2, 32, 16).withBatchSize(32).withLength(len).withEpochs(EPOCHS)
        .withKlAnnealIters(warmup);
    try (NldModel m = Nld.fit(x, new int[] {seqs, len, 15}, c, null)) {
      List<NldEpochRecord> h = m.history();
      for (NldEpochRecord r : h) {
        System.out.println("NLD smoke " + r);
        assertTrue(Double.isFinite(r.loss()) && Double.isFinite(r.validationLoss()) && Double.isFinite(r.exactElbo()));
      }
      assertTrue(h.get(h.size() - 1).nll() < 0.5 * h.get(0).nll(), "reconstruction improves: " + h);
      int stepsPerEpoch = (int) Math.round(seqs * (1 - c.validationFraction())) / c.batchSize();
      NldEpochRecord afterWarmup = h.get((warmup + stepsPerEpoch - 1) / stepsPerEpoch);
      NldEpochRecord last = h.get(h.size() - 1);
      assertTrue(Math.abs(last.beta() - afterWarmup.beta()) > 1e-3, "beta moves after the warm-up: " + h);
      assertTrue(Math.abs(last.c() - afterWarmup.c()) > 1e-3, "c moves after the warm-up: " + h);
      NldAnalysis.Result a = NldAnalysis.run(m, x, new int[] {seqs, len, 15}, states,
          new NldAnalysis.Options(64, 500, 3, 1));
      System.out.println("NLD smoke analysis: wells " + a.wells().wellsFound() + ", accuracy "
          + a.segmentation().meanAccuracy() + ", l1 " + a.wells().l1Second());
      assertEquals(3, a.wells().wellsFound(), "three wells");
      assertTrue(a.segmentation().meanAccuracy() > 0.8, "accuracy " + a.segmentation().meanAccuracy());
    }
  }

  static final int EPOCHS = Integer.getInteger("nld.smoke.epochs", 120);
}

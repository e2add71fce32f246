package org.latentdyn.models.nld;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End-to-end smoke test (spec nld.md §13.10, reduced): d = 2, H = 32, C = 16 on 256 short sequences of a
 * well-separated 3-state chain trains with finite, decreasing losses. Reaching three wells is not asserted yet.
 */
@Tag("slow")
class NldSmokeTest {
  @Test
  void tinyRunOnAWellSeparatedChainLearns() {
    int seqs = 256;
    int len = 60;
    float[] x = NldTest.chainData(seqs, len, 21);
    NldConfig c = NldConfig.preset("O2", 5).withSizes(2, 32, 16).withBatchSize(32).withLength(len).withEpochs(10)
        .withKlAnnealIters(100).withLearningRate(0.005);
    try (NldModel m = Nld.fit(x, new int[] {seqs, len, 15}, c, null)) {
      List<NldEpochRecord> h = m.history();
      for (NldEpochRecord r : h) {
        System.out.println("NLD smoke " + r);
        assertTrue(Double.isFinite(r.loss()) && Double.isFinite(r.validationLoss()) && Double.isFinite(r.exactElbo()));
      }
      assertTrue(h.get(h.size() - 1).nll() < 0.5 * h.get(0).nll(), "reconstruction improves: " + h);
      assertTrue(h.get(h.size() - 1).validationLoss() < h.get(0).validationLoss());
      float[] z = m.encode(x, new int[] {seqs, len, 15}, 3);
      for (float v : z) {
        assertTrue(Float.isFinite(v));
      }
    }
  }
}

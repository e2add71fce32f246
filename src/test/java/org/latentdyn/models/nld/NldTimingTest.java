package org.latentdyn.models.nld;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Wall-clock time of one training step (forward through the L - 1 step unroll, backward, Adam) at the O1 sizes
 * (d 3, H 128, C 64, batch 128, length 200). Run with {@code mvn -o test -Pslow -Dtest=NldTimingTest}.
 */
@Tag("slow")
class NldTimingTest {
  @Test
  void o1StepTime() {
    for (String preset : new String[] {"O1", "U1"}) {
      NldConfig c = NldConfig.preset(preset, 1).withValidationFraction(0);
      int seqs = 128;
      float[] x = NldTest.chainData(seqs, c.length(), 2);
      Nld.Data data = Nld.Data.of(x, new int[] {seqs, c.length(), 15}, c);
      try (Nld.Trainer t = new Nld.Trainer(c, data, 0)) {
        int[] order = data.train();
        SplittableRandom noise = new SplittableRandom(1);
        float[] batch = data.batch(order, 0, c.batchSize());
        t.step(batch, c.batchSize(), noise, 0, 0); // warm-up
        int steps = 5;
        long t0 = System.nanoTime();
        double last = 0;
        for (int i = 0; i < steps; i++) {
          last = t.step(batch, c.batchSize(), noise, 0, i + 1)[0];
        }
        double ms = (System.nanoTime() - t0) / 1e6 / steps;
        double forward = forwardMs(t, batch, c, steps);
        System.out.printf("NLD %s training step (batch %d, length %d): %.0f ms, of which forward without recording"
            + " %.0f ms (loss %.1f)%n", preset, c.batchSize(), c.length(), ms, forward, last);
        assertTrue(Double.isFinite(last));
      }
    }
  }

  private static double forwardMs(Nld.Trainer t, float[] batch, NldConfig c, int steps) {
    int b = c.batchSize();
    int len = c.length();
    SplittableRandom r = new SplittableRandom(2);
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      try (ai.djl.ndarray.NDManager s = t.net.manager.newSubManager()) {
        ai.djl.ndarray.NDList terms = t.net.forward(
            org.latentdyn.nn.Tensors.owned(s, batch, new ai.djl.ndarray.types.Shape(len, b, 15)),
            org.latentdyn.nn.Tensors.owned(s, Nld.gaussians(b * t.net.n, r), new ai.djl.ndarray.types.Shape(b, t.net.n)),
            org.latentdyn.nn.Tensors.owned(s, Nld.gaussians((len - 1) * b * t.net.d, r),
                new ai.djl.ndarray.types.Shape(len - 1, b, t.net.d)));
        Nld.loss(terms, 1, 1).getFloat();
      }
    }
    return (System.nanoTime() - t0) / 1e6 / steps;
  }
}

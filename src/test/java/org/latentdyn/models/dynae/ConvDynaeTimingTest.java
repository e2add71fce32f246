package org.latentdyn.models.dynae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;

/**
 * Seconds per DJL training step of the conv DynAE at batch 256 (512 frames of 64x64 through encoder and decoder)
 * on CPU with the project's default of one PyTorch thread, and where they go ({@link ConvStepTiming}, also
 * {@code latentdyn bench --cases conv}). Slow: run with
 * {@code mvn -o test -Dtest='ConvDynaeTimingTest' -Dgroups=slow}.
 */
@Tag("slow")
class ConvDynaeTimingTest {
  @Test
  void secondsPerStepAtBatch256() {
    int steps = Integer.getInteger("latentdyn.bench.steps", 3);
    Trajectory movie = ConvDynaeTest.movie("dsprites2", 16, 1);
    ConvStepTiming.Result t = ConvStepTiming.measure(movie, ConvDynaeTest.tiny(1).withBatchSize(256), steps);
    assertEquals(256, t.batchSize());
    double[][] parts = {t.step(), t.encoderForward(), t.encoderForwardBackward(), t.decoderForward(),
        t.decoderForwardBackward(), t.rest()};
    double[] mean = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      assertEquals(steps, parts[k].length);
      for (double s : parts[k]) {
        assertTrue(s > 0, "every piece takes time");
        mean[k] += s / steps;
      }
    }
    System.out.printf("conv DynAE, batch 256, %s threads: first step %.2f s, then %.2f s per step (mean of %d);"
        + " 512 frames: encoder forward %.2f s, forward+backward %.2f s; decoder forward %.2f s, forward+backward"
        + " %.2f s; rest (SW, prior nets, Adam) %.3f s%n", System.getProperty("ai.djl.pytorch.num_threads", "1"),
        t.firstStep(), mean[0], steps, mean[1], mean[2], mean[3], mean[4], mean[5]);
  }
}

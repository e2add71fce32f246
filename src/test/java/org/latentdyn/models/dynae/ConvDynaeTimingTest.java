package org.latentdyn.models.dynae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.LaggedPairs;
import org.latentdyn.data.Trajectory;
import org.latentdyn.nn.SlicedWasserstein;
import org.latentdyn.train.TrainingListener;

/**
 * Seconds per DJL training step of the conv DynAE at batch 256 (512 frames of 64x64 through encoder and decoder)
 * on CPU with the project's default of one PyTorch thread. Slow: run with
 * {@code mvn -o test -Dtest='ConvDynaeTimingTest' -Dgroups=slow}.
 */
@Tag("slow")
class ConvDynaeTimingTest {
  @Test
  void secondsPerStepAtBatch256() {
    int steps = Integer.getInteger("latentdyn.bench.steps", 3);
    Trajectory movie = ConvDynaeTest.movie("dsprites2", 16, 1);
    DynaeConfig c = ConvDynaeTest.tiny(1).withBatchSize(256);
    LaggedPairs pairs = LaggedPairs.of(Dataset.of(movie), 1);
    int f = movie.features();
    int b = c.batchSize();
    SplittableRandom r = new SplittableRandom(2);
    float[] x = new float[2 * b * f];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    float[] eps = new float[b * c.latentDim()];
    try (Dynae.Trainer t = new Dynae.Trainer(f, c, movie.view(), pairs, pairs, TrainingListener.NONE)) {
      double[] seconds = new double[steps + 1];
      for (int s = 0; s <= steps; s++) {
        float[] dirs = SlicedWasserstein.directions(c.latentDim(), c.projections(), r);
        long t0 = System.nanoTime();
        double[] losses = t.step(x, b, c.beta(), dirs, eps);
        seconds[s] = (System.nanoTime() - t0) / 1e9;
        assertTrue(Double.isFinite(losses[0]));
      }
      double sum = 0;
      for (int s = 1; s <= steps; s++) {
        sum += seconds[s];
      }
      System.out.printf("conv DynAE, batch %d, %d threads: first step %.2f s, then %.2f s per step (mean of %d)%n",
          b, Integer.getInteger("ai.djl.pytorch.num_threads", 1), seconds[0], sum / steps, steps);
    }
  }
}

package org.latentdyn.models.dynae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.Tensors;
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
      profile(t.net, x, 2 * b, steps);
      System.out.printf("conv DynAE, batch %d, %d threads: first step %.2f s, then %.2f s per step (mean of %d)%n",
          b, Integer.getInteger("ai.djl.pytorch.num_threads", 1), seconds[0], sum / steps, steps);
    }
  }

  /** Forward and forward + backward seconds of the encoder and of the decoder alone on {@code rows} frames. */
  private static void profile(DynaeNetworks net, float[] x, int rows, int steps) {
    int f = net.encoder.inputDim();
    double[] enc = new double[2];
    double[] dec = new double[2];
    for (int s = 0; s <= steps; s++) {
      for (int backward = 0; backward < 2; backward++) {
        try (NDManager m = net.manager.newSubManager()) {
          NDArray xs = Tensors.owned(m, x, new Shape(rows, f));
          NDArray zs = Tensors.owned(m, new float[rows * net.latentDim], new Shape(rows, net.latentDim));
          long t0 = System.nanoTime();
          timed(net.encoder, net, xs, backward == 1);
          long t1 = System.nanoTime();
          timed(net.decoder, net, zs, backward == 1);
          long t2 = System.nanoTime();
          if (s > 0) {
            enc[backward] += (t1 - t0) / 1e9 / steps;
            dec[backward] += (t2 - t1) / 1e9 / steps;
          }
        }
        net.rep.zeroGradient();
      }
    }
    System.out.printf("%d frames: encoder forward %.2f s, forward+backward %.2f s; decoder forward %.2f s,"
        + " forward+backward %.2f s%n", rows, enc[0], enc[1], dec[0], dec[1]);
  }

  private static void timed(org.latentdyn.nn.Network n, DynaeNetworks net, NDArray in, boolean backward) {
    if (!backward) {
      n.forward(net.rep, in).sum().getFloat();
      return;
    }
    try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
      gc.backward(n.forward(net.rep, in).sum());
    }
  }
}

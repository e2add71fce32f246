package org.latentdyn.models.dynae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.LaggedPairs;
import org.latentdyn.data.Trajectory;
import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.Network;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.SlicedWasserstein;
import org.latentdyn.nn.Tensors;
import org.latentdyn.train.TrainingListener;

/**
 * Where the time of a DJL training step of the convolutional DynAE goes (what {@code bench --cases conv} reports):
 * whole steps of Algorithm 1 on minibatches of {@code B} pairs (2B frames), then, timed separately on the same 2B
 * frames, the encoder's forward pass, its forward and backward pass, and the same for the decoder. The step minus
 * the two forward-and-backward times is the rest: losses, sliced Wasserstein, the prior nets and both Adam updates.
 */
public final class ConvStepTiming {
  private ConvStepTiming() {}

  /**
   * Seconds of each measured repetition (the first, unmeasured one warms the engine up).
   *
   * @param batchSize pairs per step B
   * @param firstStep seconds of the unmeasured first step
   * @param step seconds per training step
   * @param encoderForward the encoder's forward pass on 2B frames
   * @param encoderForwardBackward its forward and backward pass
   * @param decoderForward the decoder's forward pass on 2B codes
   * @param decoderForwardBackward its forward and backward pass
   */
  public record Result(int batchSize, double firstStep, double[] step, double[] encoderForward,
      double[] encoderForwardBackward, double[] decoderForward, double[] decoderForwardBackward) {
    /** Per repetition: the step minus the encoder's and the decoder's forward-and-backward times. */
    public double[] rest() {
      double[] r = new double[step.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = step[i] - encoderForwardBackward[i] - decoderForwardBackward[i];
      }
      return r;
    }
  }

  /**
   * Times {@code repeats} steps on pairs of consecutive frames of {@code movie} (cycled to fill the batch).
   *
   * @param movie frames {@code [frames, C * 64 * 64]}, at least 2
   * @param config a CONV configuration on the DJL engine (its batch size, seed and conv sizes apply)
   * @param repeats measured steps, >= 1
   */
  public static Result measure(Trajectory movie, DynaeConfig config, int repeats) {
    if (config.architecture() != Architecture.CONV) {
      throw new IllegalArgumentException("architecture must be CONV, got " + config.architecture());
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
    }
    if (movie.frames() < 2) {
      throw new IllegalArgumentException("movie has " + movie.frames() + " frames; timing needs at least 2");
    }
    DynaeConfig c = config.withEngine(org.latentdyn.train.Engine.DJL);
    int f = movie.features();
    int b = c.batchSize();
    int n = movie.frames();
    float[] frames = movie.view();
    float[] x = new float[2 * b * f];
    for (int i = 0; i < b; i++) {
      int first = i % (n - 1);
      System.arraycopy(frames, first * f, x, i * f, f);
      System.arraycopy(frames, (first + 1) * f, x, (b + i) * f, f);
    }
    SplittableRandom r = new SplittableRandom(c.seed());
    float[] eps = new float[b * c.latentDim()];
    for (int i = 0; i < eps.length; i++) {
      eps[i] = (float) r.nextGaussian();
    }
    LaggedPairs pairs = LaggedPairs.of(Dataset.of(movie), 1);
    double[][] s = new double[5][repeats];
    double first = 0;
    try (Dynae.Trainer t = new Dynae.Trainer(f, c, frames, pairs, pairs, TrainingListener.NONE)) {
      for (int k = 0; k <= repeats; k++) {
        float[] dirs = SlicedWasserstein.directions(c.latentDim(), c.projections(), r);
        long t0 = System.nanoTime();
        double[] losses = t.step(x, b, c.beta(), dirs, eps);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!Double.isFinite(losses[0])) {
          throw new IllegalStateException("timing step " + k + " diverged: reconstruction loss " + losses[0]);
        }
        double[] parts = parts(t.net, x, 2 * b);
        if (k == 0) {
          first = seconds;
          continue;
        }
        s[0][k - 1] = seconds;
        for (int j = 0; j < 4; j++) {
          s[j + 1][k - 1] = parts[j];
        }
      }
    }
    return new Result(b, first, s[0], s[1], s[2], s[3], s[4]);
  }

  /** Encoder forward, forward + backward, decoder forward, forward + backward seconds on {@code rows} frames. */
  private static double[] parts(DynaeNetworks net, float[] x, int rows) {
    double[] out = new double[4];
    for (int backward = 0; backward < 2; backward++) {
      try (NDManager m = net.manager.newSubManager()) {
        NDArray xs = Tensors.owned(m, x, new Shape(rows, net.features));
        NDArray zs = Tensors.owned(m, new float[rows * net.latentDim], new Shape(rows, net.latentDim));
        long t0 = System.nanoTime();
        timed(net.encoder, net, xs, backward == 1);
        long t1 = System.nanoTime();
        timed(net.decoder, net, zs, backward == 1);
        long t2 = System.nanoTime();
        out[backward] = (t1 - t0) / 1e9;
        out[2 + backward] = (t2 - t1) / 1e9;
      }
      net.rep.zeroGradient();
    }
    return out;
  }

  private static void timed(Network n, DynaeNetworks net, NDArray in, boolean backward) {
    if (!backward) {
      n.forward(net.rep, in).sum().getFloat();
      return;
    }
    try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
      gc.backward(n.forward(net.rep, in).sum());
    }
  }
}

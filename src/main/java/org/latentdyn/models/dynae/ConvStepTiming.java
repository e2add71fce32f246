package org.latentdyn.models.dynae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
 * frames, the encoder's forward pass, its forward and backward pass, and the same for the decoder, and the rest of
 * the step on its own: sliced Wasserstein and prior loss with their backward pass from latent codes, and both Adam
 * updates. What the step takes beyond the three pieces is {@link Result#unaccounted()} (the reconstruction loss,
 * copies into the engine, and timing noise; negative when the pieces overlap less inside one step).
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
   * @param rest sliced Wasserstein and prior loss, forward and backward, and the two Adam updates
   */
  public record Result(int batchSize, double firstStep, double[] step, double[] encoderForward,
      double[] encoderForwardBackward, double[] decoderForward, double[] decoderForwardBackward, double[] rest) {
    /** Per repetition: the step minus the encoder's and the decoder's forward-and-backward times and the rest. */
    public double[] unaccounted() {
      double[] r = new double[step.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = step[i] - encoderForwardBackward[i] - decoderForwardBackward[i] - rest[i];
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
    double[][] s = new double[6][repeats];
    double first = 0;
    try (Dynae.Trainer t = new Dynae.Trainer(f, c, org.latentdyn.data.FrameStore.of(movie), pairs, pairs, TrainingListener.NONE)) {
      for (int k = 0; k <= repeats; k++) {
        float[] dirs = SlicedWasserstein.directions(c.latentDim(), c.projections(), r);
        long t0 = System.nanoTime();
        double[] losses = t.step(x, b, c.beta(), dirs, eps, c.binsPerBatch());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!Double.isFinite(losses[0])) {
          throw new IllegalStateException("timing step " + k + " diverged: reconstruction loss " + losses[0]);
        }
        double[] parts = parts(t.net, x, 2 * b);
        double rest = rest(t, b, c.beta(), dirs, eps, r);
        if (k == 0) {
          first = seconds;
          continue;
        }
        s[0][k - 1] = seconds;
        for (int j = 0; j < 4; j++) {
          s[j + 1][k - 1] = parts[j];
        }
        s[5][k - 1] = rest;
      }
    }
    return new Result(b, first, s[0], s[1], s[2], s[3], s[4], s[5]);
  }

  /**
   * Seconds of the step without the encoder and decoder: from Gaussian codes z [2B, d] (a leaf that takes
   * gradients, as the encoder output would), the sliced Wasserstein and prior losses of {@link Dynae.Trainer#djlStep}
   * with their backward pass, then both Adam updates.
   */
  private static double rest(Dynae.Trainer t, int b, double beta, float[] dirs, float[] eps, SplittableRandom r) {
    DynaeNetworks net = t.net;
    int d = net.latentDim;
    float[] codes = new float[2 * b * d];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (float) r.nextGaussian();
    }
    try (NDManager s = net.manager.newSubManager()) {
      NDArray z = Tensors.owned(s, codes, new Shape(2L * b, d));
      z.setRequiresGradient(true);
      NDArray directions = Tensors.owned(s, dirs, new Shape(d, dirs.length / d));
      NDArray noise = Tensors.owned(s, eps, new Shape(b, d));
      long t0 = System.nanoTime();
      try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
        NDArray z0 = z.get(new NDIndex().addSliceDim(0, b));
        NDArray z1 = z.get(new NDIndex().addSliceDim(b, 2L * b));
        NDArray dz = z1.sub(z0);
        NDArray z0d = z0.stopGradient();
        NDArray f0 = net.force.forward(net.prior, z0d);
        NDArray dzPrior = noise.mul(Dynae.PRIOR_NOISE_SCALE).add(f0.stopGradient());
        NDArray sw = SlicedWasserstein.distance(dz, dzPrior, directions);
        NDArray prior = t.priorLoss(z0d, dz.stopGradient(), f0, b);
        gc.backward(Tensors.times(sw, (float) beta).add(prior));
      }
      t.repAdam.step(net.rep);
      t.priorAdam.step(net.prior);
      return (System.nanoTime() - t0) / 1e9;
    }
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

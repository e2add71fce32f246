package org.latentdyn.models.vin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.ParameterVector;
import org.latentdyn.nn.Tensors;

/**
 * The pixel VAE of spec §4b as differentiable NDArray operations: encoder, LSTM and decoder on one flat
 * {@link ParameterVector} laid out by {@link PixelLayout}; the dynamics cell is a {@link VinNetworks} on its own
 * vector (closed-form {@code grad U}, so the ELBO's gradient carries the second derivatives of {@code U}).
 *
 * <p>Shapes: windows {@code [B, W, P]} (W = depth + 1 frames of P pixels, 0/1 floats); embeddings
 * {@code [B, depth, 2S]}; posterior {@code [B, S]}; latent rollouts {@code [B, W, S]} ({@code S = 2d}); logits
 * {@code [B, W, P]}. Results of an op belong to the manager of its first operand: every chain starts from an array
 * of the step's scope.
 */
final class PixelNetworks implements AutoCloseable {
  final PixelVaeConfig config;
  final PixelLayout layout;
  final VinNetworks dynamics;
  final NDManager manager;
  final ParameterVector params;

  PixelNetworks(PixelVaeConfig config, int pixels, float[] weights, float[] dynamicsWeights) {
    this.config = config;
    this.layout = new PixelLayout(config, pixels);
    if (weights.length != layout.size) {
      throw new IllegalArgumentException("weights has " + weights.length + " values, the layout needs " + layout.size);
    }
    this.dynamics = new VinNetworks(dynamicsLayout(config), config.timeStep(), dynamicsWeights);
    this.manager = NeuralEngine.newManager();
    this.params = new ParameterVector(manager, weights);
  }

  /** The layout of the dynamics cell's vector (no free initial states). */
  static VinLayout dynamicsLayout(PixelVaeConfig c) {
    return new VinLayout(c.dynamics(), c.latentDim(), 0);
  }

  private NDArray view(NDManager scope, int offset, long... shape) {
    return params.view(scope, offset, new Shape(shape));
  }

  /** Per-frame embeddings {@code [rows, 2S]} of frames {@code [rows, P]} (in {@code scope}). */
  NDArray embed(NDManager scope, NDArray frames) {
    PixelLayout l = layout;
    NDArray a = Activation.relu(frames.matMul(view(scope, l.encW1, l.pixels, l.e)).add(view(scope, l.encB1, l.e)));
    a = Activation.relu(a.matMul(view(scope, l.encW2, l.e, l.e)).add(view(scope, l.encB2, l.e)));
    return a.matMul(view(scope, l.encW3, l.e, 2L * l.s)).add(view(scope, l.encB3, 2L * l.s));
  }

  /**
   * The LSTM's output {@code [B, L]} after reading {@code inputs} {@code [T, B, 2S]} in order {@code t = 0 .. T-1}
   * (gates i, f, g, o; zero initial state).
   */
  NDArray lstm(NDManager scope, NDArray inputs) {
    PixelLayout l = layout;
    long t = inputs.getShape().get(0);
    long b = inputs.getShape().get(1);
    int units = l.lstm;
    NDArray gi = inputs.matMul(view(scope, l.lstmWi, 2L * l.s, 4L * units)).add(view(scope, l.lstmB, 4L * units));
    NDArray wh = view(scope, l.lstmWh, units, 4L * units);
    NDList steps = gi.split(t, 0);
    NDArray h = null;
    NDArray c = null;
    for (int k = 0; k < t; k++) {
      NDArray z = steps.get(k).reshape(b, 4L * units);
      if (h != null) {
        z = z.add(h.matMul(wh));
      }
      NDList g = z.split(4, 1);
      NDArray in = Activation.sigmoid(g.get(0));
      NDArray f = Activation.sigmoid(g.get(1));
      NDArray cand = g.get(2).tanh();
      NDArray o = Activation.sigmoid(g.get(3));
      c = c == null ? in.mul(cand) : f.mul(c).add(in.mul(cand));
      h = o.mul(c.tanh());
    }
    return h;
  }

  /** Bernoulli logits {@code [..., P]} of decoder inputs {@code [..., I]}. */
  NDArray decode(NDManager scope, NDArray input) {
    PixelLayout l = layout;
    NDArray a = Activation.relu(input.matMul(view(scope, l.decW1, l.decIn, l.dec)).add(view(scope, l.decB1, l.dec)));
    a = Activation.relu(a.matMul(view(scope, l.decW2, l.dec, l.dec)).add(view(scope, l.decB2, l.dec)));
    return a.matMul(view(scope, l.decW3, l.dec, l.pixels)).add(view(scope, l.decB3, l.pixels));
  }

  /** The decoder's input {@code [B, W, I]} from latent states {@code [B, W, S]}. */
  NDArray decoderInput(NDArray states) {
    int d = config.latentDim();
    return switch (config.kind()) {
      case VIN_VV, VIN_SV -> states.get(new NDIndex().addAllDim(2).addSliceDim(0, d));
      case VIN_SO2 -> {
        NDArray q = states.get(new NDIndex().addAllDim(2).addSliceDim(0, d));
        yield q.sin().concat(q.cos(), 2);
      }
      default -> states;
    };
  }

  /** The terms of the ELBO. */
  record Terms(NDArray elbo, NDArray logLikelihood, NDArray kl, NDArray states) {}

  /**
   * The encoder's input without repeats: every frame once, {@code [F, P]}, and the row of each window's encoder
   * frames, {@code [B depth]} int64 (window-major). Stride-1 windows share all but one of their frames, so
   * embedding the distinct frames and gathering the rows costs {@code F} instead of {@code B depth} embeddings;
   * the gather's backward pass sums the gradients of the shared rows.
   */
  record EncoderFrames(NDArray frames, NDArray rows) {}

  /** {@link #elbo(NDManager, NDArray, EncoderFrames, NDArray)} embedding each window's frames on its own. */
  Terms elbo(NDManager scope, NDArray windows, NDArray eps) {
    return elbo(scope, windows, null, eps);
  }

  /**
   * The batch-averaged ELBO of windows {@code [B, W, P]} with reparameterisation noise {@code eps [B, S]}: the
   * Bernoulli log-likelihood summed over frames and pixels (stable form {@code y l - softplus(l)}) minus the
   * Gaussian KL of the posterior to the prior. {@code encoder}, when not null, holds the same encoder frames
   * without repeats (the result is the same up to rounding).
   */
  Terms elbo(NDManager scope, NDArray windows, EncoderFrames encoder, NDArray eps) {
    int d = config.latentDim();
    int s = layout.s;
    int depth = config.depth();
    long b = windows.getShape().get(0);
    long w = windows.getShape().get(1);
    VinNetworks.Views v = dynamics.views(scope);
    NDArray emb;
    if (encoder == null) {
      NDArray encoded = windows.get(scope, new NDIndex().addAllDim().addSliceDim(0, depth))
          .reshape(b * depth, layout.pixels);
      emb = embed(scope, encoded).reshape(b, depth, 2L * s);
    } else {
      NDArray distinct = embed(scope, encoder.frames().get(scope, new NDIndex().addAllDim()));
      emb = distinct.get(encoder.rows()).reshape(b, depth, 2L * s);
    }
    NDArray start;
    NDArray kl;
    if (config.perFrameInitialPair()) {
      NDArray mean = emb.get(new NDIndex().addAllDim(2).addSliceDim(0, d));
      NDArray std = Activation.softPlus(emb.get(new NDIndex().addAllDim(2).addSliceDim(d, 2 * d)));
      int coded = config.klAllEncoderOutputs() ? depth : 2;
      NDArray m2 = mean.get(new NDIndex().addAllDim().addSliceDim(0, coded));
      NDArray s2 = std.get(new NDIndex().addAllDim().addSliceDim(0, coded));
      kl = gaussianKl(m2, s2, null).sum(new int[] {1});
      NDArray e = eps.reshape(b, 2, d);
      NDArray pair = mean.get(new NDIndex().addAllDim().addSliceDim(0, 2))
          .add(std.get(new NDIndex().addAllDim().addSliceDim(0, 2)).mul(e));
      NDList qs = pair.split(2, 1);
      start = pairStart(v, qs.get(0).reshape(b, d), qs.get(1).reshape(b, d));
    } else {
      NDArray reversed = emb.flip(1).transpose(1, 0, 2); // [depth, B, 2S], last frame first
      NDArray out = lstm(scope, reversed);
      PixelLayout l = layout;
      NDArray head = out.matMul(view(scope, l.headW, l.lstm, 2L * s)).add(view(scope, l.headB, 2L * s));
      NDList parts = head.split(2, 1);
      NDArray mean = parts.get(0);
      NDArray std = Activation.softPlus(parts.get(1));
      kl = gaussianKl(mean, std, priorStd()).sum(new int[] {1});
      start = cellStart(v, mean.add(std.mul(eps)));
    }
    NDArray states = dynamics.rollout(v, start, (int) w);
    NDArray logits = decode(scope, decoderInput(states));
    NDArray ll = logits.mul(windows).sub(Activation.softPlus(logits)).sum(new int[] {1, 2});
    NDArray llMean = Tensors.over(ll.sum(), b);
    NDArray klMean = Tensors.over(kl.sum(), b);
    return new Terms(llMean.sub(klMean), llMean, klMean, states);
  }

  /** Prior standard deviations {@code [S]}: 1, or {@code h} for the velocity with {@code velocityPriorStdH}. */
  float[] priorStd() {
    int s = layout.s;
    int d = config.latentDim();
    float[] p = new float[s];
    for (int i = 0; i < s; i++) {
      p[i] = config.velocityPriorStdH() && i >= d ? (float) config.timeStep() : 1f;
    }
    return p;
  }

  /**
   * {@code KL[N(m, s^2) || N(0, p^2)]} elementwise over the last axis: {@code log(p / s) + (s^2 + m^2) / (2 p^2)
   * - 1/2}; {@code p = 1} when {@code prior} is null.
   */
  static NDArray gaussianKl(NDArray mean, NDArray std, float[] prior) {
    NDArray second = std.square().add(mean.square());
    if (prior == null) {
      return Tensors.times(second, 0.5f).sub(std.log()).sub(0.5f);
    }
    float[] inv = new float[prior.length];
    float[] log = new float[prior.length];
    for (int i = 0; i < prior.length; i++) {
      inv[i] = (float) (0.5 / ((double) prior[i] * prior[i]));
      log[i] = (float) Math.log(prior[i]);
    }
    Shape shape = new Shape(prior.length);
    return second.mul(Tensors.owned(mean.getManager(), inv, shape)).sub(std.log())
        .add(Tensors.owned(mean.getManager(), log, shape)).sub(0.5f);
  }

  /**
   * The cell's phase-space start {@code [B, S]} from a sample {@code (q_0, qdot_0)}: the state itself for VV, SV
   * (M = I: {@code p = qdot}, start pair {@code (q_0 - h qdot_0, q_0)}), ResRNN and DVAE; for SO(2)
   * {@code (theta_0, sin(h thetadot_0) / h)}, the discrete momentum of the pair {@code (theta_0 - h thetadot_0,
   * theta_0)}.
   */
  NDArray cellStart(VinNetworks.Views v, NDArray x) {
    if (config.kind() != VinConfig.Kind.VIN_SO2) {
      return x;
    }
    int d = config.latentDim();
    NDList parts = x.split(new long[] {d}, 1);
    return parts.get(0).concat(parts.get(1).mul(v.h()).sin().mul(v.invH()), 1);
  }

  /**
   * The phase-space start at frame 0 whose rollout passes through the position pair {@code (q_a, q_b)} at frames
   * 0 and 1 (per-frame variant): SV {@code p_0 = (q_b - q_a) / h + h grad U(q_a)}; SO(2)
   * {@code pi_0 = (sin(q_b - q_a) - h^2 r(q_a)) / h}.
   */
  NDArray pairStart(VinNetworks.Views v, NDArray qa, NDArray qb) {
    NDArray p;
    if (config.kind() == VinConfig.Kind.VIN_SV) {
      p = qb.sub(qa).mul(v.invH()).add(dynamics.gradU(v, qa).mul(v.h()));
    } else {
      p = qb.sub(qa).sin().sub(dynamics.so2Force(v, qa).mul(v.h2())).mul(v.invH());
    }
    return qa.concat(p, 1);
  }

  float[] weights() {
    return params.toArray();
  }

  float[] dynamicsWeights() {
    return dynamics.weights();
  }

  @Override
  public void close() {
    params.close();
    manager.close();
    dynamics.close();
  }
}

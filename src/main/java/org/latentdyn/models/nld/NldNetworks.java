package org.latentdyn.models.nld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.ParameterVector;
import org.latentdyn.nn.Tensors;

/**
 * All NLD networks on one flat parameter vector (spec nld.md §2-7), and the differentiable unrolled
 * Euler-Maruyama forward pass that yields the loss terms. Layout, in this order: the energy (at offset 0, in the
 * layout of {@link EnergyNetwork}, {@code c_raw} included); the GRU {@code W_i [D, 3H], b_i [3H], W_h [H, 3H],
 * b_h [3H]} (gate columns r, z, n, PyTorch convention); the context layer {@code [H, C], [C]}; the posterior
 * initial layer {@code [C + D, 2n], [2n]}; the prior initial mean and log-std {@code [n], [n]}; the control net
 * {@code [n + C + D, H], [H], [H, H], [H], [H, d], [d]}; the decoder {@code [d, D], [D]}; {@code beta_raw}; and
 * for the underdamped variant {@code gamma_raw [d]}, {@code minv_raw [d]}. Weights are stored {@code [in, out]}.
 *
 * <p>Time-major shapes: observations {@code x [L, batch, D]}, contexts {@code [L, batch, C + D]}, the noise
 * {@code xi [L - 1, batch, d]}, positions {@code [L, batch, d]}.
 */
final class NldNetworks implements AutoCloseable {
  static final float BETA_RAW_INIT = 1f / 3f;
  static final float DAMPING_RAW_INIT = 1f;

  final NldConfig config;
  final int features;
  final int d;
  final int n;
  final int hidden;
  final int ctx;
  final int ctxIn;
  final boolean underdamped;
  final EnergyNetwork energy;
  final int gruWi;
  final int gruBi;
  final int gruWh;
  final int gruBh;
  final int ctxW;
  final int ctxB;
  final int q0W;
  final int q0B;
  final int p0Mean;
  final int p0LogStd;
  final int f1W;
  final int f1B;
  final int f2W;
  final int f2B;
  final int f3W;
  final int f3B;
  final int decW;
  final int decB;
  final int betaRaw;
  final int gammaRaw;
  final int minvRaw;
  final int size;

  final NDManager manager;
  final ParameterVector params;

  /** Layout only (no native memory). */
  NldNetworks(NldConfig config, int features) {
    this(config, features, null);
  }

  /** Networks holding {@code weights} (layout only when null). */
  NldNetworks(NldConfig config, int features, float[] weights) {
    if (features < 1) {
      throw new IllegalArgumentException("features must be >= 1, got " + features);
    }
    this.config = config;
    this.features = features;
    this.d = config.latentDim();
    this.n = config.stateDim();
    this.hidden = config.hidden();
    this.ctx = config.context();
    this.ctxIn = ctx + features;
    this.underdamped = config.variant() == NldConfig.Variant.UNDERDAMPED;
    this.energy = new EnergyNetwork(d);
    int p = energy.parameterCount();
    int h3 = 3 * hidden;
    gruWi = p;
    p += features * h3;
    gruBi = p;
    p += h3;
    gruWh = p;
    p += hidden * h3;
    gruBh = p;
    p += h3;
    ctxW = p;
    p += hidden * ctx;
    ctxB = p;
    p += ctx;
    q0W = p;
    p += ctxIn * 2 * n;
    q0B = p;
    p += 2 * n;
    p0Mean = p;
    p += n;
    p0LogStd = p;
    p += n;
    f1W = p;
    p += (n + ctxIn) * hidden;
    f1B = p;
    p += hidden;
    f2W = p;
    p += hidden * hidden;
    f2B = p;
    p += hidden;
    f3W = p;
    p += hidden * d;
    f3B = p;
    p += d;
    decW = p;
    p += d * features;
    decB = p;
    p += features;
    betaRaw = p;
    p += 1;
    gammaRaw = p;
    minvRaw = p + (underdamped ? d : 0);
    p += underdamped ? 2 * d : 0;
    size = p;
    if (weights == null) {
      manager = null;
      params = null;
    } else {
      if (weights.length != size) {
        throw new IllegalArgumentException("weights has " + weights.length + " values, the networks need " + size);
      }
      manager = NeuralEngine.newManager();
      params = new ParameterVector(manager, weights);
    }
  }

  /**
   * Initial weights (spec §2, §4): the energy and the control net PyTorch-default scaled by {@code initScale}
   * ({@code c_raw ~ N(0, 1)} unscaled), the GRU U(+-1/sqrt(H)), the other linear layers PyTorch-default, the prior
   * initial mean and log-std 0, {@code beta_raw = 1/3}, {@code gamma_raw = minv_raw = 1}. Draws in layout order.
   */
  float[] initialise(SplittableRandom r) {
    float[] w = new float[size];
    double s = config.initScale();
    float[] e = energy.initialise(r, s);
    System.arraycopy(e, 0, w, 0, e.length);
    double gru = 1.0 / Math.sqrt(hidden);
    uniform(w, gruWi, ctxW, gru, 1, r);
    linear(w, ctxW, hidden, ctx, 1, r);
    linear(w, q0W, ctxIn, 2 * n, 1, r);
    linear(w, f1W, n + ctxIn, hidden, s, r);
    linear(w, f2W, hidden, hidden, s, r);
    linear(w, f3W, hidden, d, s, r);
    linear(w, decW, d, features, 1, r);
    w[betaRaw] = BETA_RAW_INIT;
    if (underdamped) {
      for (int i = 0; i < 2 * d; i++) {
        w[gammaRaw + i] = DAMPING_RAW_INIT;
      }
    }
    return w;
  }

  private static void linear(float[] w, int offset, int in, int out, double scale, SplittableRandom r) {
    uniform(w, offset, offset + in * out + out, 1.0 / Math.sqrt(in), scale, r);
  }

  private static void uniform(float[] w, int from, int to, double bound, double scale, SplittableRandom r) {
    for (int i = from; i < to; i++) {
      w[i] = (float) (scale * r.nextDouble(-bound, bound));
    }
  }

  NDArray view(NDManager m, int offset, long... shape) {
    return params.view(m, offset, new Shape(shape));
  }

  /** {@code beta = softplus(beta_raw)} [1]. */
  NDArray beta(NDManager m) {
    return Activation.softPlus(view(m, betaRaw, 1));
  }

  /** Friction gamma: softplus(gamma_raw) [d] (underdamped), otherwise null (fixed 1). */
  NDArray friction(NDManager m) {
    return underdamped ? Activation.softPlus(view(m, gammaRaw, d)) : null;
  }

  /** Inverse mass softplus(minv_raw) [d] (underdamped), otherwise null. */
  NDArray inverseMass(NDManager m) {
    return underdamped ? Activation.softPlus(view(m, minvRaw, d)) : null;
  }

  /** Diffusion g: sqrt(2 / beta) [1] (overdamped, gamma = 1) or sqrt(2 gamma / beta) [d] (momentum). */
  NDArray diffusion(NDManager m) {
    NDArray b = beta(m);
    NDArray twoOverBeta = Tensors.scalar(b, 2f).div(b);
    return underdamped ? friction(m).mul(twoOverBeta).sqrt() : twoOverBeta.sqrt();
  }

  /** Contexts {@code [L, batch, C + D]} of observations {@code x [L, batch, D]} (online GRU, spec §4). */
  NDArray contexts(NDArray x) {
    NDManager m = x.getManager();
    long len = x.getShape().get(0);
    long b = x.getShape().get(1);
    NDArray gi = x.matMul(view(m, gruWi, features, 3L * hidden)).add(view(m, gruBi, 3L * hidden));
    NDArray wh = view(m, gruWh, hidden, 3L * hidden);
    NDArray bh = view(m, gruBh, 3L * hidden);
    NDArray h = m.zeros(new Shape(b, hidden));
    List<NDArray> hs = new ArrayList<>();
    NDList steps = timeSteps(gi);
    for (int k = 0; k < len; k++) {
      NDList gx = steps.get(k).split(3, 1);
      NDList gh = h.matMul(wh).add(bh).split(3, 1);
      NDArray r = Activation.sigmoid(gx.get(0).add(gh.get(0)));
      NDArray z = Activation.sigmoid(gx.get(1).add(gh.get(1)));
      NDArray cand = gx.get(2).add(r.mul(gh.get(2))).tanh();
      h = cand.add(z.mul(h.sub(cand))); // (1 - z) n + z h
      hs.add(h);
    }
    NDArray out = NDArrays.stack(new NDList(hs), 0);
    NDArray lin = out.matMul(view(m, ctxW, hidden, ctx)).add(view(m, ctxB, ctx));
    return lin.concat(x, 2);
  }

  /**
   * The time slices {@code [batch, ...]} of a time-major array, by one split: the backward pass of an indexed
   * slice scatters into a zero array of the whole input, once per slice (quadratic in L), that of a split
   * concatenates once.
   */
  static NDList timeSteps(NDArray timeMajor) {
    long len = timeMajor.getShape().get(0);
    NDList parts = timeMajor.split(len, 0);
    NDList out = new NDList();
    for (NDArray p : parts) {
      out.add(p.squeeze(0));
    }
    return out;
  }

  /** Softplus MLP hidden part of the control net for the context columns, {@code [L, batch, H]} (precomputed). */
  NDArray controlContextPart(NDArray contexts) {
    NDManager m = contexts.getManager();
    NDArray w = view(m, f1W + n * hidden, ctxIn, hidden);
    return contexts.matMul(w).add(view(m, f1B, hidden));
  }

  /**
   * The control net's weights as views, taken once per forward pass: {state rows of layer 1, W2, b2, W3, b3}
   * (every view's backward scatters into a gradient of the whole parameter vector).
   */
  NDArray[] controlViews(NDManager m) {
    return new NDArray[] {view(m, f1W, n, hidden), view(m, f2W, hidden, hidden), view(m, f2B, hidden),
        view(m, f3W, hidden, d), view(m, f3B, d)};
  }

  /** The control drift {@code f [batch, d]} of state {@code [batch, n]} given the precomputed context part. */
  NDArray control(NDArray[] cw, NDArray state, NDArray contextPart) {
    NDArray a = Activation.softPlus(state.matMul(cw[0]).add(contextPart));
    a = Activation.softPlus(a.matMul(cw[1]).add(cw[2]));
    return a.matMul(cw[3]).add(cw[4]);
  }

  /**
   * The loss terms of one posterior path per sequence: {@code [nll, pathKl, kl0, positions]}, the first three
   * {@code [batch]} (path KL without kappa), positions {@code [L, batch, d]}.
   *
   * @param x observations {@code [L, batch, D]}
   * @param eps0 reparameterisation noise of the initial state {@code [batch, n]}
   * @param xi Brownian increments / sqrt(h) {@code [L - 1, batch, d]}
   */
  NDList forward(NDArray x, NDArray eps0, NDArray xi) {
    NDManager m = x.getManager();
    long len = x.getShape().get(0);
    NDArray contexts = contexts(x);
    NDList fc = timeSteps(controlContextPart(contexts));
    NDList noiseSteps = len > 1 ? timeSteps(xi) : new NDList();
    // q(z0 | x) from ctx_0, and its KL to p(z0)
    NDList q0 = contexts.get(0).matMul(view(m, q0W, ctxIn, 2L * n)).add(view(m, q0B, 2L * n)).split(2, 1);
    NDArray mean = q0.get(0);
    NDArray logStd = q0.get(1);
    NDArray priorMean = view(m, p0Mean, n);
    NDArray priorLogStd = view(m, p0LogStd, n);
    NDArray kl0 = priorLogStd.sub(logStd)
        .add(Tensors.times(logStd.add(logStd).exp().add(mean.sub(priorMean).square())
            .mul(priorLogStd.add(priorLogStd).neg().exp()), 0.5f))
        .sub(0.5f).sum(new int[] {1});
    NDArray state = mean.add(logStd.exp().mul(eps0));
    NDArray h = Tensors.scalar(x, (float) config.stepSize());
    NDArray g = diffusion(m);
    NDArray noise = g.mul(Tensors.scalar(x, (float) Math.sqrt(config.stepSize())));
    NDArray gamma = friction(m);
    NDArray minv = inverseMass(m);
    NDArray pathKl = null;
    List<NDArray> positions = new ArrayList<>();
    EnergyNetwork.Views ev = energy.views(params, m);
    NDArray[] cw = controlViews(m);
    for (long k = 0; k + 1 < len; k++) {
      NDArray q = underdamped ? state.get(":, 0:" + d) : state;
      positions.add(q);
      NDArray f = control(cw, state, fc.get((int) k + 1));
      NDArray gradE = energy.gradient(ev, q);
      NDArray dW = noiseSteps.get((int) k).mul(noise);
      if (underdamped) {
        NDArray p = state.get(":, " + d + ":");
        NDArray v = p.mul(minv);
        NDArray qn = q.add(v.mul(h));
        NDArray pn = p.add(f.sub(gradE).sub(v.mul(gamma)).mul(h)).add(dW);
        state = qn.concat(pn, 1);
      } else {
        state = state.add(f.sub(gradE).mul(h)).add(dW);
      }
      NDArray inc = f.div(g).square().sum(new int[] {1}).mul(h);
      pathKl = pathKl == null ? inc : pathKl.add(inc);
    }
    positions.add(underdamped ? state.get(":, 0:" + d) : state);
    NDArray z = NDArrays.stack(new NDList(positions), 0);
    NDArray xHat = z.matMul(view(m, decW, d, features)).add(view(m, decB, features));
    double sigma = config.sigmaX();
    double constant = len * features * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI));
    NDArray nll = Tensors.times(xHat.sub(x).square().sum(new int[] {0, 2}), (float) (0.5 / (sigma * sigma)))
        .add((float) constant);
    if (pathKl == null) {
      pathKl = nll.zerosLike();
    }
    return new NDList(nll, pathKl, kl0, z);
  }

  /** One Euler-Maruyama step of the prior (no control) from {@code state [batch, n]}, noise {@code xi [batch, d]}. */
  NDArray priorStep(NDArray state, NDArray xi) {
    NDManager m = state.getManager();
    NDArray h = Tensors.scalar(state, (float) config.stepSize());
    NDArray dW = xi.mul(diffusion(m).mul(Tensors.scalar(state, (float) Math.sqrt(config.stepSize()))));
    if (!underdamped) {
      return state.sub(energy.gradient(params, state).mul(h)).add(dW);
    }
    NDArray q = state.get(":, 0:" + d);
    NDArray p = state.get(":, " + d + ":");
    NDArray v = p.mul(inverseMass(m));
    NDArray qn = q.add(v.mul(h));
    NDArray pn = p.sub(energy.gradient(params, q).add(v.mul(friction(m))).mul(h)).add(dW);
    return qn.concat(pn, 1);
  }

  float[] weights() {
    return params.toArray();
  }

  @Override
  public void close() {
    if (manager != null) {
      manager.close();
    }
  }
}

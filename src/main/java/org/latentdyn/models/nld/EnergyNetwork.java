package org.latentdyn.models.nld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.SplittableRandom;
import org.latentdyn.nn.ParameterVector;
import org.latentdyn.train.Streams;

/**
 * The NLD energy {@code E(z) = N(z) + c |z|^2}, {@code c = softplus(c_raw)} (spec nld.md §2; paper footnote 3), on
 * a flat parameter vector. {@code N} is a residual MLP with high width {@value #HIGH}, low width {@value #LOW} and
 * {@value #BLOCKS} residual blocks:
 * <pre>
 *   h0 = A2 CELU(A1 z + a1) + a2                                   (d -> 96 -> 16)
 *   hj = h(j-1) + Bj2 tanh(Bj1 [h(j-1); z] + bj1) + bj2, j = 1..4   ((16 + d) -> 96 -> 16)
 *   N  = O2 CELU(O1 h4 + o1) + o2                                  (16 -> 96 -> 1)
 * </pre>
 * with CELU of alpha 1 ({@code a} if {@code a > 0}, else {@code e^a - 1}).
 *
 * <p><b>Layout</b> of the {@link #parameterCount()} = {@code 480 d + 16114} floats (this count includes
 * {@code c_raw}; the network weights alone are {@code 480 d + 16113}; for d = 3 the total is 17,554, the count
 * of the released PyTorch models, whose parameters include {@code c}): the linear layers in the order A1, A2,
 * B11, B12, B21, B22, B31, B32, B41, B42, O1, O2, each stored as its weight {@code W [in, out]} (row-major, so
 * {@code y = x W + b}; the transpose of PyTorch's {@code [out, in]}) followed by its bias {@code b [out]}; then
 * {@code c_raw} as the last value. The input rows of {@code Bj1} are the 16 rows of {@code h} followed by the
 * {@code d} rows of {@code z}.
 *
 * <p>{@code grad E} is an explicit reverse pass built from ordinary differentiable NDArray operations (spec
 * §12: DJL has no double backward), so one outer gradient collector differentiates any loss that contains
 * {@code grad E} with respect to the weights. The NDArray methods are package-private; the public surface
 * is the layout and the initialisation, and {@link EnergyPotential} evaluates exported weights in double.
 */
public final class EnergyNetwork {
  /** Width of the wide hidden layers. */
  public static final int HIGH = 96;
  /** Width of the residual stream {@code h}. */
  public static final int LOW = 16;
  /** Number of residual blocks. */
  public static final int BLOCKS = 4;

  private final int latentDim;
  // offsets of the weight and bias of every linear layer, in layout order
  private final int[] in;
  private final int[] out;
  private final int[] weight;
  private final int[] bias;
  private final int cRaw;

  /** The energy of a {@code latentDim}-dimensional latent position. */
  public EnergyNetwork(int latentDim) {
    if (latentDim < 1) {
      throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
    }
    this.latentDim = latentDim;
    int layers = 2 * BLOCKS + 4;
    in = new int[layers];
    out = new int[layers];
    in[0] = latentDim;
    out[0] = HIGH;
    in[1] = HIGH;
    out[1] = LOW;
    for (int j = 0; j < BLOCKS; j++) {
      in[2 + 2 * j] = LOW + latentDim;
      out[2 + 2 * j] = HIGH;
      in[3 + 2 * j] = HIGH;
      out[3 + 2 * j] = LOW;
    }
    in[layers - 2] = LOW;
    out[layers - 2] = HIGH;
    in[layers - 1] = HIGH;
    out[layers - 1] = 1;
    weight = new int[layers];
    bias = new int[layers];
    int p = 0;
    for (int l = 0; l < layers; l++) {
      weight[l] = p;
      p += in[l] * out[l];
      bias[l] = p;
      p += out[l];
    }
    cRaw = p;
  }

  /** {@code 480 latentDim + 16114}: all network weights and {@code c_raw}. */
  public static int parameterCount(int latentDim) {
    return 480 * latentDim + 16114;
  }

  public int latentDim() {
    return latentDim;
  }

  /** Number of floats in the parameter vector, {@code c_raw} included. */
  public int parameterCount() {
    return cRaw + 1;
  }

  /** Number of linear layers (12): A1, A2, then Bj1, Bj2 for j = 1..4, then O1, O2. */
  public int layerCount() {
    return in.length;
  }

  /** Input width of linear layer {@code l}. */
  public int layerInput(int l) {
    return in[l];
  }

  /** Output width of linear layer {@code l}. */
  public int layerOutput(int l) {
    return out[l];
  }

  /** Offset of the weight {@code W [in, out]} of linear layer {@code l}. */
  public int weightOffset(int l) {
    return weight[l];
  }

  /** Offset of the bias {@code b [out]} of linear layer {@code l}. */
  public int biasOffset(int l) {
    return bias[l];
  }

  /** Offset of {@code c_raw} (the last value). */
  public int cRawOffset() {
    return cRaw;
  }

  /**
   * Initial weights drawn from {@link Streams#init(long) the init stream} of {@code seed}; see
   * {@link #initialise(SplittableRandom, double)}.
   */
  public float[] initialWeights(long seed, double initScale) {
    return initialise(Streams.init(seed), initScale);
  }

  /**
   * PyTorch's default {@code nn.Linear} initialisation, {@code W, b ~ U(+-1/sqrt(fan_in))}, every weight and
   * bias multiplied by {@code initScale} (spec §2: 0.2 in most released runs, 1 for none); then
   * {@code c_raw ~ N(0, 1)}, not scaled. Draws in layout order.
   */
  public float[] initialise(SplittableRandom random, double initScale) {
    if (!(initScale >= 0) || Double.isInfinite(initScale)) {
      throw new IllegalArgumentException("initScale must be finite and >= 0, got " + initScale);
    }
    float[] w = new float[parameterCount()];
    int p = 0;
    for (int l = 0; l < in.length; l++) {
      double bound = 1.0 / Math.sqrt(in[l]);
      int n = in[l] * out[l] + out[l];
      for (int k = 0; k < n; k++) {
        w[p++] = (float) (initScale * random.nextDouble(-bound, bound));
      }
    }
    w[cRaw] = (float) random.nextGaussian();
    return w;
  }

  /** {@code c = softplus(c_raw)} of a weight vector. */
  public double stiffness(float[] weights) {
    return softplus(weights[cRaw]);
  }

  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** The energy {@code [batch]} of {@code z [batch, latentDim]}. */
  NDArray energy(ParameterVector params, NDArray z) {
    return forward(params, z, false).get(0);
  }

  /** The gradient {@code grad E [batch, latentDim]} of {@code z [batch, latentDim]}, differentiable in the weights. */
  NDArray gradient(ParameterVector params, NDArray z) {
    return forward(params, z, true).get(1);
  }

  /** The energy {@code [batch]} and its gradient {@code [batch, latentDim]}, sharing the forward pass. */
  NDList energyAndGradient(ParameterVector params, NDArray z) {
    return forward(params, z, true);
  }

  /**
   * The weights as views of {@code params} owned by {@code scope}. Every view's backward pass scatters into a
   * gradient of the whole parameter vector, so a solver that evaluates {@code grad E} many times in one step
   * takes the views once and reuses them.
   */
  Views views(ParameterVector params, NDManager scope) {
    int layers = in.length;
    NDArray[] ws = new NDArray[layers];
    NDArray[] bs = new NDArray[layers];
    for (int l = 0; l < layers; l++) {
      ws[l] = w(params, scope, l);
      bs[l] = b(params, scope, l);
    }
    NDArray[] bh = new NDArray[BLOCKS];
    NDArray[] bz = new NDArray[BLOCKS];
    for (int j = 0; j < BLOCKS; j++) {
      int l = 2 + 2 * j;
      bh[j] = params.view(scope, weight[l], new Shape(LOW, HIGH));
      bz[j] = params.view(scope, weight[l] + (long) LOW * HIGH, new Shape(latentDim, HIGH));
    }
    NDArray c = Activation.softPlus(params.view(scope, cRaw, new Shape(1)));
    return new Views(ws, bs, bh, bz, c);
  }

  /** Weights of the energy as views of a parameter vector (see {@link #views}). */
  record Views(NDArray[] w, NDArray[] b, NDArray[] bh, NDArray[] bz, NDArray c) {}

  /** {@link #gradient(ParameterVector, NDArray)} on views taken once by {@link #views}. */
  NDArray gradient(Views views, NDArray z) {
    return forward(views, z, true).get(1);
  }

  private NDList forward(ParameterVector params, NDArray z, boolean withGradient) {
    return forward(views(params, z.getManager()), z, withGradient);
  }

  private NDList forward(Views v, NDArray z, boolean withGradient) {
    if (z.getShape().dimension() != 2 || z.getShape().get(1) != latentDim) {
      throw new IllegalArgumentException("z must be [batch, " + latentDim + "], got " + z.getShape());
    }
    int last = in.length - 2; // O1
    // forward pass, keeping what the reverse pass needs
    NDArray a1 = z.matMul(v.w()[0]).add(v.b()[0]);
    NDArray h = celu(a1).matMul(v.w()[1]).add(v.b()[1]);
    NDArray[] bh = v.bh();
    NDArray[] bz = v.bz();
    NDArray[] t = new NDArray[BLOCKS];
    for (int j = 0; j < BLOCKS; j++) {
      int l = 2 + 2 * j;
      t[j] = h.matMul(bh[j]).add(z.matMul(bz[j])).add(v.b()[l]).tanh();
      h = h.add(t[j].matMul(v.w()[l + 1])).add(v.b()[l + 1]);
    }
    NDArray o1 = v.w()[last];
    NDArray o = h.matMul(o1).add(v.b()[last]);
    NDArray o2 = v.w()[last + 1]; // [96, 1]
    NDArray network = celu(o).matMul(o2).add(v.b()[last + 1]).squeeze(1);
    NDArray c = v.c();
    NDArray energy = network.add(z.square().sum(new int[] {1}).mul(c));
    if (!withGradient) {
      return new NDList(energy);
    }
    // reverse pass (spec §12), written with differentiable ops
    NDArray gh = celuDerivative(o).mul(o2.reshape(1, HIGH)).matMul(o1.transpose()); // [batch, 16]
    NDArray gz = z.mul(c.add(c));
    for (int j = BLOCKS - 1; j >= 0; j--) {
      NDArray wOut = v.w()[3 + 2 * j]; // [96, 16]
      NDArray gs = gh.matMul(wOut.transpose()).mul(t[j].square().neg().add(1f)); // [batch, 96]
      gz = gz.add(gs.matMul(bz[j].transpose()));
      gh = gh.add(gs.matMul(bh[j].transpose()));
    }
    NDArray gu = gh.matMul(v.w()[1].transpose()).mul(celuDerivative(a1));
    gz = gz.add(gu.matMul(v.w()[0].transpose()));
    return new NDList(energy, gz);
  }

  private NDArray w(ParameterVector params, NDManager m, int l) {
    return params.view(m, weight[l], new Shape(in[l], out[l]));
  }

  private NDArray b(ParameterVector params, NDManager m, int l) {
    return params.view(m, bias[l], new Shape(out[l]));
  }

  /*
   * Scalar operands: DJL makes a Number operand a tensor that wraps a Java direct buffer and drops it after
   * the call; an autograd node that saves such an operand for the backward pass (mul, maximum, minimum) then
   * reads memory the garbage collector may have reused. So no op here whose backward needs a scalar operand:
   * 2c is c + c, min(a, 0) is a - relu(a). (add/sub of a scalar save nothing and are safe.)
   */

  /** CELU with alpha 1 as {@code relu(a) + exp(min(a, 0)) - 1}, smooth in the weights. */
  private static NDArray celu(NDArray a) {
    NDArray relu = Activation.relu(a);
    return relu.add(a.sub(relu).exp()).sub(1f);
  }

  /** CELU'(a) = exp(min(a, 0)) (spec §12), differentiable; {@code min(a, 0) = a - relu(a)}. */
  private static NDArray celuDerivative(NDArray a) {
    return a.sub(Activation.relu(a)).exp();
  }
}

package org.latentdyn.models.nld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
    return forward(views(params, z.getManager()), z, true, false).get(0);
  }

  /** The gradient {@code grad E [batch, latentDim]} of {@code z [batch, latentDim]}, differentiable in the weights. */
  NDArray gradient(ParameterVector params, NDArray z) {
    return gradient(views(params, z.getManager()), z);
  }

  /** The energy {@code [batch]} and its gradient {@code [batch, latentDim]}, sharing the forward pass. */
  NDList energyAndGradient(ParameterVector params, NDArray z) {
    return forward(views(params, z.getManager()), z, true, true);
  }

  /**
   * The weights as views of {@code params} owned by {@code scope}, with the arrays derived from them that every
   * evaluation would otherwise rebuild (transposes, the four blocks' {@code z} rows and biases side by side). Every
   * view's backward pass scatters into a gradient of the whole parameter vector, so a solver that evaluates
   * {@code grad E} many times in one step takes the views once and reuses them.
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
    NDArray[] bhT = new NDArray[BLOCKS];
    NDArray[] outT = new NDArray[BLOCKS];
    NDList bz = new NDList();
    NDList blockBias = new NDList();
    for (int j = 0; j < BLOCKS; j++) {
      int l = 2 + 2 * j;
      bh[j] = params.view(scope, weight[l], new Shape(LOW, HIGH));
      bhT[j] = bh[j].transpose();
      outT[j] = ws[l + 1].transpose();
      bz.add(params.view(scope, weight[l] + (long) LOW * HIGH, new Shape(latentDim, HIGH)));
      blockBias.add(bs[l]);
    }
    NDArray bzAll = NDArrays.concat(bz, 1);
    NDArray c = Activation.softPlus(params.view(scope, cRaw, new Shape(1)));
    int last = layers - 2;
    return new Views(ws, bs, bh, bhT, outT, bzAll, bzAll.transpose(), NDArrays.concat(blockBias, 0),
        ws[0].transpose(), ws[1].transpose(), ws[last].transpose(), ws[last + 1].reshape(1, HIGH), c, c.add(c));
  }

  /**
   * Weights of the energy as views of a parameter vector (see {@link #views}): all layers' {@code w}, {@code b};
   * per block the {@code h} rows of {@code Bj1} and their transpose, and the transpose of {@code Bj2}; the
   * {@code z} rows of all four {@code Bj1} side by side {@code [d, 4 HIGH]}, its transpose, and the biases of the
   * {@code Bj1} side by side; the transposes of {@code A1}, {@code A2}, {@code O1}; {@code O2} as a row;
   * {@code c} and {@code 2c}.
   */
  record Views(NDArray[] w, NDArray[] b, NDArray[] bh, NDArray[] bhT, NDArray[] outT, NDArray bzAll,
      NDArray bzAllT, NDArray blockBias, NDArray a1T, NDArray a2T, NDArray o1T, NDArray o2Row, NDArray c,
      NDArray twoC) {}

  /** {@link #gradient(ParameterVector, NDArray)} on views taken once by {@link #views}. */
  NDArray gradient(Views views, NDArray z) {
    return forward(views, z, false, true).get(0);
  }

  /**
   * The energy and/or its gradient (in that order in the result), each computed only when asked for. The four
   * blocks' {@code z} terms {@code z Bj1[16:] + bj1} are one product, and their contributions to the gradient
   * one product of the blocks' {@code gs} side by side; {@code CELU'(a1)} reuses the forward pass's
   * {@code exp(min(a1, 0))}.
   */
  private NDList forward(Views v, NDArray z, boolean withEnergy, boolean withGradient) {
    if (z.getShape().dimension() != 2 || z.getShape().get(1) != latentDim) {
      throw new IllegalArgumentException("z must be [batch, " + latentDim + "], got " + z.getShape());
    }
    int last = in.length - 2; // O1
    // forward pass, keeping what the reverse pass needs
    NDArray a1 = z.matMul(v.w()[0]).add(v.b()[0]);
    NDArray relu1 = Activation.relu(a1);
    NDArray e1 = a1.sub(relu1).exp(); // exp(min(a1, 0)) = CELU'(a1)
    NDArray h = relu1.add(e1).sub(1f).matMul(v.w()[1]).add(v.b()[1]);
    NDList zTerms = z.matMul(v.bzAll()).add(v.blockBias()).split(BLOCKS, 1);
    NDArray[] t = new NDArray[BLOCKS];
    for (int j = 0; j < BLOCKS; j++) {
      int l = 2 + 2 * j;
      t[j] = h.matMul(v.bh()[j]).add(zTerms.get(j)).tanh();
      h = h.add(t[j].matMul(v.w()[l + 1])).add(v.b()[l + 1]);
    }
    NDArray o = h.matMul(v.w()[last]).add(v.b()[last]);
    NDArray reluO = Activation.relu(o);
    NDArray eO = o.sub(reluO).exp(); // CELU'(o)
    NDList result = new NDList();
    if (withEnergy) {
      NDArray network = reluO.add(eO).sub(1f).matMul(v.w()[last + 1]).add(v.b()[last + 1]).squeeze(1);
      result.add(network.add(z.square().sum(new int[] {1}).mul(v.c())));
    }
    if (!withGradient) {
      return result;
    }
    // reverse pass (spec §12), written with differentiable ops
    NDArray gh = eO.mul(v.o2Row()).matMul(v.o1T()); // [batch, 16]
    NDList gs = new NDList();
    for (int j = BLOCKS - 1; j >= 0; j--) {
      NDArray g = gh.matMul(v.outT()[j]).mul(t[j].square().neg().add(1f)); // [batch, 96]
      gs.add(0, g);
      gh = gh.add(g.matMul(v.bhT()[j]));
    }
    NDArray gz = z.mul(v.twoC()).add(NDArrays.concat(gs, 1).matMul(v.bzAllT()));
    NDArray gu = gh.matMul(v.a2T()).mul(e1);
    result.add(gz.add(gu.matMul(v.a1T())));
    return result;
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
   * 2c is c + c, min(a, 0) is a - relu(a). (add/sub of a scalar save nothing and are safe.) CELU with alpha 1 is
   * relu(a) + exp(min(a, 0)) - 1 and CELU'(a) = exp(min(a, 0)) (spec §12), both smooth in the weights.
   */
}

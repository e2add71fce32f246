package org.latentdyn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fully connected network {@code in -> hidden... -> out} with one activation after every hidden layer and a
 * linear output (spec dynae.md §2). Its weights live in a {@link ParameterVector} at a fixed offset, laid out
 * per layer as {@code W [in, out]} (row-major) then {@code b [out]}.
 *
 * <p>Besides the output, {@link #forwardWithJacobianDiagonal} returns the exact per-sample diagonal of the
 * input Jacobian {@code d out_i / d x_i} by forward-mode propagation of the {@code in} unit tangents through the
 * layers, with ordinary differentiable ops: backpropagating through it gives the weights the gradient of any
 * loss that uses the Jacobian (needed for {@code dM_i/dz_i} in paper Eq. 6-7) without higher-order autograd.
 */
public final class Mlp implements Network {
  /** Hidden-layer activation. */
  public enum Act {
    RELU, TANH
  }

  private final int[] widths;
  private final Act act;
  private final long offset;

  /**
   * @param widths layer widths including input and output, e.g. {@code [2, 32, 32, 2]}
   * @param act hidden activation
   * @param offset where this network's weights start in its parameter vector
   */
  public Mlp(int[] widths, Act act, long offset) {
    if (widths.length < 2) {
      throw new IllegalArgumentException("an MLP needs at least input and output widths, got " + Arrays.toString(widths));
    }
    for (int w : widths) {
      if (w < 1) {
        throw new IllegalArgumentException("layer widths must be >= 1, got " + Arrays.toString(widths));
      }
    }
    this.widths = widths.clone();
    this.act = act;
    this.offset = offset;
  }

  /** Widths {@code [in, hidden..., out]}. */
  public static int[] widths(int in, int hidden, int hiddenLayers, int out) {
    int[] w = new int[hiddenLayers + 2];
    w[0] = in;
    Arrays.fill(w, 1, hiddenLayers + 1, hidden);
    w[hiddenLayers + 1] = out;
    return w;
  }

  @Override
  public int inputDim() {
    return widths[0];
  }

  @Override
  public int outputDim() {
    return widths[widths.length - 1];
  }

  @Override
  public long offset() {
    return offset;
  }

  /** Number of parameters. */
  @Override
  public int parameterCount() {
    int n = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      n += widths[l] * widths[l + 1] + widths[l + 1];
    }
    return n;
  }

  /**
   * PyTorch's default initialisation of {@code nn.Linear}: weights and biases uniform in
   * {@code +-1/sqrt(fan_in)}, drawn from {@code random} in layer order.
   */
  @Override
  public void initialise(float[] params, SplittableRandom random) {
    int p = (int) offset;
    for (int l = 0; l + 1 < widths.length; l++) {
      double bound = 1.0 / Math.sqrt(widths[l]);
      int n = widths[l] * widths[l + 1] + widths[l + 1];
      for (int k = 0; k < n; k++) {
        params[p++] = (float) random.nextDouble(-bound, bound);
      }
    }
  }

  /** The output {@code [batch, out]} for input {@code x [batch, in]}. */
  @Override
  public NDArray forward(ParameterVector params, NDArray x) {
    long p = offset;
    NDArray h = x;
    int layers = widths.length - 1;
    for (int l = 0; l < layers; l++) {
      NDArray w = params.view(x.getManager(), p, new Shape(widths[l], widths[l + 1]));
      p += (long) widths[l] * widths[l + 1];
      NDArray b = params.view(x.getManager(), p, new Shape(widths[l + 1]));
      p += widths[l + 1];
      h = h.matMul(w).add(b);
      if (l + 1 < layers) {
        h = activate(h);
      }
    }
    return h;
  }

  /**
   * The output {@code [batch, out]} and the diagonal of the input Jacobian {@code [batch, in]} (requires
   * {@code in == out}).
   */
  public NDList forwardWithJacobianDiagonal(ParameterVector params, NDArray x) {
    int d = inputDim();
    if (outputDim() != d) {
      throw new IllegalArgumentException("Jacobian diagonal needs a square network, got in " + d + ", out " + outputDim());
    }
    NDManager m = x.getManager();
    long p = offset;
    NDArray h = x;
    NDArray tangent = null; // [d, batch, width]: d h / d x_i for every input direction i
    int layers = widths.length - 1;
    for (int l = 0; l < layers; l++) {
      NDArray w = params.view(x.getManager(), p, new Shape(widths[l], widths[l + 1]));
      p += (long) widths[l] * widths[l + 1];
      NDArray b = params.view(x.getManager(), p, new Shape(widths[l + 1]));
      p += widths[l + 1];
      NDArray pre = h.matMul(w).add(b);
      NDArray t = tangent == null ? w.reshape(d, 1, widths[l + 1]) : tangent.matMul(w);
      if (l + 1 < layers) {
        h = activate(pre);
        tangent = t.mul(derivative(pre, h).expandDims(0));
      } else {
        h = pre;
        tangent = t;
      }
    }
    // tangent [d, batch, d]; diagonal element i of sample n is tangent[i, n, i]
    NDArray eye = m.eye(d).reshape(d, 1, d);
    NDArray diag = tangent.mul(eye).sum(new int[] {2}).transpose();
    return new NDList(h, diag);
  }

  private NDArray activate(NDArray pre) {
    return act == Act.TANH ? pre.tanh() : Activation.relu(pre);
  }

  private NDArray derivative(NDArray pre, NDArray activated) {
    if (act == Act.TANH) {
      return activated.square().neg().add(1f);
    }
    return pre.gt(0f).toType(pre.getDataType(), false);
  }
}

package org.latentdyn.nn.fused;

import java.util.Arrays;

/**
 * A fully connected network in plain Java with the weight layout of {@link org.latentdyn.nn.Mlp} (per layer
 * {@code W [in, out]} then {@code b [out]} at {@code offset} of a flat vector): forward pass keeping every
 * activation, and backward pass accumulating the weight gradient into a flat gradient vector. Rows are
 * feature-major, {@code [width][batch]}. Holds its buffers for batches up to {@code maxRows}.
 */
public final class FusedMlp {
  private final int[] widths;
  private final boolean tanh;
  private final int offset;
  private final int maxRows;
  private final float[][][] act;
  private final float[][][] grad;
  private final int[] off;
  private final Dense.Work work;

  /**
   * @param widths layer widths including input and output
   * @param tanh tanh after every hidden layer (else ReLU)
   * @param offset start of the weights in their flat vector
   * @param maxRows largest batch
   */
  public FusedMlp(int[] widths, boolean tanh, int offset, int maxRows) {
    this.widths = widths.clone();
    this.tanh = tanh;
    this.offset = offset;
    this.maxRows = maxRows;
    int layers = widths.length;
    act = new float[layers][][];
    grad = new float[layers][][];
    int maxWidth = 0;
    for (int l = 0; l < layers; l++) {
      act[l] = new float[widths[l]][maxRows];
      grad[l] = new float[widths[l]][maxRows];
      maxWidth = Math.max(maxWidth, widths[l]);
    }
    work = new Dense.Work(maxRows, maxWidth);
    off = new int[layers - 1];
    int p = offset;
    for (int l = 0; l + 1 < layers; l++) {
      off[l] = p;
      p += widths[l] * widths[l + 1] + widths[l + 1];
    }
  }

  public int inputDim() {
    return widths[0];
  }

  public int outputDim() {
    return widths[widths.length - 1];
  }

  /** Number of weights and biases. */
  public int parameterCount() {
    int n = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      n += widths[l] * widths[l + 1] + widths[l + 1];
    }
    return n;
  }

  /** The input rows {@code [in][maxRows]}: write the batch here before {@link #forward}. */
  public float[][] input() {
    return act[0];
  }

  /**
   * Copies {@code n} samples of a row-major array {@code x [*, inputDim]}, starting at sample {@code from},
   * into {@link #input()} (feature-major).
   */
  public void loadRows(float[] x, int from, int n) {
    loadRows(x, from, n, 0);
  }

  /** {@link #loadRows(float[], int, int)} into the input rows {@code at .. at + n - 1}. */
  public void loadRows(float[] x, int from, int n, int at) {
    check(at + n);
    int in = widths[0];
    float[][] a = act[0];
    for (int s = 0; s < n; s++) {
      int base = (from + s) * in;
      for (int k = 0; k < in; k++) {
        a[k][at + s] = x[base + k];
      }
    }
  }

  /** The output rows {@code [out][maxRows]} of the last {@link #forward}. */
  public float[][] output() {
    return act[act.length - 1];
  }

  /** The gradient of the loss w.r.t. the output: write it here before {@link #backward}. */
  public float[][] outputGradient() {
    return grad[grad.length - 1];
  }

  /** The gradient w.r.t. the input after {@link #backward} with {@code inputGradient = true}. */
  public float[][] inputGradient() {
    return grad[0];
  }

  /** Forward pass of the first {@code n} samples of {@link #input()}. */
  public void forward(float[] params, int n) {
    check(n);
    int p = offset;
    int layers = widths.length - 1;
    for (int l = 0; l < layers; l++) {
      Dense.forward(act[l], widths[l], params, p, widths[l + 1], act[l + 1], n);
      p += widths[l] * widths[l + 1] + widths[l + 1];
      if (l + 1 < layers) {
        if (tanh) {
          Dense.tanh(act[l + 1], widths[l + 1], n);
        } else {
          Dense.relu(act[l + 1], widths[l + 1], n);
        }
      }
    }
  }

  /**
   * Backward pass of the last {@link #forward} from {@link #outputGradient()}: adds the weight gradient to
   * {@code g} (at this network's offset) and, when asked, leaves the input gradient in {@link #inputGradient()}.
   * The output gradient rows are overwritten (hidden ones in place by the activation derivative).
   */
  public void backward(float[] params, int n, float[] g, boolean inputGradient) {
    check(n);
    int layers = widths.length - 1;
    for (int l = layers - 1; l >= 0; l--) {
      int in = widths[l];
      int out = widths[l + 1];
      float[][] dy = grad[l + 1];
      if (l + 1 < layers) {
        if (tanh) {
          Dense.tanhBackward(dy, act[l + 1], out, n);
        } else {
          Dense.reluBackward(dy, act[l + 1], out, n);
        }
      }
      Dense.weightGradient(act[l], in, dy, out, n, g, off[l], work);
      Dense.biasGradient(dy, out, n, g, off[l] + in * out);
      if (l > 0 || inputGradient) {
        Dense.backwardInput(dy, out, params, off[l], in, grad[l], n, false);
      }
    }
  }

  private void check(int n) {
    if (n < 1 || n > maxRows) {
      throw new IllegalArgumentException("batch of " + n + " rows; expected 1 <= rows <= " + maxRows);
    }
  }

  @Override
  public String toString() {
    return "FusedMlp" + Arrays.toString(widths) + (tanh ? " tanh" : " relu");
  }
}

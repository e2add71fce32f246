package org.latentdyn.dynamics;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.latentdyn.data.Trajectory;

/**
 * A fixed, seeded random multilayer perceptron {@code R^inputDim -> R^outputDim} (tanh hidden layers, linear
 * output) used to embed a few slow variables into many observed features (spec {@code datasets.md}, "Vector
 * trajectories"). Weights are Glorot-uniform, {@code U(-sqrt(6/(fanIn+fanOut)), +sqrt(6/(fanIn+fanOut)))};
 * hidden biases are {@code U(-0.5, 0.5)} so the map is not odd; the output bias is zero. The map is smooth and
 * depends only on the seed and the widths.
 */
public final class RandomMlpEmbedding implements ObservationMap {
  private final int inputDim;
  private final int[] widths;
  private final long seed;
  private final double[][] weights;
  private final double[][] biases;
  private final int maxWidth;

  /**
   * @param inputDim input dimension {@code >= 1}
   * @param hiddenWidths widths of the tanh hidden layers, each {@code >= 1} (may be empty: a random linear map)
   * @param outputDim output dimension {@code >= 1}
   * @param seed seed of the weights
   */
  public RandomMlpEmbedding(int inputDim, int[] hiddenWidths, int outputDim, long seed) {
    if (inputDim < 1) {
      throw new IllegalArgumentException("inputDim must be >= 1, got " + inputDim);
    }
    if (outputDim < 1) {
      throw new IllegalArgumentException("outputDim must be >= 1, got " + outputDim);
    }
    for (int i = 0; i < hiddenWidths.length; i++) {
      if (hiddenWidths[i] < 1) {
        throw new IllegalArgumentException("hiddenWidths[" + i + "] must be >= 1, got " + hiddenWidths[i]);
      }
    }
    this.inputDim = inputDim;
    this.seed = seed;
    this.widths = new int[hiddenWidths.length + 2];
    widths[0] = inputDim;
    System.arraycopy(hiddenWidths, 0, widths, 1, hiddenWidths.length);
    widths[widths.length - 1] = outputDim;
    int layers = widths.length - 1;
    weights = new double[layers][];
    biases = new double[layers][];
    SplittableRandom random = new SplittableRandom(seed);
    int max = 0;
    for (int l = 0; l < layers; l++) {
      int fanIn = widths[l];
      int fanOut = widths[l + 1];
      max = Math.max(max, Math.max(fanIn, fanOut));
      double limit = Math.sqrt(6.0 / (fanIn + fanOut));
      weights[l] = new double[fanOut * fanIn];
      for (int k = 0; k < weights[l].length; k++) {
        weights[l][k] = random.nextDouble(-limit, limit);
      }
      biases[l] = new double[fanOut];
      if (l < layers - 1) {
        for (int k = 0; k < fanOut; k++) {
          biases[l][k] = random.nextDouble(-0.5, 0.5);
        }
      }
    }
    this.maxWidth = max;
  }

  /** Two tanh hidden layers of width 32. */
  public static RandomMlpEmbedding of(int inputDim, int outputDim, long seed) {
    return new RandomMlpEmbedding(inputDim, new int[] {32, 32}, outputDim, seed);
  }

  @Override
  public int inputDim() {
    return inputDim;
  }

  @Override
  public int outputDim() {
    return widths[widths.length - 1];
  }

  /** Widths of the hidden layers. */
  public int[] hiddenWidths() {
    return Arrays.copyOfRange(widths, 1, widths.length - 1);
  }

  public long seed() {
    return seed;
  }

  @Override
  public void map(double[] in, double[] out) {
    forward(in, out, new double[maxWidth], new double[maxWidth]);
  }

  @Override
  public Trajectory apply(Trajectory trajectory) {
    if (trajectory.features() != inputDim) {
      throw new IllegalArgumentException("trajectory has " + trajectory.features() + " features, expected inputDim "
          + inputDim);
    }
    int e = outputDim();
    int frames = trajectory.frames();
    float[] src = trajectory.view();
    float[] dst = new float[frames * e];
    double[] in = new double[inputDim];
    double[] out = new double[e];
    double[] a = new double[maxWidth];
    double[] b = new double[maxWidth];
    for (int f = 0; f < frames; f++) {
      for (int i = 0; i < inputDim; i++) {
        in[i] = src[f * inputDim + i];
      }
      forward(in, out, a, b);
      for (int j = 0; j < e; j++) {
        dst[f * e + j] = (float) out[j];
      }
    }
    return Trajectory.wrap(dst, frames, e);
  }

  private void forward(double[] in, double[] out, double[] a, double[] b) {
    System.arraycopy(in, 0, a, 0, inputDim);
    int layers = weights.length;
    for (int l = 0; l < layers; l++) {
      int fanIn = widths[l];
      int fanOut = widths[l + 1];
      double[] w = weights[l];
      for (int j = 0; j < fanOut; j++) {
        double s = biases[l][j];
        int row = j * fanIn;
        for (int i = 0; i < fanIn; i++) {
          s += w[row + i] * a[i];
        }
        b[j] = l < layers - 1 ? Math.tanh(s) : s;
      }
      double[] t = a;
      a = b;
      b = t;
    }
    System.arraycopy(a, 0, out, 0, outputDim());
  }

  @Override
  public String toString() {
    return "RandomMlpEmbedding[widths=" + Arrays.toString(widths) + ", seed=" + seed + "]";
  }
}

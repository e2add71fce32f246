package org.latentdyn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The transposed-convolution decoder of spec dynae.md §2 (paper Table S2), the mirror of {@link ConvEncoder}:
 * {@code [batch, d]} -> linear to {@code width}, ReLU -> linear to {@code filters.last * side * side}, ReLU ->
 * reshape {@code [batch, filters.last, side, side]} -> transposed convolutions (kernel 4, stride 2, padding 1)
 * through the filters in reverse order and finally to C channels, ReLU between them, linear output (the pixel
 * loss is taken on it) -> frames {@code [batch, C, 64, 64]}, returned flattened {@code [batch, C*64*64]}.
 *
 * <p>Weights from {@link #offset()}, per layer the weight then the bias: linear {@code W [in, out]} (row-major,
 * as in {@link Mlp}); transposed-convolution kernels in PyTorch's {@code ConvTranspose2d} layout
 * {@code [in, out, kH, kW]}.
 */
public final class ConvDecoder implements Network {
  private final int channels;
  private final int latentDim;
  private final ConvOptions options;
  private final long offset;

  /**
   * @param latentDim input dimension d
   * @param channels channels C of the frames produced
   * @param options filter counts and width (the same as the encoder's)
   * @param offset where the weights start in the parameter vector
   */
  public ConvDecoder(int latentDim, int channels, ConvOptions options, long offset) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be >= 1, got " + channels);
    }
    if (latentDim < 1) {
      throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
    }
    this.channels = channels;
    this.latentDim = latentDim;
    this.options = options;
    this.offset = offset;
  }

  @Override
  public int inputDim() {
    return latentDim;
  }

  @Override
  public int outputDim() {
    return ConvOptions.frameSize(channels);
  }

  @Override
  public long offset() {
    return offset;
  }

  /** Channels of the transposed convolutions in order: filters reversed, then C. */
  private int[] deconvChannels() {
    List<Integer> f = options.filters();
    int[] c = new int[f.size() + 1];
    for (int i = 0; i < f.size(); i++) {
      c[i] = f.get(f.size() - 1 - i);
    }
    c[f.size()] = channels;
    return c;
  }

  private int mapSize() {
    return options.filters().get(options.filters().size() - 1) * options.side() * options.side();
  }

  @Override
  public int parameterCount() {
    int w = options.width();
    int n = latentDim * w + w + w * mapSize() + mapSize();
    int[] c = deconvChannels();
    int k = ConvEncoder.KERNEL;
    for (int l = 0; l + 1 < c.length; l++) {
      n += c[l] * c[l + 1] * k * k + c[l + 1];
    }
    return n;
  }

  /**
   * PyTorch's default initialisation of {@code Linear} and {@code ConvTranspose2d} (kaiming-uniform with
   * a = sqrt(5)): weight and bias uniform in {@code +-1/sqrt(fan_in)}, where PyTorch's fan-in of a transposed
   * convolution kernel {@code [in, out, kH, kW]} is {@code out * kH * kW}; in layer order.
   */
  @Override
  public void initialise(float[] params, SplittableRandom random) {
    int[] p = {(int) offset};
    int w = options.width();
    ConvEncoder.uniform(params, p, latentDim * w + w, latentDim, random);
    ConvEncoder.uniform(params, p, w * mapSize() + mapSize(), w, random);
    int[] c = deconvChannels();
    int k = ConvEncoder.KERNEL;
    for (int l = 0; l + 1 < c.length; l++) {
      ConvEncoder.uniform(params, p, c[l] * c[l + 1] * k * k + c[l + 1], c[l + 1] * k * k, random);
    }
  }

  @Override
  public NDArray forward(ParameterVector params, NDArray z) {
    NDManager m = z.getManager();
    long batch = z.getShape().get(0);
    int w = options.width();
    long p = offset;
    NDArray w1 = params.view(m, p, new Shape(latentDim, w));
    p += (long) latentDim * w;
    NDArray b1 = params.view(m, p, new Shape(w));
    p += w;
    NDArray h = Activation.relu(z.matMul(w1).add(b1));
    NDArray w2 = params.view(m, p, new Shape(w, mapSize()));
    p += (long) w * mapSize();
    NDArray b2 = params.view(m, p, new Shape(mapSize()));
    p += mapSize();
    h = Activation.relu(h.matMul(w2).add(b2));
    int[] c = deconvChannels();
    int side = options.side();
    h = h.reshape(batch, c[0], side, side);
    int k = ConvEncoder.KERNEL;
    for (int l = 0; l + 1 < c.length; l++) {
      NDArray kernel = params.view(m, p, new Shape(c[l], c[l + 1], k, k));
      p += (long) c[l] * c[l + 1] * k * k;
      NDArray bias = params.view(m, p, new Shape(c[l + 1]));
      p += c[l + 1];
      h = transposedConvolution(h, kernel, bias);
      if (l + 2 < c.length) {
        h = Activation.relu(h);
      }
    }
    return h.reshape(batch, outputDim());
  }

  /**
   * PyTorch's {@code conv_transpose2d(x, kernel, bias, stride=2, padding=1)} for a 4x4 kernel {@code [in, out, 4,
   * 4]}, written with an ordinary convolution because DJL's PyTorch engine does not implement deconvolution. By
   * sub-pixel decomposition: output pixel {@code (2a + py, 2c + px)} sums input rows {@code a - 1, a} (py = 0, kernel
   * rows 3, 1) or {@code a, a + 1} (py = 1, kernel rows 2, 0), and likewise for columns. Each of the four phases'
   * 2x2 sub-kernels is placed in a 3x3 window (phase 0 reads offsets -1, 0; phase 1 offsets 0, +1), so one padded
   * 3x3 convolution with {@code 4 * out} output channels gives all phases aligned and one transpose interleaves them
   * into {@code [B, out, 2H, 2W]}. That is 9/4 of a native transposed convolution's multiply-adds; measured faster
   * than the exact 2x2 form (whose phases need cropping) and than zero interleaving (4x the work).
   */
  static NDArray transposedConvolution(NDArray x, NDArray kernel, NDArray bias) {
    Shape s = x.getShape();
    long b = s.get(0);
    long h = s.get(2);
    long w = s.get(3);
    long out = kernel.getShape().get(1);
    NDArray[] taps = {kernel.get(new NDIndex(":, :, 1::2")).flip(2), kernel.get(new NDIndex(":, :, 0::2")).flip(2)};
    NDList kernels = new NDList();
    for (int py = 0; py < 2; py++) {
      for (int px = 0; px < 2; px++) {
        NDArray sub = taps[py].get(new NDIndex(px == 0 ? ":, :, :, 1::2" : ":, :, :, 0::2")).flip(3)
            .transpose(1, 0, 2, 3); // [out, in, 2, 2]
        NDArray zr = sub.getManager().zeros(new Shape(out, sub.getShape().get(1), 1, 2));
        sub = py == 0 ? sub.concat(zr, 2) : zr.concat(sub, 2); // [out, in, 3, 2]
        NDArray zc = sub.getManager().zeros(new Shape(out, sub.getShape().get(1), 3, 1));
        kernels.add(px == 0 ? sub.concat(zc, 3) : zc.concat(sub, 3)); // [out, in, 3, 3]
      }
    }
    NDArray k = NDArrays.concat(kernels, 0);
    NDArray y = Conv2d.conv2d(x, k, null, ConvEncoder.ONE, ConvEncoder.ONE, ConvEncoder.ONE, 1).singletonOrThrow();
    return y.reshape(b, 2, 2, out, h, w).transpose(0, 3, 4, 1, 5, 2).reshape(b, out, 2 * h, 2 * w)
        .add(bias.reshape(1, out, 1, 1));
  }
}

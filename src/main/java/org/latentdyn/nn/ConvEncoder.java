package org.latentdyn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import java.util.SplittableRandom;

/**
 * The convolutional encoder of spec dynae.md §2 (paper Table S2): frames {@code [batch, C, 64, 64]} (given
 * flattened, {@code [batch, C*64*64]}) -> strided convolutions (kernel 4, stride 2, padding 1, ReLU after each)
 * through {@link ConvOptions#filters()} -> 1x1 convolution to {@link ConvOptions#reducedChannels()} channels
 * (no activation, as the spec states) -> flatten ({@code width} values) -> linear to d.
 *
 * <p>Weights in the parameter vector from {@link #offset()}, per layer the kernel then the bias, in PyTorch's
 * layouts: convolution kernels {@code [out, in, kH, kW]}; the linear layer {@code W [width, d]} (row-major, as in
 * {@link Mlp}) then {@code b [d]}.
 */
public final class ConvEncoder implements Network {
  static final int KERNEL = 4;
  static final Shape STRIDE = new Shape(2, 2);
  static final Shape PADDING = new Shape(1, 1);
  static final Shape ONE = new Shape(1, 1);
  static final Shape ZERO = new Shape(0, 0);

  private final int channels;
  private final int latentDim;
  private final ConvOptions options;
  private final long offset;

  /**
   * @param channels channels C of the frames
   * @param latentDim output dimension d
   * @param options filter counts and bottleneck width
   * @param offset where the weights start in the parameter vector
   */
  public ConvEncoder(int channels, int latentDim, ConvOptions options, long offset) {
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
    return ConvOptions.frameSize(channels);
  }

  @Override
  public int outputDim() {
    return latentDim;
  }

  @Override
  public long offset() {
    return offset;
  }

  public int channels() {
    return channels;
  }

  @Override
  public int parameterCount() {
    int n = 0;
    int in = channels;
    for (int f : options.filters()) {
      n += f * in * KERNEL * KERNEL + f;
      in = f;
    }
    int r = options.reducedChannels();
    n += r * in + r;
    n += options.width() * latentDim + latentDim;
    return n;
  }

  /**
   * PyTorch's default initialisation of {@code Conv2d} and {@code Linear} (kaiming-uniform with a = sqrt(5)):
   * kernel and bias uniform in {@code +-1/sqrt(fan_in)}, {@code fan_in = in * kH * kW}, in layer order.
   */
  @Override
  public void initialise(float[] params, SplittableRandom random) {
    int[] p = {(int) offset};
    int in = channels;
    for (int f : options.filters()) {
      uniform(params, p, f * in * KERNEL * KERNEL + f, in * KERNEL * KERNEL, random);
      in = f;
    }
    int r = options.reducedChannels();
    uniform(params, p, r * in + r, in, random);
    uniform(params, p, options.width() * latentDim + latentDim, options.width(), random);
  }

  /** Fills {@code count} values from {@code p[0]} uniformly in {@code +-1/sqrt(fanIn)}; advances {@code p[0]}. */
  static void uniform(float[] params, int[] p, int count, int fanIn, SplittableRandom random) {
    double bound = 1.0 / Math.sqrt(fanIn);
    for (int k = 0; k < count; k++) {
      params[p[0]++] = (float) random.nextDouble(-bound, bound);
    }
  }

  @Override
  public NDArray forward(ParameterVector params, NDArray x) {
    NDManager m = x.getManager();
    long batch = x.getShape().get(0);
    int side = ConvOptions.IMAGE_SIDE;
    NDArray h = x.reshape(batch, channels, side, side);
    long p = offset;
    int in = channels;
    for (int f : options.filters()) {
      NDArray w = params.view(m, p, new Shape(f, in, KERNEL, KERNEL));
      p += (long) f * in * KERNEL * KERNEL;
      NDArray b = params.view(m, p, new Shape(f));
      p += f;
      h = Activation.relu(Conv2d.conv2d(h, w, b, STRIDE, PADDING, ONE, 1).singletonOrThrow());
      in = f;
    }
    int r = options.reducedChannels();
    NDArray w = params.view(m, p, new Shape(r, in, 1, 1));
    p += (long) r * in;
    NDArray b = params.view(m, p, new Shape(r));
    p += r;
    h = Conv2d.conv2d(h, w, b, ONE, ZERO, ONE, 1).singletonOrThrow().reshape(batch, options.width());
    NDArray wl = params.view(m, p, new Shape(options.width(), latentDim));
    p += (long) options.width() * latentDim;
    NDArray bl = params.view(m, p, new Shape(latentDim));
    return h.matMul(wl).add(bl);
  }
}

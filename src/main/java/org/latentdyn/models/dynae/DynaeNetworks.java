package org.latentdyn.models.dynae;

import org.latentdyn.data.FrameStore;
import org.latentdyn.train.Streams;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvDecoder;
import org.latentdyn.nn.ConvEncoder;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.nn.Mlp;
import org.latentdyn.nn.Network;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.ParameterVector;
import org.latentdyn.nn.Tensors;

/**
 * The four networks of DynAE (spec §2): encoder phi and decoder psi (ReLU MLPs, or the convolutional pair for
 * image frames when the config's architecture is CONV; one parameter vector, trained by Eq. 3) and the force f and log-diffusion log M nets (tanh MLPs, a second vector, trained by Eq. 7).
 * Package-private: NDArrays stay inside the model package.
 */
final class DynaeNetworks implements AutoCloseable {
  private static final int CHUNK = 8192;

  final NDManager manager;
  final int features;
  final int latentDim;
  final Network encoder;
  final Network decoder;
  final Mlp force;
  final Mlp logDiffusion;
  final ParameterVector rep;
  final ParameterVector prior;

  DynaeNetworks(int features, DynaeConfig c, float[] repValues, float[] priorValues) {
    this.features = features;
    this.latentDim = c.latentDim();
    if (c.architecture() == Architecture.CONV) {
      int channels = ConvOptions.channelsOf(features);
      this.encoder = new ConvEncoder(channels, c.latentDim(), c.conv(), 0);
      this.decoder = new ConvDecoder(c.latentDim(), channels, c.conv(), encoder.parameterCount());
    } else {
      this.encoder = new Mlp(Mlp.widths(features, c.hiddenWidth(), c.hiddenLayers(), c.latentDim()), Mlp.Act.RELU, 0);
      this.decoder = new Mlp(Mlp.widths(c.latentDim(), c.hiddenWidth(), c.hiddenLayers(), features), Mlp.Act.RELU,
          encoder.parameterCount());
    }
    this.force = new Mlp(Mlp.widths(c.latentDim(), c.fieldWidth(), 2, c.latentDim()), Mlp.Act.TANH, 0);
    this.logDiffusion = new Mlp(Mlp.widths(c.latentDim(), c.fieldWidth(), 2, c.latentDim()), Mlp.Act.TANH,
        force.parameterCount());
    int nRep = encoder.parameterCount() + decoder.parameterCount();
    int nPrior = force.parameterCount() + logDiffusion.parameterCount();
    if (repValues == null || priorValues == null) {
      SplittableRandom init = Streams.init(c.seed());
      repValues = new float[nRep];
      priorValues = new float[nPrior];
      encoder.initialise(repValues, init);
      decoder.initialise(repValues, init);
      force.initialise(priorValues, init);
      logDiffusion.initialise(priorValues, init);
    }
    if (repValues.length != nRep || priorValues.length != nPrior) {
      throw new IllegalArgumentException("saved weights have " + repValues.length + " + " + priorValues.length
          + " values, the configuration needs " + nRep + " + " + nPrior);
    }
    this.manager = NeuralEngine.newManager();
    this.rep = new ParameterVector(manager, repValues);
    this.prior = new ParameterVector(manager, priorValues);
  }

  /** Applies {@code net} (encoder/decoder use rep, fields use prior) to rows of {@code x}, in chunks. */
  float[] apply(Network net, float[] x, int rows) {
    ParameterVector p = net == encoder || net == decoder ? rep : prior;
    int in = net.inputDim();
    int out = net.outputDim();
    float[] result = new float[rows * out];
    int rowsPerChunk = chunkRows();
    for (int start = 0; start < rows; start += rowsPerChunk) {
      int n = Math.min(rowsPerChunk, rows - start);
      try (NDManager s = manager.newSubManager()) {
        float[] chunk = new float[n * in];
        System.arraycopy(x, start * in, chunk, 0, n * in);
        NDArray y = net.forward(p, Tensors.owned(s, chunk, new Shape(n, in)));
        if (net == logDiffusion) {
          y = y.exp();
        }
        System.arraycopy(y.toFloatArray(), 0, result, start * out, n * out);
      }
    }
    return result;
  }

  /**
   * The encoder on frames {@code frameOf(i)}, {@code i < rows}, of {@code frames} ({@code [frames, features]}),
   * gathered one chunk at a time: the same numbers as {@link #apply} on a gathered copy, without the copy (which
   * for a movie is as large as the movie).
   */
  float[] encodeFrames(FrameStore frames, IntUnaryOperator frameOf, int rows) {
    int in = encoder.inputDim();
    int d = encoder.outputDim();
    float[] result = new float[rows * d];
    int rowsPerChunk = chunkRows();
    float[] chunk = new float[Math.min(rowsPerChunk, rows) * in];
    for (int start = 0; start < rows; start += rowsPerChunk) {
      int n = Math.min(rowsPerChunk, rows - start);
      for (int i = 0; i < n; i++) {
        frames.copy(frameOf.applyAsInt(start + i), chunk, i * in);
      }
      try (NDManager s = manager.newSubManager()) {
        float[] part = n * in == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n * in);
        NDArray y = encoder.forward(rep, Tensors.owned(s, part, new Shape(n, in)));
        System.arraycopy(y.toFloatArray(), 0, result, start * d, n * d);
      }
    }
    return result;
  }

  /**
   * Rows per chunk of a gradient-free pass: {@value #CHUNK} for the MLPs; 256 frames for images, so that the
   * first convolution's activations (256 x 32 x 32 x 32 floats at the paper's sizes) stay at 32 MiB.
   */
  int chunkRows() {
    return encoder instanceof ConvEncoder ? 256 : CHUNK;
  }

  /** M(z) and dM_i/dz_i for rows of z, as {@code [rows, d]} each. */
  float[][] diffusionAndDivergence(float[] z, int rows) {
    int d = latentDim;
    float[] m = new float[rows * d];
    float[] dm = new float[rows * d];
    for (int start = 0; start < rows; start += CHUNK) {
      int n = Math.min(CHUNK, rows - start);
      try (NDManager s = manager.newSubManager()) {
        float[] chunk = new float[n * d];
        System.arraycopy(z, start * d, chunk, 0, n * d);
        NDList out = logDiffusion.forwardWithJacobianDiagonal(prior, Tensors.owned(s, chunk, new Shape(n, d)));
        NDArray mm = out.get(0).exp();
        NDArray div = mm.mul(out.get(1));
        System.arraycopy(mm.toFloatArray(), 0, m, start * d, n * d);
        System.arraycopy(div.toFloatArray(), 0, dm, start * d, n * d);
      }
    }
    return new float[][] {m, dm};
  }

  @Override
  public void close() {
    manager.close();
  }
}

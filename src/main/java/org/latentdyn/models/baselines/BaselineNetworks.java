package org.latentdyn.models.baselines;

import org.latentdyn.train.Streams;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
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
 * The networks of a baseline (spec §2, §8), all in one parameter vector laid out as encoder | decoder | force:
 * encoder features -> width x layers -> {@code encoderOutputs} (d, or 2d = mean and log-variance for the
 * stochastic encoders) with ReLU; decoder d -> width x layers -> features with ReLU; for SDE-VAE the force net
 * d -> fieldWidth -> fieldWidth -> d with tanh. With the CONV architecture the encoder and decoder are the
 * convolutional pair of spec §2 ({@link ConvEncoder} with {@code encoderOutputs} outputs, {@link ConvDecoder}). Package-private: NDArrays stay in the model package.
 */
final class BaselineNetworks implements AutoCloseable {
  private static final int CHUNK = 8192;

  final NDManager manager;
  final int features;
  final int latentDim;
  final Network encoder;
  final Network decoder;
  /** Null except for SDE-VAE. */
  final Mlp force;
  final ParameterVector params;

  BaselineNetworks(int features, BaselineConfig c, float[] values) {
    this.features = features;
    this.latentDim = c.latentDim();
    int d = c.latentDim();
    int encoderOutputs = c instanceof SwaeConfig ? d : 2 * d;
    if (c.architecture() == Architecture.CONV) {
      int channels = ConvOptions.channelsOf(features);
      this.encoder = new ConvEncoder(channels, encoderOutputs, c.conv(), 0);
      this.decoder = new ConvDecoder(d, channels, c.conv(), encoder.parameterCount());
    } else {
      this.encoder = new Mlp(Mlp.widths(features, c.hiddenWidth(), c.hiddenLayers(), encoderOutputs), Mlp.Act.RELU,
          0);
      this.decoder = new Mlp(Mlp.widths(d, c.hiddenWidth(), c.hiddenLayers(), features), Mlp.Act.RELU,
          encoder.parameterCount());
    }
    int n = encoder.parameterCount() + decoder.parameterCount();
    if (c instanceof SdeVaeConfig s) {
      this.force = new Mlp(Mlp.widths(d, s.fieldWidth(), 2, d), Mlp.Act.TANH, n);
      n += force.parameterCount();
    } else {
      this.force = null;
    }
    if (values == null) {
      SplittableRandom init = Streams.init(c.seed());
      values = new float[n];
      encoder.initialise(values, init);
      decoder.initialise(values, init);
      if (force != null) {
        force.initialise(values, init);
      }
    }
    if (values.length != n) {
      throw new IllegalArgumentException("saved weights have " + values.length + " values, the configuration needs "
          + n);
    }
    this.manager = NeuralEngine.newManager();
    this.params = new ParameterVector(manager, values);
  }

  /** Applies {@code net} to rows of {@code x} in chunks and keeps the first {@code keep} output columns. */
  float[] apply(Network net, float[] x, int rows, int keep) {
    int in = net.inputDim();
    int out = net.outputDim();
    float[] result = new float[rows * keep];
    // images: 256 frames per chunk keep the first convolution's activations at 32 MiB
    int rowsPerChunk = encoder instanceof ConvEncoder ? 256 : CHUNK;
    for (int start = 0; start < rows; start += rowsPerChunk) {
      int n = Math.min(rowsPerChunk, rows - start);
      try (NDManager s = manager.newSubManager()) {
        float[] chunk = new float[n * in];
        System.arraycopy(x, start * in, chunk, 0, n * in);
        float[] y = net.forward(params, Tensors.owned(s, chunk, new Shape(n, in))).toFloatArray();
        for (int i = 0; i < n; i++) {
          System.arraycopy(y, i * out, result, (start + i) * keep, keep);
        }
      }
    }
    return result;
  }

  /** Encoder output {@code [rows, encoderOutputs]} for {@code x [rows, features]} (a differentiable NDArray). */
  NDArray encode(NDArray x) {
    return encoder.forward(params, x);
  }

  @Override
  public void close() {
    manager.close();
  }
}

package org.latentdyn.nn;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * A feed-forward network whose weights are a contiguous block of a {@link ParameterVector}, mapping rows
 * {@code [batch, inputDim]} to rows {@code [batch, outputDim]}. Image networks take and give flattened frames
 * ({@code C * H * W} values, channel-major as in {@code [batch, channels, height, width]}), so the training
 * code handles vectors and images alike.
 */
public interface Network {
  /** Values per input row. */
  int inputDim();

  /** Values per output row. */
  int outputDim();

  /** Where this network's weights start in its parameter vector. */
  long offset();

  /** Number of parameters. */
  int parameterCount();

  /** Writes this network's initial weights into {@code params} from {@code offset()}, drawn from {@code random}. */
  void initialise(float[] params, SplittableRandom random);

  /** The output {@code [batch, outputDim]} for input {@code x [batch, inputDim]}, differentiable in the weights. */
  NDArray forward(ParameterVector params, NDArray x);
}

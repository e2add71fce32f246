package org.latentdyn.dynamics;

import org.latentdyn.data.Trajectory;

/**
 * A fixed smooth map from the simulated state space {@code R^inputDim} to the observed space
 * {@code R^outputDim}, applied frame by frame (e.g. the three-well warp of spec §6 or a random MLP embedding).
 */
public interface ObservationMap {
  int inputDim();

  int outputDim();

  /** Writes the image of {@code in} (length inputDim) into {@code out} (length outputDim). */
  void map(double[] in, double[] out);

  /** Maps every frame: {@code [frames, inputDim] -> [frames, outputDim]}. The input is not modified. */
  default Trajectory apply(Trajectory trajectory) {
    int d = inputDim();
    int e = outputDim();
    if (trajectory.features() != d) {
      throw new IllegalArgumentException("trajectory has " + trajectory.features() + " features, expected inputDim "
          + d);
    }
    float[] src = trajectory.view();
    int frames = trajectory.frames();
    float[] dst = new float[frames * e];
    double[] in = new double[d];
    double[] out = new double[e];
    for (int f = 0; f < frames; f++) {
      for (int i = 0; i < d; i++) {
        in[i] = src[f * d + i];
      }
      map(in, out);
      for (int j = 0; j < e; j++) {
        dst[f * e + j] = (float) out[j];
      }
    }
    return Trajectory.wrap(dst, frames, e);
  }
}

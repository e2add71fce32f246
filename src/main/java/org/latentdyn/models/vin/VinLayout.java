package org.latentdyn.models.vin;

import java.util.SplittableRandom;
import org.latentdyn.train.Streams;

/**
 * Where every parameter of a VIN or baseline sits in its flat float vector, and the initial values. Plain Java,
 * shared by the training networks and the double-precision exports.
 *
 * <p>Layout: {@code W1 [in, H]} (row-major, {@code y = x W1 + b1}), {@code b1 [H]}, {@code W2 [H, out]}, then
 * {@code b2 [out]} for the kinds with an output bias (SO(2), ResRNN, DVAE, NN); then {@code L [d, d]} (row-major,
 * only its lower triangle used; diagonal stored as {@code log L_ii}) when the mass is learned; then
 * {@code log sigma^2}; then the free initial states {@code (q_0, p_0)} {@code [N, 2d]} of the rolled-out kinds.
 */
final class VinLayout {
  final VinConfig.Kind kind;
  final VinConfig.So2Force so2Force;
  final int d;
  final int hidden;
  final int in;
  final int out;
  final boolean outputBias;
  final boolean learnMass;
  final int trajectories;
  final int w1;
  final int b1;
  final int w2;
  final int b2;
  final int mass;
  final int logSigma2;
  final int starts;
  final int size;

  /**
   * @param d configuration dimension (phase-space width 2d)
   * @param trajectories number of free initial states (ignored for NN and HNN)
   */
  VinLayout(VinConfig c, int d, int trajectories) {
    if (d < 1) {
      throw new IllegalArgumentException("configuration dimension must be >= 1, got " + d);
    }
    this.kind = c.kind();
    this.so2Force = c.so2Force();
    this.d = d;
    this.hidden = c.hidden();
    this.learnMass = c.learnMass();
    this.trajectories = kind.rolledOut() ? trajectories : 0;
    switch (kind) {
      case VIN_SV, VIN_VV -> {
        in = d;
        out = 1;
        outputBias = false;
      }
      case VIN_SO2 -> {
        in = so2Force == VinConfig.So2Force.TRIG_INPUT ? 2 * d : d;
        out = so2Force == VinConfig.So2Force.PAPER ? d : 1;
        outputBias = true;
      }
      case HNN -> {
        in = 2 * d;
        out = 1;
        outputBias = false;
      }
      default -> {
        in = 2 * d;
        out = 2 * d;
        outputBias = true;
      }
    }
    int p = 0;
    w1 = p;
    p += in * hidden;
    b1 = p;
    p += hidden;
    w2 = p;
    p += hidden * out;
    b2 = p;
    p += outputBias ? out : 0;
    mass = p;
    p += learnMass ? d * d : 0;
    logSigma2 = p;
    p += 1;
    starts = p;
    p += this.trajectories * 2 * d;
    size = p;
  }

  /** Number of network weights (the prefix of the vector before the mass, noise and initial states). */
  int networkSize() {
    return mass;
  }

  /**
   * Initial parameters: Glorot-uniform {@code W1} then {@code W2} drawn from the init stream of {@code seed}, zero
   * biases, {@code L = I}, {@code log sigma^2 = 0}, initial states = {@code firstObservations} ({@code [N, 2d]}
   * row-major; null for NN and HNN).
   */
  float[] initialise(long seed, float[] firstObservations) {
    float[] w = new float[size];
    SplittableRandom r = Streams.init(seed);
    glorot(w, w1, in, hidden, r);
    glorot(w, w2, hidden, out, r);
    if (trajectories > 0) {
      if (firstObservations == null || firstObservations.length != trajectories * 2 * d) {
        throw new IllegalArgumentException("first observations must have " + trajectories * 2 * d + " values, got "
            + (firstObservations == null ? "none" : firstObservations.length));
      }
      System.arraycopy(firstObservations, 0, w, starts, firstObservations.length);
    }
    return w;
  }

  private static void glorot(float[] w, int offset, int fanIn, int fanOut, SplittableRandom r) {
    double bound = Math.sqrt(6.0 / (fanIn + fanOut));
    for (int k = 0; k < fanIn * fanOut; k++) {
      w[offset + k] = (float) r.nextDouble(-bound, bound);
    }
  }
}

package org.latentdyn.models.baselines;

/** Validation helpers of the config records: each message names the field, the expectation and the value. */
final class Checks {
  private Checks() {}

  static void atLeast(String name, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
    }
  }

  static void positive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
    }
  }

  static void nonNegative(String name, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
    }
  }

  static void fraction(String name, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
    }
  }

  /** The checks shared by every baseline. */
  static void common(int latentDim, int hiddenWidth, int hiddenLayers, double beta, double learningRate,
      int batchSize, int epochs, double validationFraction) {
    atLeast("latentDim", latentDim, 1);
    atLeast("hiddenWidth", hiddenWidth, 1);
    atLeast("hiddenLayers", hiddenLayers, 1);
    nonNegative("beta", beta);
    positive("learningRate", learningRate);
    atLeast("batchSize", batchSize, 2);
    atLeast("epochs", epochs, 1);
    fraction("validationFraction", validationFraction);
  }
}

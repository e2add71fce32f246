package org.latentdyn.models.nld;

import java.util.Locale;

/**
 * Hyper-parameters of Neural Langevin Dynamics (spec nld.md §4-8; Koop et al., NLDL 2024). The presets
 * {@code O0}-{@code U4} are the released settings of spec §8; validation names the field and value.
 *
 * @param variant overdamped (state q) or underdamped (state (q, p))
 * @param latentDim latent position dimension d
 * @param hidden GRU and control-net width H
 * @param context context width C (the encoder output before the observation is appended)
 * @param epochs training epochs
 * @param lambda learning-rate decay factor applied after every optimiser step (0.9999 or 0.9997)
 * @param klAnnealIters KL warm-up length I: after step n the KL weight is min(klMax, (n + 1) klMax / I)
 * @param initScale factor on the energy and control-net initial weights (0.2 in most released runs)
 * @param learningRate Adam learning rate (0.01)
 * @param batchSize sequences per minibatch (128)
 * @param length training sequences are cropped to their first {@code length} observations (200)
 * @param stepSize Euler-Maruyama step h, equal to the observation spacing (0.1)
 * @param sigmaX decoder noise standard deviation (0.5)
 * @param pathKlFactor kappa on the path KL: 1 as in the released code, 0.5 for the exact ELBO
 * @param klMax maximum KL weight (1; spec §7)
 * @param clipNorm global gradient-norm clipping threshold (1e4)
 * @param validationFraction fraction of sequences held out for the per-epoch validation loss (0.05)
 * @param seed seed of every random stream
 */
public record NldConfig(Variant variant, int latentDim, int hidden, int context, int epochs, double lambda,
    int klAnnealIters, double initScale, double learningRate, int batchSize, int length, double stepSize,
    double sigmaX, double pathKlFactor, double klMax, double clipNorm, double validationFraction, long seed) {

  /** The two latent dynamics of spec §3. */
  public enum Variant {
    /** dz = -grad E / gamma dt + sqrt(2 / (beta gamma)) dW. */
    OVERDAMPED,
    /** dq = M^-1 p dt, dp = (-grad E - gamma M^-1 p) dt + sqrt(2 gamma / beta) dW. */
    UNDERDAMPED
  }

  public NldConfig {
    if (variant == null) {
      throw new IllegalArgumentException("variant must be OVERDAMPED or UNDERDAMPED, got null");
    }
    atLeast("latentDim", latentDim, 1);
    atLeast("hidden", hidden, 1);
    atLeast("context", context, 1);
    atLeast("epochs", epochs, 1);
    if (!(lambda > 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in (0, 1], got " + lambda);
    }
    atLeast("klAnnealIters", klAnnealIters, 1);
    if (!(initScale >= 0) || Double.isInfinite(initScale)) {
      throw new IllegalArgumentException("initScale must be finite and >= 0, got " + initScale);
    }
    positive("learningRate", learningRate);
    atLeast("batchSize", batchSize, 1);
    atLeast("length", length, 2);
    positive("stepSize", stepSize);
    positive("sigmaX", sigmaX);
    if (!(pathKlFactor >= 0) || Double.isInfinite(pathKlFactor)) {
      throw new IllegalArgumentException("pathKlFactor must be finite and >= 0, got " + pathKlFactor);
    }
    if (!(klMax >= 0) || Double.isInfinite(klMax)) {
      throw new IllegalArgumentException("klMax must be finite and >= 0, got " + klMax);
    }
    positive("clipNorm", clipNorm);
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
    }
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
    }
  }

  /** The released setting {@code id} (O0-O4, U0-U4; spec §8 table) with the common defaults. */
  public static NldConfig preset(String id, long seed) {
    String key = id == null ? "" : id.toUpperCase(Locale.ROOT);
    return switch (key) {
      case "O0" -> of(Variant.OVERDAMPED, 3, 256, 128, 60, 0.9999, 1000, 0.2, seed);
      case "O1" -> of(Variant.OVERDAMPED, 3, 128, 64, 32, 0.9999, 1000, 0.2, seed);
      case "O2" -> of(Variant.OVERDAMPED, 2, 128, 64, 32, 0.9997, 1000, 0.2, seed);
      case "O3" -> of(Variant.OVERDAMPED, 10, 256, 128, 60, 0.9999, 1000, 0.2, seed);
      case "O4" -> of(Variant.OVERDAMPED, 5, 128, 64, 32, 0.9997, 1000, 0.2, seed);
      case "U0" -> of(Variant.UNDERDAMPED, 3, 256, 128, 10, 0.9997, 5000, 1.0, seed);
      case "U1" -> of(Variant.UNDERDAMPED, 2, 128, 64, 32, 0.9997, 1000, 0.4, seed);
      case "U2" -> of(Variant.UNDERDAMPED, 2, 256, 128, 10, 0.9997, 5000, 1.0, seed);
      case "U3" -> of(Variant.UNDERDAMPED, 10, 128, 64, 32, 0.9997, 1000, 0.2, seed);
      case "U4" -> of(Variant.UNDERDAMPED, 10, 256, 64, 32, 0.9997, 1000, 0.2, seed);
      default -> throw new IllegalArgumentException("preset must be one of O0-O4, U0-U4, got " + id);
    };
  }

  /** The default setting of a variant: O1 (overdamped) or U1 (underdamped). */
  public static NldConfig defaults(Variant variant, long seed) {
    return preset(variant == Variant.UNDERDAMPED ? "U1" : "O1", seed);
  }

  private static NldConfig of(Variant v, int d, int h, int c, int epochs, double lambda, int iters, double scale,
      long seed) {
    return new NldConfig(v, d, h, c, epochs, lambda, iters, scale, 0.01, 128, 200, 0.1, 0.5, 1.0, 1.0, 1e4, 0.05,
        seed);
  }

  /** Number of state components per latent point: d (overdamped) or 2d (underdamped). */
  public int stateDim() {
    return variant == Variant.UNDERDAMPED ? 2 * latentDim : latentDim;
  }

  public NldConfig withSizes(int latentDim, int hidden, int context) {
    return new NldConfig(variant, latentDim, hidden, context, epochs, lambda, klAnnealIters, initScale, learningRate,
        batchSize, length, stepSize, sigmaX, pathKlFactor, klMax, clipNorm, validationFraction, seed);
  }

  public NldConfig withEpochs(int v) {
    return new NldConfig(variant, latentDim, hidden, context, v, lambda, klAnnealIters, initScale, learningRate,
        batchSize, length, stepSize, sigmaX, pathKlFactor, klMax, clipNorm, validationFraction, seed);
  }

  public NldConfig withBatchSize(int v) {
    return new NldConfig(variant, latentDim, hidden, context, epochs, lambda, klAnnealIters, initScale, learningRate,
        v, length, stepSize, sigmaX, pathKlFactor, klMax, clipNorm, validationFraction, seed);
  }

  public NldConfig withLength(int v) {
    return new NldConfig(variant, latentDim, hidden, context, epochs, lambda, klAnnealIters, initScale, learningRate,
        batchSize, v, stepSize, sigmaX, pathKlFactor, klMax, clipNorm, validationFraction, seed);
  }

  public NldConfig withKlAnnealIters(int v) {
    return new NldConfig(variant, latentDim, hidden, context, epochs, lambda, v, initScale, learningRate,
        batchSize, length, stepSize, sigmaX, pathKlFactor, klMax, clipNorm, validationFraction, seed);
  }

  public NldConfig withLearningRate(double v) {
    return new NldConfig(variant, latentDim, hidden, context, epochs, lambda, klAnnealIters, initScale, v,
        batchSize, length, stepSize, sigmaX, pathKlFactor, klMax, clipNorm, validationFraction, seed);
  }

  public NldConfig withPathKlFactor(double v) {
    return new NldConfig(variant, latentDim, hidden, context, epochs, lambda, klAnnealIters, initScale, learningRate,
        batchSize, length, stepSize, sigmaX, v, klMax, clipNorm, validationFraction, seed);
  }

  public NldConfig withValidationFraction(double v) {
    return new NldConfig(variant, latentDim, hidden, context, epochs, lambda, klAnnealIters, initScale, learningRate,
        batchSize, length, stepSize, sigmaX, pathKlFactor, klMax, clipNorm, v, seed);
  }

  public NldConfig withSeed(long v) {
    return new NldConfig(variant, latentDim, hidden, context, epochs, lambda, klAnnealIters, initScale, learningRate,
        batchSize, length, stepSize, sigmaX, pathKlFactor, klMax, clipNorm, validationFraction, v);
  }
}

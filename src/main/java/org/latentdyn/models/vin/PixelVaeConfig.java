package org.latentdyn.models.vin;

import java.util.Locale;

/**
 * Hyper-parameters of the pixel VAE with latent dynamics (VIN spec §3b, §4b): a per-frame MLP encoder and a
 * backward LSTM give {@code q(x_1)}, a dynamics cell rolls the latent state {@code depth} steps, an MLP decoder
 * gives Bernoulli logits. Validation names the field and value; the record round-trips through JSON (Jackson).
 *
 * @param kind latent dynamics: VIN_VV, VIN_SV, VIN_SO2, RESRNN or DVAE
 * @param latentDim latent position dimension {@code d} (1); the state has {@code 2d} coordinates
 * @param timeStep latent step {@code h} (1.0; the authors' code uses 0.1 for VIN-SO(2))
 * @param depth dynamics steps per window (10): windows of {@code depth + 1} frames, the first {@code depth} encoded
 * @param encoderWidth width of the two ReLU layers of the per-frame encoder (1000)
 * @param decoderWidth width of the two ReLU layers of the decoder (1000)
 * @param lstmUnits hidden units of the encoder LSTM (50)
 * @param potentialWidth hidden width of the potential / force / ResRNN network (1000)
 * @param learningRate Adam learning rate (3e-4)
 * @param epochs full-batch Adam steps (at most 6000 in the paper)
 * @param klAllEncoderOutputs code variant: with {@code perFrameInitialPair}, the KL sums over the per-frame codes of
 *     all {@code depth} encoded frames, not only the two that start the rollout (spec §4b)
 * @param velocityPriorStdH code variant: the prior of the velocity coordinate of {@code x_1} has standard deviation
 *     {@code h} instead of 1 (VIN-VV, VIN-SV, VIN-SO(2); spec §4b)
 * @param perFrameInitialPair code variant for VIN-SV and VIN-SO(2): no LSTM; every frame is encoded on its own to
 *     {@code q(q_t)} and frames 1 and 2 give the start pair {@code (q_0, q_1)} (spec §4b, code difference (i))
 * @param seed seed of the initialisation and of the reparameterisation noise
 */
public record PixelVaeConfig(VinConfig.Kind kind, int latentDim, double timeStep, int depth, int encoderWidth,
    int decoderWidth, int lstmUnits, int potentialWidth, double learningRate, int epochs, boolean klAllEncoderOutputs,
    boolean velocityPriorStdH, boolean perFrameInitialPair, long seed) {

  public PixelVaeConfig {
    if (kind == null || !kind.rolledOut()) {
      throw new IllegalArgumentException("kind must be one of VIN_VV, VIN_SV, VIN_SO2, RESRNN, DVAE, got " + kind);
    }
    positive("latentDim", latentDim);
    if (!(timeStep > 0) || Double.isInfinite(timeStep)) {
      throw new IllegalArgumentException("timeStep must be a finite number > 0, got " + timeStep);
    }
    positive("depth", depth);
    positive("encoderWidth", encoderWidth);
    positive("decoderWidth", decoderWidth);
    positive("lstmUnits", lstmUnits);
    positive("potentialWidth", potentialWidth);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + learningRate);
    }
    positive("epochs", epochs);
    if (perFrameInitialPair && kind != VinConfig.Kind.VIN_SV && kind != VinConfig.Kind.VIN_SO2) {
      throw new IllegalArgumentException("perFrameInitialPair is for VIN_SV and VIN_SO2, got kind " + kind);
    }
    if (perFrameInitialPair && depth < 2) {
      throw new IllegalArgumentException("perFrameInitialPair needs depth >= 2 (two encoded frames), got " + depth);
    }
    if (klAllEncoderOutputs && !perFrameInitialPair) {
      throw new IllegalArgumentException("klAllEncoderOutputs needs perFrameInitialPair (the LSTM encoder has one"
          + " output), got perFrameInitialPair false");
    }
    if (velocityPriorStdH && (kind == VinConfig.Kind.RESRNN || kind == VinConfig.Kind.DVAE || perFrameInitialPair)) {
      throw new IllegalArgumentException("velocityPriorStdH is for VIN_VV, VIN_SV, VIN_SO2 with the LSTM encoder, got"
          + " kind " + kind + (perFrameInitialPair ? " with perFrameInitialPair" : ""));
    }
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + v);
    }
  }

  /** Spec defaults: d = 1, h = 1, depth 10, widths 1000, LSTM 50, potential 1000, lr 3e-4, 6000 epochs. */
  public static PixelVaeConfig defaults(VinConfig.Kind kind, long seed) {
    return new PixelVaeConfig(kind, 1, 1.0, 10, 1000, 1000, 50, 1000, 3e-4, 6000, false, false, false, seed);
  }

  /** Latent state coordinates {@code 2d} (q then velocity / momentum; ResRNN and DVAE: a free 2d-vector). */
  public int stateDim() {
    return 2 * latentDim;
  }

  /** Frames per training window, {@code depth + 1}. */
  public int window() {
    return depth + 1;
  }

  /** Decoder input width: {@code d} (VV, SV), {@code 2d} ({@code sin, cos} for SO(2); the state for ResRNN, DVAE). */
  public int decoderInput() {
    return kind == VinConfig.Kind.VIN_VV || kind == VinConfig.Kind.VIN_SV ? latentDim : 2 * latentDim;
  }

  /** The phase-space configuration of the dynamics cell (width {@code potentialWidth}, step {@code timeStep}). */
  public VinConfig dynamics() {
    return new VinConfig(kind, potentialWidth, timeStep, epochs, learningRate, VinConfig.Unroll.FULL, false,
        VinConfig.So2Force.GRADIENT, seed, org.latentdyn.train.Engine.DJL);
  }

  public PixelVaeConfig withKind(VinConfig.Kind v) {
    return new PixelVaeConfig(v, latentDim, timeStep, depth, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        learningRate, epochs, klAllEncoderOutputs, velocityPriorStdH, perFrameInitialPair, seed);
  }

  public PixelVaeConfig withLatentDim(int v) {
    return new PixelVaeConfig(kind, v, timeStep, depth, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        learningRate, epochs, klAllEncoderOutputs, velocityPriorStdH, perFrameInitialPair, seed);
  }

  public PixelVaeConfig withTimeStep(double v) {
    return new PixelVaeConfig(kind, latentDim, v, depth, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        learningRate, epochs, klAllEncoderOutputs, velocityPriorStdH, perFrameInitialPair, seed);
  }

  public PixelVaeConfig withDepth(int v) {
    return new PixelVaeConfig(kind, latentDim, timeStep, v, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        learningRate, epochs, klAllEncoderOutputs, velocityPriorStdH, perFrameInitialPair, seed);
  }

  /** Sets the encoder, decoder and potential widths together (small models for tests). */
  public PixelVaeConfig withWidths(int encoder, int decoder, int lstm, int potential) {
    return new PixelVaeConfig(kind, latentDim, timeStep, depth, encoder, decoder, lstm, potential, learningRate,
        epochs, klAllEncoderOutputs, velocityPriorStdH, perFrameInitialPair, seed);
  }

  public PixelVaeConfig withLearningRate(double v) {
    return new PixelVaeConfig(kind, latentDim, timeStep, depth, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        v, epochs, klAllEncoderOutputs, velocityPriorStdH, perFrameInitialPair, seed);
  }

  public PixelVaeConfig withEpochs(int v) {
    return new PixelVaeConfig(kind, latentDim, timeStep, depth, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        learningRate, v, klAllEncoderOutputs, velocityPriorStdH, perFrameInitialPair, seed);
  }

  public PixelVaeConfig withKlAllEncoderOutputs(boolean v) {
    return new PixelVaeConfig(kind, latentDim, timeStep, depth, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        learningRate, epochs, v, velocityPriorStdH, perFrameInitialPair, seed);
  }

  public PixelVaeConfig withVelocityPriorStdH(boolean v) {
    return new PixelVaeConfig(kind, latentDim, timeStep, depth, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        learningRate, epochs, klAllEncoderOutputs, v, perFrameInitialPair, seed);
  }

  public PixelVaeConfig withPerFrameInitialPair(boolean v) {
    return new PixelVaeConfig(kind, latentDim, timeStep, depth, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        learningRate, epochs, klAllEncoderOutputs, velocityPriorStdH, v, seed);
  }

  public PixelVaeConfig withSeed(long v) {
    return new PixelVaeConfig(kind, latentDim, timeStep, depth, encoderWidth, decoderWidth, lstmUnits, potentialWidth,
        learningRate, epochs, klAllEncoderOutputs, velocityPriorStdH, perFrameInitialPair, v);
  }

  /** Short label, e.g. {@code "pixel-vin-vv"}. */
  public String label() {
    return "pixel-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

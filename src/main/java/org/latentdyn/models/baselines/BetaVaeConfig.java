package org.latentdyn.models.baselines;

import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.train.Engine;

/**
 * Hyper-parameters of the beta-VAE baseline (spec dynae.md §8). It trains on single frames, so it has no lag.
 *
 * @param latentDim latent dimension d
 * @param hiddenWidth width of the encoder/decoder hidden layers (32)
 * @param hiddenLayers hidden layers of encoder and decoder (3)
 * @param beta weight of the KL term (1)
 * @param learningRate Adam learning rate (1e-3)
 * @param batchSize frames per minibatch (256)
 * @param epochs passes over the training frames (50)
 * @param validationFraction fraction of frames held out (0.2)
 * @param seed seed of all random streams
 * @param architecture MLP encoder/decoder for vector frames, CONV for image frames {@code [C, 64, 64]} given
 *     flattened (null: MLP); CONV always trains on {@link Engine#DJL}
 * @param conv sizes of the convolutional encoder/decoder (null: the paper's)
 * @param engine how a training step is computed ({@link Engine#JAVA} by default, {@link Engine#DJL} the reference)
 */
public record BetaVaeConfig(int latentDim, int hiddenWidth, int hiddenLayers, double beta, double learningRate,
    int batchSize, int epochs, double validationFraction, long seed, Engine engine,
    Architecture architecture, ConvOptions conv)
    implements BaselineConfig {

  public BetaVaeConfig {
    if (engine == null) {
      engine = Engine.JAVA;
    }
    if (architecture == null) {
      architecture = Architecture.MLP;
    }
    if (conv == null) {
      conv = ConvOptions.defaults();
    }
    if (architecture == Architecture.CONV) {
      engine = Engine.DJL; // the fused step has hand-written backward passes for the MLPs only
    }
    Checks.common(latentDim, hiddenWidth, hiddenLayers, beta, learningRate, batchSize, epochs, validationFraction);
  }

  /** d = 2, 3 x 32 hidden, beta 1, Adam 1e-3, batch 256, 50 epochs, 20% validation. */
  public static BetaVaeConfig defaults(long seed) {
    return new BetaVaeConfig(2, 32, 3, 1.0, 1e-3, 256, 50, 0.2, seed, Engine.JAVA, Architecture.MLP,
        ConvOptions.defaults());
  }

  @Override
  public String modelName() {
    return "betavae";
  }

  public BetaVaeConfig withLatentDim(int v) {
    return new BetaVaeConfig(v, hiddenWidth, hiddenLayers, beta, learningRate, batchSize, epochs, validationFraction,
        seed, engine, architecture, conv);
  }

  public BetaVaeConfig withBeta(double v) {
    return new BetaVaeConfig(latentDim, hiddenWidth, hiddenLayers, v, learningRate, batchSize, epochs,
        validationFraction, seed, engine, architecture, conv);
  }

  public BetaVaeConfig withBatchSize(int v) {
    return new BetaVaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, learningRate, v, epochs, validationFraction,
        seed, engine, architecture, conv);
  }

  public BetaVaeConfig withEpochs(int v) {
    return new BetaVaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, learningRate, batchSize, v,
        validationFraction, seed, engine, architecture, conv);
  }

  public BetaVaeConfig withSeed(long v) {
    return new BetaVaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, learningRate, batchSize, epochs,
        validationFraction, v, engine, architecture, conv);
  }

  @Override
  public BetaVaeConfig withEngine(Engine v) {
    return new BetaVaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, learningRate, batchSize, epochs,
        validationFraction,
        seed, v, architecture, conv);
  }

  @Override
  public BetaVaeConfig withArchitecture(Architecture v) {
    return new BetaVaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, learningRate, batchSize, epochs,
        validationFraction, seed, engine, v, conv);
  }

  @Override
  public BetaVaeConfig withConv(ConvOptions v) {
    return new BetaVaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, learningRate, batchSize, epochs,
        validationFraction, seed, engine, architecture, v);
  }
}

package org.latentdyn.models.baselines;

import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.train.Engine;

/**
 * Hyper-parameters of the SDE-VAE baseline (Hasan et al. 2021; spec dynae.md §8), trained on lagged pairs.
 *
 * @param latentDim latent dimension d
 * @param hiddenWidth width of the encoder/decoder hidden layers (32)
 * @param hiddenLayers hidden layers of encoder and decoder (3)
 * @param fieldWidth width of the force net's two tanh hidden layers (32)
 * @param beta weight of the latent (prior + transition - entropy) term (1)
 * @param nu precision of the stationary prior N(0, 1/nu I) on z_t (0.0065, the authors' three-well value)
 * @param learningRate Adam learning rate of all networks, trained jointly (1e-3)
 * @param batchSize pairs per minibatch (256)
 * @param epochs passes over the training pairs (50)
 * @param lag frames between the two members of a pair (1)
 * @param validationFraction fraction of pairs held out (0.2)
 * @param seed seed of all random streams
 * @param architecture MLP encoder/decoder for vector frames, CONV for image frames {@code [C, 64, 64]} given
 *     flattened (null: MLP); CONV always trains on {@link Engine#DJL}
 * @param conv sizes of the convolutional encoder/decoder (null: the paper's)
 * @param engine how a training step is computed ({@link Engine#JAVA} by default, {@link Engine#DJL} the reference)
 */
public record SdeVaeConfig(int latentDim, int hiddenWidth, int hiddenLayers, int fieldWidth, double beta, double nu,
    double learningRate, int batchSize, int epochs, int lag, double validationFraction, long seed, Engine engine,
    Architecture architecture, ConvOptions conv)
    implements BaselineConfig {

  public SdeVaeConfig {
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
    Checks.atLeast("fieldWidth", fieldWidth, 1);
    Checks.positive("nu", nu);
    Checks.atLeast("lag", lag, 1);
  }

  /** d = 2, 3 x 32 hidden, 32-wide force net, beta 1, nu 0.0065, Adam 1e-3, batch 256, 50 epochs, lag 1. */
  public static SdeVaeConfig defaults(long seed) {
    return new SdeVaeConfig(2, 32, 3, 32, 1.0, 0.0065, 1e-3, 256, 50, 1, 0.2, seed, Engine.JAVA, Architecture.MLP,
        ConvOptions.defaults());
  }

  @Override
  public String modelName() {
    return "sdevae";
  }

  /** 1/2: the transition prior N(z_{t+lag}; z_t + f(z_t), I) has increments of covariance I = 2 D I. */
  @Override
  public double latentDiffusion() {
    return 0.5;
  }

  public SdeVaeConfig withLatentDim(int v) {
    return new SdeVaeConfig(v, hiddenWidth, hiddenLayers, fieldWidth, beta, nu, learningRate, batchSize, epochs, lag,
        validationFraction, seed, engine, architecture, conv);
  }

  public SdeVaeConfig withBeta(double v) {
    return new SdeVaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, v, nu, learningRate, batchSize, epochs,
        lag, validationFraction, seed, engine, architecture, conv);
  }

  public SdeVaeConfig withNu(double v) {
    return new SdeVaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, v, learningRate, batchSize, epochs,
        lag, validationFraction, seed, engine, architecture, conv);
  }

  public SdeVaeConfig withBatchSize(int v) {
    return new SdeVaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, nu, learningRate, v, epochs, lag,
        validationFraction, seed, engine, architecture, conv);
  }

  public SdeVaeConfig withEpochs(int v) {
    return new SdeVaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, nu, learningRate, batchSize, v,
        lag, validationFraction, seed, engine, architecture, conv);
  }

  public SdeVaeConfig withLag(int v) {
    return new SdeVaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, nu, learningRate, batchSize,
        epochs, v, validationFraction, seed, engine, architecture, conv);
  }

  public SdeVaeConfig withSeed(long v) {
    return new SdeVaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, nu, learningRate, batchSize,
        epochs, lag, validationFraction, v, engine, architecture, conv);
  }

  @Override
  public SdeVaeConfig withEngine(Engine v) {
    return new SdeVaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, nu, learningRate, batchSize, epochs,
        lag, validationFraction, seed, v, architecture, conv);
  }

  @Override
  public SdeVaeConfig withArchitecture(Architecture v) {
    return new SdeVaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, nu, learningRate, batchSize,
        epochs, lag, validationFraction, seed, engine, v, conv);
  }

  @Override
  public SdeVaeConfig withConv(ConvOptions v) {
    return new SdeVaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, nu, learningRate, batchSize,
        epochs, lag, validationFraction, seed, engine, architecture, v);
  }
}

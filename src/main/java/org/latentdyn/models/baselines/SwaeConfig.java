package org.latentdyn.models.baselines;

import org.latentdyn.train.Engine;

/**
 * Hyper-parameters of the sliced-Wasserstein autoencoder baseline (spec dynae.md §8). It trains on single
 * frames, so it has no lag.
 *
 * @param latentDim latent dimension d
 * @param hiddenWidth width of the encoder/decoder hidden layers (32)
 * @param hiddenLayers hidden layers of encoder and decoder (3)
 * @param beta weight of the sliced-Wasserstein term (10, as DynAE)
 * @param projections sliced-Wasserstein directions L, fresh and seeded every step (50)
 * @param learningRate Adam learning rate (1e-3)
 * @param batchSize frames per minibatch (256)
 * @param epochs passes over the training frames (50)
 * @param validationFraction fraction of frames held out (0.2)
 * @param seed seed of all random streams
 * @param engine how a training step is computed ({@link Engine#JAVA} by default, {@link Engine#DJL} the reference)
 */
public record SwaeConfig(int latentDim, int hiddenWidth, int hiddenLayers, double beta, int projections,
    double learningRate, int batchSize, int epochs, double validationFraction, long seed, Engine engine)
    implements BaselineConfig {

  public SwaeConfig {
    if (engine == null) {
      engine = Engine.JAVA;
    }
    Checks.common(latentDim, hiddenWidth, hiddenLayers, beta, learningRate, batchSize, epochs, validationFraction);
    Checks.atLeast("projections", projections, 1);
  }

  /** d = 2, 3 x 32 hidden, beta 10, L = 50, Adam 1e-3, batch 256, 50 epochs, 20% validation. */
  public static SwaeConfig defaults(long seed) {
    return new SwaeConfig(2, 32, 3, 10.0, 50, 1e-3, 256, 50, 0.2, seed, Engine.JAVA);
  }

  @Override
  public String modelName() {
    return "swae";
  }

  public SwaeConfig withLatentDim(int v) {
    return new SwaeConfig(v, hiddenWidth, hiddenLayers, beta, projections, learningRate, batchSize, epochs,
        validationFraction, seed, engine);
  }

  public SwaeConfig withBeta(double v) {
    return new SwaeConfig(latentDim, hiddenWidth, hiddenLayers, v, projections, learningRate, batchSize, epochs,
        validationFraction, seed, engine);
  }

  public SwaeConfig withBatchSize(int v) {
    return new SwaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, projections, learningRate, v, epochs,
        validationFraction, seed, engine);
  }

  public SwaeConfig withEpochs(int v) {
    return new SwaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, projections, learningRate, batchSize, v,
        validationFraction, seed, engine);
  }

  public SwaeConfig withSeed(long v) {
    return new SwaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, projections, learningRate, batchSize, epochs,
        validationFraction, v, engine);
  }

  @Override
  public SwaeConfig withEngine(Engine v) {
    return new SwaeConfig(latentDim, hiddenWidth, hiddenLayers, beta, projections, learningRate, batchSize, epochs,
        validationFraction, seed, v);
  }
}

package org.latentdyn.models.baselines;

/**
 * What the shared trainer needs from the configuration of any baseline (spec dynae.md §8): the encoder/decoder
 * of spec §2, the regulariser weight beta and the Adam / minibatch / split settings. Implemented by
 * {@link BetaVaeConfig}, {@link SwaeConfig} and {@link SdeVaeConfig}.
 */
public sealed interface BaselineConfig permits BetaVaeConfig, SwaeConfig, SdeVaeConfig {
  /** The model name as on the command line ({@code betavae}, {@code swae}, {@code sdevae}). */
  String modelName();

  int latentDim();

  int hiddenWidth();

  int hiddenLayers();

  double beta();

  double learningRate();

  int batchSize();

  int epochs();

  double validationFraction();

  long seed();

  /** How a training step is computed. */
  org.latentdyn.train.Engine engine();

  /** The same configuration on another step engine. */
  BaselineConfig withEngine(org.latentdyn.train.Engine engine);

  /** MLP or convolutional encoder/decoder (spec §2). */
  org.latentdyn.nn.Architecture architecture();

  /** Sizes of the convolutional encoder/decoder (used when the architecture is CONV). */
  org.latentdyn.nn.ConvOptions conv();

  /** The same configuration with another encoder/decoder architecture. */
  BaselineConfig withArchitecture(org.latentdyn.nn.Architecture architecture);

  /** The same configuration with other convolutional sizes. */
  BaselineConfig withConv(org.latentdyn.nn.ConvOptions conv);

  /**
   * The diffusion constant per lag that the model's prior gives its latent ({@code D} with increments of covariance
   * {@code 2 D I}), or NaN for a model without a dynamical prior (beta-VAE, SWAE: their scale is set by a marginal
   * prior instead).
   */
  default double latentDiffusion() {
    return Double.NaN;
  }
}

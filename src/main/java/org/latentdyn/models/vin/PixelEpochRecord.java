package org.latentdyn.models.vin;

/**
 * One epoch of pixel-VAE training (one full-batch Adam step), evaluated before the step.
 *
 * @param epoch 0-based
 * @param elbo batch-averaged ELBO (one reparameterised sample per window), nats per window
 * @param logLikelihood batch-averaged Bernoulli log-likelihood summed over the window's frames and pixels
 * @param kl batch-averaged KL of the posterior to the prior
 * @param seconds wall-clock time of the epoch
 */
public record PixelEpochRecord(int epoch, double elbo, double logLikelihood, double kl, double seconds) {}

package org.latentdyn.models.vin;

/**
 * One training epoch (one full-batch Adam step).
 *
 * @param epoch 0-based
 * @param window points unrolled per trajectory (all observations for NN and HNN)
 * @param nll Gaussian negative log-likelihood per observed coordinate, before the step
 * @param noiseStd the learned noise standard deviation {@code exp(log sigma^2 / 2)}, before the step
 * @param seconds wall-clock time of the epoch
 */
public record VinEpochRecord(int epoch, int window, double nll, double noiseStd, double seconds) {}

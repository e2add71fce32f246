package org.latentdyn.models.nld;

/**
 * One epoch of NLD training (spec nld.md §7-8), as written to {@code history.json}. Losses are means per
 * sequence over the epoch's steps.
 *
 * @param epoch epoch index
 * @param loss training loss {@code nll + w (kappa pathKl + kl0)}
 * @param nll reconstruction term {@code -sum_k log p(x_k | z_k)}
 * @param pathKl path KL {@code sum_k h |f_k / g|^2} (without kappa)
 * @param kl0 KL of the initial state
 * @param klWeight KL weight w after the epoch's last step
 * @param exactElbo the ELBO {@code -(nll + pathKl / 2 + kl0)} (kappa 1/2, w 1; a lower bound of log p(x))
 * @param validationLoss the training loss (current w) on the held-out sequences, NaN when none are held out
 * @param beta learned inverse temperature after the epoch
 * @param c energy stiffness softplus(c_raw) after the epoch
 * @param learningRate learning rate after the epoch
 * @param clipped steps in the epoch whose gradient norm was clipped
 * @param seconds wall-clock seconds of the epoch
 */
public record NldEpochRecord(int epoch, double loss, double nll, double pathKl, double kl0, double klWeight,
    double exactElbo, double validationLoss, double beta, double c, double learningRate, int clipped,
    double seconds) {}

package org.latentdyn.models.vin;

/**
 * Forecast scores of spec §5 ("Pixels", Table 1) over {@code frames} decoded frames from {@code t = 0} against the
 * observed frames, {@code yhat} the Bernoulli mean.
 *
 * @param rmse {@code sqrt(mean over frames of sum over pixels (yhat - y)^2)} (the spec default)
 * @param logLikelihood mean over frames of {@code sum over pixels log p(y | x)} (nats; Table 1 prints it / 100)
 * @param rmseTotal the alternative pairing: {@code sqrt(sum over frames and pixels (yhat - y)^2)}
 * @param logLikelihoodTotal the alternative pairing: {@code sum over frames and pixels log p(y | x)}
 * @param frames number of scored frames
 */
public record PixelScores(double rmse, double logLikelihood, double rmseTotal, double logLikelihoodTotal,
    int frames) {}

package org.latentdyn.kinetics;

/**
 * One rate counted between committed states by {@link CoreTransitions}.
 *
 * @param from state left
 * @param to state entered
 * @param transitions number of committed changes {@code from -> to}
 * @param committedFrames frames spent committed to {@code from}
 * @param perFrame {@code transitions / committedFrames}, transitions per frame (NaN when never committed)
 * @param poissonError {@code sqrt(transitions) / committedFrames}: the count taken as Poisson (0 when no
 *     transition was seen; read {@code transitions} to judge)
 * @param bootstrapError standard deviation of the rate over block-bootstrap replicates (NaN when not computed)
 */
public record Rate(String from, String to, long transitions, long committedFrames, double perFrame,
    double poissonError, double bootstrapError) {}

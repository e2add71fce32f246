/**
 * Kinetics of discrete and continuous trajectories, to compare a learned latent space with molecular-dynamics
 * data: k-means microstates, transition counts, Markov state models and rates between metastable states.
 *
 * <p>Pipeline, estimator to model (as deeptime's {@code KMeans -> TransitionCountEstimator ->
 * MaximumLikelihoodMSM}):
 * <ol>
 *   <li>{@link org.latentdyn.kinetics.KMeans#fit} points {@code [points, dim]} (rows, flat row-major arrays or a
 *       {@link org.latentdyn.data.Trajectory} {@code [frames, features]}) into a
 *       {@link org.latentdyn.kinetics.KMeansModel}, whose {@code assign} gives a discrete trajectory
 *       {@code int[frames]} of microstate labels {@code 0 .. k-1};
 *   <li>{@link org.latentdyn.kinetics.CountMatrix#count} counts transitions at lag {@code tau} over discrete
 *       trajectories {@code int[trajectories][frames]}, never across a trajectory boundary, and restricts them to
 *       the largest strongly connected set ({@link org.latentdyn.kinetics.ConnectedSet} reports kept and dropped
 *       labels);
 *   <li>{@link org.latentdyn.kinetics.MaximumLikelihoodMsm#fit} estimates a (reversible or non-reversible)
 *       {@link org.latentdyn.kinetics.MarkovStateModel}: transition matrix, stationary distribution, eigenvalues,
 *       implied timescales, mean first-passage times and coarse-grained rates between sets of microstates;
 *       {@link org.latentdyn.kinetics.ImpliedTimescales} scans the lag;
 *   <li>{@link org.latentdyn.kinetics.CoreTransitions} counts committed transitions between named metastable
 *       states directly on a trajectory, with Poisson and block-bootstrap errors.
 * </ol>
 *
 * <p>Units: lags and times in frames, rates in transitions per frame
 * ({@link org.latentdyn.kinetics.RateMatrix#perTime} converts). States of a fitted Markov model are indexed by
 * their position in its active set; {@code labels()} and {@code statesOf} translate. Randomness comes from
 * {@code java.util.SplittableRandom(seed)}; the same seed gives the same numbers on any number of threads.
 *
 * <p>Plain Java on EJML; no DJL.
 */
package org.latentdyn.kinetics;

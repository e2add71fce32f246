/**
 * Model dynamics for generating and checking time-series data, plain Java (no neural-network engine).
 *
 * <p>Layering, as in a solver library (diffrax, torchsde): a {@link org.latentdyn.dynamics.Potential}
 * (energy {@code U}, analytic gradient, force {@code -grad U}) or any
 * {@link org.latentdyn.dynamics.ForceField}, and a {@link org.latentdyn.dynamics.DiffusionField} {@code M(x)}
 * define an {@link org.latentdyn.dynamics.Sde} (drift, diagonal noise), e.g.
 * {@link org.latentdyn.dynamics.OverdampedLangevin} (DynAE paper Eq. 4-5) or
 * {@link org.latentdyn.dynamics.UnderdampedLangevin}; an {@link org.latentdyn.dynamics.SdeIntegrator}
 * ({@link org.latentdyn.dynamics.EulerMaruyama}, {@link org.latentdyn.dynamics.Baoab}) advances it one step with
 * explicit N(0, 1) noise; the {@link org.latentdyn.dynamics.Simulator} runs it over the time grid of
 * {@link org.latentdyn.dynamics.SimulationOptions}. {@link org.latentdyn.dynamics.ObservationMap}s
 * ({@link org.latentdyn.dynamics.ThreeWellWarp}, {@link org.latentdyn.dynamics.RandomMlpEmbedding}) turn
 * simulated states into observed features.
 *
 * <p>Discrete hidden states: {@link org.latentdyn.dynamics.GaussianHmm} (a Markov chain with Gaussian emissions,
 * its sampler and forward filter) and {@link org.latentdyn.dynamics.MarkovChainBenchmark}, the Neural Langevin
 * Dynamics benchmark of spec nld.md §9 (sequences {@code [sequences, length, features]}, states
 * {@code [sequences, length]}).
 *
 * <p>Shapes: states are {@code double[dim]}; trajectories are {@link org.latentdyn.data.Trajectory}
 * {@code [frames, features]} (float, row-major); underdamped states are {@code [q (n), p (n)]} and their
 * recordings {@link org.latentdyn.dynamics.PhaseSpaceTrajectory} hold two {@code [frames, n]} trajectories.
 *
 * <p>Units: energies in the unit of {@code kT}; time in the unit in which {@code M} (or {@code D}) is given.
 * Randomness: {@code java.util.SplittableRandom(seed)}; same seed, same numbers.
 */
package org.latentdyn.dynamics;

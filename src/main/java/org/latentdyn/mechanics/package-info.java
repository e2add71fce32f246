/**
 * Hamiltonian mechanics for Variational Integrator Networks (spec vin.md §2-§3), plain Java (no neural-network
 * engine).
 *
 * <p>Systems: a {@link org.latentdyn.mechanics.HamiltonianSystem} ({@link org.latentdyn.mechanics.Pendulum},
 * {@link org.latentdyn.mechanics.MassSpring}, or any {@link org.latentdyn.dynamics.Potential} with an
 * {@link org.latentdyn.mechanics.InverseMass}); its {@link org.latentdyn.mechanics.GroundTruth} from Hipparchus'
 * DOP853 at rtol 1e-12. Cells, each a {@link org.latentdyn.mechanics.PhaseSpaceIntegrator}:
 * {@link org.latentdyn.mechanics.VelocityVerlet}, {@link org.latentdyn.mechanics.StormerVerlet},
 * {@link org.latentdyn.mechanics.So2Step} (symplectic) and {@link org.latentdyn.mechanics.ExplicitEuler} (the
 * ResRNN cell, for contrast). Data: {@link org.latentdyn.mechanics.PhaseSpaceData} (spec §3a noisy phase space;
 * §3b pixel-experiment starts).
 *
 * <p>Shapes: phase-space states are {@code double[2d]} = {@code (q, p)}; batches are
 * {@link org.latentdyn.mechanics.PhaseSpaceArray} {@code [trajectories, frames, 2d]}, row-major; rollouts of K
 * steps are {@code [N, K+1, 2d]} with index 0 the start. Randomness: explicit seeds, one derived stream per
 * purpose (starts, observation noise, derivative noise).
 */
package org.latentdyn.mechanics;

/**
 * The energy-landscape analysis of Neural Langevin Dynamics (NLD spec §10): wells of a (learned or analytic)
 * energy {@code E : R^d -> R} from its stationary law {@code exp(-beta E)}, their occupancies, and segmentation of
 * latent sequences by well.
 *
 * <ul>
 *   <li>{@link org.latentdyn.wells.Ghmc} samples {@code exp(-beta E)} from many chains (§10.2);
 *   <li>{@link org.latentdyn.wells.GradientFlow} carries points {@code [points, dim]} down to their minima (§10.1);
 *   <li>{@link org.latentdyn.wells.WellAnalysis} clusters the flowed samples, refines minima by Newton's method and
 *       gives the sampled, 0th-order and 2nd-order (Laplace) occupancies with their l1 errors (§10.2-10.4);
 *   <li>{@link org.latentdyn.wells.Segmentation} labels latent positions {@code [sequences, length, dim]} by well
 *       and scores them against true states {@code [sequences, length]} under the best permutation (§10.5);
 *   <li>{@link org.latentdyn.wells.MixtureEnergy} is the known-answer Gaussian-mixture energy (§13.5).
 * </ul>
 *
 * <p>Plain Java double precision behind {@link org.latentdyn.dynamics.Potential} (a learned energy plugs in through
 * its exported weights); no DJL. Randomness comes from {@code java.util.SplittableRandom(seed)}, split per chain, so
 * the same seed gives the same numbers on any number of threads.
 */
package org.latentdyn.wells;

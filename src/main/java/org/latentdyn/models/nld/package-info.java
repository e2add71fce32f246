/**
 * Neural Langevin Dynamics (Koop, Peletier, Portegies, Menkovski, NLDL 2024; spec nld.md): a latent SDE whose
 * prior drift is the gradient of a learned energy, trained as a variational autoencoder through the unrolled
 * Euler-Maruyama solver.
 *
 * <ul>
 *   <li>{@link org.latentdyn.models.nld.Nld#fit} (estimator) with {@link org.latentdyn.models.nld.NldConfig}
 *       (presets O0-U4 of spec §8) returns an {@link org.latentdyn.models.nld.NldModel}: the learned energy as a
 *       plain-Java {@link org.latentdyn.models.nld.EnergyPotential}, beta (and friction, inverse mass), sampled
 *       posterior paths, save/load, and the per-epoch {@link org.latentdyn.models.nld.NldEpochRecord} history.
 *   <li>The energy {@code E_theta(z) = N(z) + c |z|^2} of spec §2 is {@link org.latentdyn.models.nld.EnergyNetwork}
 *       (forward pass and an explicit, differentiable reverse pass for {@code grad E}, spec §12), evaluated in
 *       double precision for analysis by {@link org.latentdyn.models.nld.EnergyPotential}.
 *   <li>{@code NldNetworks} (package-private) holds every network on one flat parameter vector: an online GRU
 *       encoder written with explicit ops, the context layer, q(z0|x), p(z0), the softplus control net, the
 *       linear decoder and the learned softplus beta (gamma and M^-1 for the underdamped variant).
 *   <li>{@link org.latentdyn.models.nld.ReleasedWeights} maps the authors' released PyTorch state dicts (spec §8,
 *       §13 item 9) onto that layout, so their energies run through the same analysis.
 * </ul>
 *
 * <p>Shapes: public data {@code [sequences, steps, features]} and encodings {@code [sequences, steps, latentDim]},
 * row-major float arrays. Internally time-major: observations {@code [L, batch, D]}, contexts
 * {@code [L, batch, C + D]}, Brownian increments {@code [L - 1, batch, d]}; latent positions {@code z [batch,
 * latentDim]}; energies {@code [batch]}; energy gradients {@code [batch, latentDim]}. NDArrays do not leave this
 * package.
 */
package org.latentdyn.models.nld;

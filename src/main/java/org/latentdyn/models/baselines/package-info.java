/**
 * The baselines of the DynAE paper's Table 1 (spec dynae.md §8) on DynAE's encoder/decoder: beta-VAE, SWAE and
 * SDE-VAE. {@link org.latentdyn.models.baselines.Baselines#fit} takes a {@code Dataset} and one of
 * {@link org.latentdyn.models.baselines.BetaVaeConfig}, {@link org.latentdyn.models.baselines.SwaeConfig},
 * {@link org.latentdyn.models.baselines.SdeVaeConfig} and returns a
 * {@link org.latentdyn.models.baselines.BaselineModel}. Shapes: observations {@code [frames, features]},
 * latents {@code [frames, latentDim]}; a training minibatch is {@code [b, features]} (single frames) or
 * {@code [2b, features]} (X_t rows then X_{t+lag} rows). NDArrays do not leave this package.
 */
package org.latentdyn.models.baselines;

/**
 * Neural Langevin Dynamics (Koop, Peletier, Portegies, Menkovski, NLDL 2024; spec nld.md). So far: the energy
 * {@code E_theta(z) = N(z) + c |z|^2} of spec §2 as {@link org.latentdyn.models.nld.EnergyNetwork} (forward pass and
 * an explicit, differentiable reverse pass for {@code grad E}, spec §12) and its plain-Java double-precision twin
 * {@link org.latentdyn.models.nld.EnergyPotential} for analysis.
 *
 * <p>Shapes: latent positions {@code z [batch, latentDim]}; energies {@code [batch]}; energy gradients
 * {@code [batch, latentDim]}. Weights are one flat float vector in the layout documented on
 * {@link org.latentdyn.models.nld.EnergyNetwork}. NDArrays do not leave this package.
 */
package org.latentdyn.models.nld;

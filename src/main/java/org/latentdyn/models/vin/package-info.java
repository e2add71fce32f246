/**
 * Variational Integrator Networks on phase-space data (Sæmundsson, Terenin, Hofmann, Deisenroth, AISTATS 2020;
 * spec vin.md §2, §4a, §5) and their baselines ResRNN, DVAE, NN and HNN.
 *
 * <ul>
 *   <li>{@link org.latentdyn.models.vin.Vin#fit} (estimator) with {@link org.latentdyn.models.vin.VinConfig}
 *       returns a {@link org.latentdyn.models.vin.VinModel}: forecasts in plain Java (mechanics integrators over
 *       the learned {@link org.latentdyn.models.vin.VinPotential}, Hipparchus Dormand-Prince for NN/HNN), the
 *       learned noise, fitted initial states, save/load and the {@link org.latentdyn.models.vin.VinEpochRecord}
 *       history.
 *   <li>{@code VinNetworks} (package-private): the cells as NDArray ops with {@code grad U} in closed form, so one
 *       gradient collector carries the second derivatives (the {@link org.latentdyn.train.Engine#DJL} reference);
 *       {@code FusedVin} (package-private): the same loss with a hand-written reverse pass in plain Java double
 *       precision (the default {@link org.latentdyn.train.Engine#JAVA}); {@code VinLayout}: the flat parameter
 *       vector.
 * </ul>
 *
 * <p>Shapes: data {@code [trajectories, frames, 2d]} ({@code q} then {@code p}); cell states {@code [batch, 2d]};
 * positions {@code [batch, d]}; rollouts {@code [batch, points, 2d]}, index 0 the start. NDArrays do not leave
 * this package.
 */
package org.latentdyn.models.vin;

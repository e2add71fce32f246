/**
 * Evaluation of learned representations against ground-truth slow variables (spec section 5).
 *
 * <p>Shapes: a latent is {@code double[frames][latentDim]}, a ground truth {@code double[frames][truthDim]};
 * row {@code n} of both belongs to the same frame. The central number is the isometry-corrected MSE
 * {@code L_z} of Eq. 9 of Wang &amp; Tiwary, "From latent dynamics to meaningful representations"
 * ({@link org.latentdyn.metrics.Procrustes}, {@link org.latentdyn.metrics.IsometryMetrics}).
 *
 * <p>{@link org.latentdyn.metrics.Segmentation} scores hidden-state labels {@code int[sequences][length]} against
 * the true states under the best relabelling, and the occupancy error (spec nld.md §10.4-10.5).
 *
 * <p>Plain Java (Hipparchus for the SVD); no DJL.
 */
package org.latentdyn.metrics;

/**
 * Analysis of point clouds in latent space: regular-space clustering and Voronoi assignment (spec section 4),
 * well-tempered resampling of bins (paper Eq. 13), and free-energy surfaces {@code F = -kT log p} from
 * histograms (paper Fig. 2 and 4).
 *
 * <p>Shapes: points are {@code [points, dim]}, given either as {@code double[points][dim]} or as flat
 * row-major arrays ({@code float[]} or {@code double[]} of length {@code points * dim}) with an explicit
 * {@code dim}. Analysis returns immutable records and models; rendering lives elsewhere.
 *
 * <p>Plain Java; no DJL.
 */
package org.latentdyn.analysis;

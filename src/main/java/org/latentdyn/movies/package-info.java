/**
 * Image movies with known factors for the DynAE experiments of paper Table 2 (spec datasets.md, "Image movies";
 * dynae.md §7): {@link org.latentdyn.movies.DSprites} (dSprites-2 and -3, a heart on the dSprites grid),
 * {@link org.latentdyn.movies.DnaBlob} (a fluorescent spot in Brownian motion with camera noise) and
 * {@link org.latentdyn.movies.Shapes3dLike} (a ray-cast room with five factors). Factors on grids move by a
 * reflecting discrete Gaussian {@link org.latentdyn.movies.FactorWalk}, whose long-run distribution is uniform.
 * Plain Java: no neural engine.
 *
 * <p>Shapes: a frame is {@code [channels, 64, 64]} in C order with values in {@code [0, 1]}, row 0 at the top;
 * a movie file is {@code [frames, channels, 64, 64]} float32 and its ground truth {@code [frames, factors]}.
 */
package org.latentdyn.movies;

/**
 * Readers of real image movies (issue 10 part 3): {@link org.latentdyn.movies.io.MovieReader} opens {@code .npy}
 * (memory-mapped), {@code .npz}, multi-page TIFF and PNG-folder movies and hands out float frames
 * {@code [count, channels, 64, 64]} after an optional crop, area-averaging resize and percentile clip.
 * Plain Java (the JDK's {@code javax.imageio} decodes TIFF and PNG); no neural engine.
 */
package org.latentdyn.movies.io;

/**
 * Time-series data in plain Java (no DJL): trajectories, datasets of several trajectories, time-lagged
 * pairs and seeded splits.
 *
 * <h2>Shapes and conventions</h2>
 * <ul>
 *   <li>A {@link org.latentdyn.data.Trajectory} is {@code [frames, features]}, float, one contiguous
 *       row-major array: value {@code (t, j)} sits at {@code t * features + j}. Frames are equally spaced
 *       in time; the time step lives with the model or generator, not here.
 *   <li>A {@link org.latentdyn.data.Dataset} is a list of trajectories with the same {@code features}.
 *       Its <em>global frame index</em> runs over trajectory 0, then 1, ...: trajectory {@code i}, frame
 *       {@code t} is global index {@code offset(i) + t}.
 *   <li>{@link org.latentdyn.data.LaggedPairs} are pairs {@code (X_t, X_{t+lag})} as two int arrays of
 *       global indices; they never cross a trajectory boundary, so trajectories of lengths {@code n_i} give
 *       {@code sum_i max(0, n_i - lag)} pairs.
 *   <li>Splits ({@link org.latentdyn.data.Splits}, {@link org.latentdyn.data.LaggedPairs#split}) are
 *       seeded: the same seed gives the same split; the training part has {@code floor(fraction * n)}
 *       items.
 *   <li>Validation failures are {@link java.lang.IllegalArgumentException}s that name the parameter, the
 *       value and what was expected; {@link org.latentdyn.data.DataChecks} holds reusable checks.
 * </ul>
 *
 * <p>File formats are in {@link org.latentdyn.data.io}.
 */
package org.latentdyn.data;

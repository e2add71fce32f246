package org.latentdyn.train;

import java.util.List;
import java.util.Map;

/**
 * The complete training state after an epoch: parameter vectors and optimiser moments by name, and the
 * history so far. Random streams are derived from (seed, epoch), so this is all a resumed run needs to
 * reproduce the uninterrupted run exactly.
 *
 * @param nextEpoch the epoch to run next
 * @param vectors named float vectors (parameters and Adam moments)
 * @param scalars named numbers (Adam step counts and learning rates)
 * @param history the epochs completed so far
 */
public record Checkpoint(int nextEpoch, Map<String, float[]> vectors, Map<String, Double> scalars,
    List<EpochRecord> history) {}

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
 * @param doubles named double vectors, for trainers that keep their state in double precision (stored as
 *     float64, so a resume is exact); names distinct from those of {@code vectors}
 */
public record Checkpoint(int nextEpoch, Map<String, float[]> vectors, Map<String, Double> scalars,
    List<EpochRecord> history, Map<String, double[]> doubles) {

  public Checkpoint {
    doubles = doubles == null ? Map.of() : doubles;
    for (String k : doubles.keySet()) {
      if (vectors.containsKey(k)) {
        throw new IllegalArgumentException("checkpoint vector '" + k + "' is named both as float and as double");
      }
    }
  }

  /** A checkpoint of float vectors only. */
  public Checkpoint(int nextEpoch, Map<String, float[]> vectors, Map<String, Double> scalars,
      List<EpochRecord> history) {
    this(nextEpoch, vectors, scalars, history, Map.of());
  }
}

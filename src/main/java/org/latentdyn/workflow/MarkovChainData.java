package org.latentdyn.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.data.io.NpyRowWriter;
import org.latentdyn.data.io.Npz;
import org.latentdyn.dynamics.GaussianHmm;
import org.latentdyn.dynamics.MarkovChainBenchmark;
import org.latentdyn.metrics.Segmentation;

/**
 * Writes the Neural Langevin Dynamics benchmark (spec nld.md §9) and scores the Bayes-optimal forward filter on it.
 * Files: {@code train/observations.npy} (float32 {@code [N, L, features]}, streamed), {@code train/states.npy}
 * (int32 {@code [N, L]}), the same under {@code test/}, and {@code emission.npz} with {@code means [3, features]},
 * {@code covariances [3, features, features]} and {@code transition [3, 3]} (float64). Memory: the states
 * (4 bytes per frame) and one sequence of observations.
 */
public final class MarkovChainData {
  /** The forward filter is scored on the first this many test sequences (§9, §10.5), full length. */
  public static final int FILTERED_SEQUENCES = 500;

  private MarkovChainData() {}

  /**
   * What was written.
   *
   * @param model the generating parameters
   * @param bayesFilter accuracy of the forward filter with the true parameters, under the §10.5 best permutation
   * @param filteredSequences how many test sequences the filter was scored on
   * @param seconds wall time of generation and writing
   */
  public record Result(GaussianHmm model, Segmentation.Accuracy bayesFilter, int filteredSequences, double seconds) {}

  /**
   * Generates and writes the data; {@code files} maps a relative name such as {@code "train/states.npy"} to the path
   * to write (a staging folder's, for an all-or-nothing output).
   */
  public static Result write(MarkovChainBenchmark.Options options, Function<String, Path> files) throws IOException {
    long t0 = System.nanoTime();
    int length = options.length();
    int features = options.features();
    int filtered = Math.min(FILTERED_SEQUENCES, options.testSequences());
    int[] trainStates = new int[options.trainSequences() * length];
    int[] testStates = new int[options.testSequences() * length];
    List<int[]> filterLabels = new ArrayList<>();
    List<int[]> filterTruth = new ArrayList<>();
    GaussianHmm model = MarkovChainBenchmark.model(options); // the same parameters generate() draws
    try (NpyRowWriter train = NpyRowWriter.grouped(create(files, "train/observations.npy"), length, features);
        NpyRowWriter test = NpyRowWriter.grouped(create(files, "test/observations.npy"), length, features)) {
      MarkovChainBenchmark.generate(options,
          (n, states, obs) -> {
            System.arraycopy(states, 0, trainStates, n * length, length);
            writeRows(train, obs, length, features);
          },
          (n, states, obs) -> {
            System.arraycopy(states, 0, testStates, n * length, length);
            writeRows(test, obs, length, features);
            if (n < filtered) {
              filterLabels.add(model.filteredStates(obs));
              filterTruth.add(states.clone());
            }
          });
      train.commit();
      test.commit();
    }
    Npy.write(create(files, "train/states.npy"), NpyArray.ofInts(trainStates, options.trainSequences(), length));
    Npy.write(create(files, "test/states.npy"), NpyArray.ofInts(testStates, options.testSequences(), length));
    Npz.write(create(files, "emission.npz"), emission(model));
    Segmentation.Accuracy accuracy = Segmentation.accuracy(filterLabels.toArray(int[][]::new),
        filterTruth.toArray(int[][]::new), model.states());
    return new Result(model, accuracy, filtered, (System.nanoTime() - t0) / 1e9);
  }

  /** {@code means}, {@code covariances} and {@code transition} as float64 arrays. */
  public static Map<String, NpyArray> emission(GaussianHmm model) {
    int k = model.states();
    int f = model.features();
    double[] means = new double[k * f];
    double[] cov = new double[k * f * f];
    double[] p = new double[k * k];
    double[][] mu = model.means();
    double[][][] c = model.covariances();
    double[][] tr = model.transition();
    for (int s = 0; s < k; s++) {
      System.arraycopy(mu[s], 0, means, s * f, f);
      for (int i = 0; i < f; i++) {
        System.arraycopy(c[s][i], 0, cov, (s * f + i) * f, f);
      }
      System.arraycopy(tr[s], 0, p, s * k, k);
    }
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("means", NpyArray.ofDoubles(means, k, f));
    m.put("covariances", NpyArray.ofDoubles(cov, k, f, f));
    m.put("transition", NpyArray.ofDoubles(p, k, k));
    return m;
  }

  private static Path create(Function<String, Path> files, String name) throws IOException {
    Path p = files.apply(name);
    Path parent = p.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return p;
  }

  private static void writeRows(NpyRowWriter w, float[] obs, int length, int features) throws IOException {
    for (int t = 0; t < length; t++) {
      w.write(obs, t * features);
    }
  }
}

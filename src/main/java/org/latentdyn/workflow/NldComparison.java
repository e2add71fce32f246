package org.latentdyn.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import org.latentdyn.data.io.AtomicFiles;
import org.latentdyn.models.nld.Nld;
import org.latentdyn.models.nld.NldConfig;
import org.latentdyn.models.nld.NldModel;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.TrainingListener;
import org.latentdyn.wells.WellAnalysis;

/**
 * The Neural Langevin Dynamics comparison of paper Table 1 (spec nld.md §10.4, §15): every variant trained for
 * every seed on the benchmark sequences, each model analysed ({@link NldAnalysis}), and per variant the number of
 * runs that found three wells and, over those, mean +- sd of the three l1 occupancy errors, p1 and the
 * segmentation accuracy. Runs are stored as {@code dir/runs/<model>-seed<s>/} (model and {@code result.json}) and
 * reused when the comparison is run again, so a sweep of runs that take hours can be continued; a run cut short
 * continues from its last epoch ({@code checkpoint/}, written after every epoch). One run at a time: NLD trains
 * through DJL's process-wide gradient recording.
 */
public final class NldComparison {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /** The model names, as on the command line. */
  public static final List<String> MODELS = List.of("nld-overdamped", "nld-underdamped");

  private NldComparison() {}

  /**
   * Settings.
   *
   * @param models names from {@link #MODELS}
   * @param seeds seeds 1..seeds
   * @param epochs epochs per run; null for each preset's
   * @param analysis sequences and GHMC samples of each analysis (its seed is the run's)
   */
  public record Options(List<String> models, int seeds, Integer epochs, NldAnalysis.Options analysis) {
    public Options {
      if (models.isEmpty()) {
        throw new IllegalArgumentException("models must name at least one of " + MODELS);
      }
      for (String m : models) {
        if (!MODELS.contains(m)) {
          throw new IllegalArgumentException("unknown model '" + m + "'; expected some of " + MODELS);
        }
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
      }
      if (epochs != null && epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
      }
      models = List.copyOf(models);
    }
  }

  /**
   * One finished run (NaN where a quantity needs three wells and fewer were found).
   *
   * @param model model name
   * @param seed seed
   * @param wellsFound distinct minima found
   * @param success three wells and a separation ratio below 0.01
   * @param l1Sampled l1 of the sampled occupancies
   * @param l1Zeroth l1 of the 0th-order occupancies
   * @param l1Second l1 of the 2nd-order occupancies
   * @param p1 sampled occupancy of k-means cluster 0 (paper Table 1b; the label is arbitrary)
   * @param accuracy mean segmentation accuracy over the analysed sequences
   * @param accuracySd its sample sd over sequences
   * @param beta learned inverse temperature
   * @param c learned stiffness
   * @param trainSeconds training wall time
   * @param analysisSeconds analysis wall time
   */
  public record Run(String model, long seed, int wellsFound, boolean success, double l1Sampled, double l1Zeroth,
      double l1Second, double p1, double accuracy, double accuracySd, double beta, double c, double trainSeconds,
      double analysisSeconds) {}

  /**
   * Per model, over the successful runs (three wells): mean and sample sd.
   *
   * @param model model name
   * @param runs runs in all
   * @param successful runs that found three wells
   * @param l1Sampled mean and sd of the sampled l1
   * @param l1Zeroth mean and sd of the 0th-order l1
   * @param l1Second mean and sd of the 2nd-order l1
   * @param p1 mean and sd of p1
   * @param accuracy mean and sd of the per-run mean accuracy
   * @param secondsMean mean training seconds over all runs
   */
  public record Summary(String model, int runs, int successful, double[] l1Sampled, double[] l1Zeroth,
      double[] l1Second, double[] p1, double[] accuracy, double secondsMean) {}

  /** The result: every run, a summary per model, and how many runs were trained now or reused. */
  public record Result(List<Run> runs, List<Summary> models, int trained, int reused) {}

  /**
   * Trains (or reuses) and analyses every run.
   *
   * @param train training sequences {@code [N, L, F]} row-major with {@code trainShape}
   * @param test test sequences and their states, for the analysis
   * @param log receives one line per finished run
   */
  public static Result run(float[] train, int[] trainShape, float[] test, int[] testShape, int[] testStates,
      Options o, Path dir, Consumer<String> log) throws IOException {
    List<Run> runs = new ArrayList<>();
    int trained = 0;
    for (String m : o.models()) {
      for (long s = 1; s <= o.seeds(); s++) {
        Path runDir = dir.resolve("runs").resolve(m + "-seed" + s);
        Path result = runDir.resolve("result.json");
        if (Files.isRegularFile(result)) {
          runs.add(JSON.readValue(result.toFile(), Run.class));
          continue;
        }
        Files.createDirectories(runDir);
        NldConfig config = NldConfig.preset(m.equals("nld-overdamped") ? "O1" : "U1", s);
        if (o.epochs() != null) {
          config = config.withEpochs(o.epochs());
        }
        CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoint"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model", m);
        d.put("config", config);
        d.put("trainShape", List.of(trainShape[0], trainShape[1], trainShape[2]));
        Map<String, Object> description = CheckpointStore.normalised(d);
        Checkpoint start = store.readIfOf(description);
        double before = start == null ? 0
            : start.history().stream().mapToDouble(org.latentdyn.train.EpochRecord::seconds).sum();
        String label = m + " seed " + s;
        int epochs = config.epochs();
        if (start != null) {
          log.accept(String.format(Locale.ROOT, "%s: resuming at epoch %d of %d", label, start.nextEpoch() + 1, epochs));
        }
        TrainingListener saver = new TrainingListener() {
          @Override
          public void epochFinished(org.latentdyn.train.EpochRecord r, Checkpoint c) {
            try {
              store.write(c, description);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException("cannot write checkpoint to " + store.dir(), e);
            }
            log.accept(String.format(Locale.ROOT, "%s: epoch %d/%d, nll %.4g, path KL %.4g, validation loss %.4g,"
                + " %.1f s", label, r.epoch() + 1, epochs, r.reconstruction(), r.regulariser(),
                r.validationReconstruction(), r.seconds()));
          }

          @Override
          public void recovered(int epoch, String message, double scale) {
            log.accept(label + ": " + message);
          }
        };
        long t0 = System.nanoTime();
        try (NldModel model = Nld.fit(train, trainShape, config, saver, start)) {
          double trainSeconds = (System.nanoTime() - t0) / 1e9 + before;
          Path modelDir = runDir.resolve("model");
          AtomicFiles.deleteTree(modelDir); // a model left by an interrupted run
          model.save(modelDir);
          NldAnalysis.Options a = new NldAnalysis.Options(o.analysis().sequences(), o.analysis().samples(),
              o.analysis().wells(), s);
          NldAnalysis.Result r = NldAnalysis.run(model, test, testShape, testStates, a);
          WellAnalysis.Wells w = r.wells();
          Run run = new Run(m, s, w.wellsFound(), w.success(), w.l1Sampled(), w.l1Zeroth(), w.l1Second(),
              w.sampled()[0], r.segmentation().meanAccuracy(), r.segmentation().sdAccuracy(), r.beta(), r.c(),
              trainSeconds, r.seconds());
          AtomicFiles.writeString(result, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run));
          AtomicFiles.deleteTree(store.dir());
          runs.add(run);
          trained++;
          log.accept(String.format(Locale.ROOT, "%s seed %d: %d wells, l1 2nd order %.4f, accuracy %.4f, %.1f s", m, s,
              w.wellsFound(), w.l1Second(), r.segmentation().meanAccuracy(), trainSeconds + r.seconds()));
        }
      }
    }
    List<Summary> summaries = new ArrayList<>();
    for (String m : o.models()) {
      List<Run> all = runs.stream().filter(r -> r.model().equals(m)).toList();
      List<Run> ok = all.stream().filter(r -> r.wellsFound() == 3).toList();
      summaries.add(new Summary(m, all.size(), ok.size(), stats(ok, Run::l1Sampled), stats(ok, Run::l1Zeroth),
          stats(ok, Run::l1Second), stats(ok, Run::p1), stats(ok, Run::accuracy),
          all.stream().mapToDouble(Run::trainSeconds).average().orElse(Double.NaN)));
    }
    return new Result(runs, summaries, trained, runs.size() - trained);
  }

  /** Mean and sample sd (0 for one value, NaN for none). */
  static double[] stats(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    double[] v = runs.stream().mapToDouble(f).toArray();
    if (v.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return new double[] {mean, v.length < 2 ? 0 : Math.sqrt(ss / (v.length - 1))};
  }

}

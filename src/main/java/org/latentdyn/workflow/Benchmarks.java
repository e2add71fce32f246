package org.latentdyn.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.latentdyn.analysis.Clustering;
import org.latentdyn.analysis.RegularSpaceClustering;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.models.baselines.BaselineConfig;
import org.latentdyn.models.baselines.BaselineModel;
import org.latentdyn.models.baselines.Baselines;
import org.latentdyn.models.baselines.BetaVaeConfig;
import org.latentdyn.models.baselines.SdeVaeConfig;
import org.latentdyn.models.baselines.SwaeConfig;
import org.latentdyn.dynamics.MarkovChainBenchmark;
import org.latentdyn.models.dynae.ConvStepTiming;
import org.latentdyn.models.dynae.Dynae;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.models.nld.Nld;
import org.latentdyn.models.nld.NldConfig;
import org.latentdyn.models.nld.NldModel;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.models.dynae.DynaeModel;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.Engine;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;
import org.latentdyn.data.io.Npy;
import org.latentdyn.dynamics.ThreeWellDataset;
import org.latentdyn.metrics.DiffusionConvention;
import org.latentdyn.metrics.IsometryMetrics;

/**
 * The project's timing suite for its hot paths (what {@code latentdyn bench} runs): each case is run
 * {@code warmup} times unmeasured, then {@code repeats} times; the minimum and median wall-clock seconds and
 * the peak heap of the measured runs are reported.
 */
public final class Benchmarks {
  private Benchmarks() {}

  /**
   * One timed case.
   *
   * @param name what was timed
   * @param size a description of the input size
   * @param minSeconds fastest measured run
   * @param medianSeconds median measured run
   * @param peakHeapMiB peak heap in use during the measured runs (all heap pools, MiB)
   * @param outcome what the last run produced (a count, a value), to show the work was done
   */
  public record Case(String name, String size, double minSeconds, double medianSeconds, double peakHeapMiB,
      String outcome) {}

  /** The cases, by name. */
  public static List<String> names() {
    return List.of("simulate", "cluster", "assign", "evaluate", "npy", "train", "baselines", "nld", "nld-flow", "vin",
        "conv");
  }

  /** {@link #run(List, int, int, double, ConvOptions)} with the paper's conv sizes. */
  public static List<Case> run(List<String> names, int repeats, int warmup, double scale) {
    return run(names, repeats, warmup, scale, ConvOptions.defaults());
  }

  /**
   * Runs the named cases.
   *
   * @param names subset of {@link #names()}
   * @param repeats measured runs per case, >= 1
   * @param warmup unmeasured runs per case, >= 0
   * @param scale multiplies every input size (1 = the sizes the issue states; smaller for a smoke run)
   * @param conv sizes of the convolutional networks of the {@code conv} case
   */
  public static List<Case> run(List<String> names, int repeats, int warmup, double scale, ConvOptions conv) {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    }
    if (!(scale > 0) || scale > 10) {
      throw new IllegalArgumentException("scale must be in (0, 10], got " + scale);
    }
    for (String n : names) {
      if (!names().contains(n)) {
        throw new IllegalArgumentException("unknown benchmark '" + n + "'; expected some of " + names());
      }
    }
    int frames = (int) Math.max(1000, 200_000 * scale);
    int points = (int) Math.max(1000, 1_000_000 * scale);
    List<Case> out = new ArrayList<>();
    for (String n : names) {
      switch (n) {
        case "simulate" -> out.add(time("simulate three-well (dt 1e-3, stride 10)", frames + " frames", repeats, warmup,
            () -> ThreeWellDataset.generate(frames, 1).truth().frames() + " frames"));
        case "cluster" -> {
          double[] pts = uniform(points, 2, 3.0, 7);
          out.add(time("regular-space clustering, d_min 0.05", points + " 2-D points in [-3,3]^2", repeats, warmup,
              () -> RegularSpaceClustering.fit(pts, 2, new RegularSpaceClustering.Options(0.05, 1_000_000)).size()
                  + " centres"));
        }
        case "assign" -> {
          double[] pts = uniform(points, 2, 3.0, 7);
          Clustering c = RegularSpaceClustering.fit(pts, 2, new RegularSpaceClustering.Options(0.05, 1_000_000));
          out.add(time("Voronoi assignment to " + c.size() + " centres", points + " 2-D points", repeats, warmup,
              () -> "first bin " + c.assign(pts, 2)[0]));
        }
        case "evaluate" -> {
          ThreeWellDataset d = ThreeWellDataset.generate(frames, 2);
          out.add(time("L_z evaluation (Procrustes + similarity)", frames + " frames, d = 2", repeats, warmup,
              () -> "L_z " + IsometryMetrics.evaluate(d.observations(), d.truth(), DiffusionConvention.UNIT_DIFFUSION)
                  .lz()));
        }
        case "npy" -> {
          Trajectory t = ThreeWellDataset.generate(frames, 3).truth();
          out.add(time("npy write + read (float32)", frames + " x 2", repeats, warmup, () -> npyRoundTrip(t)));
        }
        case "train" -> {
          ThreeWellDataset d = ThreeWellDataset.generate(frames, 4);
          Dataset data = Dataset.of(d.observations());
          DynaeConfig cfg = DynaeConfig.defaults(1).withEpochs(3);
          int[] steps = {0};
          double[] epochSeconds = new double[1];
          TrainingListener count = new TrainingListener() {
            @Override
            public void epochFinished(EpochRecord r, Checkpoint c) {
              if (r.epoch() == 2) {
                steps[0] = r.steps();
                epochSeconds[0] = r.seconds();
              }
            }
          };
          Case c = time("DynAE epoch 2 (B 256, L 50, binned)", frames + " frames, 3 epochs per run", repeats, warmup,
              () -> {
                try (DynaeModel m = Dynae.fit(data, cfg, count)) {
                  return String.format(java.util.Locale.ROOT, "%.3f s/epoch, %d steps, %.3f ms/step", epochSeconds[0],
                      steps[0], 1000 * epochSeconds[0] / steps[0]);
                }
              });
          out.add(c);
        }
        case "baselines" -> {
          ThreeWellDataset d = ThreeWellDataset.generate(frames, 4);
          Dataset data = Dataset.of(d.observations());
          for (BaselineConfig base : List.of(BetaVaeConfig.defaults(1).withEpochs(1),
              SwaeConfig.defaults(1).withEpochs(1), SdeVaeConfig.defaults(1).withEpochs(1))) {
            for (Engine engine : List.of(Engine.DJL, Engine.JAVA)) {
              BaselineConfig cfg = base.withEngine(engine);
              out.add(time(cfg.modelName() + " epoch (" + engine + " step, B 256)", frames + " frames, 1 epoch per run",
                  repeats, warmup, () -> {
                    try (BaselineModel m = Baselines.fit(data, cfg, TrainingListener.NONE)) {
                      EpochRecord r = m.history().get(0);
                      return String.format(java.util.Locale.ROOT, "%.3f s/epoch, %d steps, %.3f ms/step", r.seconds(),
                          r.steps(), 1000 * r.seconds() / r.steps());
                    }
                  }));
            }
          }
        }
        case "nld" -> {
          // 3 batches of 128 sequences of length 200 of the spec's benchmark chain: one epoch per run
          float[] obs = new float[384 * 200 * 15];
          try {
            MarkovChainBenchmark.generate(new MarkovChainBenchmark.Options(384, 1, 200, 15, 5), (i, st, x) ->
                System.arraycopy(x, 0, obs, i * x.length, x.length), (i, st, x) -> { });
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          for (String preset : List.of("O1", "U1")) {
            NldConfig cfg = NldConfig.preset(preset, 1).withEpochs(1).withValidationFraction(0.0);
            out.add(time("NLD " + preset + " training step (forward, backward, Adam)", "batch 128, length 200, 3 steps"
                + " per run", repeats, warmup, () -> {
                  try (NldModel m = Nld.fit(obs, new int[] {384, 200, 15}, cfg, TrainingListener.NONE)) {
                    double s = m.history().get(0).seconds();
                    return String.format(java.util.Locale.ROOT, "%.0f ms/step", 1000 * s / 3);
                  }
                }));
          }
        }
        case "nld-flow" -> {
          // the segmentation flow of spec nld.md §10.5: 20 sequences of 500 frames, 330 steps (c = 1.02)
          double[] starts = uniform(10_000, 3, 2.0, 9);
          try (NldModel m = NldModel.initial(NldConfig.preset("O1", 1), 15)) {
            org.latentdyn.models.nld.EnergyPotential e = m.energy();
            out.add(time("NLD gradient flow, plain Java (double, all cores)", "10,000 points x 330 steps", repeats,
                warmup, () -> String.format(java.util.Locale.ROOT, "mean |z| %.4f",
                    meanNorm(org.latentdyn.wells.GradientFlow.flow(e, starts, 330, 0.01)))));
            out.add(time("NLD gradient flow, batched through the engine (float32)", "10,000 points x 330 steps",
                repeats, warmup, () -> String.format(java.util.Locale.ROOT, "mean |z| %.4f",
                    meanNorm(m.flow(starts, 330, 0.01)))));
          }
        }
        case "vin" -> {
          // VIN spec §3a/§4a: 25 noisy pendulum trajectories of 30 points, width 200, full-batch Adam steps
          org.latentdyn.mechanics.PhaseSpaceData.Result d = org.latentdyn.mechanics.PhaseSpaceData.generate(
              org.latentdyn.mechanics.Pendulum.defaults(), org.latentdyn.mechanics.PhaseSpaceData.Options.defaults(1));
          int epochs = (int) Math.max(5, Math.round(50 * scale));
          for (org.latentdyn.models.vin.VinConfig.Kind kind : List.of(org.latentdyn.models.vin.VinConfig.Kind.VIN_VV,
              org.latentdyn.models.vin.VinConfig.Kind.RESRNN)) {
            for (Engine engine : List.of(Engine.DJL, Engine.JAVA)) {
              org.latentdyn.models.vin.VinConfig cfg = org.latentdyn.models.vin.VinConfig.defaults(kind, 1)
                  .withEpochs(epochs).withUnroll(org.latentdyn.models.vin.VinConfig.Unroll.FULL).withEngine(engine);
              out.add(time(cfg.label() + " phase-space training epoch (" + engine + "; full unroll, forward, backward,"
                  + " Adam)", "25 x 30 points, width 200, " + epochs + " epochs per run", repeats, warmup, () -> {
                    try (org.latentdyn.models.vin.VinModel m = org.latentdyn.models.vin.Vin.fit(d, cfg)) {
                      double s = m.history().stream().skip(1).mapToDouble(
                          org.latentdyn.models.vin.VinEpochRecord::seconds).average().orElse(Double.NaN);
                      return String.format(java.util.Locale.ROOT, "%.2f ms/epoch", 1000 * s);
                    }
                  }));
            }
          }
          // VIN spec §3b/§4b: one 60-frame pendulum trajectory = 50 windows of 11 frames, full-batch pixel VAE epochs
          org.latentdyn.workflow.VinPixels.Frames px = VinPixelComparison.frames("pendulum", 1,
              VinPixelComparison.FRAMES);
          int width = scale >= 0.1 ? 1000 : 32;
          int pixelEpochs = (int) Math.max(2, Math.round(10 * scale));
          org.latentdyn.models.vin.PixelVaeConfig pc = org.latentdyn.models.vin.PixelVaeConfig.defaults(
              org.latentdyn.models.vin.VinConfig.Kind.VIN_VV, 1).withEpochs(pixelEpochs);
          org.latentdyn.models.vin.PixelVaeConfig pixelCfg = pc.withWidths(width, width, pc.lstmUnits(), width);
          out.add(time("vin-vv pixel VAE training epoch (forward, backward, Adam)", "50 windows of 11 x 28 x 28, widths "
              + width + ", " + pixelEpochs + " epochs per run", repeats, warmup, () -> {
                try (org.latentdyn.models.vin.PixelVaeModel m = org.latentdyn.models.vin.PixelVae.fit(px.values(),
                    px.shape(), pixelCfg, null)) {
                  double s = m.history().stream().skip(1).mapToDouble(
                      org.latentdyn.models.vin.PixelEpochRecord::seconds).average().orElse(Double.NaN);
                  return String.format(java.util.Locale.ROOT, "%.3f s/epoch", s);
                }
              }));
          org.latentdyn.models.vin.VinConfig cfg = org.latentdyn.models.vin.VinConfig.defaults(
              org.latentdyn.models.vin.VinConfig.Kind.VIN_VV, 1).withEpochs(1);
          try (org.latentdyn.models.vin.VinModel m = org.latentdyn.models.vin.Vin.fit(d, cfg)) {
            int steps = (int) Math.max(100, Math.round(10_000 * scale));
            double[][] starts = new double[25][];
            for (int b = 0; b < 25; b++) {
              starts[b] = d.truth().state(b, 0);
            }
            out.add(time("vin-vv forecast (plain Java, double)", "25 trajectories x " + steps + " steps", repeats,
                warmup, () -> {
                  long t0 = System.nanoTime();
                  org.latentdyn.mechanics.PhaseSpaceArray f = m.forecast(starts, steps);
                  double s = (System.nanoTime() - t0) / 1e9;
                  return String.format(java.util.Locale.ROOT, "%.3g steps/s (trajectory-steps %.3g/s), q_K[0] %.3f",
                      steps / s, 25.0 * steps / s, f.get(0, steps, 0));
                }));
          }
        }
        case "conv" -> out.addAll(conv(repeats, scale, conv));
        default -> throw new IllegalStateException(n);
      }
    }
    return out;
  }

  /**
   * The conv DynAE on DJL (CPU): one training step at batch 256 and its profile ({@link ConvStepTiming}) over
   * {@code repeats} steps after one unmeasured step, then one binned epoch (epoch 1 of a 2-epoch fit, on as many
   * dsprites2 frames as give 10 steps after the validation split). {@code scale} shrinks batch and frames for a
   * smoke run. Every row reports the peak heap of the whole case.
   */
  private static List<Case> conv(int repeats, double scale, ConvOptions conv) {
    int batch = (int) Math.max(4, Math.min(256, Math.round(256 * scale)));
    DynaeConfig cfg = DynaeConfig.defaults(1).withArchitecture(org.latentdyn.nn.Architecture.CONV).withConv(conv)
        .withBatchSize(batch).withEpochs(2).withEngine(Engine.DJL).withStandardize(false);
    int frames = (int) Math.ceil(10 * batch / (1 - cfg.validationFraction())) + 1;
    org.latentdyn.movies.MovieGenerator g = org.latentdyn.movies.Movies.generator("dsprites2", null, 1);
    int f = g.channels() * org.latentdyn.movies.MovieGenerator.SIZE * org.latentdyn.movies.MovieGenerator.SIZE;
    float[] x = new float[frames * f];
    float[] truth = new float[g.truthColumns().size()];
    for (int i = 0; i < frames; i++) {
      g.next(x, i * f, truth);
    }
    Trajectory movie = Trajectory.wrap(x, frames, f);
    List<MemoryPoolMXBean> heap = heapPools();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    ConvStepTiming.Result t = ConvStepTiming.measure(movie, cfg, repeats);
    EpochRecord[] epoch = new EpochRecord[1];
    TrainingListener keep = new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r, Checkpoint c) {
        if (r.epoch() == 1) {
          epoch[0] = r;
        }
      }
    };
    try (DynaeModel m = Dynae.fit(Dataset.of(movie), cfg, keep)) {
      // the fitted model is only timed
    }
    double peak = peakMiB(heap);
    String threads = System.getProperty("ai.djl.pytorch.num_threads", "1");
    String net = "filters " + conv.filters() + ", width " + conv.width();
    String size = "B " + batch + " pairs = " + 2 * batch + " frames 1x64x64, " + net + ", " + threads
        + " PyTorch thread(s)";
    double step = median(t.step());
    List<Case> out = new ArrayList<>();
    out.add(new Case("conv DynAE training step (DJL, forward, backward, Adam)", size, min(t.step()), step, peak,
        String.format(java.util.Locale.ROOT, "first step %.3f s", t.firstStep())));
    out.add(new Case("conv DynAE epoch 1 (binning, " + epoch[0].steps() + " steps, validation)", frames + " frames, "
        + net, epoch[0].seconds(), epoch[0].seconds(), peak, String.format(java.util.Locale.ROOT,
            "%.3f s/step over the epoch", epoch[0].seconds() / epoch[0].steps())));
    String[] names = {"encoder forward", "encoder forward + backward", "decoder forward", "decoder forward + backward",
        "rest: sliced Wasserstein, prior nets, Adam", "step - (encoder f+b + decoder f+b + rest)"};
    double[][] parts = {t.encoderForward(), t.encoderForwardBackward(), t.decoderForward(),
        t.decoderForwardBackward(), t.rest(), t.unaccounted()};
    for (int k = 0; k < names.length; k++) {
      double med = median(parts[k]);
      out.add(new Case("  conv step profile: " + names[k], 2 * batch + " frames", min(parts[k]), med, peak,
          String.format(java.util.Locale.ROOT, "%.0f%% of the step", 100 * med / step)));
    }
    return out;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private static double peakMiB(List<MemoryPoolMXBean> heap) {
    return heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
  }

  private static double meanNorm(double[] z) {
    double s = 0;
    for (int i = 0; i < z.length; i += 3) {
      s += Math.sqrt(z[i] * z[i] + z[i + 1] * z[i + 1] + z[i + 2] * z[i + 2]);
    }
    return s / (z.length / 3);
  }

  private static String npyRoundTrip(Trajectory t) {
    try {
      Path dir = Files.createTempDirectory("latentdyn-bench");
      Path f = dir.resolve("t.npy");
      Npy.write(f, t);
      long bytes = Files.size(f);
      Trajectory back = Npy.readTrajectory(f);
      Files.delete(f);
      Files.delete(dir);
      return bytes + " bytes, " + back.frames() + " frames";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] uniform(int n, int dim, double half, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble(-half, half);
    }
    return v;
  }

  private static Case time(String name, String size, int repeats, int warmup, Supplier<String> work) {
    for (int i = 0; i < warmup; i++) {
      work.get();
    }
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    double[] s = new double[repeats];
    String outcome = "";
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      outcome = work.get();
      s[i] = (System.nanoTime() - t0) / 1e9;
    }
    double peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
    Arrays.sort(s);
    return new Case(name, size, s[0], s[repeats / 2], peak, outcome);
  }
}

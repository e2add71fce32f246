package org.latentdyn.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentdyn.data.Trajectory;
import org.latentdyn.dynamics.MarkovChainBenchmark;
import org.latentdyn.dynamics.SimulationOptions;
import org.latentdyn.mechanics.HamiltonianSystem;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.Pendulum;
import org.latentdyn.mechanics.PhaseSpaceData;
import org.latentdyn.mechanics.PixelRenderer;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.movies.MovieGenerator;
import org.latentdyn.movies.Movies;
import org.latentdyn.movies.TruthUnits;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.workflow.SimulatedSystem;
import org.latentdyn.workflow.MarkovChainData;
import org.latentdyn.workflow.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latentdyn simulate SYSTEM}: overdamped Langevin data with ground truth, or ({@code markov-chain}) the
 * Neural Langevin Dynamics benchmark of hidden-state sequences (spec nld.md §9), or ({@code pendulum},
 * {@code mass-spring}) the noisy phase-space data of the VIN spec (vin.md §3a).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Simulate overdamped Langevin dynamics and write observations.npy, truth.npy and run.json.",
        "Systems: three-well (spec §6, observed through the warp y' = y + x^2), double-well-1d, double-well-2d,"
            + " mueller-brown, ornstein-uhlenbeck;",
        "markov-chain (spec nld.md §9: a 3-state chain emitting 15-D Gaussians) writes train/ and test/"
            + " observations.npy [N, L, 15] and states.npy [N, L], emission.npz and run.json;",
        "pendulum, mass-spring (spec vin.md §3a: energy-band starts, DOP853 ground truth, Gaussian noise) write"
            + " observations.npy, truth.npy and derivatives.npy [N, T, 2] and run.json;",
        "dsprites2, dsprites3, dna-blob, shapes3d-like (spec datasets.md, image movies) write observations.npy"
            + " float32 [N, 1 or 3, 64, 64] in [0, 1], truth.npy [N, factors], run.json and README.md."})
final class SimulateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SYSTEM", description = "system to simulate")
  String system;

  @Option(names = "--frames",
      description = "frames to save (default: 200000; pendulum, mass-spring: frames per trajectory, 30;"
          + " movies: 10000)")
  Integer frames;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Option(names = "--time-step",
      description = "integration step (default: the system's, 1e-3 for three-well; pendulum, mass-spring: frame spacing 0.1)")
  Double timeStep;

  @Option(names = "--stride", description = "integration steps per saved frame (default: the system's, 10 for three-well)")
  Integer stride;

  @Option(names = "--burn-in", defaultValue = "1000", description = "unsaved steps before frame 0 (default: ${DEFAULT-VALUE})")
  int burnIn;

  @Option(names = "--diffusion", defaultValue = "1", description = "diffusion coefficient D (default: ${DEFAULT-VALUE})")
  double diffusion;

  @Option(names = "--kT", defaultValue = "1", description = "thermal energy kT (default: ${DEFAULT-VALUE})")
  double kT;

  @Option(names = "--embed-dim", defaultValue = "0",
      description = "embed the observations into this many features with a seeded random smooth MLP (0 = off)")
  int embedDim;

  @Option(names = "--train-sequences", defaultValue = "20000",
      description = "markov-chain: training sequences (default: ${DEFAULT-VALUE})")
  int trainSequences;

  @Option(names = "--test-sequences", defaultValue = "10000",
      description = "markov-chain: test sequences (default: ${DEFAULT-VALUE})")
  int testSequences;

  @Option(names = "--length", defaultValue = "500",
      description = "markov-chain: frames per sequence (default: ${DEFAULT-VALUE})")
  int length;

  @Option(names = "--trajectories",
      description = "pendulum, mass-spring: number of trajectories (default: 25; with --pixels 1)")
  Integer trajectories;

  @Option(names = "--pixels", description = "pendulum, mass-spring: the pixel experiment of spec vin.md §3b: starts"
      + " of the authors' code (default 1 trajectory of 60 frames; spring k = 2), and frames.npy [N, T, 28, 28] of"
      + " 0/1 (row 0 at the top) rendered from the noise-free states")
  boolean pixels;

  @Option(names = "--noise", defaultValue = "0.1",
      description = "pendulum, mass-spring: observation noise sd (default: ${DEFAULT-VALUE})")
  double noise;

  @Option(names = "--gravity", defaultValue = "9.81",
      description = "pendulum: gravity g, with m = l = 1 (default: ${DEFAULT-VALUE})")
  double gravity;

  @Option(names = "--spring-constant",
      description = "mass-spring: spring constant k, with m = 1 (default: 1; with --pixels 2)")
  Double springConstant;

  @Option(names = "--step-sd",
      description = "movies: random-walk step sd (dsprites2/3, shapes3d-like: grid indices, default 1;"
          + " dna-blob: pixels per frame and axis, default 1)")
  Double stepSd;

  @Option(names = "--truth-units", defaultValue = "index",
      description = "dsprites2/3, shapes3d-like: truth.npy in grid indices (every factor diffuses alike, the setting"
          + " of the isometry claim) or the dataset's factor values: index or value (default: ${DEFAULT-VALUE})")
  String truthUnits;

  static final String MARKOV_CHAIN = "markov-chain";
  static final String PENDULUM = "pendulum";
  static final String MASS_SPRING = "mass-spring";

  @Override
  public Integer call() throws Exception {
    String name = system.trim().toLowerCase(Locale.ROOT);
    if (MARKOV_CHAIN.equals(name)) {
      return markovChain();
    }
    if (PENDULUM.equals(name) || MASS_SPRING.equals(name)) {
      return phaseSpace(name);
    }
    if (Movies.isMovie(name)) {
      return movie(name);
    }
    SimulatedSystem sys;
    try {
      sys = SimulatedSystem.parse(system);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ", " + MARKOV_CHAIN + ", " + PENDULUM + ", " + MASS_SPRING
          + ", " + String.join(", ", Movies.NAMES), e);
    }
    SimulationOptions grid = new SimulationOptions(timeStep == null ? sys.timeStep() : timeStep,
        stride == null ? sys.stride() : stride, burnIn, frames == null ? 200_000 : frames, seed);
    Simulation.Options options = new Simulation.Options(sys, grid, diffusion, kT, embedDim);
    RunRecord.Builder record = RunContext.record(spec, "simulate " + sys.label(), seed).parameters(options.describe());

    long t0 = System.nanoTime();
    Simulation.Result result = Simulation.run(options);
    double seconds = (System.nanoTime() - t0) / 1e9;

    try (RunFolder folder = RunFolder.open(out)) {
      folder.writeArray("observations.npy", result.observations());
      folder.writeArray("truth.npy", result.truth());
      record.output("observations.npy", describe(result.observations(),
          sys.observationMap() == null && embedDim == 0 ? "observed coordinates (identical to truth)"
              : "observed features" + (sys.observationMap() == null ? "" : ", through " + sys.observationMap())
                  + (embedDim > 0 ? ", embedded by a random MLP into " + embedDim + " features" : "")));
      record.output("truth.npy", describe(result.truth(), "true slow variables (unwarped)"));
      record.parameter("simulationSeconds", seconds);
      folder.writeJson("run.json", record.build());
      folder.commit();
    }
    spec.commandLine().getOut().printf(Locale.ROOT,
        "simulated %s: %d frames, %d observed features, %d true variables in %.2f s; wrote %s%n", sys.label(),
        result.truth().frames(), result.observations().features(), result.truth().features(), seconds, out);
    return 0;
  }

  /** {@code simulate dsprites2|dsprites3|dna-blob|shapes3d-like}: frames streamed to disk, validated first. */
  private int movie(String name) throws java.io.IOException {
    int n = frames == null ? 10_000 : frames;
    RunRecord.Builder record = RunContext.record(spec, "simulate " + name, seed);
    String line = writeMovie(record, name, n, stepSd, TruthUnits.named(truthUnits), seed, out);
    spec.commandLine().getOut().println(line);
    return 0;
  }

  /**
   * Writes movie {@code name} into {@code out} (observations.npy, truth.npy, run.json from {@code record}, README.md),
   * all or nothing; returns a one-line summary. Shared with {@code compare --dataset MOVIE}.
   */
  static String writeMovie(RunRecord.Builder record, String name, int n, Double stepSd, TruthUnits units, long seed,
      Path out) throws java.io.IOException {
    if (n < 1) {
      throw new IllegalArgumentException("--frames must be >= 1, got " + n);
    }
    MovieGenerator generator = Movies.generator(name, stepSd, units, seed);
    int c = generator.channels();
    int size = MovieGenerator.SIZE;
    java.util.List<String> columns = generator.truthColumns();
    record.parameter("frames", n).parameters(generator.describe());
    long t0 = System.nanoTime();
    try (RunFolder folder = RunFolder.open(out)) {
      Movies.write(generator, n, folder.path("observations.npy"), folder.path("truth.npy"));
      double seconds = (System.nanoTime() - t0) / 1e9;
      record.output("observations.npy", array("float32", "frames [frames, channels, height, width] in [0, 1]",
          n, c, size, size));
      Map<String, Object> truth = array("float32", "ground-truth factors, see README.md", n, columns.size());
      truth.put("columns", columns);
      record.output("truth.npy", truth);
      record.parameter("simulationSeconds", seconds);
      folder.writeJson("run.json", record.build());
      folder.writeText("README.md", "# " + name + " movie\n\n" + generator.readme()
          + "\nFiles: `observations.npy` float32 [" + n + ", " + c + ", " + size + ", " + size
          + "] (frames, channels, rows, columns; row 0 at the top), `truth.npy` float32 [" + n + ", "
          + columns.size() + "], `run.json` (command, seed, parameters). Regenerate with `latentdyn simulate "
          + name + " --frames " + n + " --seed " + seed + (stepSd == null ? "" : " --step-sd " + stepSd)
          + (units == TruthUnits.INDEX ? "" : " --truth-units " + units.name().toLowerCase(Locale.ROOT))
          + " --out DIR`.\n");
      folder.commit();
      return String.format(Locale.ROOT, "simulated %s: %d frames of %dx%dx%d, %d truth columns %s in %.2f s; wrote %s",
          name, n, c, size, size, columns.size(), columns, seconds, out);
    }
  }

  /** {@code simulate pendulum|mass-spring}: spec vin.md §3a data, validated before anything is written. */
  private int phaseSpace(String name) throws java.io.IOException {
    double k = springConstant != null ? springConstant : pixels ? 2 : 1;
    HamiltonianSystem sys = PENDULUM.equals(name) ? Pendulum.withGravity(gravity) : new MassSpring(k, 1);
    PhaseSpaceData.Options options = new PhaseSpaceData.Options(trajectories != null ? trajectories : pixels ? 1 : 25,
        frames != null ? frames : pixels ? 60 : 30, noise, timeStep == null ? 0.1 : timeStep, seed);
    RunRecord.Builder record = RunContext.record(spec, "simulate " + name, seed)
        .parameters(PhaseSpaceData.describe(sys, options));
    if (pixels) {
      record.parameter("starts", "pixel experiment (spec vin.md §3b): " + (PENDULUM.equals(name)
          ? "theta0 = +-(pi - U[0.1, pi/2]), thetadot0 ~ U[-1, 1]" : "q0 = +-U[1.0, 1.5], qdot0 = +-U[0, 0.5]"));
    }
    long t0 = System.nanoTime();
    PhaseSpaceData.Result result = pixels
        ? PhaseSpaceData.generate(sys, options, PhaseSpaceData.pixelStarts(sys, options.trajectories(), seed))
        : PhaseSpaceData.generate(sys, options);
    double seconds = (System.nanoTime() - t0) / 1e9;
    int n = options.trajectories();
    int t = options.frames();
    try (RunFolder folder = RunFolder.open(out)) {
      folder.writeArray("observations.npy", result.observations().toFloat32());
      folder.writeArray("truth.npy", result.truth().toFloat32());
      folder.writeArray("derivatives.npy", result.derivatives().toFloat32());
      record.output("observations.npy", array("float32", "(q, p) + N(0, noise^2)", n, t, 2));
      record.output("truth.npy", array("float32", "noise-free (q, p), frames t_k = k h", n, t, 2));
      record.output("derivatives.npy", array("float32",
          "(qdot, pdot) of the true field at the true state + independent N(0, noise^2)", n, t, 2));
      if (pixels) {
        double[][] q = new double[n][t];
        for (int b = 0; b < n; b++) {
          for (int f = 0; f < t; f++) {
            q[b][f] = result.truth().get(b, f, 0);
          }
        }
        PixelRenderer.Frames frames = PENDULUM.equals(name) ? PixelRenderer.of(PixelRenderer.Options.DEFAULTS)
            .pendulumFrames(q) : PixelRenderer.of(PixelRenderer.Options.DEFAULTS).springFrames(q);
        folder.writeArray("frames.npy", NpyArray.ofFloats(frames.pixels(), frames.shape()));
        record.output("frames.npy", array("float32", "binary 28 x 28 renderings of the noise-free positions (spec"
            + " vin.md §3b), 1 = black, row 0 at the top", n, t, 28, 28));
      }
      record.parameter("simulationSeconds", seconds);
      folder.writeJson("run.json", record.build());
      folder.commit();
    }
    spec.commandLine().getOut().printf(Locale.ROOT,
        "simulated %s: %d trajectories of %d frames (h = %s, noise sd %s) in %.2f s; wrote %s%n", name, n, t,
        options.timeStep(), options.noise(), seconds, out);
    return 0;
  }

  private int markovChain() throws java.io.IOException {
    MarkovChainBenchmark.Options options = new MarkovChainBenchmark.Options(trainSequences, testSequences, length,
        15, seed);
    RunRecord.Builder record = RunContext.record(spec, "simulate " + MARKOV_CHAIN, seed)
        .parameters(options.describe());
    MarkovChainData.Result result;
    try (RunFolder folder = RunFolder.open(out)) {
      result = MarkovChainData.write(options, folder::path);
      int f = options.features();
      record.output("train/observations.npy", array("float32", "emissions x_t ~ N(mu_s, Sigma_s)",
          options.trainSequences(), options.length(), f));
      record.output("train/states.npy", array("int32", "hidden states s_t, s_0 = 0",
          options.trainSequences(), options.length()));
      record.output("test/observations.npy", array("float32", "emissions x_t ~ N(mu_s, Sigma_s)",
          options.testSequences(), options.length(), f));
      record.output("test/states.npy", array("int32", "hidden states s_t, s_0 = 0",
          options.testSequences(), options.length()));
      Map<String, Object> emission = new java.util.LinkedHashMap<>();
      emission.put("means", new int[] {3, f});
      emission.put("covariances", new int[] {3, f, f});
      emission.put("transition", new int[] {3, 3});
      emission.put("dtype", "float64");
      record.output("emission.npz", emission);
      record.parameter("transition", result.model().transition());
      record.parameter("bayesFilterAccuracy", result.bayesFilter().mean());
      record.parameter("bayesFilterAccuracySd", result.bayesFilter().sd());
      record.parameter("bayesFilterSequences", result.filteredSequences());
      record.parameter("bayesFilterPermutation", result.bayesFilter().permutation());
      record.parameter("simulationSeconds", result.seconds());
      folder.writeJson("run.json", record.build());
      folder.commit();
    }
    spec.commandLine().getOut().printf(Locale.ROOT,
        "simulated %s: %d train and %d test sequences of %d frames in %.2f s; Bayes filter accuracy %.4f +- %.4f"
            + " over %d test sequences; wrote %s%n", MARKOV_CHAIN, options.trainSequences(), options.testSequences(),
        options.length(), result.seconds(), result.bayesFilter().mean(), result.bayesFilter().sd(),
        result.filteredSequences(), out);
    return 0;
  }

  private static Map<String, Object> array(String dtype, String meaning, int... shape) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("shape", shape);
    m.put("dtype", dtype);
    m.put("meaning", meaning);
    return m;
  }

  static Map<String, Object> describe(Trajectory t, String meaning) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("shape", new int[] {t.frames(), t.features()});
    m.put("dtype", "float32");
    m.put("meaning", meaning);
    return m;
  }
}

package org.latentdyn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.mechanics.HamiltonianSystem;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.models.vin.VinModel;
import org.latentdyn.report.HtmlReport;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.report.VinFigures;
import org.latentdyn.workflow.VinEvaluation;
import org.latentdyn.workflow.VinPixels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn forecast}: roll a trained phase-space VIN model (or baseline) forward from given starts. */
@Command(name = "forecast", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Forecast K steps with a model of 'train --model vin-sv|vin-vv|vin-so2|resrnn|dvae|hnn|nn' from"
        + " the first frame of --initial and write OUT/forecast.npy (float32 [N, K+1, 2], (q, p), index 0 = start)"
        + " and run.json; with --truth also OUT/metrics.json (rmseByStep, rmse over steps 1..K, VIN spec §5) and"
        + " figures: phase portraits, rollouts, RMSE against the horizon, true energy over time.",
        "With a pixel model (train on frames [N, T, 28, 28]) and --frames Y.npy: the start of each sequence is inferred"
        + " from its first 10 frames; writes OUT/latent.npy [N, K+1, S], OUT/decoded.npy (float32 [N, K+1, 28, 28],"
        + " Bernoulli means), OUT/metrics.json (VIN spec §5 rmse and logLik over the forecast frames present in Y,"
        + " and the summed pairing), OUT/frames.png and run.json."})
final class ForecastCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "model folder (DIR/model of 'train')")
  Path model;

  @Option(names = "--initial", description = "starts: [N, T, 2] (frame 0 is used) or [N, 2] (phase-space models)")
  String initial;

  @Option(names = "--frames", description = "pixel models: frames [N, T, 28, 28] of 0/1, T >= 10; the first 10 give"
      + " each start, the forecast is scored against the frames present")
  String frames;

  @Option(names = "--steps", required = true, description = "steps K >= 1 to forecast")
  int steps;

  @Option(names = "--truth", description = "true trajectories [N, >= K+1, 2] to score the forecast against")
  String truth;

  @Option(names = "--system", description = "pendulum or mass-spring (spec constants), for the true energy when the"
      + " model's training data has no run.json naming its system")
  String system;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (steps < 1) {
      throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " exists and is not a directory; expected a folder path");
    }
    if (!Files.isDirectory(model)) {
      throw new IllegalArgumentException("--model " + model + " is not a folder; expected DIR/model of 'train'");
    }
    if (VinPixels.isPixelModel(model)) {
      if (frames == null || initial != null || truth != null) {
        throw new IllegalArgumentException("--model " + model + " is a pixel model; give --frames Y.npy [N, T, 28, 28]"
            + " (not --initial or --truth)");
      }
      return PixelForecast.forecast(spec, model, frames, steps, out);
    }
    if (frames != null || initial == null) {
      throw new IllegalArgumentException("--model " + model + " is a phase-space model; give --initial X.npy (--frames"
          + " is for pixel models)");
    }
    VinModel m = VinModel.load(model);
    int width = 2 * m.dim();
    NpyArray raw = ArrayFiles.readArray(initial);
    int[] shape = raw.shape();
    double[][] starts;
    if (shape.length == 2 && shape[0] >= 1 && shape[1] == width) {
      double[] v = PhaseSpaceRuns.finite("--initial", initial, raw);
      starts = new double[shape[0]][];
      for (int b = 0; b < starts.length; b++) {
        starts[b] = Arrays.copyOfRange(v, b * width, (b + 1) * width);
      }
    } else if (shape.length == 3 && shape[2] == width) {
      PhaseSpaceArray x = PhaseSpaceRuns.read("--initial", initial, raw);
      starts = new double[x.trajectories()][];
      for (int b = 0; b < starts.length; b++) {
        starts[b] = x.state(b, 0);
      }
    } else {
      throw new IllegalArgumentException("--initial " + initial + " has shape " + Arrays.toString(shape)
          + "; expected [N, T, " + width + "] or [N, " + width + "] phase-space states (q then p)");
    }
    PhaseSpaceArray y = null;
    if (truth != null) {
      y = PhaseSpaceRuns.read("--truth", truth, ArrayFiles.readArray(truth));
      if (y.trajectories() != starts.length || y.frames() < steps + 1 || y.width() != width) {
        throw new IllegalArgumentException("--truth " + truth + " has shape [" + y.trajectories() + ", " + y.frames()
            + ", " + y.width() + "]; expected [" + starts.length + ", >= " + (steps + 1) + ", " + width + "]");
      }
    }
    HamiltonianSystem sys;
    if (system != null) {
      try {
        sys = VinEvaluation.system(system.toLowerCase(Locale.ROOT), Map.of());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--system must be pendulum or mass-spring, got '" + system + "'", e);
      }
    } else {
      sys = PhaseSpaceRuns.systemOfModel(model);
    }
    if (sys != null && 2 * sys.dim() != width) {
      throw new IllegalArgumentException("the system " + sys.name() + " has " + 2 * sys.dim() + " phase-space"
          + " coordinates, the model " + width + "; expected a model of a one-dimensional system");
    }
    if (sys == null && y != null) {
      spec.commandLine().getErr().println("note: the model's training data names no system; give --system"
          + " pendulum|mass-spring for the true-energy figure");
    }
    RunRecord.Builder record = RunContext.record(spec, "forecast", m.config().seed())
        .parameter("steps", steps).parameter("model", m.config()).input("model", model.toString())
        .input("initial", Map.of("path", initial, "shape", shape));
    if (y != null) {
      record.input("truth", Map.of("path", truth, "shape", new int[] {y.trajectories(), y.frames(), y.width()}));
    }
    if (sys != null) {
      record.parameter("system", sys.name()).parameter("constants", sys.parameters());
    }
    long t0 = System.nanoTime();
    PhaseSpaceArray f = m.forecast(starts, steps);
    double seconds = (System.nanoTime() - t0) / 1e9;
    record.parameter("forecastSeconds", seconds);
    double h = m.config().timeStep();
    String label = m.config().label();
    var o = spec.commandLine().getOut();
    try (RunFolder folder = RunFolder.open(out)) {
      folder.writeArray("forecast.npy", f.toFloat32());
      record.output("forecast.npy", Map.of("shape", new int[] {f.trajectories(), f.frames(), f.width()}, "dtype",
          "float32", "meaning", "(q, p) forecast on t_k = k h, index 0 = start"));
      HtmlReport html = new HtmlReport("latentdyn: " + label + " forecast");
      folder.writePng("phase_portrait.png", VinFigures.phasePortrait(label + " forecast (solid)"
          + (y == null ? "" : " and truth (grey)"), f, y == null ? null : truncate(y, steps + 1), "truth", false));
      html.figure("phase_portrait.png", "Phase portraits of the first trajectories");
      folder.writePng("rollouts.png", VinFigures.rollouts(label + " rollouts" + (y == null ? "" : " against truth"),
          f, y, h));
      html.figure("rollouts.png", "q and p against time for the first trajectories");
      if (y != null) {
        double[] rmse = VinEvaluation.rmseByStep(f, y);
        double mean = VinEvaluation.meanRmse(rmse);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("model", label);
        metrics.put("steps", steps);
        metrics.put("trajectories", f.trajectories());
        metrics.put("timeStep", h);
        metrics.put("rmse", mean);
        metrics.put("rmseByStep", rmse);
        folder.writeJson("metrics.json", metrics);
        folder.writePng("rmse.png", VinFigures.againstTime(label + ": RMSE against the horizon", "RMSE of (q, p)",
            h, List.of(label), List.of(rmse)));
        html.heading("Metrics").table(List.of(List.of("quantity", "value"), List.of("rmse (steps 1..K)",
            Tables.num(mean)), List.of("rmse at K", Tables.num(rmse[steps]))));
        html.figure("rmse.png", "RMSE_t = sqrt(mean over trajectories of |xhat_t - x_t|^2)");
        o.printf(Locale.ROOT, "forecast %d trajectories x %d steps with %s: RMSE %s (mean over steps 1..%d), %s at"
            + " step %d%n", f.trajectories(), steps, label, Tables.num(mean), steps, Tables.num(rmse[steps]), steps);
      } else {
        o.printf(Locale.ROOT, "forecast %d trajectories x %d steps with %s in %.2f s%n", f.trajectories(), steps,
            label, seconds);
      }
      if (sys != null) {
        double[][] e = VinEvaluation.energies(sys, f);
        List<String> names = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        double[][] et = y == null ? null : VinEvaluation.energies(sys, truncate(y, steps + 1));
        for (int b = 0; b < Math.min(3, e.length); b++) {
          names.add(label + " " + b);
          ys.add(e[b]);
          if (et != null) {
            names.add("truth " + b);
            ys.add(et[b]);
          }
        }
        folder.writePng("energy.png", VinFigures.againstTime("True " + sys.name() + " energy of the forecast",
            "H(q, p)", h, names, ys));
        html.figure("energy.png", "The true Hamiltonian evaluated on the predicted states");
      }
      folder.writeText("report.html", html.file("forecast.npy", "").file("run.json", "").render());
      folder.writeJson("run.json", record.build());
      folder.commit();
    }
    o.printf("wrote %s%n", out.resolve("forecast.npy"));
    return 0;
  }

  private static PhaseSpaceArray truncate(PhaseSpaceArray a, int frames) {
    PhaseSpaceArray out = PhaseSpaceArray.zeros(a.trajectories(), frames, a.width());
    for (int b = 0; b < a.trajectories(); b++) {
      for (int t = 0; t < frames; t++) {
        out.setState(b, t, a.state(b, t));
      }
    }
    return out;
  }
}

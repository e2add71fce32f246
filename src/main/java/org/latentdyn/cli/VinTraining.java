package org.latentdyn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.mechanics.HamiltonianSystem;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.mechanics.VectorField;
import org.latentdyn.models.vin.Vin;
import org.latentdyn.models.vin.VinConfig;
import org.latentdyn.models.vin.VinEpochRecord;
import org.latentdyn.models.vin.VinModel;
import org.latentdyn.report.Figures;
import org.latentdyn.report.HtmlReport;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.report.VinFigures;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingDivergedException;
import org.latentdyn.train.TrainingListener;
import org.latentdyn.workflow.VinPixels;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code train --model vin-sv|vin-vv|vin-so2|resrnn|dvae|hnn|nn}: a phase-space VIN or baseline (VIN spec §2, §4a)
 * on {@code [N, T, 2]} data; writes DIR/model, DIR/metrics.json, DIR/history.csv, DIR/run.json, DIR/report.html and
 * figures (loss curve, fitted training trajectories against the data, learned potential or force against q). A
 * checkpoint is kept every 1/20 of each training length's epochs (and each finished length of {@code --epochs} in
 * DIR/checkpoint/length-i); {@code train --resume DIR} continues an interrupted run to the uninterrupted result. Pixel
 * frames {@code [N, T, height, width]} go to {@link PixelTraining}.
 */
final class VinTraining {
  /** The model names of this family, as on the command line. */
  static final List<String> MODELS = List.of("vin-sv", "vin-vv", "vin-so2", "resrnn", "dvae", "hnn", "nn");

  private VinTraining() {}

  /** Whether {@code model} names a phase-space VIN model. */
  static boolean handles(String model) {
    return MODELS.contains(model);
  }

  /** The kind of a command-line model name. */
  static VinConfig.Kind kind(String model) {
    if (!handles(model)) {
      throw new IllegalArgumentException("unknown VIN model '" + model + "'; expected one of " + MODELS);
    }
    return VinConfig.Kind.valueOf(model.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Parses {@code --epochs 2000,5000,10000}. */
  static int[] epochs(String text, int fallback) {
    if (text == null) {
      return new int[] {fallback};
    }
    String[] parts = text.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--epochs must be a comma-separated list of integers, got '" + text + "'");
      }
      if (out[i] < 1) {
        throw new IllegalArgumentException("--epochs must be >= 1, got " + out[i]);
      }
    }
    return out;
  }

  /** Settings of one training run from the command line. */
  record Request(String data, String derivatives, Path out, String model, String epochs, Double timeStep, long seed,
      String unroll, Integer hidden, boolean learnMass, org.latentdyn.train.Engine engine) {}

  /** Whether {@code dir} holds an interrupted phase-space VIN run. */
  static boolean isPhaseSpaceRun(Path dir) throws IOException {
    CheckpointStore s = new CheckpointStore(dir.resolve("checkpoint"));
    return s.exists() && Boolean.TRUE.equals(s.run().get("phaseSpace"));
  }

  /**
   * {@code train --resume DIR} of an interrupted phase-space run: the same request; lengths of {@code --epochs} that
   * finished are reloaded, the interrupted one continues from its checkpoint, later ones train as before.
   */
  static int resume(CommandSpec spec, Path dir) throws Exception {
    Map<String, Object> run = new CheckpointStore(dir.resolve("checkpoint")).run();
    Request q = new Request((String) run.get("data"), (String) run.get("derivatives"), dir, (String) run.get("model"),
        (String) run.get("epochs"), run.get("timeStep") instanceof Number n ? n.doubleValue() : null,
        ((Number) run.get("seed")).longValue(), (String) run.get("unroll"),
        run.get("hidden") instanceof Number h ? h.intValue() : null, Boolean.TRUE.equals(run.get("learnMass")),
        run.get("engine") == null ? null : org.latentdyn.train.Engine.valueOf((String) run.get("engine")));
    return train(spec, q, true);
  }

  static int train(CommandSpec spec, Request q) throws Exception {
    return train(spec, q, false);
  }

  private static int train(CommandSpec spec, Request q, boolean resuming) throws Exception {
    if (q.data() == null || q.out() == null) {
      throw new IllegalArgumentException("train needs --data and --out");
    }
    if (!resuming && new CheckpointStore(q.out().resolve("checkpoint")).exists()) {
      throw new IllegalArgumentException("--out " + q.out() + " holds an interrupted run; continue it with --resume "
          + q.out() + " or choose another --out");
    }
    VinConfig.Kind kind = kind(q.model());
    if (Files.exists(q.out()) && !Files.isDirectory(q.out())) {
      throw new IllegalArgumentException("--out " + q.out() + " exists and is not a directory; expected a folder path");
    }
    if (Files.exists(q.out().resolve("model"))) {
      throw new IllegalArgumentException("--out " + q.out() + " already holds a trained model; choose another --out");
    }
    NpyArray raw = ArrayFiles.readArray(q.data());
    int[] shape = raw.shape();
    if (shape.length == 4) {
      return PixelTraining.train(spec, q, VinPixels.frames("--data " + q.data(), raw));
    }
    int[] epochs = epochs(q.epochs(), 2000);
    VinConfig.Unroll unroll = switch (q.unroll() == null ? "grow" : q.unroll().toLowerCase(Locale.ROOT)) {
      case "grow" -> VinConfig.Unroll.GROW;
      case "full" -> VinConfig.Unroll.FULL;
      default -> throw new IllegalArgumentException("--unroll must be grow or full, got '" + q.unroll() + "'");
    };
    VinConfig config = VinConfig.defaults(kind, q.seed())
        .withTimeStep(q.timeStep() == null ? 0.1 : q.timeStep()).withUnroll(unroll)
        .withEpochs(epochs[0]).withLearnMass(q.learnMass()).withEngine(q.engine());
    if (q.hidden() != null) {
      config = config.withHidden(q.hidden());
    }
    if (shape.length == 3 && shape[2] == 784) {
      throw new IllegalArgumentException("--data " + q.data() + " has shape " + Arrays.toString(shape) + ": flattened"
          + " pixel data; expected frames [N, T, 28, 28] (frames.npy of 'simulate --pixels') or phase-space states"
          + " [N, T, 2]");
    }
    PhaseSpaceArray x = PhaseSpaceRuns.read("--data", q.data(), raw);
    PhaseSpaceArray dx = null;
    if (!kind.rolledOut()) {
      if (q.derivatives() == null) {
        throw new IllegalArgumentException("--model " + q.model() + " trains on observed derivatives; give"
            + " --derivatives D.npy [N, T, 2] (e.g. derivatives.npy of 'simulate " + "pendulum')");
      }
      dx = PhaseSpaceRuns.read("--derivatives", q.derivatives(), ArrayFiles.readArray(q.derivatives()));
      if (dx.trajectories() != x.trajectories() || dx.frames() != x.frames() || dx.width() != x.width()) {
        throw new IllegalArgumentException("--derivatives " + q.derivatives() + " has shape [" + dx.trajectories()
            + ", " + dx.frames() + ", " + dx.width() + "]; expected the shape of --data [" + x.trajectories() + ", "
            + x.frames() + ", " + x.width() + "]");
      }
    } else if (x.frames() < 2) {
      throw new IllegalArgumentException("--data " + q.data() + " has " + x.frames() + " frames per trajectory; "
          + q.model() + " needs at least 2");
    }
    HamiltonianSystem system = PhaseSpaceRuns.systemOfData(q.data());
    if (system != null && 2 * system.dim() != x.width()) {
      system = null;
    }
    Map<String, Object> dataDescription = new LinkedHashMap<>();
    dataDescription.put("path", q.data());
    dataDescription.put("file", ArrayFiles.parse(q.data()).file().toAbsolutePath().toString());
    dataDescription.put("shape", shape);
    RunRecord.Builder record = RunContext.record(spec, "train", config.seed()).parameter("model", q.model())
        .parameter("config", config).parameter("epochsTried", epochs).input("data", dataDescription);
    if (q.derivatives() != null && dx != null) {
      record.input("derivatives", Map.of("path", q.derivatives(), "shape", new int[] {dx.trajectories(), dx.frames(),
          dx.width()}));
    }
    var err = spec.commandLine().getErr();
    // what a resume needs to rebuild this request
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("phaseSpace", true);
    run.put("data", q.data());
    run.put("derivatives", q.derivatives());
    run.put("model", q.model());
    run.put("epochs", q.epochs());
    run.put("timeStep", q.timeStep());
    run.put("seed", q.seed());
    run.put("unroll", q.unroll());
    run.put("hidden", q.hidden());
    run.put("learnMass", q.learnMass());
    run.put("engine", q.engine() == null ? null : q.engine().name());
    run.put("config", config);
    Fitted chosen;
    try {
      chosen = fitBest(x, dx, config, epochs, new CheckpointStore(q.out().resolve("checkpoint")), run, q.model(), err);
    } catch (TrainingDivergedException e) {
      throw new IllegalStateException(q.model() + " diverged: " + e.getMessage(), e);
    }
    VinModel fitted = chosen.model();
    double seconds = chosen.seconds();
    try (VinModel m = fitted; RunFolder folder = RunFolder.open(q.out())) {
      m.save(folder.directory("model"));
      List<VinEpochRecord> h = m.history();
      StringBuilder csv = new StringBuilder("epoch,window,nll,noiseStd,seconds\n");
      for (VinEpochRecord r : h) {
        csv.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%s%n", r.epoch(), r.window(), r.nll(), r.noiseStd(),
            r.seconds()));
      }
      folder.writeText("history.csv", csv.toString());
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("model", q.model());
      metrics.put("nll", m.nll());
      metrics.put("noiseStd", m.noiseStd());
      metrics.put("epochs", m.config().epochs());
      metrics.put("epochsTried", epochs);
      metrics.put("trainSeconds", seconds);
      metrics.put("secondsPerEpoch", h.stream().mapToDouble(VinEpochRecord::seconds).average().orElse(Double.NaN));
      if (system != null) {
        metrics.put("system", system.name());
      }
      folder.writeJson("metrics.json", metrics);
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("quantity", "value"));
      metrics.forEach((k, v) -> rows.add(List.of(k, v instanceof Double d ? Tables.num(d)
          : v instanceof int[] a ? Arrays.toString(a) : String.valueOf(v))));
      double[] ep = h.stream().mapToDouble(VinEpochRecord::epoch).toArray();
      folder.writePng("loss.png", Figures.lines("Training NLL and noise std (" + q.model() + ", " + h.size()
          + " epochs)", "epoch", "per coordinate", ep, List.of("nll", "noise std"), List.of(
              h.stream().mapToDouble(VinEpochRecord::nll).toArray(),
              h.stream().mapToDouble(VinEpochRecord::noiseStd).toArray())));
      PhaseSpaceArray fit = m.forecast(fittedStarts(m, x), x.frames() - 1);
      folder.writePng("phase_portrait.png", VinFigures.phasePortrait("Fitted training trajectories (lines) and"
          + " data (points)", fit, x, "data", true));
      boolean oneDimensional = m.dim() == 1;
      if (oneDimensional) {
        folder.writePng("potential.png", learnedField(m, x, system));
      }
      HtmlReport html = new HtmlReport("latentdyn: " + q.model() + " training report");
      html.heading("Metrics").table(rows);
      html.paragraph("Best of the training lengths " + Arrays.toString(epochs) + " by the final training NLL (VIN"
          + " spec §4a); chosen: " + m.config().epochs() + " epochs.");
      html.figure("loss.png", "Training NLL per coordinate and learned noise std per epoch");
      html.figure("phase_portrait.png", "Training trajectories rolled from the fitted initial states (lines; NN and"
          + " HNN from the first observation) against the noisy data (points)");
      if (oneDimensional) {
        html.figure("potential.png", "Learned potential or force against q" + (system == null ? ""
            : ", with the true " + system.name() + "'s"));
      }
      for (String f : List.of("metrics.json", "history.csv", "run.json", "model/")) {
        html.file(f, "");
      }
      folder.writeText("report.html", html.render());
      record.parameter("trainSeconds", seconds).parameter("epochsChosen", m.config().epochs());
      folder.writeJson("run.json", record.build());
      folder.commit();
      TrainCommand.deleteQuietly(q.out().resolve("checkpoint"));
      spec.commandLine().getOut().printf(Locale.ROOT, "trained %s in %.1f s (%d epochs chosen of %s): nll %s, noise"
          + " std %s%nwrote %s (report: %s)%n", q.model(), seconds, m.config().epochs(), Arrays.toString(epochs),
          Tables.num(m.nll()), Tables.num(m.noiseStd()), q.out(), q.out().resolve("report.html"));
    }
    return 0;
  }

  /**
   * {@link Vin#fitBest} with a checkpoint in {@code store} every 1/20 of each length's epochs (scalar {@code length}:
   * the index of the length in {@code epochs}) and each finished length's model in {@code store/length-i} until the
   * run is written; what is there already (a resume) is reloaded or continued, so the result is the uninterrupted
   * run's. A checkpoint of another request (config or data differ) is an error.
   */
  static Fitted fitBest(PhaseSpaceArray x, PhaseSpaceArray dx, VinConfig config, int[] epochs, CheckpointStore store,
      Map<String, Object> run, String model, java.io.PrintWriter err) throws IOException {
    double seconds = 0;
    Map<String, Object> description = CheckpointStore.normalised(run);
    Checkpoint saved = null;
    if (store.exists()) {
      if (!description.equals(store.run())) {
        throw new IllegalArgumentException("the checkpoint in " + store.dir() + " belongs to another run (data, model"
            + " or settings differ); expected the run described in its state.json");
      }
      saved = store.read();
    }
    VinModel best = null;
    for (int i = 0; i < epochs.length; i++) {
      int length = epochs[i];
      Path finished = store.dir().resolve("length-" + i);
      VinModel m;
      if (Files.isDirectory(finished)) {
        m = VinModel.load(finished);
        err.printf(Locale.ROOT, "%s: %d epochs already trained (nll %s)%n", model, length, Tables.num(m.nll()));
      } else {
        Checkpoint start = saved != null && saved.scalars().getOrDefault("length", -1.0) == i ? saved : null;
        if (start != null) {
          err.printf(Locale.ROOT, "%s: continuing from the checkpoint at epoch %d of %d%n", model,
              start.nextEpoch() + 1, length);
        }
        final int index = i;
        TrainingListener listener = new TrainingListener() {
          @Override
          public void epochFinished(EpochRecord r, Checkpoint c) {
            if (c != null) {
              Map<String, Double> scalars = new LinkedHashMap<>(c.scalars());
              scalars.put("length", (double) index);
              try {
                store.write(new Checkpoint(c.nextEpoch(), c.vectors(), scalars, c.history(), c.doubles()), description);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write checkpoint to " + store.dir(), e);
              }
            }
            int e = r.epoch() + 1;
            if (e % 500 == 0) {
              err.printf(Locale.ROOT, "%s epoch %d: nll %.4f, noise std %.4f%n", model, e, r.reconstruction(),
                  r.regulariser());
              err.flush();
            }
          }
        };
        m = Vin.fit(x, dx, config.withEpochs(length), listener, start, Math.max(1, length / 20));
        if (i + 1 < epochs.length) {
          m.save(finished);
        }
      }
      seconds += m.history().stream().mapToDouble(VinEpochRecord::seconds).sum();
      best = Vin.lowerNll(best, m);
    }
    return new Fitted(best, seconds);
  }

  /** The chosen model and the training seconds of all lengths (their epochs' times, across resumes). */
  record Fitted(VinModel model, double seconds) {}

  /** The fitted free starts of the rolled-out kinds; the first observations for NN and HNN. */
  static double[][] fittedStarts(VinModel m, PhaseSpaceArray x) {
    if (m.config().kind().rolledOut()) {
      return m.initialStates();
    }
    double[][] s = new double[x.trajectories()][];
    for (int b = 0; b < s.length; b++) {
      s[b] = x.state(b, 0);
    }
    return s;
  }

  /**
   * VIN-SV/VV/SO(2) with a conservative force: the learned {@code U(q) - U(0)}; the others: the learned force, the
   * {@code p}-rate at {@code (q, p = 0)} (for DVAE the map's one-step change over h). With the true system, its
   * potential or force is drawn too.
   */
  static org.knowm.xchart.XYChart learnedField(VinModel m, PhaseSpaceArray x, HamiltonianSystem truth) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int b = 0; b < x.trajectories(); b++) {
      for (int t = 0; t < x.frames(); t++) {
        lo = Math.min(lo, x.get(b, t, 0));
        hi = Math.max(hi, x.get(b, t, 0));
      }
    }
    double pad = 0.1 * (hi - lo) + 1e-3;
    int n = 200;
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = lo - pad + (hi - lo + 2 * pad) * i / (n - 1);
    }
    VinConfig.Kind kind = m.config().kind();
    boolean potential = kind.verlet() || (kind == VinConfig.Kind.VIN_SO2
        && m.config().so2Force() != VinConfig.So2Force.PAPER);
    double[] learned = new double[n];
    double[] exact = truth == null ? null : new double[n];
    if (potential) {
      var u = m.potential();
      double u0 = u.energy(new double[] {0});
      for (int i = 0; i < n; i++) {
        learned[i] = u.energy(new double[] {q[i]}) - u0;
        if (exact != null) {
          exact[i] = truth.potential().energy(new double[] {q[i]}) - truth.potential().energy(new double[] {0});
        }
      }
    } else {
      double[] out = new double[2];
      double[] f = new double[1];
      if (kind == VinConfig.Kind.VIN_SO2) {
        var r = m.so2Force();
        for (int i = 0; i < n; i++) {
          r.force(new double[] {q[i]}, f);
          learned[i] = f[0];
        }
      } else {
        VectorField field = m.vectorField();
        for (int i = 0; i < n; i++) {
          field.evaluate(new double[] {q[i], 0}, out);
          learned[i] = kind == VinConfig.Kind.DVAE ? out[1] / m.config().timeStep() : out[1];
        }
      }
      if (exact != null) {
        for (int i = 0; i < n; i++) {
          truth.potential().force(new double[] {q[i]}, f);
          exact[i] = f[0];
        }
      }
    }
    String what = potential ? "potential U(q) - U(0)" : "force (pdot at p = 0)";
    List<String> names = new ArrayList<>(List.of("learned"));
    List<double[]> ys = new ArrayList<>(List.of(learned));
    if (exact != null) {
      names.add("true " + truth.name());
      ys.add(exact);
    }
    var chart = Figures.lines("Learned " + what, "q", what, q, names, ys);
    chart.getStyler().setXAxisDecimalPattern("0.##");
    return chart;
  }
}

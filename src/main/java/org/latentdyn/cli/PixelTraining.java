package org.latentdyn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.models.vin.PixelEpochRecord;
import org.latentdyn.models.vin.PixelScores;
import org.latentdyn.models.vin.PixelVae;
import org.latentdyn.models.vin.PixelVaeConfig;
import org.latentdyn.models.vin.PixelVaeModel;
import org.latentdyn.report.Figures;
import org.latentdyn.report.HtmlReport;
import org.latentdyn.report.PixelFigures;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingDivergedException;
import org.latentdyn.train.TrainingListener;
import org.latentdyn.workflow.VinPixels;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code train --model vin-vv|vin-sv|vin-so2|resrnn|dvae} on pixel frames {@code [N, T, 28, 28]}: the pixel VAE of
 * VIN spec §4b; writes DIR/model, metrics.json (best ELBO and the §5 scores of a 50-frame forecast from t = 0 on the
 * first training sequence), history.csv, run.json, report.html, the ELBO curve, a strip of decoded against true
 * frames and the 20-s latent orbit with its radius and energy (paper Figs. 5-6). A checkpoint is kept every 1/20
 * of the epochs; {@code train --resume DIR} continues an interrupted run to the uninterrupted result.
 */
final class PixelTraining {
  /** Model names that have a pixel VAE. */
  static final List<String> MODELS = List.of("vin-vv", "vin-sv", "vin-so2", "resrnn", "dvae");

  private PixelTraining() {}

  static int train(CommandSpec spec, VinTraining.Request q, VinPixels.Frames y) throws Exception {
    CheckpointStore store = new CheckpointStore(q.out().resolve("checkpoint"));
    if (store.exists()) {
      throw new IllegalArgumentException("--out " + q.out() + " holds an interrupted run; continue it with --resume "
          + q.out() + " or choose another --out");
    }
    return train(spec, q, y, null);
  }

  /** Whether {@code dir} holds an interrupted pixel VIN run. */
  static boolean isPixelRun(Path dir) throws IOException {
    CheckpointStore s = new CheckpointStore(dir.resolve("checkpoint"));
    return s.exists() && Boolean.TRUE.equals(s.run().get("pixels"));
  }

  /** {@code train --resume DIR} of an interrupted pixel run: the same request, continued from its checkpoint. */
  static int resume(CommandSpec spec, Path dir) throws Exception {
    CheckpointStore store = new CheckpointStore(dir.resolve("checkpoint"));
    Map<String, Object> run = store.run();
    VinTraining.Request q = new VinTraining.Request((String) run.get("data"), null, dir, (String) run.get("model"),
        (String) run.get("epochs"), run.get("timeStep") instanceof Number n ? n.doubleValue() : null,
        ((Number) run.get("seed")).longValue(), null, run.get("hidden") instanceof Number h ? h.intValue() : null,
        false, null);
    VinPixels.Frames y = VinPixels.frames("--data " + q.data(), ArrayFiles.readArray(q.data()));
    return train(spec, q, y, store.read());
  }

  private static int train(CommandSpec spec, VinTraining.Request q, VinPixels.Frames y, Checkpoint start)
      throws Exception {
    if (!MODELS.contains(q.model())) {
      throw new IllegalArgumentException("--model " + q.model() + " has no pixel variant; expected one of " + MODELS
          + " for pixel frames " + java.util.Arrays.toString(y.shape()));
    }
    if (q.derivatives() != null || q.learnMass()) {
      throw new IllegalArgumentException((q.derivatives() != null ? "--derivatives" : "--learn-mass") + " is for"
          + " phase-space data; the pixel VAE (spec vin.md §4b) takes frames only");
    }
    int epochs = VinTraining.epochs(q.epochs(), 6000)[0];
    if (q.epochs() != null && q.epochs().contains(",")) {
      throw new IllegalArgumentException("--epochs for pixel data is one number (the best training ELBO is kept),"
          + " got '" + q.epochs() + "'");
    }
    PixelVaeConfig config = PixelVaeConfig.defaults(VinTraining.kind(q.model()), q.seed()).withEpochs(epochs)
        .withTimeStep(q.timeStep() == null ? 1.0 : q.timeStep());
    if (q.hidden() != null) {
      config = config.withWidths(q.hidden(), q.hidden(), config.lstmUnits(), q.hidden());
    }
    if (y.steps() < config.window()) {
      throw new IllegalArgumentException("--data " + q.data() + " has " + y.steps() + " frames per sequence; the"
          + " pixel VAE needs windows of depth + 1 = " + config.window());
    }
    Map<String, Object> dataDescription = new LinkedHashMap<>();
    dataDescription.put("path", q.data());
    dataDescription.put("file", ArrayFiles.parse(q.data()).file().toAbsolutePath().toString());
    dataDescription.put("shape", y.shape());
    RunRecord.Builder record = RunContext.record(spec, "train", config.seed()).parameter("model", q.model())
        .parameter("config", config).input("data", dataDescription);
    var err = spec.commandLine().getErr();
    int every = Math.max(1, epochs / 20);
    final PixelVaeConfig c = config;
    // what a resume needs to rebuild this request; a checkpoint with the progress line every 1/20 of the epochs
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("pixels", true);
    run.put("data", q.data());
    run.put("model", q.model());
    run.put("epochs", q.epochs());
    run.put("timeStep", q.timeStep());
    run.put("seed", q.seed());
    run.put("hidden", q.hidden());
    run.put("config", config);
    CheckpointStore store = new CheckpointStore(q.out().resolve("checkpoint"));
    if (start != null) {
      err.printf(Locale.ROOT, "%s: continuing from the checkpoint at epoch %d of %d%n", q.model(),
          start.nextEpoch() + 1, epochs);
    }
    TrainingListener progress = new TrainingListener() {
      private long last = System.nanoTime();

      @Override
      public void epochFinished(org.latentdyn.train.EpochRecord r, org.latentdyn.train.Checkpoint cp) {
        if (cp != null) {
          try {
            store.write(cp, run);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write checkpoint to " + store.dir(), e);
          }
        }
        int e = r.epoch() + 1;
        if (e % every == 0 || e == c.epochs()) {
          long now = System.nanoTime();
          err.printf(Locale.ROOT, "%s epoch %d/%d: elbo %.2f, logLik %.2f, kl %.3f (%.3f s/epoch)%n", q.model(), e,
              c.epochs(), -r.reconstruction() - r.regulariser(), -r.reconstruction(), r.regulariser(),
              (now - last) / 1e9 / (e % every == 0 ? every : e % every));
          err.flush();
          last = now;
        }
      }
    };
    long t0 = System.nanoTime();
    PixelVaeModel fitted;
    try {
      fitted = PixelVae.fit(y.values(), y.shape(), config, progress, start, every);
    } catch (TrainingDivergedException e) {
      throw new IllegalStateException(q.model() + " diverged: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9
        + (start == null ? 0 : start.history().stream().mapToDouble(EpochRecord::seconds).sum());
    try (PixelVaeModel m = fitted; RunFolder folder = RunFolder.open(q.out())) {
      m.save(folder.directory("model"));
      List<PixelEpochRecord> h = m.history();
      StringBuilder csv = new StringBuilder("epoch,elbo,logLik,kl,seconds\n");
      for (PixelEpochRecord r : h) {
        csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s%n", r.epoch(), r.elbo(), r.logLikelihood(), r.kl(),
            r.seconds()));
      }
      folder.writeText("history.csv", csv.toString());
      float[] first = y.sequence(0);
      int horizon = Math.min(PixelVaeModel.TABLE_FRAMES, y.steps());
      PixelScores s = m.scores(first, horizon);
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("model", q.model());
      metrics.put("elbo", m.bestElbo());
      metrics.put("bestEpoch", m.bestEpoch());
      metrics.put("epochs", epochs);
      metrics.put("trainSeconds", seconds);
      metrics.put("secondsPerEpoch", h.stream().mapToDouble(PixelEpochRecord::seconds).average().orElse(Double.NaN));
      metrics.put("scoredFrames", horizon);
      metrics.put("rmse", s.rmse());
      metrics.put("logLik", s.logLikelihood());
      metrics.put("logLikHundreds", s.logLikelihood() * 1e-2);
      metrics.put("rmseTotal", s.rmseTotal());
      metrics.put("logLikTotal", s.logLikelihoodTotal());
      folder.writeJson("metrics.json", metrics);
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("quantity", "value"));
      metrics.forEach((k, v) -> rows.add(List.of(k, v instanceof Double d ? Tables.num(d) : String.valueOf(v))));
      double[] ep = h.stream().mapToDouble(PixelEpochRecord::epoch).toArray();
      folder.writePng("elbo.png", Figures.lines("Training ELBO (" + q.model() + ", " + h.size() + " epochs)",
          "epoch", "nats per window", ep, List.of("elbo", "log-likelihood"), List.of(
              h.stream().mapToDouble(PixelEpochRecord::elbo).toArray(),
              h.stream().mapToDouble(PixelEpochRecord::logLikelihood).toArray())));
      VinPixels.Forecast f = VinPixels.forecast(m, new VinPixels.Frames(first, new int[] {1, y.steps(),
          y.shape()[2], y.shape()[3]}), horizon - 1);
      folder.writeBytes("frames.png", PixelFigures.strip(q.model() + ": true (top) and decoded forecast from t = 0",
          List.of("true", "decoded"), List.of(PixelFigures.rows(first, y.pixels()), f.decoded()[0]), y.shape()[2],
          y.shape()[3], PixelFigures.every(5, horizon), 0.1));
      VinPixels.Orbit o = VinPixels.orbit(m, first, VinPixels.ORBIT_STEPS);
      folder.writePng("latent_orbit.png", PixelFigures.orbit(q.model() + ": 20-s latent rollout from the posterior"
          + " mean", o));
      folder.writePng("latent_radius.png", PixelFigures.radius(q.model() + ": latent radius and learned energy", o,
          0.1));
      HtmlReport html = new HtmlReport("latentdyn: " + q.model() + " pixel training report");
      html.heading("Metrics").table(rows);
      html.paragraph("Pixel VAE of VIN spec §4b (h = " + config.timeStep() + ", depth " + config.depth() + ", widths "
          + config.encoderWidth() + "/" + config.decoderWidth() + "/" + config.potentialWidth() + ", LSTM "
          + config.lstmUnits() + "), the parameters of the best training ELBO kept. Scores of spec §5 over the first "
          + horizon + " frames of the first training sequence, forecast from the posterior mean of its first "
          + config.depth() + " frames: rmse = sqrt(mean over frames of the summed squared pixel error), logLik = mean"
          + " over frames of the summed Bernoulli log-likelihood (Table 1 prints logLik x 1e-2); the totals are the"
          + " alternative pairing.");
      html.figure("elbo.png", "Training ELBO and its log-likelihood term per epoch");
      html.figure("frames.png", "Every 5th frame: true (top) and decoded Bernoulli means (bottom)");
      html.figure("latent_orbit.png", "200 latent steps (20 s) from the posterior mean (paper Fig. 6)");
      html.figure("latent_radius.png", "Radius of the latent state and learned energy against time (spec §5)");
      for (String name : List.of("metrics.json", "history.csv", "run.json", "model/")) {
        html.file(name, "");
      }
      folder.writeText("report.html", html.render());
      record.parameter("trainSeconds", seconds);
      folder.writeJson("run.json", record.build());
      folder.commit();
      TrainCommand.deleteQuietly(store.dir());
      spec.commandLine().getOut().printf(Locale.ROOT, "trained %s (pixels) in %.1f s: best elbo %s at epoch %d;"
          + " %d-frame forecast rmse %s, logLik %s%nwrote %s (report: %s)%n", q.model(), seconds,
          Tables.num(m.bestElbo()), m.bestEpoch(), horizon, Tables.num(s.rmse()), Tables.num(s.logLikelihood()),
          q.out(), q.out().resolve("report.html"));
    }
    return 0;
  }
}

package org.latentdyn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.models.nld.Nld;
import org.latentdyn.models.nld.NldConfig;
import org.latentdyn.models.nld.NldEpochRecord;
import org.latentdyn.models.nld.NldModel;
import org.latentdyn.report.Figures;
import org.latentdyn.report.HtmlReport;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingDivergedException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code train --model nld-overdamped|nld-underdamped}: Neural Langevin Dynamics (spec nld.md §7-8) on sequences
 * {@code [sequences, frames, features]}; writes DIR/model, DIR/history.csv (the spec's columns), DIR/metrics.json,
 * DIR/metrics.md, DIR/report.html and DIR/run.json.
 */
final class NldTraining {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NldTraining() {}

  static int train(CommandSpec spec, String data, Path out, String model, String preset, Integer epochs,
      Integer length, long seed, Path resume)
      throws Exception {
    NldConfig config;
    String id;
    Checkpoint start = null;
    CheckpointStore store;
    if (resume != null) {
      store = new CheckpointStore(resume.resolve("checkpoint"));
      Map<String, Object> run = store.run();
      data = (String) run.get("data");
      model = (String) run.get("model");
      id = (String) run.get("preset");
      config = JSON.convertValue(run.get("config"), NldConfig.class);
      start = store.read();
      out = resume;
    } else {
      if (data == null || out == null) {
        throw new IllegalArgumentException("train needs --data and --out (or --resume DIR)");
      }
      String defaultPreset = switch (model) {
        case "nld-overdamped" -> "O1";
        case "nld-underdamped" -> "U1";
        default -> throw new IllegalArgumentException("unknown --model '" + model + "'; expected dynae, betavae, swae,"
            + " sdevae, nld-overdamped or nld-underdamped");
      };
      id = preset != null ? preset : defaultPreset;
      config = NldConfig.preset(id, seed);
      boolean under = config.variant() == NldConfig.Variant.UNDERDAMPED;
      if (under != model.equals("nld-underdamped")) {
        throw new IllegalArgumentException("--preset " + id + " is "
            + config.variant().name().toLowerCase(Locale.ROOT) + ", --model is " + model
            + "; expected a preset of the same variant (O0-O4 or U0-U4)");
      }
      if (epochs != null) {
        config = config.withEpochs(epochs);
      }
      if (length != null) {
        config = config.withLength(length);
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new IllegalArgumentException("--out " + out + " exists and is not a directory; expected a folder path");
      }
      store = new CheckpointStore(out.resolve("checkpoint"));
      if (store.exists()) {
        throw new IllegalArgumentException("--out " + out + " holds an interrupted run; continue it with --resume "
            + out + " or choose another --out");
      }
      if (Files.exists(out.resolve("model"))) {
        throw new IllegalArgumentException("--out " + out + " already holds a trained model; choose another --out");
      }
    }
    NpyArray x = ArrayFiles.readArray(data);
    if (x.rank() != 3) {
      throw new IllegalArgumentException("--data " + data + " has shape " + java.util.Arrays.toString(x.shape())
          + "; expected [sequences, frames, features]");
    }
    if (x.dim(1) < config.length()) {
      throw new IllegalArgumentException("--data " + data + " has " + x.dim(1) + " frames per sequence, fewer than the"
          + " training length " + config.length() + "; expected at least that many (or a smaller --length)");
    }
    float[] values = x.toFloatArray();
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException("--data " + data + " holds a non-finite value " + values[i] + " at index "
            + i + "; expected finite observations");
      }
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("data", data);
    run.put("model", model);
    run.put("preset", id);
    run.put("config", config);
    RunRecord.Builder record = RunContext.record(spec, "train", config.seed()).parameter("model", model)
        .parameter("preset", id).parameter("config", config).input("data", Map.of("path", data, "shape", x.shape()));
    long t0 = System.nanoTime();
    boolean createdOut = !Files.exists(out);
    NldModel fitted;
    try (TrainingProgress progress = new TrainingProgress(spec.commandLine().getErr(), store, run, "nll", "pathKl",
        "kl0", "val loss")) {
      fitted = Nld.fit(values, x.shape(), config, progress, start);
    } catch (IllegalArgumentException | TrainingDivergedException e) {
      if (createdOut && start == null) { // nothing half-written: a diverged NLD run has no state worth resuming
        TrainCommand.deleteQuietly(out);
      }
      throw e;
    }
    try (NldModel m = fitted; RunFolder folder = RunFolder.open(out)) {
      double seconds = (System.nanoTime() - t0) / 1e9
          + (start == null ? 0 : start.history().stream().mapToDouble(EpochRecord::seconds).sum());
      m.save(folder.directory("model"));
      List<NldEpochRecord> h = m.history();
      StringBuilder csv = new StringBuilder("epoch,loss,nll,pathKl,kl0,klWeight,exactElbo,validationLoss,beta,c,"
          + "learningRate,clipped,seconds\n");
      for (NldEpochRecord r : h) {
        csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s%n", r.epoch(), r.loss(), r.nll(),
            r.pathKl(), r.kl0(), r.klWeight(), r.exactElbo(), r.validationLoss(), r.beta(), r.c(), r.learningRate(),
            r.clipped(), r.seconds()));
      }
      folder.writeText("history.csv", csv.toString());
      NldEpochRecord last = h.get(h.size() - 1);
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("model", model);
      metrics.put("preset", id);
      metrics.put("epochs", h.size());
      metrics.put("loss", last.loss());
      metrics.put("exactElbo", last.exactElbo());
      metrics.put("validationLoss", last.validationLoss());
      metrics.put("beta", m.beta());
      metrics.put("c", m.stiffness());
      metrics.put("restarts", m.restarts());
      metrics.put("clippedSteps", h.stream().mapToInt(NldEpochRecord::clipped).sum());
      metrics.put("trainSeconds", seconds);
      metrics.put("secondsPerEpoch", h.stream().mapToDouble(NldEpochRecord::seconds).average().orElse(Double.NaN));
      folder.writeJson("metrics.json", metrics);
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("quantity", "value"));
      metrics.forEach((k, v) -> rows.add(List.of(k, v instanceof Double d ? Tables.num(d) : String.valueOf(v))));
      folder.writeText("metrics.md", Tables.markdown(rows));
      double[] ep = h.stream().mapToDouble(NldEpochRecord::epoch).toArray();
      folder.writePng("losses.png", Figures.lines("NLD losses per epoch", "epoch", "per sequence", ep,
          List.of("loss", "nll", "path KL", "validation loss"), List.of(h.stream().mapToDouble(NldEpochRecord::loss)
              .toArray(), h.stream().mapToDouble(NldEpochRecord::nll).toArray(), h.stream()
                  .mapToDouble(NldEpochRecord::pathKl).toArray(), h.stream()
                      .mapToDouble(NldEpochRecord::validationLoss).toArray())));
      HtmlReport html = new HtmlReport("latentdyn: NLD training report");
      html.heading("Metrics").table(rows);
      html.figure("losses.png", "Training losses and validation loss per epoch");
      for (String f : List.of("metrics.json", "metrics.md", "history.csv", "run.json", "model/")) {
        html.file(f, "");
      }
      folder.writeText("report.html", html.render());
      record.parameter("trainSeconds", seconds);
      folder.writeJson("run.json", record.build());
      folder.commit();
      TrainCommand.deleteQuietly(store.dir());
      spec.commandLine().getOut().printf(Locale.ROOT, "trained %s (%s) in %.1f s: loss %s, exact ELBO %s, beta %s,"
          + " c %s, %d restart(s)%nwrote %s%n", model, id, seconds, Tables.num(last.loss()),
          Tables.num(last.exactElbo()), Tables.num(m.beta()), Tables.num(m.stiffness()), m.restarts(), out);
    }
    return 0;
  }
}

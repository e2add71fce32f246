package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.models.vin.PixelScores;
import org.latentdyn.models.vin.PixelVaeModel;

/** Pixel variants of {@code train}, {@code forecast} and {@code compare} (VIN spec §3b, §4b, §5; issue 9). */
class VinPixelCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private Path simulate(String system, int frames, long seed) {
    Path dir = tmp.resolve(system + "-" + frames + "-" + seed);
    CliTest.Run r = CliTest.run("simulate", system, "--pixels", "--frames", Integer.toString(frames), "--seed",
        Long.toString(seed), "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    return dir;
  }

  private Path train(Path data, String model, String name) {
    Path out = tmp.resolve(name);
    CliTest.Run r = CliTest.run("train", "--model", model, "--data", data.resolve("frames.npy").toString(),
        "--epochs", "20", "--hidden", "16", "--seed", "3", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("epoch 20/20"), r.err());
    return out;
  }

  @Test
  void pixelTrainWritesModelMetricsHistoryReportFiguresAndReloads() throws IOException {
    Path data = simulate("pendulum", 20, 2);
    Path out = train(data, "vin-vv", "vv");
    for (String f : List.of("model/config.json", "model/weights.npz", "model/provenance.json", "metrics.json",
        "history.csv", "run.json", "report.html", "elbo.png", "frames.png", "latent_orbit.png",
        "latent_radius.png")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
    for (String k : List.of("elbo", "rmse", "logLik", "rmseTotal", "logLikTotal", "trainSeconds",
        "secondsPerEpoch")) {
      assertTrue(Double.isFinite(m.get(k).asDouble()), k);
    }
    assertEquals(20, m.get("scoredFrames").asInt());
    assertEquals(m.get("logLik").asDouble() * 1e-2, m.get("logLikHundreds").asDouble(), 1e-9);
    assertTrue(m.get("logLik").asDouble() < 0);
    assertEquals(m.get("rmse").asDouble() * Math.sqrt(20), m.get("rmseTotal").asDouble(), 1e-9);
    List<String> lines = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("epoch,elbo,logLik,kl,seconds", lines.get(0));
    assertEquals(21, lines.size());
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertEquals("VIN_VV", run.get("parameters").get("config").get("kind").asText());
    assertEquals(1.0, run.get("parameters").get("config").get("timeStep").asDouble());
    assertEquals(16, run.get("parameters").get("config").get("encoderWidth").asInt());

    float[] frames = Npy.read(data.resolve("frames.npy")).toFloatArray();
    try (PixelVaeModel loaded = PixelVaeModel.load(out.resolve("model"))) {
      PixelScores s = loaded.scores(frames, 20);
      assertEquals(m.get("rmse").asDouble(), s.rmse(), 1e-9);
      assertEquals(m.get("logLik").asDouble(), s.logLikelihood(), 1e-9);
      assertEquals(m.get("elbo").asDouble(), loaded.bestElbo(), 1e-9);
    }
  }

  @Test
  void pixelTrainBadInputIsOneLineExitTwoNothingWritten() throws IOException {
    Path out = tmp.resolve("bad");
    Path half = tmp.resolve("half.npy");
    float[] v = new float[1 * 12 * 28 * 28];
    v[5] = 0.5f;
    Npy.write(half, NpyArray.ofFloats(v, 1, 12, 28, 28));
    Path shortSeq = tmp.resolve("short.npy");
    Npy.write(shortSeq, NpyArray.ofFloats(new float[1 * 5 * 28 * 28], 1, 5, 28, 28));
    Path data = simulate("pendulum", 12, 1);
    String frames = data.resolve("frames.npy").toString();
    for (String[] args : List.of(
        new String[] {"--model", "vin-vv", "--data", half.toString()},
        new String[] {"--model", "vin-vv", "--data", shortSeq.toString()},
        new String[] {"--model", "hnn", "--data", frames},
        new String[] {"--model", "vin-sv", "--data", frames, "--epochs", "10,20"},
        new String[] {"--model", "vin-vv", "--data", frames, "--learn-mass"})) {
      String[] all = new String[args.length + 3];
      all[0] = "train";
      System.arraycopy(args, 0, all, 1, args.length);
      all[args.length + 1] = "--out";
      all[args.length + 2] = out.toString();
      CliTest.Run r = CliTest.run(all);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(out), String.join(" ", args));
    }
  }

  @Test
  void pixelForecastIsReproducibleScoredAndRejectsBadInput() throws IOException {
    Path data = simulate("mass-spring", 20, 4);
    Path model = train(data, "vin-sv", "sv").resolve("model");
    Path test = simulate("mass-spring", 30, 5);
    String frames = test.resolve("frames.npy").toString();
    Path a = tmp.resolve("fa");
    Path b = tmp.resolve("fb");
    for (Path out : List.of(a, b)) {
      CliTest.Run r = CliTest.run("forecast", "--model", model.toString(), "--frames", frames, "--steps", "40",
          "--out", out.toString());
      assertEquals(0, r.code(), r.err());
    }
    assertArrayEquals(Files.readAllBytes(a.resolve("decoded.npy")), Files.readAllBytes(b.resolve("decoded.npy")));
    NpyArray decoded = Npy.read(a.resolve("decoded.npy"));
    assertArrayEquals(new int[] {1, 41, 28, 28}, decoded.shape());
    for (float v : decoded.toFloatArray()) {
      assertTrue(v >= 0 && v <= 1, "Bernoulli mean " + v);
    }
    assertArrayEquals(new int[] {1, 41, 2}, Npy.read(a.resolve("latent.npy")).shape());
    assertTrue(Files.isRegularFile(a.resolve("frames.png")));
    assertTrue(Files.isRegularFile(a.resolve("run.json")));
    JsonNode m = JSON.readTree(a.resolve("metrics.json").toFile());
    assertEquals(30, m.get("scoredFrames").asInt());
    float[] y = Npy.read(test.resolve("frames.npy")).toFloatArray();
    try (PixelVaeModel loaded = PixelVaeModel.load(model)) {
      PixelScores s = loaded.scores(y, 30);
      assertEquals(s.rmse(), m.get("rmse").asDouble(), 1e-9);
      assertEquals(s.logLikelihood(), m.get("logLik").asDouble(), 1e-6);
      assertEquals(s.rmseTotal(), m.get("rmseTotal").asDouble(), 1e-9);
      assertEquals(s.logLikelihoodTotal(), m.get("logLikTotal").asDouble(), 1e-4);
    }

    float[] v = y.clone();
    v[3] = 0.5f;
    Path half = tmp.resolve("half.npy");
    Npy.write(half, NpyArray.ofFloats(v, 1, 30, 28, 28));
    v[3] = Float.NaN;
    Path nan = tmp.resolve("nan.npy");
    Npy.write(nan, NpyArray.ofFloats(v, 1, 30, 28, 28));
    Path small = tmp.resolve("small.npy");
    Npy.write(small, NpyArray.ofFloats(new float[30 * 14 * 56], 1, 30, 14, 56));
    Path flat = tmp.resolve("flat.npy");
    Npy.write(flat, NpyArray.ofFloats(new float[30 * 784], 30, 784));
    Path few = tmp.resolve("few.npy");
    Npy.write(few, NpyArray.ofFloats(new float[5 * 784], 1, 5, 28, 28));
    Path out = tmp.resolve("fbad");
    for (String[] args : List.of(new String[] {half.toString(), "5"}, new String[] {nan.toString(), "5"},
        new String[] {small.toString(), "5"}, new String[] {flat.toString(), "5"}, new String[] {few.toString(), "5"},
        new String[] {frames, "0"})) {
      CliTest.Run r = CliTest.run("forecast", "--model", model.toString(), "--frames", args[0], "--steps", args[1],
          "--out", out.toString());
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(out), String.join(" ", args));
    }
  }

  @Test
  void resumeContinuesAnInterruptedPixelRunToTheUninterruptedResult() throws IOException {
    Path data = simulate("pendulum", 14, 4);
    String frames = data.resolve("frames.npy").toString();
    Path full = tmp.resolve("full");
    CliTest.Run t = CliTest.run("train", "--model", "vin-so2", "--data", frames, "--epochs", "8", "--hidden", "12",
        "--seed", "3", "--out", full.toString());
    assertEquals(0, t.code(), t.err());
    assertFalse(Files.exists(full.resolve("checkpoint")), "the checkpoint is removed once the run is complete");
    // an interrupted run: the checkpoint after epoch 4 of the same request, as train writes it
    org.latentdyn.models.vin.PixelVaeConfig config = org.latentdyn.models.vin.PixelVaeConfig
        .defaults(org.latentdyn.models.vin.VinConfig.Kind.VIN_SO2, 3).withEpochs(8).withTimeStep(1.0);
    config = config.withWidths(12, 12, config.lstmUnits(), 12);
    NpyArray x = Npy.read(Path.of(frames));
    List<org.latentdyn.train.Checkpoint> saved = new java.util.ArrayList<>();
    org.latentdyn.models.vin.PixelVae.fit(x.toFloatArray(), x.shape(), config,
        new org.latentdyn.train.TrainingListener() {
          @Override
          public void epochFinished(org.latentdyn.train.EpochRecord r, org.latentdyn.train.Checkpoint c) {
            if (c != null) {
              saved.add(c);
            }
          }
        }, null, 4).close();
    java.util.Map<String, Object> run = new java.util.LinkedHashMap<>();
    run.put("pixels", true);
    run.put("data", frames);
    run.put("model", "vin-so2");
    run.put("epochs", "8");
    run.put("timeStep", null);
    run.put("seed", 3L);
    run.put("hidden", 12);
    run.put("config", config);
    Path cut = tmp.resolve("cut");
    new org.latentdyn.train.CheckpointStore(cut.resolve("checkpoint")).write(saved.get(0), run);
    CliTest.Run r = CliTest.run("train", "--resume", cut.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("continuing from the checkpoint at epoch 5 of 8"), r.err());
    assertArrayEquals(Files.readAllBytes(full.resolve("model/weights.npz")),
        Files.readAllBytes(cut.resolve("model/weights.npz")), "resumed weights equal the uninterrupted run's");
    assertEquals(JSON.readTree(full.resolve("metrics.json").toFile()).get("rmse"),
        JSON.readTree(cut.resolve("metrics.json").toFile()).get("rmse"));
    assertFalse(Files.exists(cut.resolve("checkpoint")));
  }

  @Test
  void pixelCompareWritesTable1RowsAndResumes() throws IOException {
    Path dir = tmp.resolve("cmp");
    String[] args = {"compare", "--dataset", "pendulum-pixels", "--models", "resrnn,vin-vv", "--seeds", "1",
        "--epochs", "8", "--hidden", "12", "--out", dir.toString()};
    CliTest.Run r = CliTest.run(args);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 runs (2 trained, 0 reused)"), r.out());
    for (String f : List.of("table/comparison.md", "table/comparison.csv", "table/comparison.json",
        "table/rollouts.png", "table/report.html", "table/run.json", "runs/resrnn-seed1/result.json",
        "runs/vin-vv-seed1/model/config.json")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    JsonNode j = JSON.readTree(dir.resolve("table/comparison.json").toFile());
    JsonNode vv = j.get("models").get(1);
    assertEquals("vin-vv", vv.get("model").asText());
    for (String k : List.of("rmseMean", "logLikMean", "rmseTotalMean", "logLikTotalMean")) {
      assertTrue(Double.isFinite(vv.get(k).asDouble()), k);
    }
    assertEquals(0.0, vv.get("rmseSe").asDouble());
    assertEquals(4.3, vv.get("paper").get("rmse").asDouble());
    assertEquals(-246.7, j.get("models").get(0).get("paper").get("logLikHundreds").asDouble());
    String md = Files.readString(dir.resolve("table/comparison.md"));
    assertTrue(md.contains("6.1 +- 0.2"), md);
    byte[] csv = Files.readAllBytes(dir.resolve("table/comparison.csv"));

    CliTest.Run again = CliTest.run(args);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("2 runs (0 trained, 2 reused)"), again.out());
    assertArrayEquals(csv, Files.readAllBytes(dir.resolve("table/comparison.csv")));
  }
}

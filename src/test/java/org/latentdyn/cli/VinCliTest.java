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
import org.latentdyn.data.io.DType;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;

/** {@code train --model vin-*}, {@code forecast}, {@code compare --dataset pendulum|mass-spring} (VIN spec §4a, §5). */
class VinCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private Path simulate(String name, int trajectories, int frames, double noise, long seed) {
    Path dir = tmp.resolve(name + "-" + frames + "-" + seed + "-" + noise);
    CliTest.Run r = CliTest.run("simulate", "pendulum", "--trajectories", Integer.toString(trajectories), "--frames",
        Integer.toString(frames), "--noise", Double.toString(noise), "--seed", Long.toString(seed), "--out",
        dir.toString());
    assertEquals(0, r.code(), r.err());
    return dir;
  }

  private Path train(Path data, String model, String epochs) {
    Path out = tmp.resolve("train-" + model);
    CliTest.Run r = CliTest.run("train", "--model", model, "--data", data.resolve("observations.npy").toString(),
        "--derivatives", data.resolve("derivatives.npy").toString(), "--epochs", epochs, "--hidden", "16", "--seed",
        "3", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    return out;
  }

  @Test
  void trainWritesModelMetricsHistoryReportAndFigures() throws IOException {
    Path data = simulate("pend", 4, 12, 0.1, 2);
    Path out = train(data, "vin-vv", "20,30");
    for (String f : List.of("model/config.json", "model/weights.npz", "metrics.json", "history.csv", "run.json",
        "report.html", "loss.png", "phase_portrait.png", "potential.png")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
    assertTrue(Double.isFinite(m.get("nll").asDouble()));
    assertTrue(m.get("noiseStd").asDouble() > 0);
    assertTrue(m.get("trainSeconds").asDouble() > 0);
    int chosen = m.get("epochs").asInt();
    assertTrue(chosen == 20 || chosen == 30, "chosen " + chosen);
    assertEquals("pendulum", m.get("system").asText());
    List<String> lines = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("epoch,window,nll,noiseStd,seconds", lines.get(0));
    assertEquals(chosen + 1, lines.size());
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertEquals("train", run.get("command").asText());
    assertEquals("VIN_VV", run.get("parameters").get("config").get("kind").asText());
    assertEquals("JAVA", run.get("parameters").get("config").get("engine").asText());
  }

  @Test
  void resumeContinuesAnInterruptedRunOverItsTrainingLengths() throws IOException {
    Path data = simulate("pend", 3, 12, 0.1, 5);
    String obs = data.resolve("observations.npy").toString();
    Path full = tmp.resolve("full");
    CliTest.Run t = CliTest.run("train", "--model", "vin-vv", "--data", obs, "--epochs", "20,30", "--hidden", "16",
        "--seed", "3", "--out", full.toString());
    assertEquals(0, t.code(), t.err());
    assertFalse(Files.exists(full.resolve("checkpoint")), "the checkpoint is removed once the run is complete");
    // an interrupted run, as train leaves it: the 20-epoch length finished, the 30-epoch one stopped after epoch 15
    org.latentdyn.models.vin.VinConfig config = org.latentdyn.models.vin.VinConfig
        .defaults(org.latentdyn.models.vin.VinConfig.Kind.VIN_VV, 3).withTimeStep(0.1)
        .withUnroll(org.latentdyn.models.vin.VinConfig.Unroll.GROW).withEpochs(20).withLearnMass(false)
        .withEngine(org.latentdyn.train.Engine.JAVA).withHidden(16);
    org.latentdyn.mechanics.PhaseSpaceArray x = PhaseSpaceRuns.read("--data", obs, Npy.read(Path.of(obs)));
    Path cut = tmp.resolve("cut");
    org.latentdyn.train.CheckpointStore store = new org.latentdyn.train.CheckpointStore(cut.resolve("checkpoint"));
    try (org.latentdyn.models.vin.VinModel first = org.latentdyn.models.vin.Vin.fit(x, null, config, null)) {
      first.save(store.dir().resolve("length-0"));
    }
    List<org.latentdyn.train.Checkpoint> saved = new java.util.ArrayList<>();
    org.latentdyn.models.vin.Vin.fit(x, null, config.withEpochs(30), new org.latentdyn.train.TrainingListener() {
      @Override
      public void epochFinished(org.latentdyn.train.EpochRecord r, org.latentdyn.train.Checkpoint c) {
        if (c != null) {
          saved.add(c);
        }
      }
    }, null, 1).close();
    org.latentdyn.train.Checkpoint at15 = saved.get(14);
    assertEquals(15, at15.nextEpoch());
    java.util.Map<String, Double> scalars = new java.util.LinkedHashMap<>(at15.scalars());
    scalars.put("length", 1.0);
    java.util.Map<String, Object> run = new java.util.LinkedHashMap<>();
    run.put("phaseSpace", true);
    run.put("data", obs);
    run.put("derivatives", null);
    run.put("model", "vin-vv");
    run.put("epochs", "20,30");
    run.put("timeStep", null);
    run.put("seed", 3L);
    run.put("unroll", null);
    run.put("hidden", 16);
    run.put("learnMass", false);
    run.put("engine", "JAVA");
    run.put("config", config);
    store.write(new org.latentdyn.train.Checkpoint(15, at15.vectors(), scalars, at15.history(), at15.doubles()), run);

    CliTest.Run again = CliTest.run("train", "--model", "vin-vv", "--data", obs, "--epochs", "20,30", "--out",
        cut.toString());
    assertEquals(Main.EXIT_BAD_INPUT, again.code(), again.err());
    assertTrue(again.err().contains("--resume " + cut), again.err());

    CliTest.Run r = CliTest.run("train", "--resume", cut.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("20 epochs already trained"), r.err());
    assertTrue(r.err().contains("continuing from the checkpoint at epoch 16 of 30"), r.err());
    assertArrayEquals(Files.readAllBytes(full.resolve("model/weights.npz")),
        Files.readAllBytes(cut.resolve("model/weights.npz")), "resumed weights equal the uninterrupted run's");
    JsonNode a = JSON.readTree(full.resolve("metrics.json").toFile());
    JsonNode b = JSON.readTree(cut.resolve("metrics.json").toFile());
    assertEquals(a.get("nll"), b.get("nll"));
    assertEquals(a.get("epochs"), b.get("epochs"));
    assertEquals(Files.readAllLines(full.resolve("history.csv")).size(),
        Files.readAllLines(cut.resolve("history.csv")).size());
    assertFalse(Files.exists(cut.resolve("checkpoint")), "the checkpoint is removed once the run is complete");
  }

  @Test
  void bothEnginesTrainToTheSameNll() throws IOException {
    Path data = simulate("pend", 3, 10, 0.1, 4);
    double[] nll = new double[2];
    String[] engines = {"java", "djl"};
    for (int i = 0; i < 2; i++) {
      Path out = tmp.resolve("engine-" + engines[i]);
      CliTest.Run r = CliTest.run("train", "--model", "vin-sv", "--data", data.resolve("observations.npy").toString(),
          "--epochs", "25", "--hidden", "16", "--seed", "3", "--engine", engines[i], "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      nll[i] = JSON.readTree(out.resolve("metrics.json").toFile()).get("nll").asDouble();
      assertEquals(engines[i].toUpperCase(java.util.Locale.ROOT), JSON.readTree(out.resolve("model/config.json")
          .toFile()).get("engine").asText());
    }
    assertEquals(nll[1], nll[0], 1e-5 * Math.abs(nll[1]) + 1e-6, "final nll, JAVA vs DJL");
  }

  @Test
  void hnnWithoutDerivativesAndPixelDataAreBadInput() throws IOException {
    Path data = simulate("pend", 2, 6, 0.1, 1);
    Path out = tmp.resolve("hnn");
    CliTest.Run r = CliTest.run("train", "--model", "hnn", "--data", data.resolve("observations.npy").toString(),
        "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--derivatives"), r.err());
    assertFalse(Files.exists(out));

    Path pixels = tmp.resolve("pixels.npy");
    Npy.write(pixels, NpyArray.ofFloats(new float[2 * 3 * 784], 2, 3, 784));
    r = CliTest.run("train", "--model", "vin-vv", "--data", pixels.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("flattened pixel data"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(Files.exists(out));

    r = CliTest.run("train", "--model", "vin-vv", "--data", data.resolve("observations.npy").toString(), "--epochs",
        "10,x", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("10,x"), r.err());
  }

  @Test
  void forecastIsReproducibleAndScoredAgainstTruth() throws IOException {
    Path data = simulate("pend", 3, 10, 0.1, 4);
    Path model = train(data, "resrnn", "15").resolve("model");
    Path test = simulate("test", 3, 12, 0.0, 5);
    String truth = test.resolve("truth.npy").toString();
    Path a = tmp.resolve("fa");
    Path b = tmp.resolve("fb");
    for (Path out : List.of(a, b)) {
      CliTest.Run r = CliTest.run("forecast", "--model", model.toString(), "--initial", truth, "--steps", "10",
          "--truth", truth, "--out", out.toString());
      assertEquals(0, r.code(), r.err());
    }
    assertArrayEquals(Files.readAllBytes(a.resolve("forecast.npy")), Files.readAllBytes(b.resolve("forecast.npy")));
    NpyArray f = Npy.read(a.resolve("forecast.npy"));
    assertEquals(DType.FLOAT32, f.dtype());
    assertArrayEquals(new int[] {3, 11, 2}, f.shape());
    float[] t = Npy.read(test.resolve("truth.npy")).toFloatArray();
    float[] v = f.toFloatArray();
    for (int n = 0; n < 3; n++) {
      assertEquals(t[n * 24], v[n * 22], 0f);
      assertEquals(t[n * 24 + 1], v[n * 22 + 1], 0f);
    }
    JsonNode m = JSON.readTree(a.resolve("metrics.json").toFile());
    JsonNode byStep = m.get("rmseByStep");
    assertEquals(11, byStep.size());
    assertEquals(0.0, byStep.get(0).asDouble(), 1e-12);
    double mean = 0;
    for (int k = 1; k <= 10; k++) {
      mean += byStep.get(k).asDouble() / 10;
    }
    assertEquals(mean, m.get("rmse").asDouble(), 1e-12);
    // RMSE_t by hand at the last step, from the float32 forecast
    double s = 0;
    for (int n = 0; n < 3; n++) {
      for (int j = 0; j < 2; j++) {
        double d = v[n * 22 + 10 * 2 + j] - t[n * 24 + 10 * 2 + j];
        s += d * d;
      }
    }
    assertEquals(Math.sqrt(s / 3), byStep.get(10).asDouble(), 1e-4);
    for (String p : List.of("phase_portrait.png", "rollouts.png", "rmse.png", "energy.png", "run.json")) {
      assertTrue(Files.isRegularFile(a.resolve(p)), p);
    }

    // starts as [N, 2]
    Path starts = tmp.resolve("starts.npy");
    Npy.write(starts, NpyArray.ofFloats(new float[] {t[0], t[1], t[24], t[25], t[48], t[49]}, 3, 2));
    Path c = tmp.resolve("fc");
    CliTest.Run r = CliTest.run("forecast", "--model", model.toString(), "--initial", starts.toString(), "--steps",
        "10", "--out", c.toString());
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(Files.readAllBytes(a.resolve("forecast.npy")), Files.readAllBytes(c.resolve("forecast.npy")));
  }

  @Test
  void forecastBadInputIsOneLineExitTwoAndWritesNothing() throws IOException {
    Path data = simulate("pend", 2, 8, 0.1, 6);
    Path model = train(data, "vin-sv", "5").resolve("model");
    String truth = data.resolve("truth.npy").toString();
    Path out = tmp.resolve("bad");
    Path nan = tmp.resolve("nan.npy");
    Npy.write(nan, NpyArray.ofFloats(new float[] {0.1f, Float.NaN}, 1, 2));
    Path wide = tmp.resolve("wide.npy");
    Npy.write(wide, NpyArray.ofFloats(new float[6], 2, 3));
    String[][] cases = {
        {"--initial", truth, "--steps", "0"},
        {"--initial", nan.toString(), "--steps", "3"},
        {"--initial", wide.toString(), "--steps", "3"},
        {"--initial", truth, "--steps", "20", "--truth", truth},
    };
    String[] expected = {"--steps must be >= 1, got 0", "NaN", "[2, 3]", "--truth"};
    for (int i = 0; i < cases.length; i++) {
      List<String> args = new java.util.ArrayList<>(List.of("forecast", "--model", model.toString(), "--out",
          out.toString()));
      args.addAll(List.of(cases[i]));
      CliTest.Run r = CliTest.run(args.toArray(String[]::new));
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(expected[i]), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void compareWritesTableAndReusesFinishedRuns() throws IOException {
    Path out = tmp.resolve("cmp");
    String[] args = {"compare", "--dataset", "mass-spring", "--models", "vin-vv,nn", "--seeds", "1", "--trajectories",
        "2", "--epochs", "5", "--hidden", "8", "--energy-steps", "200", "--out", out.toString()};
    CliTest.Run r = CliTest.run(args);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 runs (2 trained, 0 reused)"), r.out());
    for (String f : List.of("comparison.md", "comparison.csv", "comparison.json", "rmse_by_step.png", "energy.png",
        "energy_long.png", "report.html", "run.json")) {
      assertTrue(Files.isRegularFile(out.resolve("table").resolve(f)), f);
    }
    assertTrue(Files.isRegularFile(out.resolve("runs/vin-vv-seed1/result.json")));
    assertTrue(Files.isRegularFile(out.resolve("runs/nn-seed1/model/config.json")));
    JsonNode json = JSON.readTree(out.resolve("table/comparison.json").toFile());
    JsonNode first = json.get("models").get(0);
    assertEquals("vin-vv", first.get("model").asText());
    assertEquals(1, first.get("rmsePerSeed").size());
    assertEquals(first.get("rmsePerSeed").get(0).asDouble(), first.get("rmseMean").asDouble(), 0);
    assertEquals(0.0, first.get("rmseSe").asDouble(), 0);
    assertEquals(101, first.get("rmseByStep").size());
    byte[] table = Files.readAllBytes(out.resolve("table/comparison.csv"));

    r = CliTest.run(args);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 runs (0 trained, 2 reused)"), r.out());
    assertArrayEquals(table, Files.readAllBytes(out.resolve("table/comparison.csv")));
  }

  @Test
  void forecastTakesTheSystemFromTheOptionWhenTheDataHasNoRunJson() throws IOException {
    Path data = simulate("pend", 2, 8, 0.1, 8);
    Path plain = tmp.resolve("plain");
    Files.createDirectories(plain);
    Files.copy(data.resolve("observations.npy"), plain.resolve("observations.npy"));
    Files.copy(data.resolve("derivatives.npy"), plain.resolve("derivatives.npy"));
    Path model = train(plain, "nn", "5").resolve("model");
    assertFalse(JSON.readTree(model.resolveSibling("metrics.json").toFile()).has("system"));
    String truth = data.resolve("truth.npy").toString();
    Path a = tmp.resolve("no-system");
    CliTest.Run r = CliTest.run("forecast", "--model", model.toString(), "--initial", truth, "--steps", "5",
        "--truth", truth, "--out", a.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("--system"), r.err());
    assertFalse(Files.exists(a.resolve("energy.png")));
    Path b = tmp.resolve("with-system");
    r = CliTest.run("forecast", "--model", model.toString(), "--initial", truth, "--steps", "5", "--truth", truth,
        "--system", "pendulum", "--out", b.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isRegularFile(b.resolve("energy.png")));
    assertEquals("pendulum", JSON.readTree(b.resolve("run.json").toFile()).get("parameters").get("system").asText());
  }
}

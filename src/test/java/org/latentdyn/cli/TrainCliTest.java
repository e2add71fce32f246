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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;
import org.latentdyn.models.baselines.BaselineConfig;
import org.latentdyn.models.baselines.Baselines;
import org.latentdyn.models.baselines.BetaVaeConfig;
import org.latentdyn.models.baselines.SdeVaeConfig;
import org.latentdyn.models.baselines.SwaeConfig;
import org.latentdyn.models.dynae.Dynae;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.models.dynae.DynaeModel;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/** The train and encode commands: outputs, resume, bad input. */
class TrainCliTest {
  @TempDir
  Path tmp;
  Path data;

  @BeforeEach
  void simulate() {
    data = tmp.resolve("data");
    assertEquals(0, CliTest.run("simulate", "three-well", "--frames", "3000", "--seed", "4", "--out", data.toString())
        .code());
  }

  String obs() {
    return data.resolve("observations.npy").toString();
  }

  String truth() {
    return data.resolve("truth.npy").toString();
  }

  @Test
  void trainWritesModelLatentMetricsHistoryReportAndEncodeReproducesTheLatent() throws IOException {
    Path out = tmp.resolve("run");
    CliTest.Run r = CliTest.run("train", "--data", obs(), "--truth", truth(), "--epochs", "3", "--batch-size", "64",
        "--seed", "2", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    for (String f : new String[] {"model/config.json", "model/weights.npz", "latent.npy", "metrics.json",
        "history.csv", "run.json", "report.html", "losses.png", "latent.png"}) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    assertFalse(Files.exists(out.resolve("checkpoint")), "the checkpoint is removed after success");
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    for (String k : new String[] {"convention", "lz", "lzRelative", "similarityScale", "similarityRelativeMse"}) {
      assertTrue(m.get("evaluation").has(k), k);
    }
    assertEquals("unit-diffusion", m.get("evaluation").get("convention").asText());
    assertEquals(4, Files.readAllLines(out.resolve("history.csv")).size(), "header + 3 epochs");
    Path z = tmp.resolve("z.npy");
    CliTest.Run e = CliTest.run("encode", "--model", out.resolve("model").toString(), "--data", obs(), "--out",
        z.toString());
    assertEquals(0, e.code(), e.err());
    assertArrayEquals(Files.readAllBytes(out.resolve("latent.npy")), Files.readAllBytes(z));
  }

  @Test
  void baselinesTrainAndEncodeLikeDynae() throws IOException {
    for (String model : new String[] {"betavae", "swae", "sdevae"}) {
      Path out = tmp.resolve(model);
      CliTest.Run r = CliTest.run("train", "--data", obs(), "--truth", truth(), "--model", model, "--epochs", "2",
          "--batch-size", "64", "--out", out.toString());
      assertEquals(0, r.code(), model + ": " + r.err());
      JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
      assertEquals(model, m.get("model").asText());
      assertTrue(m.get("evaluation").has("lzRelative"), model);
      assertTrue(Files.isRegularFile(out.resolve("report.html")), model);
      Path z = tmp.resolve(model + ".npy");
      assertEquals(0, CliTest.run("encode", "--model", out.resolve("model").toString(), "--data", obs(), "--out",
          z.toString()).code());
      assertArrayEquals(Files.readAllBytes(out.resolve("latent.npy")), Files.readAllBytes(z), model);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dynae", "betavae", "swae", "sdevae"})
  void resumeContinuesACheckpointToTheUninterruptedResult(String model) throws IOException {
    Path full = tmp.resolve("full");
    assertEquals(0, CliTest.run("train", "--model", model, "--data", obs(), "--epochs", "3", "--batch-size", "64",
        "--out", full.toString()).code());
    // an interrupted run: the checkpoint after epoch 2 of the same configuration, as train writes it
    Object config = switch (model) {
      case "dynae" -> DynaeConfig.defaults(1).withEpochs(3).withBatchSize(64);
      case "betavae" -> BetaVaeConfig.defaults(1).withEpochs(3).withBatchSize(64);
      case "swae" -> SwaeConfig.defaults(1).withEpochs(3).withBatchSize(64);
      default -> SdeVaeConfig.defaults(1).withEpochs(3).withBatchSize(64);
    };
    Path cut = tmp.resolve("cut");
    CheckpointStore store = new CheckpointStore(cut.resolve("checkpoint"));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("data", obs());
    run.put("truth", null);
    run.put("model", model);
    run.put("config", config);
    Trajectory x = Npy.readTrajectory(Path.of(obs()));
    List<Checkpoint> checkpoints = new ArrayList<>();
    TrainingListener keep = new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r, Checkpoint c) {
        checkpoints.add(c);
      }
    };
    try (AutoCloseable ignored = config instanceof DynaeConfig c ? Dynae.fit(Dataset.of(x), c, keep)
        : Baselines.fit(Dataset.of(x), (BaselineConfig) config, keep)) {
      // the model is discarded; the run is cut after epoch 2, as after a crash
      store.write(checkpoints.get(1), run);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    CliTest.Run r = CliTest.run("train", "--resume", cut.toString());
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(Files.readAllBytes(full.resolve("latent.npy")), Files.readAllBytes(cut.resolve("latent.npy")),
        model);
    assertFalse(Files.exists(cut.resolve("checkpoint")), "the checkpoint is removed once the run is complete");
  }

  @Test
  void badInputIsOneLineAndLeavesNoFolder() throws IOException {
    Path nan = tmp.resolve("nan.npy");
    float[] v = Npy.readTrajectory(Path.of(obs())).toArray();
    v[100] = Float.NaN;
    Npy.write(nan, Trajectory.wrap(v, 3000, 2));
    String[][] cases = {
        {"--data", nan.toString(), "NaN"},
        {"--data", obs(), "--latent-dim", "3", "latentDim 3"},
        {"--data", obs(), "--latent-dim", "0", "latentDim must be >= 1, got 0"},
        {"--data", obs(), "--lag", "5000", "lag 5000"},
        {"--data", obs(), "--d-min", "0.0001", "dMin = 1.0E-4"},
        {"--data", obs(), "--d-min", "0.001", "--max-bins", "3", "maxBins = 3"},
        {"--data", obs(), "--learning-rate", "-1", "learningRate must be a finite number > 0, got -1.0"},
        {"--data", obs(), "--warmup-learning-rate", "0", "warmupLearningRate must be a finite number > 0, got 0.0"},
        {"--data", obs(), "--model", "vae", "vae"},
        {"--data", obs(), "--truth", data.resolve("missing.npy").toString(), "missing.npy"},
    };
    int i = 0;
    for (String[] c : cases) {
      Path out = tmp.resolve("bad" + i++);
      String[] args = new String[c.length + 6];
      args[0] = "train";
      System.arraycopy(c, 0, args, 1, c.length - 1);
      args[c.length] = "--epochs";
      args[c.length + 1] = "2";
      args[c.length + 2] = "--batch-size";
      args[c.length + 3] = "64";
      args[c.length + 4] = "--out";
      args[c.length + 5] = out.toString();
      CliTest.Run r = CliTest.run(args);
      assertEquals(Main.EXIT_BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.err());
      String first = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
      assertTrue(first.contains(c[c.length - 1]), "'" + first + "' should name " + c[c.length - 1]);
      assertFalse(Files.exists(out), out + " left behind");
    }
  }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.models.nld.Nld;
import org.latentdyn.models.nld.NldConfig;
import org.latentdyn.models.nld.NldModel;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/** train --model nld-*: the benchmark data in, a model, the spec's history columns and metrics out; bad input. */
class NldCliTest {
  @TempDir
  Path tmp;

  @Test
  void trainsOneEpochOfPresetO1OnTheBenchmarkAndRejectsBadInput() throws IOException {
    Path data = tmp.resolve("chain");
    CliTest.Run s = CliTest.run("simulate", "markov-chain", "--train-sequences", "140", "--test-sequences", "4",
        "--length", "200", "--seed", "2", "--out", data.toString());
    assertEquals(0, s.code(), s.err());
    Path out = tmp.resolve("nld");
    String obs = data.resolve("train/observations.npy").toString();
    CliTest.Run t = CliTest.run("train", "--model", "nld-overdamped", "--data", obs, "--epochs", "1", "--seed", "3",
        "--out", out.toString());
    assertEquals(0, t.code(), t.err());
    String header = Files.readString(out.resolve("history.csv")).lines().findFirst().orElseThrow();
    assertEquals("epoch,loss,nll,pathKl,kl0,klWeight,exactElbo,validationLoss,beta,c,learningRate,clipped,seconds",
        header);
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals("O1", m.get("preset").asText());
    assertTrue(Double.isFinite(m.get("loss").asDouble()));
    assertTrue(m.get("beta").asDouble() > 0 && m.get("c").asDouble() > 0);
    assertTrue(Files.isRegularFile(out.resolve("model/config.json")));

    // encode: one seeded posterior path per sequence
    Path z = tmp.resolve("z.npy");
    CliTest.Run e = CliTest.run("encode", "--model", out.resolve("model").toString(), "--data",
        data.resolve("test/observations.npy").toString(), "--seed", "5", "--out", z.toString());
    assertEquals(0, e.code(), e.err());
    org.latentdyn.data.io.NpyArray zs = org.latentdyn.data.io.Npy.read(z);
    assertEquals(java.util.List.of(4, 200, 3), java.util.Arrays.stream(zs.shape()).boxed().toList());

    // analyze: wells, occupancies and segmentation of the (barely trained) model, in the spec's JSON form
    Path a = tmp.resolve("analysis");
    String testObs = data.resolve("test/observations.npy").toString();
    String testStates = data.resolve("test/states.npy").toString();
    CliTest.Run an = CliTest.run("analyze", "--model", out.resolve("model").toString(), "--data", testObs,
        "--states", testStates, "--sequences", "2", "--samples", "40", "--seed", "4", "--out", a.toString());
    assertEquals(0, an.code(), an.err());
    JsonNode j = new ObjectMapper().readTree(a.resolve("analysis.json").toFile());
    for (String key : new String[] {"wellsFound", "success", "separationRatio", "beta", "c", "minima", "occupancy",
        "l1", "segmentation"}) {
      assertTrue(j.has(key), key);
    }
    assertEquals(2, j.get("segmentation").get("sequences").asInt());
    assertEquals(20.0, j.get("prior").get("chainMeanDwellFrames").asDouble(), 1e-9);
    assertEquals(1.0, j.get("prior").get("occupancy").get(0).asDouble() + j.get("prior").get("occupancy").get(1)
        .asDouble() + j.get("prior").get("occupancy").get(2).asDouble(), 1e-9);
    for (String png : new String[] {"energy_plane.png", "prior_paths.png", "occupancy.png", "labels_vs_truth.png"}) {
      assertTrue(Files.size(a.resolve(png)) > 1000, png);
      assertTrue(Files.readString(a.resolve("index.html")).contains(png), png);
    }
    double acc = j.get("segmentation").get("accuracy").asDouble();
    assertTrue(acc >= 1.0 / 3 - 1e-9 && acc <= 1, "best-permutation accuracy " + acc);
    assertEquals(3, j.get("occupancy").get("sampled").size());
    org.latentdyn.data.io.NpyArray labels = org.latentdyn.data.io.Npy.read(a.resolve("labels.npy"));
    assertEquals(2, labels.dim(0));
    assertEquals(200, labels.dim(1));
    Path a2 = tmp.resolve("analysis2");
    assertEquals(0, CliTest.run("analyze", "--model", out.resolve("model").toString(), "--data", testObs, "--states",
        testStates, "--sequences", "2", "--samples", "40", "--seed", "4", "--out", a2.toString()).code());
    assertEquals(Files.readString(a.resolve("analysis.json")).replaceAll("\"seconds\" : [0-9.eE-]+", ""),
        Files.readString(a2.resolve("analysis.json")).replaceAll("\"seconds\" : [0-9.eE-]+", ""),
        "same seed, same analysis");
    Path badA = tmp.resolve("badA");
    CliTest.Run wrong = CliTest.run("analyze", "--model", out.resolve("model").toString(), "--data", testObs,
        "--states", obs, "--out", badA.toString());
    assertEquals(Main.EXIT_BAD_INPUT, wrong.code(), wrong.err());
    assertTrue(wrong.err().contains("--states"), wrong.err());
    assertFalse(Files.exists(badA));

    String[][] bad = {
        {"--model", "nld-overdamped", "--preset", "X9", "X9"},
        {"--model", "nld-overdamped", "--preset", "U1", "U1"},
        {"--model", "nld-sideways", "--preset", "O1", "nld-sideways"},
    };
    for (String[] b : bad) {
      Path o = tmp.resolve("bad");
      CliTest.Run r = CliTest.run("train", b[0], b[1], b[2], b[3], "--data", obs, "--out", o.toString());
      assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
      assertTrue(r.err().contains(b[4]), r.err());
      assertFalse(Files.exists(o));
    }
    Path o = tmp.resolve("bad2");
    CliTest.Run r = CliTest.run("train", "--model", "nld-overdamped", "--data", data.resolve("train/states.npy")
        .toString(), "--out", o.toString());
    assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().contains("[sequences, frames, features]"), r.err());
    r = CliTest.run("train", "--model", "nld-overdamped", "--data", obs, "--length", "500", "--out", o.toString());
    assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().contains("200 frames per sequence, fewer than the training length 500"), r.err());
    assertFalse(Files.exists(o));
  }

  @Test
  void compareTrainsAnalysesAndResumesNldRuns() throws IOException {
    Path data = tmp.resolve("chain");
    assertEquals(0, CliTest.run("simulate", "markov-chain", "--train-sequences", "140", "--test-sequences", "3",
        "--length", "200", "--seed", "2", "--out", data.toString()).code());
    Path out = tmp.resolve("cmp");
    String[] args = {"compare", "--data", data.toString(), "--models", "nld-overdamped", "--seeds", "2", "--epochs",
        "1", "--sequences", "2", "--samples", "30", "--out", out.toString()};
    CliTest.Run first = CliTest.run(args);
    assertEquals(0, first.code(), first.err());
    JsonNode j = new ObjectMapper().readTree(out.resolve("table/comparison.json").toFile());
    assertEquals(2, j.get("trained").asInt());
    assertEquals(2, j.get("runs").size());
    JsonNode m = j.get("models").get(0);
    assertEquals("nld-overdamped", m.get("model").asText());
    assertEquals(2, m.get("runs").asInt());
    assertTrue(Files.isRegularFile(out.resolve("runs/nld-overdamped-seed2/model/config.json")));
    CliTest.Run again = CliTest.run(args);
    assertEquals(0, again.code(), again.err());
    JsonNode k = new ObjectMapper().readTree(out.resolve("table/comparison.json").toFile());
    assertEquals(0, k.get("trained").asInt(), "a resumed comparison trains nothing already finished");
    assertEquals(j.get("runs"), k.get("runs"));
    CliTest.Run mixed = CliTest.run("compare", "--data", data.toString(), "--models", "nld-overdamped,dynae",
        "--out", tmp.resolve("mixed").toString());
    assertEquals(Main.EXIT_BAD_INPUT, mixed.code(), mixed.err());
    assertTrue(mixed.err().contains("mixes nld models"), mixed.err());
  }

  @Test
  void resumeContinuesAnInterruptedNldRunToTheUninterruptedResult() throws Exception {
    Path data = tmp.resolve("chain");
    assertEquals(0, CliTest.run("simulate", "markov-chain", "--train-sequences", "140", "--test-sequences", "2",
        "--length", "60", "--seed", "2", "--out", data.toString()).code());
    String obs = data.resolve("train/observations.npy").toString();
    Path full = tmp.resolve("full");
    CliTest.Run t = CliTest.run("train", "--model", "nld-underdamped", "--data", obs, "--epochs", "3", "--length",
        "40", "--seed", "3", "--out", full.toString());
    assertEquals(0, t.code(), t.err());
    assertFalse(Files.exists(full.resolve("checkpoint")), "the checkpoint is removed once the run is complete");
    // an interrupted run: the checkpoint after epoch 1 of the same configuration, as train writes it
    NldConfig config = NldConfig.preset("U1", 3).withEpochs(3).withLength(40);
    org.latentdyn.data.io.NpyArray x = org.latentdyn.data.io.Npy.read(Path.of(obs));
    List<Checkpoint> checkpoints = new ArrayList<>();
    TrainingListener keep = new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r, Checkpoint c) {
        checkpoints.add(c);
      }
    };
    try (NldModel ignored = Nld.fit(x.toFloatArray(), x.shape(), config, keep)) {
      assertEquals(3, checkpoints.size());
    }
    Path cut = tmp.resolve("cut");
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("data", obs);
    run.put("model", "nld-underdamped");
    run.put("preset", "U1");
    run.put("config", config);
    new CheckpointStore(cut.resolve("checkpoint")).write(checkpoints.get(0), run);
    CliTest.Run r = CliTest.run("train", "--resume", cut.toString());
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(Files.readAllBytes(full.resolve("model/weights.npz")),
        Files.readAllBytes(cut.resolve("model/weights.npz")), "resumed weights equal the uninterrupted run's");
    assertEquals(withoutSeconds(full.resolve("history.csv")), withoutSeconds(cut.resolve("history.csv")));
    assertFalse(Files.exists(cut.resolve("checkpoint")));
    CliTest.Run again = CliTest.run("train", "--model", "nld-underdamped", "--data", obs, "--out", full.toString());
    assertEquals(Main.EXIT_BAD_INPUT, again.code(), again.err());
    assertTrue(again.err().contains("already holds a trained model"), again.err());
  }

  /** The history without its last column (wall-clock seconds). */
  private static List<String> withoutSeconds(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
  }
}

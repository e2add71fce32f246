package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  }
}

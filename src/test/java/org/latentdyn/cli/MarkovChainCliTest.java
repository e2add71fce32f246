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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.io.DType;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.data.io.Npz;

/** {@code simulate markov-chain} (spec nld.md §9): files, shapes, dtypes, run.json keys, bad input. */
class MarkovChainCliTest {
  @TempDir
  Path tmp;

  @Test
  void writesTrainTestEmissionAndRunJson() throws IOException {
    Path dir = tmp.resolve("mc");
    CliTest.Run r = CliTest.run("simulate", "markov-chain", "--train-sequences", "6", "--test-sequences", "4",
        "--length", "30", "--seed", "3", "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Bayes filter accuracy"), r.out());

    for (String split : new String[] {"train", "test"}) {
      int n = split.equals("train") ? 6 : 4;
      NpyArray obs = Npy.read(dir.resolve(split + "/observations.npy"));
      assertEquals(DType.FLOAT32, obs.dtype());
      assertArrayEquals(new int[] {n, 30, 15}, obs.shape());
      NpyArray states = Npy.read(dir.resolve(split + "/states.npy"));
      assertEquals(DType.INT32, states.dtype());
      assertArrayEquals(new int[] {n, 30}, states.shape());
      int[] s = states.toIntArray();
      for (int i = 0; i < n; i++) {
        assertEquals(0, s[i * 30], split + " sequence " + i + " starts in state 0");
      }
      for (int v : s) {
        assertTrue(v >= 0 && v < 3, "state " + v);
      }
    }
    Map<String, NpyArray> emission = Npz.read(dir.resolve("emission.npz"));
    assertArrayEquals(new int[] {3, 15}, emission.get("means").shape());
    assertArrayEquals(new int[] {3, 15, 15}, emission.get("covariances").shape());
    assertArrayEquals(new int[] {3, 3}, emission.get("transition").shape());
    double[] p = emission.get("transition").toDoubleArray();
    assertEquals(0.95, p[0], 0);
    assertEquals(0.025, p[1], 0);

    JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    assertEquals("simulate markov-chain", run.get("command").asText());
    assertEquals(3, run.get("seed").asLong());
    JsonNode params = run.get("parameters");
    assertEquals(6, params.get("trainSequences").asInt());
    assertEquals(4, params.get("testSequences").asInt());
    assertEquals(30, params.get("length").asInt());
    assertEquals(15, params.get("features").asInt());
    assertEquals(4, params.get("bayesFilterSequences").asInt());
    double acc = params.get("bayesFilterAccuracy").asDouble();
    assertTrue(acc > 0.5 && acc <= 1, "accuracy " + acc);
    assertTrue(params.get("bayesFilterAccuracySd").asDouble() >= 0);
    for (String file : List.of("train/observations.npy", "train/states.npy", "test/observations.npy",
        "test/states.npy", "emission.npz")) {
      assertTrue(run.get("outputs").has(file), file + " in " + run.get("outputs"));
    }
    try (Stream<Path> s = Files.walk(dir)) {
      assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "temporary files left behind");
    }

    Path again = tmp.resolve("again");
    assertEquals(0, CliTest.run("simulate", "markov-chain", "--train-sequences", "6", "--test-sequences", "4",
        "--length", "30", "--seed", "3", "--out", again.toString()).code());
    for (String f : List.of("train/observations.npy", "test/states.npy", "emission.npz")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
    }
  }

  @Test
  void badSizesAreOneLineErrorsWithExitTwoAndNoFolder() throws IOException {
    assertBad(CliTest.run("simulate", "markov-chain", "--length", "0", "--out", tmp.resolve("x1").toString()),
        "length");
    assertBad(CliTest.run("simulate", "markov-chain", "--train-sequences", "-5", "--out",
        tmp.resolve("x2").toString()), "-5");
    assertBad(CliTest.run("simulate", "markov-chain", "--test-sequences", "0", "--out",
        tmp.resolve("x3").toString()), "testSequences");
    assertBad(CliTest.run("simulate", "markov-chains", "--out", tmp.resolve("x4").toString()), "markov-chain");
    for (String name : new String[] {"x1", "x2", "x3", "x4"}) {
      assertFalse(Files.exists(tmp.resolve(name)), name + " should not exist");
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "staging folders left behind");
    }
  }

  private static void assertBad(CliTest.Run r, String mentioned) {
    assertEquals(Main.EXIT_BAD_INPUT, r.code(), "exit code; stderr: " + r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(mentioned),
        "'" + lines.get(0) + "' should name " + mentioned);
  }
}

package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare command: the Table-2 outputs, and a resumed comparison that does not retrain finished runs. */
class CompareCliTest {
  @TempDir
  Path tmp;

  @Test
  void writesTheComparisonAndReusesFinishedRuns() throws IOException {
    Path out = tmp.resolve("cmp");
    String[] args = {"compare", "--dataset", "three-well", "--frames", "3000", "--models", "dynae,betavae", "--seeds",
        "2", "--epochs", "2", "--out", out.toString()};
    CliTest.Run first = CliTest.run(args);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.err().contains("4 runs: 4 to train, 0 already finished"), first.err());
    assertTrue(first.err().contains("run 4/4 "), first.err());
    JsonNode j = new ObjectMapper().readTree(out.resolve("comparison.json").toFile());
    assertEquals(4, j.get("trained").asInt());
    assertEquals(2, j.get("models").size());
    JsonNode dynae = j.get("models").get(0);
    assertEquals("dynae", dynae.get("model").asText());
    for (String k : new String[] {"seeds", "lzMean", "lzSd", "lzRelativeMean", "lzRelativeSd", "reconstructionMean",
        "secondsMean", "beta"}) {
      assertTrue(dynae.has(k), k);
    }
    assertEquals(2, dynae.get("seeds").size());
    assertEquals(4, j.get("runs").size());
    assertTrue(Files.readString(out.resolve("comparison.md")).contains("betavae"));
    assertTrue(Files.isRegularFile(out.resolve("comparison.csv")));

    Path result = out.resolve("runs").resolve("dynae-beta10-seed1").resolve("result.json");
    FileTime before = Files.getLastModifiedTime(result);
    CliTest.Run again = CliTest.run(args);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("4 runs: 0 to train, 4 already finished"), again.err());
    JsonNode k = new ObjectMapper().readTree(out.resolve("comparison.json").toFile());
    assertEquals(0, k.get("trained").asInt(), "a resumed comparison trains nothing already finished");
    assertEquals(4, k.get("reused").asInt());
    assertEquals(before, Files.getLastModifiedTime(result));
    assertEquals(j.get("models").get(0).get("lzMean").asDouble(), k.get("models").get(0).get("lzMean").asDouble());
  }

  @Test
  void perModelBetaSweepOnAPoolGivesTheSerialNumbersAndChoosesTheLowestLz() throws IOException {
    JsonNode[] results = new JsonNode[2];
    for (int threads = 1; threads <= 2; threads++) {
      Path out = tmp.resolve("sweep" + threads);
      CliTest.Run r = CliTest.run("compare", "--dataset", "three-well", "--frames", "3000", "--models", "betavae,swae",
          "--beta", "betavae=0.5,2", "--seeds", "2", "--epochs", "1", "--threads", Integer.toString(threads), "--out",
          out.toString());
      assertEquals(0, r.code(), r.err());
      results[threads - 1] = new ObjectMapper().readTree(out.resolve("comparison.json").toFile());
      assertTrue(Files.readString(out.resolve("comparison.md")).contains("chosen beta"));
      assertTrue(Files.isRegularFile(out.resolve("beta_sweep.png")));
    }
    JsonNode j = results[1];
    assertEquals(6, j.get("trained").asInt());
    assertEquals(3, j.get("models").size(), "betavae at 0.5 and 2, swae at its default 10");
    assertEquals(10.0, j.get("models").get(2).get("beta").asDouble());
    for (int i = 0; i < 6; i++) {
      assertEquals(results[0].get("runs").get(i).get("lz").asDouble(), j.get("runs").get(i).get("lz").asDouble(),
          "run " + i + ": the same numbers on one thread and on two");
    }
    double lz05 = j.get("models").get(0).get("lzMean").asDouble();
    double lz2 = j.get("models").get(1).get("lzMean").asDouble();
    JsonNode chosen = j.get("chosen");
    assertEquals(2, chosen.size());
    assertEquals("betavae", chosen.get(0).get("model").asText());
    assertEquals(lz05 < lz2 ? 0.5 : 2.0, chosen.get(0).get("beta").asDouble());
    assertTrue(j.get("meanPredictorError").asDouble() > 0);
    assertTrue(j.get("models").get(0).get("minLatentVarianceMean").asDouble() >= 0);
  }

  @Test
  void badInputNamesTheValue() {
    for (String[] bad : new String[][] {{"pca=1", "pca"}, {"betavae=0.1,x", "'x' is not a number"},
        {"-1", "beta must be a finite number >= 0, got -1"}}) {
      CliTest.Run r = CliTest.run("compare", "--dataset", "three-well", "--beta", bad[0], "--out",
          tmp.resolve("b").toString());
      assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
      assertTrue(r.err().contains(bad[1]), r.err());
    }
    CliTest.Run r = CliTest.run("compare", "--dataset", "three-well", "--models", "dynae,pca", "--out",
        tmp.resolve("x").toString());
    assertEquals(Main.EXIT_BAD_INPUT, r.code());
    assertTrue(r.err().contains("pca"), r.err());
    r = CliTest.run("compare", "--dataset", "four-well", "--out", tmp.resolve("y").toString());
    assertEquals(Main.EXIT_BAD_INPUT, r.code());
    assertTrue(r.err().contains("four-well"), r.err());
    Path file = tmp.resolve("a-file");
    try {
      Files.writeString(file, "x");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (String cmd : new String[] {"compare", "train"}) {
      r = cmd.equals("compare")
          ? CliTest.run("compare", "--dataset", "three-well", "--frames", "2000", "--seeds", "1", "--epochs", "1",
              "--models", "dynae", "--out", file.toString())
          : CliTest.run("train", "--data", "unused.npy", "--out", file.toString());
      assertEquals(Main.EXIT_BAD_INPUT, r.code(), cmd + ": " + r.err());
      assertTrue(r.err().contains("is not a directory"), r.err());
    }
  }
}

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
    JsonNode k = new ObjectMapper().readTree(out.resolve("comparison.json").toFile());
    assertEquals(0, k.get("trained").asInt(), "a resumed comparison trains nothing already finished");
    assertEquals(4, k.get("reused").asInt());
    assertEquals(before, Files.getLastModifiedTime(result));
    assertEquals(j.get("models").get(0).get("lzMean").asDouble(), k.get("models").get(0).get("lzMean").asDouble());
  }

  @Test
  void badInputNamesTheValue() {
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

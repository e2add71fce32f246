package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.workflow.MovieBudget;

/** {@code compare --dataset MOVIE}: the conv models of a budget, the movie simulated once, a resumed comparison. */
class MovieCompareCliTest {
  @TempDir
  Path tmp;

  @Test
  void comparesConvModelsOnASimulatedMovieAndResumes() throws IOException {
    Path out = tmp.resolve("cmp");
    String[] args = {"compare", "--dataset", "dsprites2", "--frames", "64", "--seeds", "1", "--epochs", "1",
        "--models", "dynae,swae", "--budget", "cpu", "--out", out.toString()};
    CliTest.Run first = CliTest.run(args);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.err().contains("2 runs: 2 to train, 0 already finished"), first.err());
    String md = Files.readString(out.resolve("comparison.md"));
    assertTrue(md.contains("swae"));
    assertTrue(md.contains("paper L_z (Table 2)") && md.contains("0.37 +- 0.18"), "the paper's dsprites2 SWAE value"
        + " beside ours: " + md);
    JsonNode j = new ObjectMapper().readTree(out.resolve("comparison.json").toFile());
    assertEquals(2, j.get("trained").asInt());
    assertTrue(Double.isFinite(j.get("models").get(0).get("lzRelativeMean").asDouble()));

    JsonNode data = new ObjectMapper().readTree(out.resolve("data").resolve("run.json").toFile());
    assertEquals(64, data.get("parameters").get("frames").asInt());
    assertEquals(1, data.get("seed").asLong());
    JsonNode top = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertTrue(top.get("inputs").get("data").get("reader").get("streamed").asBoolean(), "the runs stream the movie");
    JsonNode p = top.get("parameters");
    assertEquals("cpu", p.get("budget").get("name").asText());
    assertEquals(64, p.get("budget").get("frames").asInt(), "--frames overrides the budget's");
    assertEquals(1, p.get("budget").get("epochs").asInt());
    assertEquals(MovieBudget.CPU.batchSize(), p.get("budget").get("batchSize").asInt());
    JsonNode options = p.get("options");
    assertEquals(2, options.get("latentDim").asInt(), "dsprites2 has two factors");
    assertEquals(1, options.get("threads").asInt());
    assertEquals("CONV", options.get("networks").get("architecture").asText());
    assertEquals("[16,16,32,32]", options.get("networks").get("conv").get("filters").toString());
    assertEquals(MovieBudget.CPU.batchSize(), options.get("networks").get("batchSize").asInt());

    assertTrue(Files.exists(out.resolve("runs").resolve("dynae-beta100-seed1").resolve("result.json")),
        "DynAE takes the CPU budget's beta");
    Path result = out.resolve("runs").resolve("swae-beta10-seed1").resolve("result.json");
    FileTime before = Files.getLastModifiedTime(result);
    FileTime dataBefore = Files.getLastModifiedTime(out.resolve("data").resolve("observations.npy"));
    CliTest.Run again = CliTest.run(args);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("2 runs: 0 to train, 2 already finished"), again.err());
    assertEquals(0, new ObjectMapper().readTree(out.resolve("comparison.json").toFile()).get("trained").asInt());
    assertEquals(before, Files.getLastModifiedTime(result));
    assertEquals(dataBefore, Files.getLastModifiedTime(out.resolve("data").resolve("observations.npy")),
        "the movie is simulated once");

    CliTest.Run other = CliTest.run("compare", "--dataset", "dsprites2", "--frames", "80", "--seeds", "1",
        "--budget", "cpu", "--out", out.toString());
    assertEquals(2, other.code());
    assertTrue(other.err().contains("64 frames") && other.err().contains("80"), other.err());
  }

  @Test
  void moviesTrainOneRunAtATimeAndBudgetsAreNamed() {
    Path out = tmp.resolve("threads");
    CliTest.Run r = CliTest.run("compare", "--dataset", "dsprites3", "--threads", "2", "--out", out.toString());
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("--threads must be 1") && r.err().contains("got 2"), r.err());
    assertFalse(Files.exists(out));

    r = CliTest.run("compare", "--dataset", "dsprites3", "--budget", "gpu", "--out", out.toString());
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("'gpu'") && r.err().contains("paper"), r.err());
    assertFalse(Files.exists(out));

    r = CliTest.run("compare", "--dataset", "dsprites2", "--models", "dynae,vae", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown model 'vae'"), r.err());
    assertFalse(Files.exists(out), "nothing simulated for a comparison that cannot run");

    r = CliTest.run("compare", "--dataset", "three-well", "--budget", "cpu", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--budget applies to movies"), r.err());
    assertFalse(Files.exists(out));
  }
}

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.io.DType;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;

/** {@code simulate dsprites2|dsprites3|dna-blob|shapes3d-like}: files, shapes, ranges, run.json, README, bad input. */
class MoviesCliTest {
  @TempDir
  Path tmp;

  @Test
  void eachMovieWritesFramesTruthRunJsonAndReadme() throws IOException {
    List<String> names = List.of("dsprites2", "dsprites3", "dna-blob", "shapes3d-like");
    int[] channels = {1, 1, 1, 3};
    int[] factors = {2, 3, 2, 5};
    for (int m = 0; m < names.size(); m++) {
      String name = names.get(m);
      Path dir = tmp.resolve(name);
      CliTest.Run r = CliTest.run("simulate", name, "--frames", "40", "--seed", "8", "--out", dir.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("40 frames"), r.out());
      NpyArray obs = Npy.read(dir.resolve("observations.npy"));
      NpyArray truth = Npy.read(dir.resolve("truth.npy"));
      assertEquals(DType.FLOAT32, obs.dtype());
      assertArrayEquals(new int[] {40, channels[m], 64, 64}, obs.shape(), name);
      assertArrayEquals(new int[] {40, factors[m]}, truth.shape(), name);
      float max = 0;
      for (float v : obs.toFloatArray()) {
        assertTrue(v >= 0 && v <= 1, name + ": " + v);
        max = Math.max(max, v);
      }
      assertTrue(max > 0.3f, name + " frames are not blank");
      JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
      assertEquals("simulate " + name, run.get("command").asText());
      assertEquals(8, run.get("seed").asLong());
      assertEquals(40, run.get("parameters").get("frames").asInt());
      assertEquals(factors[m], run.get("outputs").get("truth.npy").get("columns").size());
      String readme = Files.readString(dir.resolve("README.md"));
      for (JsonNode c : run.get("outputs").get("truth.npy").get("columns")) {
        assertTrue(readme.contains("`" + c.asText() + "`"), name + " README names column " + c.asText());
      }

      Path again = tmp.resolve(name + "-again");
      assertEquals(0, CliTest.run("simulate", name, "--frames", "40", "--seed", "8", "--out", again.toString())
          .code());
      for (String f : List.of("observations.npy", "truth.npy")) {
        assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(again.resolve(f)), name + " " + f);
      }
    }
  }

  @Test
  void stepSdIsRecordedAndMovesTheFactorsFurther() throws IOException {
    Path slow = tmp.resolve("slow");
    Path fast = tmp.resolve("fast");
    assertEquals(0, CliTest.run("simulate", "dsprites2", "--frames", "300", "--step-sd", "0.5", "--out",
        slow.toString()).code());
    assertEquals(0, CliTest.run("simulate", "dsprites2", "--frames", "300", "--step-sd", "3", "--out",
        fast.toString()).code());
    assertEquals(3.0, new ObjectMapper().readTree(fast.resolve("run.json").toFile()).get("parameters")
        .get("stepSd").asDouble(), 0);
    assertTrue(meanAbsStep(fast) > 2 * meanAbsStep(slow));
  }

  private static double meanAbsStep(Path dir) throws IOException {
    float[] t = Npy.read(dir.resolve("truth.npy")).toFloatArray();
    double s = 0;
    for (int i = 2; i < t.length; i++) {
      s += Math.abs(t[i] - t[i - 2]);
    }
    return s / (t.length - 2);
  }

  @Test
  void truthUnitsAreRecordedAndTheBudgetHelpQuotesTheBudgets() throws IOException {
    Path values = tmp.resolve("values");
    assertEquals(0, CliTest.run("simulate", "dsprites3", "--frames", "50", "--truth-units", "value", "--out",
        values.toString()).code());
    assertEquals("value", new ObjectMapper().readTree(values.resolve("run.json").toFile()).get("parameters")
        .get("truthUnits").asText());
    assertTrue(Files.readString(values.resolve("README.md")).contains("--truth-units value --out DIR"));
    float[] t = Npy.read(values.resolve("truth.npy")).toFloatArray();
    assertTrue(t[0] >= 0.5f && t[0] <= 1f && t[1] <= 1f, "scale and position values");

    for (String command : List.of("train", "compare")) {
      String help = CliTest.run(command, "--help").out().replaceAll("\\s+", " ");
      for (org.latentdyn.workflow.MovieBudget b : org.latentdyn.workflow.MovieBudget.NAMED) {
        String quoted = b.name() + " (" + b.frames() + " frames, " + b.epochs() + " epochs, batch " + b.batchSize();
        assertTrue(help.contains(quoted), command + " --help quotes '" + quoted + "': " + help);
      }
    }
  }

  @Test
  void badOptionsAreOneLineErrorsWithExitTwoAndNothingWritten() throws IOException {
    String[][] bad = {
        {"simulate", "dsprites3", "--frames", "0"},
        {"simulate", "dna-blob", "--step-sd", "-1"},
        {"simulate", "shapes3d-like", "--step-sd", "NaN"},
        {"simulate", "dsprites9", "--frames", "10"},
        {"simulate", "dsprites2", "--frames", "ten"},
        {"simulate", "dsprites2", "--truth-units", "pixels"},
    };
    for (String[] args : bad) {
      Path dir = tmp.resolve("bad");
      String[] full = Stream.concat(Stream.of(args), Stream.of("--out", dir.toString())).toArray(String[]::new);
      CliTest.Run r = CliTest.run(full);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("error: "), r.err());
      assertEquals(args[3].equals("ten") ? 2 : 1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains(args[3]) || r.err().contains(args[1]), "the error names the value: " + r.err());
      assertFalse(Files.exists(dir), String.join(" ", args));
      try (Stream<Path> left = Files.list(tmp)) {
        assertEquals(0, left.count(), "nothing staged is left behind");
      }
    }
  }
}

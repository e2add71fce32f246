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

/** {@code simulate pendulum|mass-spring} (spec vin.md §3a): files, shapes, run.json, defaults, bad input. */
class PhaseSpaceCliTest {
  @TempDir
  Path tmp;

  @Test
  void pendulumWritesObservationsTruthDerivativesAndRunJson() throws IOException {
    Path dir = tmp.resolve("pend");
    CliTest.Run r = CliTest.run("simulate", "pendulum", "--trajectories", "4", "--frames", "12", "--noise", "0.05",
        "--seed", "9", "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("4 trajectories of 12 frames"), r.out());
    for (String f : List.of("observations.npy", "truth.npy", "derivatives.npy")) {
      NpyArray a = Npy.read(dir.resolve(f));
      assertEquals(DType.FLOAT32, a.dtype(), f);
      assertArrayEquals(new int[] {4, 12, 2}, a.shape(), f);
    }
    float[] truth = Npy.read(dir.resolve("truth.npy")).toFloatArray();
    for (int n = 0; n < 4; n++) {
      double q = truth[n * 24];
      double p = truth[n * 24 + 1];
      double e = p * p / 2 + 9.81 * (1 - Math.cos(q));
      assertTrue(e > 1.3 - 1e-5 && e < 2.3 + 1e-5, "start energy " + e);
    }
    JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    assertEquals("simulate pendulum", run.get("command").asText());
    assertEquals(9, run.get("seed").asLong());
    JsonNode params = run.get("parameters");
    assertEquals("pendulum", params.get("system").asText());
    assertEquals(9.81, params.get("constants").get("g").asDouble(), 0);
    assertEquals(0.05, params.get("noise").asDouble(), 0);
    assertEquals(0.1, params.get("timeStep").asDouble(), 0);
    assertEquals(12, params.get("frames").asInt());
    assertTrue(params.get("starts").asText().contains("arccos"), params.get("starts").asText());
    for (String f : List.of("observations.npy", "truth.npy", "derivatives.npy")) {
      assertTrue(run.get("outputs").has(f), f);
    }

    Path again = tmp.resolve("again");
    assertEquals(0, CliTest.run("simulate", "pendulum", "--trajectories", "4", "--frames", "12", "--noise", "0.05",
        "--seed", "9", "--out", again.toString()).code());
    for (String f : List.of("observations.npy", "truth.npy", "derivatives.npy")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
    }
  }

  @Test
  void massSpringDefaultsAndSpringConstant() throws IOException {
    Path dir = tmp.resolve("spring");
    CliTest.Run r = CliTest.run("simulate", "mass-spring", "--spring-constant", "2", "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(new int[] {25, 30, 2}, Npy.read(dir.resolve("observations.npy")).shape());
    JsonNode params = new ObjectMapper().readTree(dir.resolve("run.json").toFile()).get("parameters");
    assertEquals(2.0, params.get("constants").get("k").asDouble(), 0);
    assertEquals(0.1, params.get("noise").asDouble(), 0);
    assertEquals(25, params.get("trajectories").asInt());
  }

  @Test
  void badInputIsOneLineErrorWithExitTwoAndNoFolder() throws IOException {
    assertBad(CliTest.run("simulate", "pendulum", "--trajectories", "0", "--out", tmp.resolve("x1").toString()),
        "trajectories must be >= 1, got 0");
    assertBad(CliTest.run("simulate", "mass-spring", "--frames", "1", "--out", tmp.resolve("x2").toString()),
        "frames must be >= 2, got 1");
    assertBad(CliTest.run("simulate", "pendulum", "--noise", "-0.1", "--out", tmp.resolve("x3").toString()),
        "noise must be >= 0 and finite, got -0.1");
    assertBad(CliTest.run("simulate", "pendulum", "--noise", "NaN", "--out", tmp.resolve("x4").toString()),
        "got NaN");
    assertBad(CliTest.run("simulate", "mass-spring", "--time-step", "0", "--out", tmp.resolve("x5").toString()),
        "timeStep must be > 0 and finite, got 0.0");
    assertBad(CliTest.run("simulate", "pendulums", "--out", tmp.resolve("x6").toString()), "mass-spring");
    for (String name : new String[] {"x1", "x2", "x3", "x4", "x5", "x6"}) {
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

  @Test
  void pixelsAddBinaryFramesOfTheNoiseFreeStatesWithThePixelStarts() throws IOException {
    Path dir = tmp.resolve("spring-pixels");
    CliTest.Run r = CliTest.run("simulate", "mass-spring", "--pixels", "--seed", "4", "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    NpyArray frames = Npy.read(dir.resolve("frames.npy"));
    assertArrayEquals(new int[] {1, 60, 28, 28}, frames.shape(), "defaults: 1 trajectory of 60 frames");
    float[] px = frames.toFloatArray();
    float[] truth = Npy.read(dir.resolve("truth.npy")).toFloatArray();
    double q0 = Math.abs(truth[0]);
    assertTrue(q0 >= 1.0 && q0 <= 1.5, "spring start |q0| in [1, 1.5]: " + q0);
    for (int t = 0; t < 60; t++) {
      int on = 0;
      for (int j = 0; j < 784; j++) {
        float v = px[t * 784 + j];
        assertTrue(v == 0f || v == 1f, "binary pixels");
        on += (int) v;
      }
      assertEquals(37, on, "the disc has 37 on-pixels in every frame (spec vin.md §3b)");
    }
    JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    assertEquals(2.0, run.get("parameters").get("constants").get("k").asDouble(), 0, "pixel spring: k = 2");
    assertTrue(run.get("outputs").has("frames.npy"));
    assertTrue(run.get("parameters").get("starts").asText().contains("U[1.0, 1.5]"));
  }
}

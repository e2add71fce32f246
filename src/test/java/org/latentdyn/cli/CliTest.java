package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;

/** The command-line contract of issue 3: outputs, JSON keys, exit codes and one-line errors. */
class CliTest {
  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void simulateThreeWellWritesWarpedObservationsTruthAndRunJson() throws IOException {
    Path dir = tmp.resolve("tw");
    Run r = run("simulate", "three-well", "--frames", "3000", "--seed", "5", "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    Trajectory obs = Npy.readTrajectory(dir.resolve("observations.npy"));
    Trajectory truth = Npy.readTrajectory(dir.resolve("truth.npy"));
    assertEquals(3000, obs.frames());
    assertEquals(2, obs.features());
    assertEquals(2, truth.features());
    for (int i = 0; i < truth.frames(); i += 97) {
      float x = truth.get(i, 0);
      assertEquals(x, obs.get(i, 0), 0f);
      assertEquals(truth.get(i, 1) + x * x, obs.get(i, 1), 1e-5f);
    }
    JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    assertEquals("simulate three-well", run.get("command").asText());
    assertEquals(5, run.get("seed").asLong());
    assertEquals(3000, run.get("parameters").get("frames").asInt());
    assertEquals(6.0, run.get("parameters").get("constants").get("A").asDouble());
    assertTrue(run.get("parameters").get("formula").asText().contains("exp"));
    assertTrue(run.get("versions").has("latentdyn"));
    assertTrue(run.get("versions").has("java"));
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    run("simulate", "mueller-brown", "--frames", "500", "--seed", "9", "--out", a.toString());
    run("simulate", "mueller-brown", "--frames", "500", "--seed", "9", "--out", b.toString());
    run("simulate", "mueller-brown", "--frames", "500", "--seed", "10", "--out", c.toString());
    byte[] ta = Files.readAllBytes(a.resolve("truth.npy"));
    assertArrayEquals(ta, Files.readAllBytes(b.resolve("truth.npy")));
    assertFalse(java.util.Arrays.equals(ta, Files.readAllBytes(c.resolve("truth.npy"))));
  }

  @Test
  void embeddingGivesManyFeaturesFromFewSlowVariables() throws IOException {
    Path dir = tmp.resolve("emb");
    Run r = run("simulate", "double-well-2d", "--frames", "400", "--embed-dim", "20", "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(20, Npy.readTrajectory(dir.resolve("observations.npy")).features());
    assertEquals(2, Npy.readTrajectory(dir.resolve("truth.npy")).features());
  }

  @Test
  void evaluateJsonIsOneObjectWithTheContractKeys() throws IOException {
    Path dir = tmp.resolve("tw");
    run("simulate", "three-well", "--frames", "4000", "--out", dir.toString());
    Run r = run("evaluate", "--latent", dir.resolve("truth.npy").toString(), "--truth",
        dir.resolve("truth.npy").toString(), "--convention", "raw", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    for (String key : new String[] {"convention", "lz", "lzRelative", "similarityScale", "similarityRelativeMse"}) {
      assertTrue(j.has(key), key);
    }
    assertEquals("raw", j.get("convention").asText());
    assertEquals(0.0, j.get("lz").asDouble(), 1e-10);
    assertEquals(1.0, j.get("similarityScale").asDouble(), 1e-9);

    Run warped = run("evaluate", "--latent", dir.resolve("observations.npy").toString(), "--truth",
        dir.resolve("truth.npy").toString());
    assertEquals(0, warped.code(), warped.err());
    assertTrue(warped.out().contains("convention: unit-diffusion"), warped.out());
  }

  @Test
  void evaluateWritesAnOutputFolderWhenAsked() throws IOException {
    Path data = tmp.resolve("tw");
    run("simulate", "three-well", "--frames", "2000", "--out", data.toString());
    Path out = tmp.resolve("eval");
    Run r = run("evaluate", "--latent", data.resolve("observations.npy").toString(), "--truth",
        data.resolve("truth.npy").toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    for (String f : new String[] {"evaluation.json", "evaluation.md", "aligned_latent.npy", "run.json"}) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
  }

  @Test
  void badInputExitsTwoWithOneLineNamingTheValueAndLeavesNothingBehind() throws IOException {
    Path data = tmp.resolve("tw");
    run("simulate", "three-well", "--frames", "2000", "--out", data.toString());
    Path truth = data.resolve("truth.npy");
    Path shortTruth = tmp.resolve("short.npy");
    Npy.write(shortTruth, Npy.readTrajectory(truth).slice(0, 1500));
    Path nan = tmp.resolve("nan.npy");
    float[] v = Npy.readTrajectory(truth).toArray();
    v[7 * 2 + 1] = Float.NaN;
    Npy.write(nan, Trajectory.wrap(v, 2000, 2));

    assertBad(run("simulate", "four-well", "--out", tmp.resolve("x1").toString()), "four-well");
    assertBad(run("simulate", "three-well", "--frames", "0", "--out", tmp.resolve("x2").toString()), "frames");
    assertBad(run("simulate", "three-well", "--frames", "ten", "--out", tmp.resolve("x3").toString()), "ten");
    assertBad(run("simulate", "three-well", "--kT", "-1", "--out", tmp.resolve("x4").toString()), "-1");
    assertBad(run("evaluate", "--latent", tmp.resolve("missing.npy").toString(), "--truth", truth.toString()),
        "missing.npy");
    assertBad(run("evaluate", "--latent", shortTruth.toString(), "--truth", truth.toString()), "1500");
    assertBad(run("evaluate", "--latent", nan.toString(), "--truth", truth.toString()), "NaN");
    assertBad(run("evaluate", "--latent", truth.toString(), "--truth", truth.toString(), "--convention", "scaled"),
        "scaled");
    assertBad(run("evaluate", "--latent", tmp.resolve("data.txt").toString(), "--truth", truth.toString()), "data.txt");
    assertBad(run("demo", "--frames", "10", "--out", tmp.resolve("x5").toString()), "10");

    for (String name : new String[] {"x1", "x2", "x3", "x4", "x5"}) {
      assertFalse(Files.exists(tmp.resolve(name)), name + " should not exist");
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "staging folders left behind");
    }
  }

  private static void assertBad(Run r, String mentioned) {
    assertEquals(Main.EXIT_BAD_INPUT, r.code(), "exit code; stderr: " + r.err());
    String first = r.err().lines().findFirst().orElse("");
    assertTrue(first.startsWith("error: "), r.err());
    assertTrue(first.contains(mentioned), "'" + first + "' should name " + mentioned);
  }

  @Test
  void demoFastWritesACompleteReport() throws IOException {
    Path out = tmp.resolve("demo");
    Run r = run("demo", "--fast", "--frames", "5000", "--epochs", "3", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    for (String f : new String[] {"run.json", "metrics.json", "metrics.md", "index.html", "observations.npy",
        "truth.npy", "free_energy.npy", "bin_centres.npy", "truth.png", "observations.png", "free_energy.png",
        "bins.png"}) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertTrue(m.get("evaluations").get("un-warped observations").get("lzRelative").asDouble() < 1e-8);
    assertTrue(m.get("evaluations").get("observations (warped)").get("lzRelative").asDouble() > 0.1);
    assertTrue(m.get("evaluations").has("DynAE latent"));
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("free_energy.png") && html.contains("metrics.json"));
    assertTrue(Files.isRegularFile(out.resolve("model/weights.npz")));
    Run again = run("demo", "--fast", "--frames", "5000", "--epochs", "2", "--out", out.toString());
    assertEquals(0, again.code(), "a second run replaces the folder's files: " + again.err());
  }

  @Test
  void versionAndHelp() {
    Run v = run("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("latentdyn "), v.out());
    Run h = run("--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("simulate") && h.out().contains("evaluate") && h.out().contains("demo"));
  }

  @Test
  void benchRunsEveryCaseOnASmallScale() {
    Run r = run("bench", "--scale", "0.005", "--repeats", "1", "--warmup", "0", "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("regular-space clustering") && r.out().contains("npy write"), r.out());
    assertBad(run("bench", "--cases", "sort"), "sort");
  }
}

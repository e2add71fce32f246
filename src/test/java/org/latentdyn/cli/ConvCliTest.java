package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.io.Npy;

/** {@code train}/{@code encode} on a movie choose the convolutional networks from the data's shape. */
class ConvCliTest {
  @TempDir
  Path tmp;

  @Test
  void trainAndEncodeAMovieWithTheConvNetworks() throws IOException {
    Path movie = tmp.resolve("movie");
    CliTest.Run r = CliTest.run("simulate", "dsprites2", "--frames", "16", "--seed", "2", "--out", movie.toString());
    assertEquals(0, r.code(), r.err());
    String obs = movie.resolve("observations.npy").toString();
    for (String model : new String[] {"dynae", "swae"}) {
      Path out = tmp.resolve("run-" + model);
      r = CliTest.run("train", "--model", model, "--data", obs, "--epochs", "2", "--batch-size", "4", "--out",
          out.toString());
      assertEquals(0, r.code(), r.err());
      JsonNode config = new ObjectMapper().readTree(out.resolve("model").resolve("config.json").toFile());
      assertEquals("CONV", config.get("architecture").asText(), model);
      assertEquals("DJL", config.get("engine").asText(), model);
      assertEquals(4, config.get("batchSize").asInt(), "--batch-size overrides the budget's");
      assertEquals("[32,32,64,64]", config.get("conv").get("filters").toString(), model);
      JsonNode budget = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("parameters").get("budget");
      assertEquals("paper", budget.get("name").asText(), "the paper budget by default");
      assertEquals(100_000, budget.get("frames").asInt());
      Path z = tmp.resolve("z-" + model + ".npy");
      r = CliTest.run("encode", "--model", out.resolve("model").toString(), "--data", obs, "--out", z.toString());
      assertEquals(0, r.code(), r.err());
      assertArrayEquals(new int[] {16, 2}, Npy.read(z).shape(), model);
      assertTrue(r.err().isEmpty() || !r.err().contains("Exception"), r.err());
      if (model.equals("dynae")) {
        assertEquals(5.0, config.get("dMin").asDouble(), "the paper budget keeps DynAE's d_min");
      }
    }
    // (extra option, its value, expected d_min, beta, uniform reconstruction)
    String[][] cases = {{null, null, "5.0", "100.0", "true"}, {"--d-min", "2", "2.0", "100.0", "true"},
        {"--no-uniform-reconstruction", null, "5.0", "100.0", "false"}, {"--beta", "7", "5.0", "7.0", "true"}};
    for (String[] c : cases) {
      Path out = tmp.resolve("run-cpu-" + c[0] + c[1]);
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--data", obs, "--budget",
          "cpu", "--epochs", "2", "--batch-size", "4", "--out", out.toString()));
      if (c[0] != null) {
        args.add(c[0]);
      }
      if (c[1] != null) {
        args.add(c[1]);
      }
      r = CliTest.run(args.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      JsonNode config = new ObjectMapper().readTree(out.resolve("model").resolve("config.json").toFile());
      String what = " under --budget cpu with " + c[0] + " " + c[1];
      assertEquals(c[2], config.get("dMin").asText(), "d_min" + what);
      assertEquals(c[3], config.get("beta").asText(), "beta" + what);
      assertEquals(c[4], config.get("uniformReconstruction").asText(), "uniform reconstruction" + what);
      assertEquals(1e-3, config.get("warmupLearningRate").asDouble());
      assertEquals(1e-3, config.get("learningRate").asDouble());
    }
  }
}

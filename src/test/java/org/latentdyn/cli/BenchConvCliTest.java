package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --cases conv}: a step, an epoch of 10 steps and a profile that accounts for the step. */
class BenchConvCliTest {
  @TempDir
  Path tmp;

  @Test
  void convCaseTimesAStepAnEpochAndItsProfile() throws IOException {
    Path out = tmp.resolve("bench");
    CliTest.Run r = CliTest.run("bench", "--cases", "conv", "--scale", "0.02", "--repeats", "1", "--conv-filters",
        "8,8,16,16", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("encoder forward + backward"), r.out());
    JsonNode cases = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
    assertEquals(8, cases.size());
    JsonNode step = cases.get(0);
    assertTrue(step.get("size").asText().startsWith("B 5 pairs = 10 frames"), step.toString());
    assertTrue(step.get("size").asText().contains("filters [8, 8, 16, 16]"), step.toString());
    // the frames are chosen so that an epoch after the 20% validation split has 10 steps
    assertTrue(cases.get(1).get("name").asText().contains("10 steps"), cases.get(1).toString());
    // one repetition: the last row is the step minus the three pieces, exactly
    double left = step.get("minSeconds").asDouble() - cases.get(3).get("minSeconds").asDouble()
        - cases.get(5).get("minSeconds").asDouble() - cases.get(6).get("minSeconds").asDouble();
    assertEquals(left, cases.get(7).get("minSeconds").asDouble(), 1e-12);
    assertTrue(cases.get(6).get("minSeconds").asDouble() > 0);
    for (JsonNode c : cases) {
      assertTrue(c.get("peakHeapMiB").asDouble() > 0, c.toString());
    }
    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertEquals("[8,8,16,16]", run.get("parameters").get("conv").get("filters").toString());
  }
}

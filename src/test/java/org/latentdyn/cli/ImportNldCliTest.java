package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.models.nld.NldConfig;
import org.latentdyn.models.nld.NldModel;
import org.latentdyn.models.nld.ReleasedWeightsTest;

/** import-nld: a synthetic state dict of preset O2 in, a loadable NLD model folder out; bad input writes nothing. */
class ImportNldCliTest {
  @TempDir
  Path tmp;

  @Test
  void importsAStateDictAndRejectsBadInput() throws IOException {
    NldConfig o2 = NldConfig.preset("O2", 1);
    Map<String, int[]> shapes = ReleasedWeightsTest.torchShapes(o2, 15);
    Map<String, float[]> values = ReleasedWeightsTest.randomValues(shapes, 9);
    Path pth = ReleasedWeightsTest.write(tmp.resolve("model 2.pth"), shapes, values);
    Path out = tmp.resolve("imported");
    CliTest.Run r = CliTest.run("import-nld", "--weights", pth.toString(), "--preset", "O2", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    try (NldModel m = NldModel.load(out.resolve("model"))) {
      assertEquals(2, m.latentDim());
      double[] z = {0.4, -0.1};
      assertEquals(ReleasedWeightsTest.torchEnergy(values, z), m.energy().energy(z), 1e-9);
      JsonNode info = new ObjectMapper().readTree(out.resolve("import.json").toFile());
      assertEquals("model 2.pth", info.get("source").asText());
      assertEquals(m.beta(), info.get("beta").asDouble(), 1e-12);
      assertEquals(64, info.get("sha256").asText().length());
    }
    assertTrue(Files.isRegularFile(out.resolve("run.json")));

    // bad input: one line naming the file and the value, exit 2, nothing written
    Path bad = tmp.resolve("bad");
    Path notZip = Files.writeString(tmp.resolve("notes.pth"), "hello");
    CliTest.Run a = CliTest.run("import-nld", "--weights", notZip.toString(), "--preset", "O2", "--out",
        bad.toString());
    assertEquals(2, a.code());
    assertTrue(a.err().contains("notes.pth") && a.err().strip().lines().count() == 1, a.err());
    CliTest.Run b = CliTest.run("import-nld", "--weights", pth.toString(), "--preset", "O1", "--out",
        bad.toString());
    assertEquals(2, b.code());
    assertTrue(b.err().contains("model 2.pth") && b.err().contains("[96, 2]"), b.err());
    shapes.remove("projector.bias");
    Path cut = ReleasedWeightsTest.write(tmp.resolve("cut.pth"), shapes, values);
    CliTest.Run c = CliTest.run("import-nld", "--weights", cut.toString(), "--preset", "O2", "--out",
        bad.toString());
    assertEquals(2, c.code());
    assertTrue(c.err().contains("cut.pth") && c.err().contains("projector.bias"), c.err());
    CliTest.Run d = CliTest.run("import-nld", "--weights", pth.toString(), "--preset", "Q9", "--out",
        bad.toString());
    assertEquals(2, d.code());
    assertTrue(d.err().contains("Q9"), d.err());
    CliTest.Run e = CliTest.run("import-nld", "--weights", tmp.resolve("absent.pth").toString(), "--preset", "O2",
        "--out", bad.toString());
    assertEquals(2, e.code());
    assertTrue(e.err().contains("absent.pth"), e.err());
    assertFalse(Files.exists(bad));
    try (var s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".bad")), "no staging left");
    }
  }
}

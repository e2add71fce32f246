package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;
import org.latentdyn.md.Atom;
import org.latentdyn.md.PdbWriter;
import org.latentdyn.md.Topology;

/**
 * The molecular commands: featurize (alignment of a rigid body to its first frame, the shipped DCD and XTC giving the
 * same features, bad input), then train with torsions and kinetics on the shipped alanine-dipeptide data.
 */
class MolecularCliTest {
  static final Path DATA = Path.of("../shared/data/alanine-dipeptide");

  @TempDir
  Path tmp;

  /** A rigid 5-atom body, randomly rotated and shifted in every model: aligned, every frame is the first. */
  @Test
  void featurizeAlignsARigidBodyOntoItsFirstFrame() throws IOException {
    List<Atom> atoms = new ArrayList<>();
    String[] names = {"C1", "C2", "O3", "N4", "H5"};
    for (int i = 0; i < names.length; i++) {
      atoms.add(new Atom(i, names[i], "MOL", 1, "A", names[i].substring(0, 1)));
    }
    Topology top = new Topology(atoms);
    double[] body = {0, 0, 0, 0.15, 0, 0, 0.2, 0.12, 0, 0.05, 0.1, 0.13, -0.1, 0.02, 0.04};
    SplittableRandom r = new SplittableRandom(4);
    List<float[]> frames = new ArrayList<>();
    for (int f = 0; f < 20; f++) {
      double[] q = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
      double w = q[0] / n;
      double x = q[1] / n;
      double y = q[2] / n;
      double z = q[3] / n;
      double[][] m = {{1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)},
          {2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)},
          {2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)}};
      double[] shift = {r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextDouble(-2, 2)};
      float[] frame = new float[15];
      for (int a = 0; a < 5; a++) {
        for (int i = 0; i < 3; i++) {
          frame[3 * a + i] = (float) (m[i][0] * body[3 * a] + m[i][1] * body[3 * a + 1] + m[i][2] * body[3 * a + 2]
              + shift[i]);
        }
      }
      frames.add(frame);
    }
    Path pdb = tmp.resolve("rigid.pdb");
    PdbWriter.write(pdb, top, frames);
    Path out = tmp.resolve("feat");
    CliTest.Run run = CliTest.run("featurize", "--topology", pdb.toString(), "--traj", pdb.toString(), "--select",
        "heavy", "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    Trajectory f = Npy.readTrajectory(out.resolve("features.npy"));
    assertEquals(20, f.frames());
    assertEquals(12, f.features(), "4 heavy atoms");
    for (int i = 1; i < 20; i++) {
      for (int j = 0; j < 12; j++) {
        assertEquals(f.get(0, j), f.get(i, j), 2e-3, "frame " + i + " feature " + j + " (PDB keeps 1e-4 nm)");
      }
    }
    assertFalse(Files.exists(out.resolve("dihedrals.npy")), "no backbone, no torsions");
    // --remove-mean: every column averages to 0; pairwise distances of a rigid body are the same in every frame
    Path centred = tmp.resolve("centred");
    assertEquals(0, CliTest.run("featurize", "--topology", pdb.toString(), "--traj", pdb.toString(), "--remove-mean",
        "--out", centred.toString()).code());
    Trajectory c = Npy.readTrajectory(centred.resolve("features.npy"));
    for (int j = 0; j < 12; j++) {
      double mean = 0;
      for (int i = 0; i < 20; i++) {
        mean += c.get(i, j) / 20;
      }
      assertEquals(0, mean, 1e-6, "column " + j);
    }
    Path dist = tmp.resolve("dist");
    assertEquals(0, CliTest.run("featurize", "--topology", pdb.toString(), "--traj", pdb.toString(), "--select", "all",
        "--features", "distances", "--out", dist.toString()).code());
    Trajectory dd = Npy.readTrajectory(dist.resolve("features.npy"));
    assertEquals(10, dd.features(), "5 atoms, 10 pairs");
    assertEquals(0.15, dd.get(0, 0), 1e-3, "|C1 - C2|");
    for (int i = 1; i < 20; i++) {
      for (int j = 0; j < 10; j++) {
        assertEquals(dd.get(0, j), dd.get(i, j), 1e-3);
      }
    }
    assertTrue(Files.isRegularFile(out.resolve("topology.pdb")));
    JsonNode atomsJson = new ObjectMapper().readTree(out.resolve("atoms.json").toFile());
    assertEquals(4, atomsJson.get("atoms").size());
    assertEquals("O3", atomsJson.get("atoms").get(2).get("name").asText());

    // bad input: a selection that matches nothing, a trajectory of another atom count; no folder is left
    List<float[]> three = List.of(new float[9]);
    Path small = tmp.resolve("three.pdb");
    PdbWriter.write(small, new Topology(atoms.subList(0, 3)), three);
    String[][] cases = {
        {"--topology", pdb.toString(), "--traj", pdb.toString(), "--select", "name XX", "XX"},
        {"--topology", pdb.toString(), "--traj", small.toString(), "--select", "heavy", "three.pdb"},
        {"--topology", pdb.toString(), "--traj", pdb.toString(), "--features", "dihedrals", "no backbone torsion"},
    };
    badInputs(cases);
  }

  /** Each case (featurize options, then a text the error must contain) exits 2 with one line, leaving nothing. */
  private void badInputs(String[][] cases) throws IOException {
    for (String[] c : cases) {
      Path bad = tmp.resolve("bad");
      CliTest.Run b = CliTest.run("featurize", c[0], c[1], c[2], c[3], c[4], c[5], "--out", bad.toString());
      assertEquals(Main.EXIT_BAD_INPUT, b.code(), b.err());
      assertTrue(b.err().contains(c[6]), b.err());
      assertEquals(1, b.err().strip().lines().count(), "one line: " + b.err());
      assertFalse(Files.exists(bad), "no half-written folder");
      try (Stream<Path> left = Files.list(tmp)) {
        assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".bad")), "no staging folder left");
      }
    }
  }

  @Test
  void shippedAlanineDipeptideFromDcdAndXtcThenTrainAndKinetics() throws IOException {
    assumeTrue(Files.isDirectory(DATA), "shared alanine-dipeptide data absent");
    Path feat = tmp.resolve("feat");
    CliTest.Run f = CliTest.run("featurize", "--topology", DATA.resolve("alanine-dipeptide.pdb").toString(), "--traj",
        DATA.resolve("trajectory.xtc").toString(), "--traj", DATA.resolve("trajectory.dcd").toString(), "--out",
        feat.toString());
    assertEquals(0, f.code(), f.err());
    Trajectory x = Npy.readTrajectory(feat.resolve("features.npy"));
    assertEquals(120_000, x.frames());
    // both files hold the same frames: XTC to its 0.001 nm precision (the alignment to frame 0 of the XTC
    // may move the DCD half by a little more)
    double worst = 0;
    for (int i = 0; i < 60_000; i += 7) {
      for (int j = 0; j < 30; j++) {
        worst = Math.max(worst, Math.abs(x.get(i, j) - x.get(60_000 + i, j)));
      }
    }
    assertTrue(worst < 2e-3, "XTC and DCD features differ by " + worst + " nm");
    Trajectory angles = Npy.readTrajectory(feat.resolve("dihedrals.npy"));
    Trajectory shipped = Npy.readTrajectory(DATA.resolve("dihedrals.npy"));
    for (int i = 0; i < 60_000; i += 11) {
      for (int j = 0; j < 2; j++) {
        double d = Math.abs(angles.get(60_000 + i, j) - shipped.get(i, j));
        assertTrue(Math.min(d, 2 * Math.PI - d) < 1e-3, "torsion " + j + " of frame " + i);
      }
    }
    // truncated files: one line naming the file and the frame, exit 2, nothing written
    Path top = DATA.resolve("alanine-dipeptide.pdb");
    for (String name : new String[] {"trajectory.dcd", "trajectory.xtc"}) {
      Path cut = tmp.resolve("cut-" + name);
      byte[] all = Files.readAllBytes(DATA.resolve(name));
      Files.write(cut, java.util.Arrays.copyOf(all, 100_000));
      badInputs(new String[][] {{"--topology", top.toString(), "--traj", cut.toString(), "--select", "heavy",
          "cut-" + name}});
    }
    JsonNode ranges = new ObjectMapper().readTree(feat.resolve("trajectories.json").toFile()).get("trajectories");
    assertEquals(60_000, ranges.get(1).get("firstFrame").asInt());

    Path train = tmp.resolve("train");
    CliTest.Run t = CliTest.run("train", "--data", feat.toString(), "--truth-angles",
        feat.resolve("dihedrals.npy").toString(), "--epochs", "2", "--lag", "10", "--out", train.toString());
    assertEquals(0, t.code(), t.err());
    assertTrue(t.err().contains("standardizing the inputs"), t.err());
    JsonNode m = new ObjectMapper().readTree(train.resolve("metrics.json").toFile());
    double r2 = m.get("angles").get("knnR2").get("mean").asDouble();
    double pca = m.get("anglesPca2").get("knnR2").get("mean").asDouble();
    assertTrue(r2 > 0.5 && r2 <= 1, "latent torsion R^2 after 2 epochs: " + r2);
    assertEquals(0.875, pca, 0.02, "two principal components (the issue's ~0.88)");
    assertTrue(Files.isRegularFile(train.resolve("latent_by_phi.png")));

    Path kin = tmp.resolve("kin");
    CliTest.Run k = CliTest.run("kinetics", "--model", train.resolve("model").toString(), "--data", feat.toString(),
        "--microstates", "30", "--sde-frames", "3000", "--samples", "5", "--out", kin.toString());
    assertEquals(0, k.code(), k.err());
    JsonNode j = new ObjectMapper().readTree(kin.resolve("kinetics.json").toFile());
    assertEquals(10, j.get("lagFrames").asInt());
    assertTrue(j.get("slowestTimescaleLatent").asDouble() > 0);
    assertTrue(j.get("slowestTimescaleAngles").asDouble() > 0);
    JsonNode first = j.get("rates").get(0);
    assertEquals("beta", first.get("from").asText());
    assertEquals("alphaR", first.get("to").asText());
    // the data's own transitions, counted on the torsions: 755 beta -> alphaR per copy of the run
    assertEquals(1510, first.get("mdTransitions").asLong());
    for (String key : new String[] {"md", "latentMsm", "latentSde"}) {
      assertTrue(first.has(key), key);
    }
    String pdb = Files.readString(kin.resolve("decoded_sde.pdb"));
    assertEquals(5, pdb.lines().filter(l -> l.startsWith("MODEL")).count());
  }
}

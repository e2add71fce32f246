package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Trajectory;

class CsvTest {
  @TempDir Path dir;

  @Test
  void roundTripIsExact() throws IOException {
    double[][] rows = {{0.1, -2.5e-12, Double.NaN}, {1e300, Double.POSITIVE_INFINITY, -0.0}, {3, 4, 5}};
    List<String> cols = List.of("x", "y, with comma", "say \"z\"");
    Path p = dir.resolve("t.csv");
    Csv.write(p, cols, rows);
    CsvTable t = Csv.read(p);
    assertEquals(cols, t.columns());
    assertEquals(3, t.rowCount());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(rows[i], t.row(i));
    }
    assertArrayEquals(new double[] {0.1, 1e300, 3}, t.column("x"));
  }

  @Test
  void writesTrajectoriesInFloatForm() throws IOException {
    Path p = dir.resolve("traj.csv");
    Csv.write(p, List.of("a", "b"), Trajectory.ofRows(new double[][] {{0.1, 2}, {3, 4}}));
    assertEquals("a,b\n0.1,2.0\n3.0,4.0\n", Files.readString(p));
    Trajectory back = Csv.read(p).toTrajectory();
    assertEquals(0.1f, back.get(0, 0));
  }

  @Test
  void readsNumpyStyleHeaderCommentsAndSpecialValues() throws IOException {
    Path p = dir.resolve("n.csv");
    Files.writeString(p, "# a, b\n1, nan\n\n# a comment\n-inf , 2.5e3\n");
    CsvTable t = Csv.read(p);
    assertEquals(List.of("a", "b"), t.columns());
    assertArrayEquals(new double[] {1, Double.NaN, Double.NEGATIVE_INFINITY, 2500}, t.toArray());
  }

  @Test
  void nonNumericValueNamesLineAndColumn() throws IOException {
    Path p = dir.resolve("bad.csv");
    Files.writeString(p, "time,energy\n0,1.5\n1,oops\n");
    IOException e = assertThrows(IOException.class, () -> Csv.read(p));
    assertEquals("bad.csv line 3, column 2 ('energy'): 'oops' is not a number", e.getMessage());
  }

  @Test
  void wrongFieldCountNamesTheLine() throws IOException {
    Path p = dir.resolve("short.csv");
    Files.writeString(p, "a,b,c\n1,2,3\n4,5\n");
    IOException e = assertThrows(IOException.class, () -> Csv.read(p));
    assertEquals("short.csv line 3: 2 fields, expected 3 (one per header column)", e.getMessage());
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "\n\n");
    assertThrows(IOException.class, () -> Csv.read(empty));
  }

  @Test
  void readsTheAlanineMdLogToItsDocumentedMeanTemperature() throws IOException {
    Path p = Path.of("../shared/data/alanine-dipeptide/md_log.csv");
    assumeTrue(Files.exists(p), "shared data absent");
    CsvTable t = Csv.read(p);
    assertEquals(List.of("Step", "Time (ps)", "Potential Energy (kJ/mole)", "Kinetic Energy (kJ/mole)",
        "Temperature (K)"), t.columns());
    assertEquals(6000, t.rowCount()); // every 10 ps of 60 ns
    double mean = 0;
    for (double v : t.column("Temperature (K)")) {
      mean += v / t.rowCount();
    }
    assertEquals(300.9, mean, 0.05); // README: mean temperature 300.9 K
  }
}

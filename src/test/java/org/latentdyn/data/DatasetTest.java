package org.latentdyn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetTest {
  /** A trajectory whose value (t, j) is base + 10 t + j. */
  static Trajectory ramp(int frames, int features, float base) {
    float[] v = new float[frames * features];
    for (int t = 0; t < frames; t++) {
      for (int j = 0; j < features; j++) {
        v[t * features + j] = base + 10 * t + j;
      }
    }
    return Trajectory.wrap(v, frames, features);
  }

  @Test
  void globalIndexingRunsOverTrajectoriesInOrder() {
    Dataset d = Dataset.of(ramp(3, 2, 0), ramp(1, 2, 1000), ramp(4, 2, 2000));
    assertEquals(3, d.trajectoryCount());
    assertEquals(8, d.totalFrames());
    assertArrayEquals(new int[] {3, 1, 4}, d.lengths());
    assertEquals(4, d.offset(2));
    assertEquals(5, d.globalIndex(2, 1));
    assertEquals(new Dataset.FrameRef(1, 0), d.locate(3));
    assertEquals(new Dataset.FrameRef(2, 3), d.locate(7));
    assertEquals(2011f, d.get(5, 1));
    assertArrayEquals(new float[] {1000, 1001}, d.frame(3));
    assertArrayEquals(new float[] {2030, 2031, 0, 1, 20, 21}, d.gather(new int[] {7, 0, 2}));
    Trajectory all = d.concatenated();
    assertEquals(8, all.frames());
    assertArrayEquals(d.gather(new int[] {0, 1, 2, 3, 4, 5, 6, 7}), all.toArray());
    assertThrows(IndexOutOfBoundsException.class, () -> d.locate(8));
  }

  @Test
  void singleTrajectoryConcatenationIsTheTrajectory() {
    Trajectory t = ramp(5, 3, 0);
    assertSame(t, Dataset.of(t).concatenated());
  }

  @Test
  void featureMismatchNamesTheTrajectoryAndCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(ramp(3, 30, 0), ramp(3, 30, 0), ramp(3, 5, 0)));
    assertEquals("trajectory 2 has 5 features, expected 30 like trajectory 0", e.getMessage());
    IllegalArgumentException named = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(List.of(ramp(3, 30, 0), ramp(3, 5, 0)), List.of("a.npy", "b.npy")));
    assertEquals("trajectory 1 ('b.npy') has 5 features, expected 30 like trajectory 0 ('a.npy')",
        named.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dataset.of(List.of()));
  }

  @Test
  void namesAreOptional() {
    Dataset d = Dataset.of(ramp(2, 1, 0), ramp(2, 1, 0)).withNames(Arrays.asList("run1", null));
    assertEquals(Optional.of("run1"), d.name(0));
    assertEquals(Optional.empty(), d.name(1));
    assertEquals("trajectory 1", d.label(1));
  }
}

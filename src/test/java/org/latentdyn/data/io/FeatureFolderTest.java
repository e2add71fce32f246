package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.LaggedPairs;
import org.latentdyn.data.Trajectory;

/** A featurised folder reads back as one trajectory per input file, and lagged pairs never cross files. */
class FeatureFolderTest {
  @TempDir
  Path tmp;

  @Test
  void rangesSplitTheFeaturesAndPairsStayInsideEachFile() throws IOException {
    float[] v = new float[10 * 2];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    Npy.write(tmp.resolve(FeatureFolder.FEATURES), Trajectory.wrap(v, 10, 2));
    FeatureFolder.writeRanges(tmp, List.of(new FeatureFolder.Range("a.xtc", 0, 4),
        new FeatureFolder.Range("b.dcd", 4, 6)));
    Dataset d = FeatureFolder.readDataset(tmp.toString());
    assertEquals(2, d.trajectoryCount());
    assertArrayEquals(new int[] {4, 6}, d.lengths());
    assertEquals("b.dcd", d.name(1).orElseThrow());
    assertEquals(8f, d.trajectory(1).get(0, 0));
    // lag 1: 3 pairs in a, 5 in b, none from frame 3 to frame 4
    assertEquals(8, LaggedPairs.of(d, 1).size());
    assertArrayEquals(v, d.concatenated().toArray());
  }

  @Test
  void withoutRangesTheFolderIsOneTrajectoryAndBadRangesAreNamed() throws IOException {
    Npy.write(tmp.resolve(FeatureFolder.FEATURES), Trajectory.wrap(new float[12], 6, 2));
    assertEquals(1, FeatureFolder.read(tmp).trajectoryCount());
    FeatureFolder.writeRanges(tmp, List.of(new FeatureFolder.Range("a", 0, 2), new FeatureFolder.Range("b", 3, 3)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureFolder.read(tmp));
    assertTrue(e.getMessage().contains("starts at frame 3; expected 2"), e.getMessage());
    FeatureFolder.writeRanges(tmp, List.of(new FeatureFolder.Range("a", 0, 2), new FeatureFolder.Range("b", 2, 3)));
    e = assertThrows(IllegalArgumentException.class, () -> FeatureFolder.read(tmp));
    assertTrue(e.getMessage().contains("cover 5 frames"), e.getMessage());
    Files.delete(tmp.resolve(FeatureFolder.FEATURES));
    e = assertThrows(IllegalArgumentException.class, () -> FeatureFolder.read(tmp));
    assertTrue(e.getMessage().contains("featurize"), e.getMessage());
  }
}

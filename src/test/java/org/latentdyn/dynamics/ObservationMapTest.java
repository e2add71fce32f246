package org.latentdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;

class ObservationMapTest {
  private final Trajectory points = Trajectory.ofRows(new double[][] {{1, 2}, {-1.5, 0.25}, {0, -3}});

  @Test
  void threeWellWarpAddsXSquaredToYAndTheInverseUndoesIt() {
    Trajectory warped = ThreeWellWarp.forward().apply(points);
    assertArrayEquals(new float[] {1, 3, -1.5f, 2.5f, 0, -3}, warped.view());
    Trajectory back = ThreeWellWarp.forward().inverse().apply(warped);
    assertArrayEquals(points.view(), back.view());
    assertEquals(ThreeWellWarp.inverseMap(), ThreeWellWarp.forward().inverse());
  }

  @Test
  void applyRejectsWrongFeatureCount() {
    Trajectory three = Trajectory.ofRows(new double[][] {{1, 2, 3}});
    var e = assertThrows(IllegalArgumentException.class, () -> ThreeWellWarp.forward().apply(three));
    assertTrue(e.getMessage().contains("3 features") && e.getMessage().contains("2"), e.getMessage());
  }

  @Test
  void randomMlpIsDeterministicBySeedWithTheRightShape() {
    RandomMlpEmbedding a = RandomMlpEmbedding.of(2, 50, 5);
    RandomMlpEmbedding b = RandomMlpEmbedding.of(2, 50, 5);
    RandomMlpEmbedding c = RandomMlpEmbedding.of(2, 50, 6);
    Trajectory ya = a.apply(points);
    assertEquals(3, ya.frames());
    assertEquals(50, ya.features());
    assertArrayEquals(ya.view(), b.apply(points).view());
    assertFalse(Arrays.equals(ya.view(), c.apply(points).view()));
    double[] out = new double[50];
    a.map(new double[] {1, 2}, out);
    assertEquals(ya.get(0, 7), out[7], 1e-6);
    assertArrayEquals(new int[] {32, 32}, a.hiddenWidths());
  }

  @Test
  void randomMlpIsSmoothAndNotDegenerate() {
    RandomMlpEmbedding mlp = new RandomMlpEmbedding(2, new int[] {16}, 20, 1);
    double[] y0 = new double[20];
    double[] y1 = new double[20];
    double[] y2 = new double[20];
    mlp.map(new double[] {0.3, -0.4}, y0);
    mlp.map(new double[] {0.3 + 1e-4, -0.4}, y1);
    mlp.map(new double[] {0.3 + 2e-4, -0.4}, y2);
    double first = 0;
    double second = 0;
    for (int j = 0; j < 20; j++) {
      first = Math.max(first, Math.abs(y1[j] - y0[j]));
      second = Math.max(second, Math.abs(y2[j] - 2 * y1[j] + y0[j]));
    }
    assertTrue(first > 1e-6 && first < 1e-3, "first differences scale with the step: " + first);
    assertTrue(second < 1e-6, "second differences scale with the step squared: " + second);
    var e = assertThrows(IllegalArgumentException.class, () -> new RandomMlpEmbedding(2, new int[] {0}, 3, 1));
    assertTrue(e.getMessage().contains("hiddenWidths[0]"), e.getMessage());
  }
}

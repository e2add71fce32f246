package org.latentdyn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Known answers for the sliced Wasserstein distance and one Adam step. */
class SlicedWassersteinAndAdamTest {
  @Test
  void distanceOfAShiftedSetIsTheMeanSquaredProjectedShift() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 64;
    float[] a = new float[n * 2];
    float[] b = new float[n * 2];
    float[] c = {0.5f, -1.5f};
    for (int i = 0; i < n; i++) {
      a[2 * i] = (float) r.nextGaussian();
      a[2 * i + 1] = (float) r.nextGaussian();
      b[2 * i] = a[2 * i] + c[0];
      b[2 * i + 1] = a[2 * i + 1] + c[1];
    }
    float[] dirs = SlicedWasserstein.directions(2, 50, new SplittableRandom(1));
    double expected = 0;
    for (int l = 0; l < 50; l++) {
      double p = dirs[l] * c[0] + dirs[50 + l] * c[1];
      assertEquals(1.0, dirs[l] * dirs[l] + dirs[50 + l] * dirs[50 + l], 1e-6, "unit direction");
      expected += p * p / 50;
    }
    try (NDManager m = NeuralEngine.newManager()) {
      NDArray d = m.create(dirs, new Shape(2, 50));
      assertEquals(expected, SlicedWasserstein.distance(m.create(a, new Shape(n, 2)), m.create(b, new Shape(n, 2)), d)
          .getFloat(), 1e-5);
      assertEquals(0.0, SlicedWasserstein.distance(m.create(a, new Shape(n, 2)), m.create(a, new Shape(n, 2)), d)
          .getFloat(), 1e-7);
    }
  }

  @Test
  void groupedDistanceIsTheMeanOfTheGroupsDistancesAndSortsWithinGroups() {
    int n = 12;
    SplittableRandom r = new SplittableRandom(4);
    float[] a = new float[2 * n];
    float[] b = new float[2 * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextGaussian();
      b[i] = (float) r.nextGaussian();
    }
    try (NDManager m = NeuralEngine.newManager()) {
      NDArray d = m.create(SlicedWasserstein.directions(2, 7, r), new Shape(2, 7));
      double sum = 0;
      for (int g = 0; g < 3; g++) {
        float[] ag = java.util.Arrays.copyOfRange(a, g * 8, g * 8 + 8);
        float[] bg = java.util.Arrays.copyOfRange(b, g * 8, g * 8 + 8);
        sum += SlicedWasserstein.distance(m.create(ag, new Shape(4, 2)), m.create(bg, new Shape(4, 2)), d)
            .getFloat();
      }
      NDArray an = m.create(a, new Shape(n, 2));
      NDArray bn = m.create(b, new Shape(n, 2));
      assertEquals(sum / 3, SlicedWasserstein.distance(an, bn, d, 3).getFloat(), 1e-5);
      assertEquals(SlicedWasserstein.distance(an, bn, d).getFloat(), SlicedWasserstein.distance(an, bn, d, 1)
          .getFloat(), 0);
      // b with its groups swapped: the pooled distance is unchanged, the grouped one compares other samples
      float[] swapped = new float[2 * n];
      System.arraycopy(b, 16, swapped, 0, 8);
      System.arraycopy(b, 8, swapped, 8, 8);
      System.arraycopy(b, 0, swapped, 16, 8);
      NDArray bs = m.create(swapped, new Shape(n, 2));
      assertEquals(SlicedWasserstein.distance(an, bn, d).getFloat(), SlicedWasserstein.distance(an, bs, d).getFloat(),
          1e-6);
      assertTrue(Math.abs(SlicedWasserstein.distance(an, bn, d, 3).getFloat()
          - SlicedWasserstein.distance(an, bs, d, 3).getFloat()) > 1e-3);
      assertThrows(IllegalArgumentException.class, () -> SlicedWasserstein.distance(an, bn, d, 5));
    }
  }

  @Test
  void directionsAreSeeded() {
    assertArrayEquals(SlicedWasserstein.directions(3, 10, new SplittableRandom(5)),
        SlicedWasserstein.directions(3, 10, new SplittableRandom(5)));
  }

  @Test
  void firstAdamStepMovesEachWeightByTheLearningRateAgainstItsGradient() {
    float[] w = {1f, -2f, 3f};
    try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, w);
        Adam adam = new Adam(m, 3, 0.1)) {
      try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
        gc.backward(p.values().square().sum()); // gradient 2w
      }
      adam.step(p);
      float[] after = p.toArray();
      // first step: m_hat = g, v_hat = g^2, update = lr * g / (|g| + eps) = lr * sign(g)
      assertArrayEquals(new float[] {0.9f, -1.9f, 2.9f}, after, 1e-5f);
      assertEquals(1, adam.steps());
    }
  }
}

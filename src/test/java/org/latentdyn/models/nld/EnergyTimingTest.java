package org.latentdyn.models.nld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.ParameterVector;
import org.latentdyn.nn.Tensors;

/**
 * Cost of energy + gradient forward and of the backward pass into the weights for 128 x 200 points in d = 2
 * (a training batch of 128 sequences of 200 solver steps), once as one batch of 25,600 rows and once as 200
 * sequential calls on 128 rows under one collector (as an SDE unroll does). Prints the timings; asserts that
 * every step's arrays are freed and the gradient is finite. Run with {@code mvn -o test -Pslow
 * -Dtest=EnergyTimingTest}.
 */
@Tag("slow")
class EnergyTimingTest {
  private static final int SEQUENCES = 128;
  private static final int STEPS = 200;
  private static final int D = 2;

  @Test
  void energyAndGradientForwardAndBackwardTimings() {
    EnergyNetwork net = new EnergyNetwork(D);
    float[] z = EnergyNetworkTest.gaussian(SEQUENCES * STEPS * D, 1.5, new SplittableRandom(1));
    try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, net.initialWeights(1, 0.2))) {
      int repeats = 5;
      for (boolean sequential : new boolean[] {false, true}) {
        double forward = 0;
        double backward = 0;
        int live = -1;
        for (int r = -1; r < repeats; r++) { // r = -1 warms up
          try (NDManager step = m.newSubManager()) {
            NDArray all = Tensors.owned(step, z, new Shape(SEQUENCES * STEPS, D));
            long t0;
            long t1;
            long t2;
            try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
              t0 = System.nanoTime();
              NDArray loss;
              if (sequential) {
                loss = null;
                for (int k = 0; k < STEPS; k++) {
                  NDArray zk = all.get(k * SEQUENCES + ":" + (k + 1) * SEQUENCES);
                  NDList out = net.energyAndGradient(p, zk);
                  NDArray lk = out.get(1).square().sum().add(out.get(0).sum());
                  loss = loss == null ? lk : loss.add(lk);
                }
              } else {
                NDList out = net.energyAndGradient(p, all);
                loss = out.get(1).square().sum().add(out.get(0).sum());
              }
              assertTrue(Float.isFinite(loss.getFloat()));
              t1 = System.nanoTime();
              gc.backward(loss);
              t2 = System.nanoTime();
            }
            float[] g = p.gradient(step).toFloatArray();
            for (float v : g) {
              assertTrue(Float.isFinite(v));
            }
            p.zeroGradient();
            if (r >= 0) {
              forward += (t1 - t0) / 1e6;
              backward += (t2 - t1) / 1e6;
            }
          }
          int now = NeuralEngine.liveArrays();
          if (r >= 0 && live >= 0) {
            assertEquals(live, now, "live arrays stay flat across steps");
          }
          live = now;
        }
        System.out.printf("NLD energy, %d x %d points, d = %d, %s: forward (E + grad E) %.1f ms, backward %.1f ms "
            + "(mean of %d, %s)%n", SEQUENCES, STEPS, D,
            sequential ? "200 calls of 128 rows" : "one batch of 25600 rows",
            forward / repeats, backward / repeats, repeats, NeuralEngine.describe());
      }
    }
  }
}

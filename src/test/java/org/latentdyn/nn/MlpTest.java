package org.latentdyn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The analytic input-Jacobian diagonal against finite differences, and its gradient into the weights. */
class MlpTest {
  @Test
  void jacobianDiagonalMatchesFiniteDifferences() {
    for (Mlp.Act act : Mlp.Act.values()) {
      Mlp net = new Mlp(Mlp.widths(3, 16, 2, 3), act, 0);
      float[] w = new float[net.parameterCount()];
      net.initialise(w, new SplittableRandom(4));
      SplittableRandom r = new SplittableRandom(9);
      int n = 5;
      float[] x = new float[n * 3];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, w)) {
        p.values().setRequiresGradient(false);
        NDList out = net.forwardWithJacobianDiagonal(p, m.create(x, new Shape(n, 3)));
        float[] diag = out.get(1).toFloatArray();
        float[] plain = net.forward(p, m.create(x, new Shape(n, 3))).toFloatArray();
        float[] withJ = out.get(0).toFloatArray();
        for (int i = 0; i < plain.length; i++) {
          assertEquals(plain[i], withJ[i], 1e-6, "output equals the plain forward pass");
        }
        double h = 1e-2;
        for (int s = 0; s < n; s++) {
          for (int i = 0; i < 3; i++) {
            float[] xp = x.clone();
            float[] xm = x.clone();
            xp[s * 3 + i] += (float) h;
            xm[s * 3 + i] -= (float) h;
            double fp = net.forward(p, m.create(xp, new Shape(n, 3))).toFloatArray()[s * 3 + i];
            double fm = net.forward(p, m.create(xm, new Shape(n, 3))).toFloatArray()[s * 3 + i];
            assertEquals((fp - fm) / (2 * h), diag[s * 3 + i], 2e-3, act + " sample " + s + " dim " + i);
          }
        }
      }
    }
  }

  @Test
  void weightsReceiveTheGradientOfTheJacobianDiagonal() {
    Mlp net = new Mlp(Mlp.widths(2, 8, 2, 2), Mlp.Act.TANH, 0);
    float[] w = new float[net.parameterCount()];
    net.initialise(w, new SplittableRandom(2));
    float[] x = {0.3f, -0.7f, 1.1f, 0.2f};
    float[] grad;
    try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, w)) {
      try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
        NDArray loss = net.forwardWithJacobianDiagonal(p, m.create(x, new Shape(2, 2))).get(1).sum();
        gc.backward(loss);
      }
      grad = p.gradient(m).toFloatArray();
      // finite differences of L(w) = sum of the Jacobian diagonal, for a few weights of every layer
      double h = 1e-2;
      int nonZero = 0;
      for (int k = 0; k < w.length; k += 7) {
        float[] wp = w.clone();
        float[] wm = w.clone();
        wp[k] += (float) h;
        wm[k] -= (float) h;
        double lp = diagSum(net, m, wp, x);
        double lm = diagSum(net, m, wm, x);
        assertEquals((lp - lm) / (2 * h), grad[k], 2e-3, "weight " + k);
        if (Math.abs(grad[k]) > 1e-4) {
          nonZero++;
        }
      }
      assertTrue(nonZero > 3, "the Jacobian term must reach the weights, nonzero: " + nonZero);
    }
  }

  private static double diagSum(Mlp net, NDManager m, float[] w, float[] x) {
    try (NDManager s = m.newSubManager(); ParameterVector p = new ParameterVector(s, w)) {
      return net.forwardWithJacobianDiagonal(p, s.create(x, new Shape(2, 2))).get(1).sum().getFloat();
    }
  }
}

package org.latentdyn.models.nld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.ParameterVector;
import org.latentdyn.nn.Tensors;

/** Known answers for the NLD energy (spec nld.md §13.1). */
class EnergyNetworkTest {
  @Test
  void parameterCountIs480dPlus16114IncludingCRaw() {
    assertEquals(17074, new EnergyNetwork(2).parameterCount());
    assertEquals(17554, new EnergyNetwork(3).parameterCount(), "spec: 17,554 for d = 3");
    for (int d = 1; d <= 5; d++) {
      EnergyNetwork net = new EnergyNetwork(d);
      assertEquals(480 * d + 16114, net.parameterCount());
      assertEquals(EnergyNetwork.parameterCount(d), net.parameterCount());
      assertEquals(net.parameterCount() - 1, net.cRawOffset(), "c_raw is the last value");
    }
    assertThrows(IllegalArgumentException.class, () -> new EnergyNetwork(0));
  }

  @Test
  void plainJavaGradientMatchesCentralDifferences() {
    for (int d : new int[] {1, 2, 3}) {
      EnergyNetwork net = new EnergyNetwork(d);
      EnergyPotential u = new EnergyPotential(d, net.initialWeights(11 + d, 1.0));
      SplittableRandom r = new SplittableRandom(5);
      double worst = 0;
      for (int s = 0; s < 20; s++) {
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
          z[i] = 2 * r.nextGaussian();
        }
        double[] g = new double[d];
        double e = u.energyAndGradient(z, g);
        assertEquals(u.energy(z), e, 0.0);
        double[] fd = new double[d];
        double h = 1e-5;
        for (int i = 0; i < d; i++) {
          double[] zp = z.clone();
          double[] zm = z.clone();
          zp[i] += h;
          zm[i] -= h;
          fd[i] = (u.energy(zp) - u.energy(zm)) / (2 * h);
        }
        double err = 0;
        double norm = 0;
        for (int i = 0; i < d; i++) {
          err += (fd[i] - g[i]) * (fd[i] - g[i]);
          norm += g[i] * g[i];
        }
        double rel = Math.sqrt(err / Math.max(norm, 1e-12));
        worst = Math.max(worst, rel);
        assertTrue(rel < 1e-6, "d " + d + " z " + Arrays.toString(z) + ": relative error " + rel);
      }
      System.out.printf("energy gradient vs central differences, d = %d: worst relative error %.2e%n", d, worst);
    }
  }

  @Test
  void hessianIsSymmetricAndMatchesDifferencesOfTheEnergy() {
    EnergyPotential u = new EnergyPotential(2, new EnergyNetwork(2).initialWeights(3, 1.0));
    double[] z = {0.4, -0.9};
    double[][] hess = u.hessian(z);
    assertEquals(hess[0][1], hess[1][0], 0.0);
    double h = 1e-3;
    double e0 = u.energy(z);
    double exx = (u.energy(new double[] {z[0] + h, z[1]}) - 2 * e0 + u.energy(new double[] {z[0] - h, z[1]})) / (h * h);
    assertEquals(exx, hess[0][0], 1e-4 * Math.max(1, Math.abs(exx)));
  }

  @Test
  void ndArrayEnergyAndGradientMatchThePlainJavaTwin() {
    for (int d : new int[] {2, 3}) {
      EnergyNetwork net = new EnergyNetwork(d);
      float[] weights = net.initialWeights(7, 1.0);
      EnergyPotential u = new EnergyPotential(d, weights);
      int n = 64;
      float[] z = gaussian(n * d, 2.0, new SplittableRandom(8));
      float[] e;
      float[] g;
      try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, weights)) {
        NDArray zz = Tensors.owned(m, z, new Shape(n, d));
        NDList out = net.energyAndGradient(p, zz);
        e = out.get(0).toFloatArray();
        g = out.get(1).toFloatArray();
        assertArrayEquals(e, net.energy(p, zz).toFloatArray(), 0f, "energy alone equals energy with gradient");
        assertArrayEquals(g, net.gradient(p, zz).toFloatArray(), 0f);
        assertEquals(new Shape(n), out.get(0).getShape());
        assertEquals(new Shape(n, d), out.get(1).getShape());
      }
      double worstE = 0;
      double worstG = 0;
      for (int s = 0; s < n; s++) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
          x[i] = z[s * d + i];
        }
        double[] gx = new double[d];
        double ex = u.energyAndGradient(x, gx);
        double scale = 0;
        for (int i = 0; i < d; i++) {
          scale = Math.max(scale, Math.abs(gx[i]));
        }
        worstE = Math.max(worstE, Math.abs(e[s] - ex) / Math.max(1, Math.abs(ex)));
        for (int i = 0; i < d; i++) {
          worstG = Math.max(worstG, Math.abs(g[s * d + i] - gx[i]) / Math.max(1, scale));
        }
      }
      System.out.printf("NDArray vs plain Java, d = %d: energy %.2e, gradient %.2e (relative)%n", d, worstE, worstG);
      assertTrue(worstE < 1e-5, "energy relative error " + worstE);
      assertTrue(worstG < 1e-5, "gradient relative error " + worstG);
    }
  }

  @Test
  void onlyTheConfinementLeftGivesCTimesZSquared() {
    int d = 3;
    EnergyNetwork net = new EnergyNetwork(d);
    float[] weights = new float[net.parameterCount()];
    weights[net.cRawOffset()] = 0.3f;
    double c = Math.log1p(Math.exp(0.3f));
    assertEquals(c, net.stiffness(weights), 1e-15);
    EnergyPotential u = new EnergyPotential(d, weights);
    double[] z = {0.5, -1.25, 2.0};
    double[] g = new double[d];
    double zz = 0.25 + 1.5625 + 4.0;
    assertEquals(c * zz, u.energyAndGradient(z, g), 1e-14);
    for (int i = 0; i < d; i++) {
      assertEquals(2 * c * z[i], g[i], 1e-14);
    }
    try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, weights)) {
      NDList out = net.energyAndGradient(p, Tensors.owned(m, new float[] {0.5f, -1.25f, 2f}, new Shape(1, d)));
      assertEquals(c * zz, out.get(0).toFloatArray()[0], 1e-6 * c * zz);
      float[] gf = out.get(1).toFloatArray();
      for (int i = 0; i < d; i++) {
        assertEquals(2 * c * z[i], gf[i], 1e-6);
      }
    }
  }

  @Test
  void seededInitialisationIsReproducibleAndScaled() {
    EnergyNetwork net = new EnergyNetwork(2);
    float[] a = net.initialWeights(42, 0.2);
    assertArrayEquals(a, net.initialWeights(42, 0.2), 0f);
    assertFalse(Arrays.equals(a, net.initialWeights(43, 0.2)));
    float[] unscaled = net.initialWeights(42, 1.0);
    for (int k = 0; k < net.cRawOffset(); k++) {
      assertEquals(0.2 * unscaled[k], a[k], 1e-7, "weight " + k + " scaled by initScale");
    }
    assertEquals(unscaled[net.cRawOffset()], a[net.cRawOffset()], 0f, "c_raw is not scaled");
    for (int l = 0; l < net.layerCount(); l++) {
      double bound = 1 / Math.sqrt(net.layerInput(l));
      double max = 0;
      int end = net.biasOffset(l) + net.layerOutput(l);
      for (int k = net.weightOffset(l); k < end; k++) {
        max = Math.max(max, Math.abs(unscaled[k]));
      }
      assertTrue(max <= bound && max > 0.9 * bound, "layer " + l + ": max |w| " + max + ", bound " + bound);
    }
    assertThrows(IllegalArgumentException.class, () -> net.initialWeights(1, -1));
  }

  /**
   * The weights' gradient of {@code L = sum_n |grad E(z_n)|^2 + sum_n E(z_n)}, from one DJL gradient collector
   * through the explicit reverse pass, against central differences of the same loss in double precision (the
   * plain-Java twin), for a few weights of every layer and c_raw: second-order gradients flow.
   */
  @Test
  void weightGradientOfALossContainingGradEMatchesFiniteDifferences() {
    int d = 2;
    EnergyNetwork net = new EnergyNetwork(d);
    float[] weights = net.initialWeights(5, 1.0);
    int n = 16;
    float[] z = gaussian(n * d, 1.5, new SplittableRandom(6));
    float[] grad;
    try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, weights)) {
      try (NDManager step = m.newSubManager()) {
        try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
          NDList out = net.energyAndGradient(p, Tensors.owned(step, z, new Shape(n, d)));
          NDArray loss = out.get(1).square().sum().add(out.get(0).sum());
          gc.backward(loss);
        }
        grad = p.gradient(step).toFloatArray();
      }
    }
    double[] w = new double[weights.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = weights[k];
    }
    List<Integer> checked = new ArrayList<>();
    SplittableRandom pick = new SplittableRandom(9);
    for (int l = 0; l < net.layerCount(); l++) {
      int nw = net.layerInput(l) * net.layerOutput(l);
      for (int s = 0; s < 3; s++) {
        checked.add(net.weightOffset(l) + pick.nextInt(nw));
      }
      if (l >= 2 && l < 2 + 2 * EnergyNetwork.BLOCKS && l % 2 == 0) {
        // a weight in the z rows of the block's first layer
        checked.add(net.weightOffset(l) + EnergyNetwork.LOW * EnergyNetwork.HIGH + pick.nextInt(d * EnergyNetwork.HIGH));
      }
      checked.add(net.biasOffset(l) + pick.nextInt(net.layerOutput(l)));
    }
    checked.add(net.cRawOffset());
    double maxAbs = 0;
    double[] fd = new double[checked.size()];
    for (int q = 0; q < checked.size(); q++) {
      int k = checked.get(q);
      double h = 1e-4;
      double[] wp = w.clone();
      double[] wm = w.clone();
      wp[k] += h;
      wm[k] -= h;
      fd[q] = (loss(d, wp, z, n) - loss(d, wm, z, n)) / (2 * h);
      maxAbs = Math.max(maxAbs, Math.abs(fd[q]));
    }
    double worst = 0;
    int nonZero = 0;
    for (int q = 0; q < checked.size(); q++) {
      int k = checked.get(q);
      double rel = Math.abs(grad[k] - fd[q]) / Math.max(Math.abs(fd[q]), 1e-2);
      worst = Math.max(worst, rel);
      assertTrue(rel < 1e-3, "weight " + k + ": collector " + grad[k] + ", finite differences " + fd[q]);
      if (Math.abs(fd[q]) > 1e-2) {
        nonZero++;
      }
    }
    System.out.printf("d|gradE|^2/dtheta: %d weights of all %d layers + c_raw, worst relative error %.2e "
        + "(denominator max(|fd|, 1e-2); |fd| up to %.3g; %d of them above 1e-2)%n", checked.size(), net.layerCount(), worst,
        maxAbs, nonZero);
    assertTrue(nonZero > checked.size() * 3 / 4, "most checked weights have a gradient, " + nonZero);
  }

  /**
   * The weight gradient of a loss summed over many calls (as in an SDE unroll), with garbage collections in
   * between, equals that of one call on the whole batch. Guards against autograd nodes that save scalar
   * operands wrapped around Java buffers, which the collector frees before the backward pass.
   */
  @Test
  void unrolledCallsUnderGarbageCollectionGiveTheBatchGradient() {
    int d = 2;
    int rows = 32;
    int calls = 40;
    EnergyNetwork net = new EnergyNetwork(d);
    float[] z = gaussian(rows * calls * d, 1.5, new SplittableRandom(2));
    float[][] grads = new float[2][];
    try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, net.initialWeights(2, 0.5))) {
      for (int mode = 0; mode < 2; mode++) {
        try (NDManager step = m.newSubManager()) {
          try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
            NDArray loss = null;
            int parts = mode == 0 ? 1 : calls;
            int n = rows * calls / parts;
            for (int k = 0; k < parts; k++) {
              float[] zk = Arrays.copyOfRange(z, k * n * d, (k + 1) * n * d);
              NDList out = net.energyAndGradient(p, Tensors.owned(step, zk, new Shape(n, d)));
              NDArray lk = out.get(1).square().sum().add(out.get(0).sum());
              loss = loss == null ? lk : loss.add(lk);
              if (mode == 1 && k % 8 == 0) {
                System.gc();
              }
            }
            System.gc();
            gc.backward(loss);
          }
          grads[mode] = p.gradient(step).toFloatArray();
          p.zeroGradient();
        }
      }
    }
    double max = 0;
    for (float v : grads[0]) {
      max = Math.max(max, Math.abs(v));
    }
    for (int k = 0; k < grads[0].length; k++) {
      assertEquals(grads[0][k], grads[1][k], 1e-4 * max, "weight " + k);
    }
  }

  private static double loss(int d, double[] w, float[] z, int n) {
    EnergyPotential u = new EnergyPotential(d, w);
    double l = 0;
    double[] x = new double[d];
    double[] g = new double[d];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        x[i] = z[s * d + i];
      }
      l += u.energyAndGradient(x, g);
      for (int i = 0; i < d; i++) {
        l += g[i] * g[i];
      }
    }
    return l;
  }

  static float[] gaussian(int size, double sd, SplittableRandom r) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (sd * r.nextGaussian());
    }
    return x;
  }
}

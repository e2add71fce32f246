package org.latentdyn.models.vin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.Tensors;
import org.latentdyn.train.Engine;

/**
 * Known answers for the plain-Java training engine {@link FusedVin} (VIN spec §4a): for every kind and option its
 * loss equals the DJL loss of {@link VinNetworks}, its hand-written gradient equals central differences of its own
 * loss and the autograd gradient, a short training follows the DJL training, and a seed gives identical results.
 */
class FusedVinTest {
  static final double H = 0.1;

  /** Every phase-space kind and option, with its configuration dimension. */
  static List<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (VinConfig.Kind k : VinConfig.Kind.values()) {
      out.add(new Object[] {config(k), 1});
    }
    out.add(new Object[] {config(VinConfig.Kind.VIN_VV).withLearnMass(true), 1});
    out.add(new Object[] {config(VinConfig.Kind.VIN_SV).withLearnMass(true), 1});
    out.add(new Object[] {config(VinConfig.Kind.VIN_VV).withLearnMass(true), 2});
    out.add(new Object[] {config(VinConfig.Kind.VIN_SV).withLearnMass(true), 2});
    out.add(new Object[] {config(VinConfig.Kind.VIN_SO2).withSo2Force(VinConfig.So2Force.PAPER), 1});
    out.add(new Object[] {config(VinConfig.Kind.VIN_SO2).withSo2Force(VinConfig.So2Force.TRIG_INPUT), 1});
    out.add(new Object[] {config(VinConfig.Kind.VIN_SO2), 2});
    out.add(new Object[] {config(VinConfig.Kind.RESRNN), 2});
    out.add(new Object[] {config(VinConfig.Kind.HNN), 2});
    return out;
  }

  static VinConfig config(VinConfig.Kind kind) {
    return VinConfig.defaults(kind, 3).withHidden(16);
  }

  static String name(VinConfig c, int d) {
    return c.label() + (c.learnMass() ? " (learned M)" : "") + (c.kind() == VinConfig.Kind.VIN_SO2 ? " "
        + c.so2Force() : "") + ", d " + d;
  }

  /** Smooth random trajectories {@code [n, t, 2d]} (a random walk), rounded to float as the DJL path sees them. */
  static PhaseSpaceArray randomData(int n, int t, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PhaseSpaceArray a = PhaseSpaceArray.zeros(n, t, 2 * d);
    for (int b = 0; b < n; b++) {
      for (int j = 0; j < 2 * d; j++) {
        double x = r.nextDouble(-0.8, 0.8);
        for (int k = 0; k < t; k++) {
          x += r.nextDouble(-0.1, 0.1);
          a.set(b, k, j, (float) x);
        }
      }
    }
    return a;
  }

  /** Random weights over every block (biases, mass and log sigma^2 included), float-representable. */
  static double[] randomWeights(VinLayout l, PhaseSpaceArray y, long seed) {
    float[] f = VinNetworksTest.randomWeights(l, seed, l.trajectories > 0 ? VinNetworksTest.firstPoints(y) : null);
    return VinNetworksTest.widen(f);
  }

  /** The DJL loss and its autograd gradient at {@code w}: {@code [loss, grad...]}. */
  static double[] djl(VinLayout l, double[] w, PhaseSpaceArray y, PhaseSpaceArray dy, int points) {
    float[] wf = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      wf[i] = (float) w[i];
    }
    int width = y.width();
    boolean rolled = l.kind.rolledOut();
    try (VinNetworks net = new VinNetworks(l, H, wf); NDManager s = net.manager.newSubManager()) {
      NDArray yy = Tensors.owned(s, Vin.floats(y), rolled ? new Shape(y.trajectories(), y.frames(), width)
          : new Shape((long) y.trajectories() * y.frames(), width));
      NDArray dd = rolled ? null : Tensors.owned(s, Vin.floats(dy), new Shape((long) y.trajectories() * y.frames(),
          width));
      NDArray loss;
      try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
        VinNetworks.Views v = net.views(s);
        loss = rolled ? net.trajectoryNll(v, yy, points) : net.derivativeNll(v, yy, dd);
        gc.backward(loss);
      }
      float[] g = net.params.gradient(s).toFloatArray();
      double[] out = new double[g.length + 1];
      out[0] = loss.getFloat();
      for (int i = 0; i < g.length; i++) {
        out[i + 1] = g[i];
      }
      return out;
    }
  }

  @Test
  void vectorisedTanhMatchesMathTanh() {
    SplittableRandom r = new SplittableRandom(3);
    double[] z = new double[100_003];
    for (int i = 0; i < z.length; i++) {
      z[i] = r.nextDouble(-30, 30) * (i % 3 == 0 ? 1e-3 : i % 3 == 1 ? 0.1 : 1);
    }
    z[0] = 0;
    z[1] = 1e300;
    z[2] = -1e300;
    double[] t = z.clone();
    FusedVin.tanh(t, 1, t.length - 1);
    assertEquals(0.0, z[0] - t[0], "before the offset: untouched");
    double worst = 0;
    for (int i = 1; i < z.length; i++) {
      worst = Math.max(worst, Math.abs(t[i] - Math.tanh(z[i])));
    }
    assertTrue(worst < 1e-14, "worst absolute error " + worst);
  }

  @Test
  void lossEqualsTheDjlLossAndTheGradientMatchesFiniteDifferencesAndAutograd() {
    for (Object[] cs : cases()) {
      VinConfig c = (VinConfig) cs[0];
      int d = (Integer) cs[1];
      PhaseSpaceArray y = randomData(3, 9, d, 5 + d);
      PhaseSpaceArray dy = randomData(3, 9, d, 7 + d);
      VinLayout l = new VinLayout(c, d, 3);
      double[] w = randomWeights(l, y, 11);
      FusedVin f = new FusedVin(l, H, y, dy);
      int points = l.kind.rolledOut() ? 7 : 9; // a GROW window shorter than the trajectories
      double[] grad = new double[l.size];
      double loss = f.loss(w, points, grad);
      double[] ref = djl(l, w, y, dy, points);
      String name = name(c, d);
      assertEquals(ref[0], loss, 2e-5 * Math.abs(loss), name + ": loss against DJL");
      assertEquals(loss, f.loss(w, points, null), 0.0, name + ": loss without gradient");
      double scale = 0;
      for (double g : grad) {
        scale = Math.max(scale, Math.abs(g));
      }
      double worstFd = 0;
      double worstDjl = 0;
      for (int k = 0; k < l.size; k++) {
        if (l.learnMass && k >= l.mass && k < l.mass + d * d && (k - l.mass) % d > (k - l.mass) / d) {
          assertEquals(0.0, grad[k], name + ": the upper triangle of L is unused");
          continue;
        }
        double eps = 1e-5 * Math.max(1, Math.abs(w[k]));
        double[] a = w.clone();
        double[] b = w.clone();
        a[k] += eps;
        b[k] -= eps;
        double fd = (f.loss(a, points, null) - f.loss(b, points, null)) / (2 * eps);
        double floor = 1e-3 * scale;
        worstFd = Math.max(worstFd, Math.abs(fd - grad[k]) / Math.max(Math.abs(fd), floor));
        worstDjl = Math.max(worstDjl, Math.abs(ref[k + 1] - grad[k]) / Math.max(Math.abs(grad[k]), floor));
      }
      System.out.printf("fused %s: loss %.6f (DJL %.6f), worst gradient error vs finite differences %.1e, vs"
          + " autograd %.1e%n", name, loss, ref[0], worstFd, worstDjl);
      assertTrue(worstFd < 1e-6, name + ": gradient vs finite differences, relative " + worstFd);
      assertTrue(worstDjl < 1e-3, name + ": gradient vs autograd, relative " + worstDjl);
    }
  }

  @Test
  void shortTrainingFollowsTheDjlTrainingAndIsDeterministic() {
    PhaseSpaceArray y = randomData(4, 12, 1, 21);
    PhaseSpaceArray dy = randomData(4, 12, 1, 22);
    for (VinConfig.Kind k : new VinConfig.Kind[] {VinConfig.Kind.VIN_VV, VinConfig.Kind.VIN_SV,
        VinConfig.Kind.VIN_SO2, VinConfig.Kind.RESRNN, VinConfig.Kind.DVAE, VinConfig.Kind.NN, VinConfig.Kind.HNN}) {
      VinConfig c = config(k).withEpochs(30).withLearnMass(k == VinConfig.Kind.VIN_VV).withEngine(Engine.JAVA);
      PhaseSpaceArray derivs = k.rolledOut() ? null : dy;
      try (VinModel java = Vin.fit(y, derivs, c, null); VinModel again = Vin.fit(y, derivs, c, null);
          VinModel djl = Vin.fit(y, derivs, c.withEngine(Engine.DJL), null)) {
        assertArrayEquals(java.weights(), again.weights(), k + ": same seed, same weights");
        assertEquals(java.history().stream().map(VinEpochRecord::nll).toList(),
            again.history().stream().map(VinEpochRecord::nll).toList(), k + ": same seed, same history");
        assertEquals(Vin.JavaTrainer.ENGINE, java.engine());
        float[] a = java.weights();
        float[] b = djl.weights();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
          worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        double nllJava = java.history().get(29).nll();
        double nllDjl = djl.history().get(29).nll();
        System.out.printf("fused %s after 30 epochs: max |w_java - w_djl| %.1e, nll %.6f vs %.6f, final %.6f vs"
            + " %.6f%n", c.label(), worst, nllJava, nllDjl, java.nll(), djl.nll());
        // 30 Adam steps move a weight by up to 30 lr = 0.03; the engines differ by float32 rounding only
        assertTrue(worst < 1e-5, k + ": weights after 30 epochs differ by " + worst);
        assertEquals(nllDjl, nllJava, 1e-5 * Math.abs(nllDjl) + 1e-6, k + ": nll of epoch 30");
        assertEquals(djl.nll(), java.nll(), 1e-5 * Math.abs(djl.nll()) + 1e-6, k + ": final nll");
      }
    }
  }
}

package org.latentdyn.models.vin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentdyn.dynamics.Potential;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.mechanics.PhaseSpaceData;
import org.latentdyn.mechanics.Pendulum;
import org.latentdyn.mechanics.VectorField;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.Tensors;

/**
 * Known answers for the VIN cells and losses (spec vin.md §7 item 11): closed-form gradients against finite
 * differences, the NDArray cells against the plain-Java integrators of {@code org.latentdyn.mechanics} on the
 * same weights, and the autograd training gradient (second derivatives of U included) against finite
 * differences of the same loss evaluated in double precision with the plain-Java integrators.
 */
class VinNetworksTest {
  static final double H = 0.1;

  /** Generic weights: the Glorot start plus random biases (zero biases would hide sign errors) and mass. */
  static float[] randomWeights(VinLayout l, long seed, float[] starts) {
    float[] w = l.initialise(seed, starts);
    SplittableRandom r = new SplittableRandom(seed + 17);
    for (int j = 0; j < l.hidden; j++) {
      w[l.b1 + j] = (float) r.nextDouble(-0.5, 0.5);
    }
    if (l.outputBias) {
      for (int k = 0; k < l.out; k++) {
        w[l.b2 + k] = (float) r.nextDouble(-0.5, 0.5);
      }
    }
    if (l.learnMass) {
      for (int k = 0; k < l.d * l.d; k++) {
        w[l.mass + k] = (float) r.nextDouble(-0.3, 0.3);
      }
    }
    w[l.logSigma2] = (float) r.nextDouble(-1, 0);
    return w;
  }

  static double[] widen(float[] w) {
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i];
    }
    return out;
  }

  static VinConfig config(VinConfig.Kind kind) {
    return VinConfig.defaults(kind, 3).withHidden(32);
  }

  static float[] firstPoints(PhaseSpaceArray a) {
    int w = a.width();
    float[] out = new float[a.trajectories() * w];
    for (int n = 0; n < a.trajectories(); n++) {
      for (int j = 0; j < w; j++) {
        out[n * w + j] = (float) a.get(n, 0, j);
      }
    }
    return out;
  }

  static double[][] starts(VinLayout l, double[] w) {
    int width = 2 * l.d;
    double[][] s = new double[l.trajectories][];
    for (int n = 0; n < s.length; n++) {
      s[n] = java.util.Arrays.copyOfRange(w, l.starts + n * width, l.starts + (n + 1) * width);
    }
    return s;
  }

  @Test
  void potentialGradientAndHessianMatchFiniteDifferencesInDouble() {
    VinLayout l = new VinLayout(config(VinConfig.Kind.VIN_VV), 2, 0);
    Potential u = VinPotential.of(l, widen(randomWeights(l, 5, null)));
    double[] q = {0.3, -0.7};
    double[] g = new double[2];
    u.gradient(q, g);
    double[] hess = new double[4];
    u.hessian(q, hess);
    double eps = 1e-5;
    for (int i = 0; i < 2; i++) {
      double[] a = q.clone();
      double[] b = q.clone();
      a[i] += eps;
      b[i] -= eps;
      double fd = (u.energy(a) - u.energy(b)) / (2 * eps);
      assertEquals(fd, g[i], 1e-6 * Math.abs(fd), "dU/dq" + i);
      double[] ga = new double[2];
      double[] gb = new double[2];
      u.gradient(a, ga);
      u.gradient(b, gb);
      for (int k = 0; k < 2; k++) {
        double fdh = (ga[k] - gb[k]) / (2 * eps);
        assertEquals(fdh, hess[k * 2 + i], 1e-6 * Math.max(Math.abs(fdh), 1e-3), "d2U/dq" + k + "dq" + i);
      }
    }
  }

  @Test
  void ndarrayGradUEqualsThePlainJavaGradient() {
    VinLayout l = new VinLayout(config(VinConfig.Kind.VIN_VV), 1, 0);
    float[] w = randomWeights(l, 6, null);
    Potential u = VinPotential.of(l, widen(w));
    float[] q = {-1.5f, -0.4f, 0f, 0.25f, 1.1f};
    float[] got;
    float[] energies;
    try (VinNetworks net = new VinNetworks(l, H, w); NDManager s = net.manager.newSubManager()) {
      VinNetworks.Views v = net.views(s);
      NDArray x = Tensors.owned(s, q, new Shape(q.length, 1));
      got = net.gradU(v, x).toFloatArray();
      energies = net.potential(v, x).toFloatArray();
    }
    double[] g = new double[1];
    for (int i = 0; i < q.length; i++) {
      u.gradient(new double[] {q[i]}, g);
      assertEquals(g[0], got[i], 1e-5 * Math.max(1, Math.abs(g[0])), "grad U at " + q[i]);
      assertEquals(u.energy(new double[] {q[i]}), energies[i], 1e-5, "U at " + q[i]);
    }
  }

  /** The NDArray rollout and the plain-Java forecast from the same starts on the same weights. */
  private static double maxCellDifference(VinConfig c, int d, double[][] x0, int steps) {
    VinLayout l = new VinLayout(c, d, 0);
    float[] w = randomWeights(l, 8, null);
    float[] flat = new float[x0.length * 2 * d];
    for (int n = 0; n < x0.length; n++) {
      for (int j = 0; j < 2 * d; j++) {
        flat[n * 2 * d + j] = (float) x0[n][j];
      }
    }
    float[] cell;
    try (VinNetworks net = new VinNetworks(l, H, w); NDManager s = net.manager.newSubManager()) {
      VinNetworks.Views v = net.views(s);
      cell = net.rollout(v, Tensors.owned(s, flat, new Shape(x0.length, 2 * d)), steps + 1).toFloatArray();
    }
    double[][] starts = new double[x0.length][];
    for (int n = 0; n < x0.length; n++) {
      starts[n] = new double[2 * d];
      for (int j = 0; j < 2 * d; j++) {
        starts[n][j] = flat[n * 2 * d + j]; // the float starts, widened
      }
    }
    PhaseSpaceArray plain = VinModel.forecast(l, H, widen(w), starts, steps);
    double max = 0;
    for (int i = 0; i < cell.length; i++) {
      max = Math.max(max, Math.abs(cell[i] - plain.values()[i]));
    }
    return max;
  }

  @Test
  void trainingCellsAgreeWithThePlainJavaSteppersOver30Steps() {
    double[][] x0 = {{0.8, -0.3}, {-0.2, 0.9}, {1.2, 0.1}};
    for (VinConfig.Kind k : new VinConfig.Kind[] {VinConfig.Kind.VIN_VV, VinConfig.Kind.VIN_SV,
        VinConfig.Kind.RESRNN, VinConfig.Kind.DVAE}) {
      double diff = maxCellDifference(config(k), 1, x0, 30);
      assertTrue(diff < 1e-5, k + " cell vs plain-Java stepper: max difference " + diff);
    }
    for (VinConfig.Kind k : new VinConfig.Kind[] {VinConfig.Kind.VIN_VV, VinConfig.Kind.VIN_SV}) {
      double diff = maxCellDifference(config(k).withLearnMass(true), 2,
          new double[][] {{0.5, -0.4, 0.3, 0.2}, {-0.6, 0.1, -0.5, 0.7}}, 30);
      assertTrue(diff < 1e-5, k + " with learned M (d = 2): max difference " + diff);
    }
    for (VinConfig.So2Force f : VinConfig.So2Force.values()) {
      double diff = maxCellDifference(config(VinConfig.Kind.VIN_SO2).withSo2Force(f), 1, x0, 30);
      assertTrue(diff < 1e-5, "SO(2) " + f + " cell vs So2Step: max difference " + diff);
    }
  }

  @Test
  void hnnFieldIsTheSymplecticGradientOfItsHamiltonian() {
    VinLayout l = new VinLayout(config(VinConfig.Kind.HNN), 1, 0);
    float[] w = randomWeights(l, 9, null);
    double[] wd = widen(w);
    VectorField f = PlainFields.hnn(l, wd);
    double[][] xs = {{0.3, -0.2}, {-1.0, 0.8}, {0.05, 1.4}};
    float[] flat = new float[6];
    for (int n = 0; n < 3; n++) {
      flat[2 * n] = (float) xs[n][0];
      flat[2 * n + 1] = (float) xs[n][1];
    }
    float[] nd;
    try (VinNetworks net = new VinNetworks(l, H, w); NDManager s = net.manager.newSubManager()) {
      nd = net.field(net.views(s), Tensors.owned(s, flat, new Shape(3, 2))).toFloatArray();
    }
    double eps = 1e-5;
    for (int n = 0; n < 3; n++) {
      double[] x = {flat[2 * n], flat[2 * n + 1]};
      double[] out = new double[2];
      f.evaluate(x, out);
      double dHdq = (PlainFields.hamiltonian(l, wd, new double[] {x[0] + eps, x[1]})
          - PlainFields.hamiltonian(l, wd, new double[] {x[0] - eps, x[1]})) / (2 * eps);
      double dHdp = (PlainFields.hamiltonian(l, wd, new double[] {x[0], x[1] + eps})
          - PlainFields.hamiltonian(l, wd, new double[] {x[0], x[1] - eps})) / (2 * eps);
      assertEquals(dHdp, out[0], 1e-6 * Math.max(1, Math.abs(dHdp)), "qdot = dH/dp");
      assertEquals(-dHdq, out[1], 1e-6 * Math.max(1, Math.abs(dHdq)), "pdot = -dH/dq");
      assertEquals(out[0], nd[2 * n], 1e-5, "NDArray qdot");
      assertEquals(out[1], nd[2 * n + 1], 1e-5, "NDArray pdot");
    }
  }

  /** The summed Gaussian NLL of {@code y} given {@code prediction}, in double. */
  static double nll(PhaseSpaceArray y, double[] prediction, double logSigma2) {
    double s = 0;
    double[] v = y.values();
    for (int i = 0; i < v.length; i++) {
      double e = v[i] - prediction[i];
      s += e * e * Math.exp(-logSigma2) + logSigma2 + Math.log(2 * Math.PI);
    }
    return 0.5 * s;
  }

  /** The training loss of weights {@code w} in double, by the plain-Java integrators. */
  static double plainLoss(VinLayout l, double[] w, PhaseSpaceArray y, PhaseSpaceArray dy) {
    if (l.kind.rolledOut()) {
      PhaseSpaceArray pred = VinModel.forecast(l, H, w, starts(l, w), y.frames() - 1);
      return nll(y, pred.values(), w[l.logSigma2]);
    }
    VectorField f = VinModel.vectorField(l, w);
    double[] pred = new double[dy.values().length];
    double[] out = new double[y.width()];
    for (int n = 0; n < y.trajectories(); n++) {
      for (int t = 0; t < y.frames(); t++) {
        f.evaluate(y.state(n, t), out);
        System.arraycopy(out, 0, pred, dy.index(n, t, 0), out.length);
      }
    }
    return nll(dy, pred, w[l.logSigma2]);
  }

  /** Largest relative error of the autograd gradient against central differences of the double loss. */
  static double worstGradientError(VinConfig c, PhaseSpaceData.Result data) {
    PhaseSpaceArray y = data.observations();
    VinLayout l = new VinLayout(c, 1, y.trajectories());
    float[] w = randomWeights(l, 11, c.kind().rolledOut() ? firstPoints(y) : null);
    float[] grad;
    try (VinNetworks net = new VinNetworks(l, H, w); NDManager s = net.manager.newSubManager()) {
      NDArray yy = Tensors.owned(s, Vin.floats(y), c.kind().rolledOut() ? new Shape(y.trajectories(), y.frames(), 2)
          : new Shape((long) y.trajectories() * y.frames(), 2));
      NDArray dd = Tensors.owned(s, Vin.floats(data.derivatives()), new Shape((long) y.trajectories() * y.frames(), 2));
      try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
        VinNetworks.Views v = net.views(s);
        NDArray loss = c.kind().rolledOut() ? net.trajectoryNll(v, yy, y.frames()) : net.derivativeNll(v, yy, dd);
        gc.backward(loss);
      }
      grad = net.params.gradient(s).toFloatArray();
    }
    double[] wd = widen(w);
    int[] picks = {l.w1 + 1, l.w1 + 7, l.b1 + 3, l.b1 + 20, l.w2 + 2, l.w2 + l.out * 9, l.logSigma2,
        l.outputBias ? l.b2 : l.w2 + 5, l.learnMass ? l.mass : l.w1 + 12,
        l.trajectories > 0 ? l.starts : l.b1 + 7, l.trajectories > 0 ? l.starts + 3 : l.w2 + 11};
    double worst = 0;
    double scale = 0;
    for (float g : grad) {
      scale = Math.max(scale, Math.abs(g));
    }
    for (int k : picks) {
      double eps = 1e-5;
      double[] a = wd.clone();
      double[] b = wd.clone();
      a[k] += eps;
      b[k] -= eps;
      double fd = (plainLoss(l, a, y, data.derivatives()) - plainLoss(l, b, y, data.derivatives())) / (2 * eps);
      double err = Math.abs(fd - grad[k]) / Math.max(Math.abs(fd), 1e-3 * scale);
      worst = Math.max(worst, err);
    }
    return worst;
  }

  @Test
  void trainingGradientsThroughTheUnrolledCellsMatchFiniteDifferences() {
    PhaseSpaceData.Result spring = PhaseSpaceData.generate(MassSpring.defaults(), 3, 12, 0.1, H, 4);
    PhaseSpaceData.Result pendulum = PhaseSpaceData.generate(Pendulum.defaults(), 3, 12, 0.1, H, 4);
    VinConfig[] configs = {config(VinConfig.Kind.VIN_VV), config(VinConfig.Kind.VIN_SV),
        config(VinConfig.Kind.VIN_VV).withLearnMass(true), config(VinConfig.Kind.VIN_SV).withLearnMass(true),
        config(VinConfig.Kind.VIN_SO2), config(VinConfig.Kind.VIN_SO2).withSo2Force(VinConfig.So2Force.PAPER),
        config(VinConfig.Kind.VIN_SO2).withSo2Force(VinConfig.So2Force.TRIG_INPUT), config(VinConfig.Kind.RESRNN),
        config(VinConfig.Kind.HNN), config(VinConfig.Kind.NN)};
    for (VinConfig c : configs) {
      PhaseSpaceData.Result data = c.kind() == VinConfig.Kind.VIN_SO2 ? pendulum : spring;
      double err = worstGradientError(c, data);
      System.out.printf("training gradient vs finite differences, %s%s: worst relative error %.2e%n", c.label(),
          c.learnMass() ? " (learned M)" : c.kind() == VinConfig.Kind.VIN_SO2 ? " " + c.so2Force() : "", err);
      assertTrue(err < 1e-4, c.label() + " " + c.so2Force() + ": autograd vs finite differences, relative " + err);
    }
  }
}

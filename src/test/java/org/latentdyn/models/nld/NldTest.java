package org.latentdyn.models.nld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.dynamics.GaussianHmm;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.Tensors;

/** Known answers for the NLD model and its training (spec nld.md §13 items 2, 4, 10). */
class NldTest {
  static final double SOFTPLUS_INV_1 = Math.log(Math.E - 1);

  static NldConfig tiny(long seed) {
    return NldConfig.preset("O2", seed).withSizes(2, 32, 16).withBatchSize(32).withLength(60).withEpochs(3)
        .withKlAnnealIters(50).withValidationFraction(0.1);
  }

  @Test
  void configValidatesAndPresetsMatchTheSpecTable() {
    NldConfig o1 = NldConfig.preset("O1", 7);
    assertEquals(NldConfig.Variant.OVERDAMPED, o1.variant());
    assertEquals(3, o1.latentDim());
    assertEquals(128, o1.hidden());
    assertEquals(64, o1.context());
    assertEquals(0.9999, o1.lambda());
    assertEquals(0.01, o1.learningRate());
    assertEquals(7, o1.seed());
    NldConfig u0 = NldConfig.preset("u0", 1);
    assertEquals(NldConfig.Variant.UNDERDAMPED, u0.variant());
    assertEquals(5000, u0.klAnnealIters());
    assertEquals(1.0, u0.initScale());
    assertEquals(6, u0.stateDim());
    assertEquals(0.4, NldConfig.defaults(NldConfig.Variant.UNDERDAMPED, 1).initScale());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o1.withSizes(0, 8, 8));
    assertEquals("latentDim must be >= 1, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> o1.withLength(1));
    assertThrows(IllegalArgumentException.class, () -> NldConfig.preset("X9", 1));
  }

  /** Zero network weights, c = beta = 1: the overdamped EM prior is OU with the exact discrete statistics. */
  @Test
  void ornsteinUhlenbeckStationaryVarianceAndAutocorrelation() {
    NldConfig c = tiny(1).withSizes(2, 8, 4);
    NldNetworks layout = new NldNetworks(c, 15);
    float[] w = new float[layout.size];
    w[layout.energy.cRawOffset()] = (float) SOFTPLUS_INV_1;
    w[layout.betaRaw] = (float) SOFTPLUS_INV_1;
    int chains = 4000;
    int burn = 100;
    int steps = 300;
    double sum = 0;
    double sq = 0;
    double lag = 0;
    long count = 0;
    SplittableRandom r = new SplittableRandom(3);
    try (NldNetworks net = new NldNetworks(c, 15, w)) {
      float[] prev = null;
      float[] cur = new float[chains * 2];
      for (int k = 0; k < steps; k++) {
        try (NDManager t = net.manager.newSubManager()) {
          NDArray z = Tensors.owned(t, cur, new Shape(chains, 2));
          NDArray xi = Tensors.owned(t, Nld.gaussians(chains * 2, r), new Shape(chains, 2));
          cur = net.priorStep(z, xi).toFloatArray();
        }
        if (k >= burn) {
          for (int i = 0; i < cur.length; i++) {
            sum += cur[i];
            sq += cur[i] * cur[i];
            lag += cur[i] * prev[i];
          }
          count += cur.length;
        }
        prev = cur;
      }
    }
    double mean = sum / count;
    double var = sq / count - mean * mean;
    double expected = 1 / (2 * 1 * 1 * (1 - 0.1));
    assertEquals(0.5556, expected, 1e-4);
    assertEquals(expected, var, 0.01, "stationary variance");
    assertEquals(1 - 2 * 0.1, (lag / count) / var, 0.01, "lag-h autocorrelation (1 - 2ch)");
  }

  /** Zero network weights, c = beta = gamma = M^-1 = 1, small h: Var q -> 1/(2 beta c), Var p -> m / beta. */
  @Test
  @Tag("slow") // about 30 s: 3000 steps of the full energy network
  void underdampedHarmonicStationaryVariances() {
    NldConfig c = new NldConfig(NldConfig.Variant.UNDERDAMPED, 1, 8, 4, 1, 1, 10, 0.2, 0.01, 4, 20, 0.02, 0.5, 1, 1,
        1e4, 0, 1);
    NldNetworks layout = new NldNetworks(c, 15);
    float[] w = new float[layout.size];
    w[layout.energy.cRawOffset()] = (float) SOFTPLUS_INV_1;
    w[layout.betaRaw] = (float) SOFTPLUS_INV_1;
    w[layout.gammaRaw] = (float) SOFTPLUS_INV_1;
    w[layout.minvRaw] = (float) SOFTPLUS_INV_1;
    int chains = 2000;
    int burn = 1000;
    int steps = 3000;
    double qq = 0;
    double pp = 0;
    long count = 0;
    SplittableRandom r = new SplittableRandom(8);
    try (NldNetworks net = new NldNetworks(c, 15, w)) {
      float[] cur = new float[chains * 2];
      for (int k = 0; k < steps; k++) {
        try (NDManager t = net.manager.newSubManager()) {
          NDArray z = Tensors.owned(t, cur, new Shape(chains, 2));
          NDArray xi = Tensors.owned(t, Nld.gaussians(chains, r), new Shape(chains, 1));
          cur = net.priorStep(z, xi).toFloatArray();
        }
        if (k >= burn && k % 5 == 0) {
          for (int i = 0; i < chains; i++) {
            qq += cur[2 * i] * cur[2 * i];
            pp += cur[2 * i + 1] * cur[2 * i + 1];
          }
          count += chains;
        }
      }
    }
    assertEquals(0.5, qq / count, 0.03, "Var q = 1 / (2 beta c)");
    assertEquals(1.0, pp / count, 0.05, "Var p = m / beta");
  }

  private static float[] weightsWithControl(NldNetworks layout, float[] controlBias) {
    float[] w = Nld.initialWeights(layout, 5, 0);
    for (int i = layout.f3W; i < layout.f3B; i++) {
      w[i] = 0;
    }
    System.arraycopy(controlBias, 0, w, layout.f3B, controlBias.length);
    return w;
  }

  private static NDList forward(NldNetworks net, NDManager s, int b, int len, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    NDArray x = Tensors.owned(s, Nld.gaussians(len * b * 15, r), new Shape(len, b, 15));
    NDArray e0 = Tensors.owned(s, Nld.gaussians(b * net.n, r), new Shape(b, net.n));
    NDArray xi = Tensors.owned(s, Nld.gaussians((len - 1) * b * net.d, r), new Shape(len - 1, b, net.d));
    return net.forward(x, e0, xi);
  }

  @Test
  void pathKlIsZeroWithoutControlAndExactForAConstantControl() {
    for (NldConfig.Variant v : NldConfig.Variant.values()) {
      NldConfig c = new NldConfig(v, 2, 16, 8, 1, 1, 10, 0.2, 0.01, 4, 20, 0.1, 0.5, 1, 1, 1e4, 0, 1);
      NldNetworks layout = new NldNetworks(c, 15);
      int len = 20;
      try (NldNetworks net = new NldNetworks(c, 15, weightsWithControl(layout, new float[] {0, 0}));
          NDManager s = net.manager.newSubManager()) {
        float[] kl = forward(net, s, 4, len, 1).get(1).toFloatArray();
        for (float k : kl) {
          assertEquals(0.0, k, 0.0);
        }
      }
      float[] vc = {0.7f, -1.3f};
      float[] w = weightsWithControl(layout, vc);
      double beta = EnergyNetwork.softplus(w[layout.betaRaw]);
      double g2 = 2 / beta;
      double[] gamma = {1, 1};
      if (v == NldConfig.Variant.UNDERDAMPED) {
        gamma = new double[] {EnergyNetwork.softplus(w[layout.gammaRaw]), EnergyNetwork.softplus(w[layout.gammaRaw + 1])};
      }
      double expected = 0;
      for (int i = 0; i < 2; i++) {
        expected += vc[i] * vc[i] / (g2 * (v == NldConfig.Variant.UNDERDAMPED ? gamma[i] : 1));
      }
      expected *= (len - 1) * 0.1;
      try (NldNetworks net = new NldNetworks(c, 15, w); NDManager s = net.manager.newSubManager()) {
        NDList terms = forward(net, s, 4, len, 2);
        for (float k : terms.get(1).toFloatArray()) {
          assertEquals(expected, k, 1e-5 * expected, v + " path KL");
        }
        double loss = Nld.loss(terms, 0.3, 0.5).getFloat();
        double manual = 0;
        float[] nll = terms.get(0).toFloatArray();
        float[] kl0 = terms.get(2).toFloatArray();
        for (int i = 0; i < 4; i++) {
          manual += nll[i] + 0.3 * (0.5 * expected + kl0[i]);
        }
        assertEquals(manual / 4, loss, 1e-5 * Math.abs(manual / 4), "loss = nll + w (kappa pathKl + kl0)");
      }
    }
  }

  @Test
  void initialKlMatchesClosedFormDiagonalGaussian() {
    NldConfig c = tiny(1);
    NldNetworks layout = new NldNetworks(c, 15);
    float[] w = Nld.initialWeights(layout, 9, 0);
    int n = layout.n;
    int in = layout.ctxIn;
    for (int i = layout.q0W; i < layout.q0B; i++) {
      w[i] = 0;
    }
    double[] m = {0.4, -1.1};
    double[] s = {-0.3, 0.5};
    double[] mu = {0.2, 0.1};
    double[] l = {-1.5, 0.7};
    for (int i = 0; i < n; i++) {
      w[layout.q0B + i] = (float) m[i];
      w[layout.q0B + n + i] = (float) s[i];
      w[layout.p0Mean + i] = (float) mu[i];
      w[layout.p0LogStd + i] = (float) l[i];
    }
    double expected = 0;
    for (int i = 0; i < n; i++) {
      double vq = Math.exp(2 * (float) s[i]);
      double vp = Math.exp(2 * (float) l[i]);
      double dm = (float) m[i] - (float) mu[i];
      expected += 0.5 * (Math.log(vp / vq) + (vq + dm * dm) / vp - 1);
    }
    assertTrue(in > 0);
    try (NldNetworks net = new NldNetworks(c, 15, w); NDManager sm = net.manager.newSubManager()) {
      for (float k : forward(net, sm, 3, 10, 4).get(2).toFloatArray()) {
        assertEquals(expected, k, 1e-5 * expected);
      }
    }
  }

  /** The contexts of the engine's GRU against a plain double GRU written from the equations (gates r, z, n). */
  @Test
  void contextsMatchAPlainGruFromTheEquations() {
    NldConfig c = NldConfig.preset("O1", 3).withSizes(2, 8, 5);
    int features = 15;
    NldNetworks layout = new NldNetworks(c, features);
    float[] w = Nld.initialWeights(layout, 4, 0);
    for (int i = layout.gruBi; i < layout.gruWh; i++) {
      w[i] = 0.3f * (float) Math.sin(i); // the initial biases are zero: make them count
    }
    for (int i = layout.gruBh; i < layout.gruBh + 3 * 8; i++) {
      w[i] = 0.2f * (float) Math.cos(i);
    }
    int b = 3;
    int len = 7;
    int hdim = 8;
    float[] x = Nld.gaussians(len * b * features, new SplittableRandom(5));
    float[] got;
    try (NldNetworks net = new NldNetworks(c, features, w); NDManager s = net.manager.newSubManager()) {
      got = net.contexts(Tensors.owned(s, x, new Shape(len, b, features))).toFloatArray();
    }
    int width = 5 + features;
    assertEquals(len * b * width, got.length);
    for (int n = 0; n < b; n++) {
      double[] h = new double[hdim];
      for (int k = 0; k < len; k++) {
        double[] gx = new double[3 * hdim];
        double[] gh = new double[3 * hdim];
        for (int j = 0; j < 3 * hdim; j++) {
          gx[j] = w[layout.gruBi + j];
          for (int i = 0; i < features; i++) {
            gx[j] += x[(k * b + n) * features + i] * (double) w[layout.gruWi + i * 3 * hdim + j];
          }
          gh[j] = w[layout.gruBh + j];
          for (int i = 0; i < hdim; i++) {
            gh[j] += h[i] * (double) w[layout.gruWh + i * 3 * hdim + j];
          }
        }
        double[] hn = new double[hdim];
        for (int j = 0; j < hdim; j++) {
          double r = 1 / (1 + Math.exp(-(gx[j] + gh[j])));
          double z = 1 / (1 + Math.exp(-(gx[hdim + j] + gh[hdim + j])));
          double cand = Math.tanh(gx[2 * hdim + j] + r * gh[2 * hdim + j]);
          hn[j] = (1 - z) * cand + z * h[j];
        }
        h = hn;
        int at = (k * b + n) * width;
        for (int j = 0; j < 5; j++) {
          double lin = w[layout.ctxB + j];
          for (int i = 0; i < hdim; i++) {
            lin += h[i] * w[layout.ctxW + i * 5 + j];
          }
          assertEquals(lin, got[at + j], 1e-5, "context " + j + " of sequence " + n + " at frame " + k);
        }
        for (int i = 0; i < features; i++) {
          assertEquals(x[(k * b + n) * features + i], got[at + 5 + i], 0, "observation column " + i);
        }
      }
    }
  }

  /** Autograd through the unrolled solver (and grad E) against central differences of the float loss. */
  @Test
  void lossGradientMatchesFiniteDifferences() {
    checkGradient(tiny(1).withSizes(2, 16, 8));
  }

  @Test
  void underdampedLossGradientMatchesFiniteDifferences() {
    NldConfig o = tiny(1).withSizes(2, 16, 8);
    checkGradient(new NldConfig(NldConfig.Variant.UNDERDAMPED, 2, 16, 8, 1, o.lambda(), 10, 0.4, 0.01, 4, 15, 0.1,
        0.5, 1, 1, 1e4, 0, 1));
  }

  private static void checkGradient(NldConfig c) {
    NldNetworks layout = new NldNetworks(c, 15);
    float[] w = Nld.initialWeights(layout, 11, 0);
    int b = 4;
    int len = 15;
    int[] probes = {layout.f1W + 3, layout.f2W + 17, layout.f3W + 1, layout.f3B, layout.decW + 5, layout.decB + 2,
        layout.betaRaw, layout.energy.weightOffset(10) + 7, layout.gruWh + 40, layout.q0B + 1,
        layout.energy.cRawOffset(), c.variant() == NldConfig.Variant.UNDERDAMPED ? layout.gammaRaw + 1 : layout.f1B,
        c.variant() == NldConfig.Variant.UNDERDAMPED ? layout.minvRaw : layout.f2B + 3};
    float[] grad;
    try (NldNetworks net = new NldNetworks(c, 15, w); NDManager s = net.manager.newSubManager()) {
      try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
        gc.backward(Nld.loss(forward(net, s, b, len, 3), 0.7, 1.0));
      }
      grad = net.params.gradient(s).toFloatArray();
    }
    for (int p : probes) {
      double eps = 1e-2 * Math.max(1, Math.abs(w[p]));
      double fp = lossAt(c, w, p, eps, b, len);
      double fm = lossAt(c, w, p, -eps, b, len);
      double fd = (fp - fm) / (2 * eps);
      // float rounding of the loss (about 1e-7 relative) divided by the step bounds the finite-difference noise
      double noise = 20 * Math.ulp((float) Math.abs(fp)) / eps;
      assertEquals(fd, grad[p], 0.02 * Math.abs(fd) + noise, "parameter " + p);
    }
  }

  private static double lossAt(NldConfig c, float[] w, int p, double delta, int b, int len) {
    float[] v = w.clone();
    v[p] = (float) (v[p] + delta);
    try (NldNetworks net = new NldNetworks(c, 15, v); NDManager s = net.manager.newSubManager()) {
      return Nld.loss(forward(net, s, b, len, 3), 0.7, 1.0).getFloat();
    }
  }

  @Test
  void divergedAttemptsRestartFromFreshInitialisationThenThrow() {
    int seqs = 40;
    int len = 10;
    float[] x = new float[seqs * len * 15];
    java.util.Arrays.fill(x, 1e30f);
    List<String> messages = new java.util.ArrayList<>();
    org.latentdyn.train.TrainingListener l = new org.latentdyn.train.TrainingListener() {
      @Override
      public void recovered(int epoch, String message, double learningRateScale) {
        messages.add(message);
      }
    };
    NldConfig c = tiny(1).withLength(len);
    org.latentdyn.train.TrainingDivergedException e = assertThrows(org.latentdyn.train.TrainingDivergedException.class,
        () -> Nld.fit(x, new int[] {seqs, len, 15}, c, l));
    assertEquals(Nld.MAX_ATTEMPTS - 1, messages.size());
    assertTrue(messages.get(0).contains("attempt 2 of 4"), messages.get(0));
    assertEquals(0, e.epoch());
    // the restarts draw different initial weights
    NldNetworks layout = new NldNetworks(c, 15);
    assertTrue(!java.util.Arrays.equals(Nld.initialWeights(layout, 1, 0), Nld.initialWeights(layout, 1, 1)));
    assertThrows(IllegalArgumentException.class, () -> Nld.fit(x, new int[] {seqs, len, 14}, c, null));
    float[] nan = new float[seqs * len * 15];
    nan[15 * len + 3] = Float.NaN;
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Nld.fit(nan, new int[] {seqs, len, 15}, c, null));
    assertTrue(bad.getMessage().contains("sequence 1, step 0, feature 3"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Nld.fit(new float[15 * 10 * 10], new int[] {10, 10, 15}, c,
        null), "fewer training sequences than a batch");
  }

  /** Memory discipline: the number of live native arrays stays flat over training steps. */
  @Test
  void liveArraysStayFlatOverSteps() {
    int seqs = 40;
    int len = 12;
    NldConfig c = tiny(2).withLength(len).withValidationFraction(0);
    Nld.Data data = Nld.Data.of(chainData(seqs, len, 1), new int[] {seqs, len, 15}, c);
    try (Nld.Trainer t = new Nld.Trainer(c, data, 0)) {
      SplittableRandom noise = new SplittableRandom(1);
      float[] batch = data.batch(data.train(), 0, c.batchSize());
      t.step(batch, c.batchSize(), noise, 0, 0);
      int before = NeuralEngine.liveArrays();
      for (int i = 0; i < 10; i++) {
        t.step(batch, c.batchSize(), noise, 0, i + 1);
      }
      assertEquals(before, NeuralEngine.liveArrays());
    }
  }

  /** A well-separated 3-state chain in 15 dimensions, starting in state 0. */
  static float[] chainData(int sequences, int length, long seed) {
    return chain(sequences, length, seed, null);
  }

  /** The hidden states of {@link #chainData} with the same arguments. */
  static int[] chainStates(int sequences, int length, long seed) {
    int[] out = new int[sequences * length];
    chain(sequences, length, seed, out);
    return out;
  }

  private static float[] chain(int sequences, int length, long seed, int[] statesOut) {
    double[][] t = {{0.95, 0.025, 0.025}, {0.025, 0.95, 0.025}, {0.025, 0.025, 0.95}};
    double[][] means = new double[3][15];
    double[][][] cov = new double[3][15][15];
    SplittableRandom r = new SplittableRandom(seed);
    for (int s = 0; s < 3; s++) {
      for (int j = 0; j < 15; j++) {
        means[s][j] = r.nextGaussian();
        cov[s][j][j] = 0.05;
      }
    }
    GaussianHmm hmm = new GaussianHmm(t, means, cov, 0);
    float[] out = new float[sequences * length * 15];
    int[] states = new int[length];
    float[] seq = new float[length * 15];
    for (int i = 0; i < sequences; i++) {
      hmm.sample(r, states, seq);
      System.arraycopy(seq, 0, out, i * length * 15, seq.length);
      if (statesOut != null) {
        System.arraycopy(states, 0, statesOut, i * length, length);
      }
    }
    return out;
  }

  @Test
  void tinyFitIsReproducibleDecreasesTheLossAndRoundTrips(@TempDir Path dir) throws Exception {
    int seqs = 96;
    int len = 30;
    float[] x = chainData(seqs, len, 4);
    int[] shape = {seqs, len, 15};
    NldConfig c = tiny(3).withLength(len).withEpochs(3);
    NldModel a = Nld.fit(x, shape, c, null);
    NldModel b = Nld.fit(x, shape, c, null);
    List<NldEpochRecord> h = a.history();
    assertEquals(3, h.size());
    assertEquals(0, a.restarts());
    for (int e = 0; e < 3; e++) {
      assertEquals(h.get(e).loss(), b.history().get(e).loss(), 0.0, "same seed, same losses");
      assertTrue(Double.isFinite(h.get(e).validationLoss()));
    }
    assertTrue(h.get(2).nll() < h.get(0).nll(), "nll decreases: " + h);
    assertArrayEquals(a.weights(), b.weights());
    float[] z = a.encode(x, shape, 1);
    assertEquals(seqs * len * 2, z.length);
    assertArrayEquals(z, a.encode(x, shape, 1));
    a.save(dir);
    try (NldModel loaded = NldModel.load(dir)) {
      assertArrayEquals(a.weights(), loaded.weights());
      assertEquals(a.config(), loaded.config());
      assertEquals(h, loaded.history());
      assertArrayEquals(z, loaded.encode(x, shape, 1));
      assertEquals(a.beta(), loaded.beta());
      assertEquals(a.energy().stiffness(), loaded.stiffness(), 1e-12);
    }
    a.close();
    b.close();
  }

  @Test
  void batchedFlowMatchesThePlainJavaFlowPointByPoint() {
    NldConfig c = NldConfig.preset("U0", 5); // d = 3, initScale 1: a rugged energy
    NldNetworks layout = new NldNetworks(c, 15);
    try (NldModel m = new NldModel(c, 15, Nld.initialWeights(layout, 5, 0), List.of(), "test", 0)) {
      int n = 600; // batches of 256: the last one partial
      SplittableRandom r = new SplittableRandom(8);
      double[] p = new double[n * 3];
      for (int i = 0; i < p.length; i++) {
        p[i] = 2 * r.nextGaussian();
      }
      int steps = 150;
      double[] exact = org.latentdyn.wells.GradientFlow.flow(m.energy(), p, steps, 0.01);
      double[] fast = m.flow(p, steps, 0.01, 256);
      double worst = 0;
      double moved = 0;
      for (int i = 0; i < p.length; i++) {
        worst = Math.max(worst, Math.abs(fast[i] - exact[i]));
        moved = Math.max(moved, Math.abs(exact[i] - p[i]));
      }
      assertTrue(moved > 0.5, "the points move: " + moved);
      assertTrue(worst < 1e-3, "float32 batched flow against the double flow: " + worst);
      double[] tail = java.util.Arrays.copyOfRange(p, (n - 10) * 3, n * 3);
      double[] alone = m.flow(tail, steps, 0.01, 256);
      for (int i = 0; i < alone.length; i++) {
        assertEquals(fast[(n - 10) * 3 + i], alone[i], 1e-5, "a point's flow does not depend on its batch");
      }
      assertArrayEquals(p, m.flow(p, 0, 0.01));
    }
  }

  @Test
  void priorPathsOfAHarmonicEnergyHaveTheEulerMaruyamaStationaryVariance() {
    NldConfig c = NldConfig.preset("O1", 6);
    NldNetworks layout = new NldNetworks(c, 15);
    float[] w = Nld.initialWeights(layout, 6, 0);
    int cRaw = layout.energy.cRawOffset();
    java.util.Arrays.fill(w, 0, cRaw, 0f); // network zero: E = c |z|^2
    try (NldModel m = new NldModel(c, 15, w, List.of(), "test", 0)) {
      int paths = 2000;
      int steps = 300;
      double[] z = m.samplePrior(paths, steps, 11);
      assertArrayEquals(z, m.samplePrior(paths, steps, 11), "same seed, same paths");
      int d = m.latentDim();
      double ss = 0;
      for (int i = 0; i < paths; i++) {
        for (int j = 0; j < d; j++) {
          double x = z[(i * (steps + 1) + steps) * d + j];
          ss += x * x;
        }
      }
      double var = ss / (paths * d);
      // z' = (1 - theta h) z + sqrt(2 h / beta) xi with theta = 2c: variance (2 / beta) / (theta (2 - theta h))
      double theta = 2 * m.stiffness();
      double h = c.stepSize();
      double expected = (2 / m.beta()) / (theta * (2 - theta * h));
      double se = expected * Math.sqrt(2.0 / (paths * d));
      assertEquals(expected, var, 4 * se, "stationary variance of the prior paths");
    }
  }
}

package org.latentdyn.models.vin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.Tensors;

/** Known answers for the pixel VAE's pieces: Gaussian KL, shapes, the LSTM, the ELBO gradient, Java/NDArray parity. */
class PixelVaeNetworksTest {
  static PixelVaeConfig tiny(VinConfig.Kind kind) {
    return PixelVaeConfig.defaults(kind, 3).withWidths(8, 8, 5, 8);
  }

  static float[] randomBinary(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble() < 0.3 ? 1f : 0f;
    }
    return x;
  }

  static float[] uniform(int n, double bound, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextDouble(-bound, bound);
    }
    return x;
  }

  static PixelNetworks networks(PixelVaeConfig c, int pixels, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] w = new PixelLayout(c, pixels).initialise(r);
    float[] dyn = PixelNetworks.dynamicsLayout(c).initialise(r.nextLong(), null);
    return new PixelNetworks(c, pixels, w, dyn);
  }

  @Test
  void gaussianKlClosedFormMatchesMonteCarlo() {
    double[][] cases = {{0.7, 0.4, 1.0}, {-0.3, 1.5, 1.0}, {0.2, 0.3, 0.5}};
    try (NDManager m = NeuralEngine.newManager()) {
      for (double[] c : cases) {
        double mean = c[0];
        double std = c[1];
        double prior = c[2];
        NDArray mm = Tensors.owned(m, new float[] {(float) mean}, new Shape(1));
        NDArray ss = Tensors.owned(m, new float[] {(float) std}, new Shape(1));
        float[] p = prior == 1.0 ? null : new float[] {(float) prior};
        double closed = PixelNetworks.gaussianKl(mm, ss, p).getFloat();
        // Monte Carlo: E_q[log q(z) - log p(z)]
        SplittableRandom r = new SplittableRandom(11);
        int n = 400_000;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
          double e = PixelLayout.gaussian(r);
          double z = mean + std * e;
          double v = -Math.log(std) - 0.5 * e * e + Math.log(prior) + 0.5 * z * z / (prior * prior);
          sum += v;
          sum2 += v * v;
        }
        double mc = sum / n;
        double se = Math.sqrt((sum2 / n - mc * mc) / n);
        double exact = Math.log(prior / std) + (std * std + mean * mean) / (2 * prior * prior) - 0.5;
        assertEquals(exact, closed, 1e-6, "closed form " + java.util.Arrays.toString(c));
        assertEquals(mc, closed, 4 * se + 1e-9, "Monte Carlo " + mc + " +- " + se + " for " + java.util.Arrays.toString(c));
      }
    }
  }

  @Test
  void windowsAreEveryRunOfElevenFramesWithStrideOne() {
    int[] shape = {2, 13, 1, 2};
    float[] frames = new float[2 * 13 * 2];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = i;
    }
    float[] w = PixelVae.windows(frames, shape, 11);
    assertEquals(2 * 3 * 11 * 2, w.length);
    // window 4 = sequence 1, start 1: frames 14..24 of the flat list, pixel values 2 * (13 + 1) ...
    assertEquals(2 * 14, w[4 * 22], 0);
    assertEquals(2 * 24 + 1, w[4 * 22 + 21], 0);
  }

  @Test
  void encoderDecoderAndElboShapes() {
    for (VinConfig.Kind kind : new VinConfig.Kind[] {VinConfig.Kind.VIN_VV, VinConfig.Kind.VIN_SO2,
        VinConfig.Kind.RESRNN}) {
      PixelVaeConfig c = tiny(kind);
      try (PixelNetworks net = networks(c, 16, 1); NDManager s = net.manager.newSubManager()) {
        NDArray x = Tensors.owned(s, randomBinary(3 * 11 * 16, 2), new Shape(3, 11, 16));
        assertEquals(new Shape(30, 4), net.embed(s, x.reshape(33, 16).get("0:30")).getShape());
        PixelNetworks.Terms t = net.elbo(s, x, s.zeros(new Shape(3, 2)));
        assertEquals(new Shape(3, 11, 2), t.states().getShape());
        assertEquals(new Shape(3, 11, c.decoderInput()), net.decoderInput(t.states()).getShape());
        assertEquals(new Shape(3, 11, 16), net.decode(s, net.decoderInput(t.states())).getShape());
        assertEquals(0, t.elbo().getShape().dimension());
        assertEquals(t.logLikelihood().getFloat() - t.kl().getFloat(), t.elbo().getFloat(), 1e-3);
        assertTrue(t.kl().getFloat() >= 0);
      }
    }
  }

  /** A plain double LSTM (gates i, f, g, o) written from the equations, independent of the model code. */
  static double[] referenceLstm(float[] wi, float[] b, float[] wh, float[][] xs, int in, int units) {
    double[] h = new double[units];
    double[] c = new double[units];
    for (float[] x : xs) {
      double[] z = new double[4 * units];
      for (int j = 0; j < 4 * units; j++) {
        double a = b[j];
        for (int i = 0; i < in; i++) {
          a += x[i] * (double) wi[i * 4 * units + j];
        }
        for (int i = 0; i < units; i++) {
          a += h[i] * (double) wh[i * 4 * units + j];
        }
        z[j] = a;
      }
      double[] hn = new double[units];
      for (int j = 0; j < units; j++) {
        double ig = 1 / (1 + Math.exp(-z[j]));
        double fg = 1 / (1 + Math.exp(-z[units + j]));
        double gg = Math.tanh(z[2 * units + j]);
        double og = 1 / (1 + Math.exp(-z[3 * units + j]));
        c[j] = fg * c[j] + ig * gg;
        hn[j] = og * Math.tanh(c[j]);
      }
      h = hn;
    }
    return h;
  }

  @Test
  void lstmMatchesAPlainDoubleLstmOnRandomWeights() {
    PixelVaeConfig c = tiny(VinConfig.Kind.VIN_VV).withWidths(8, 8, 7, 8);
    PixelLayout l = new PixelLayout(c, 16);
    float[] w = uniform(l.size, 0.6, 5);
    float[] dyn = PixelNetworks.dynamicsLayout(c).initialise(1, null);
    int steps = 10;
    int batch = 3;
    int in = 2 * l.s;
    float[] x = uniform(steps * batch * in, 1.5, 6);
    try (PixelNetworks net = new PixelNetworks(c, 16, w, dyn); NDManager s = net.manager.newSubManager()) {
      float[] out = net.lstm(s, Tensors.owned(s, x, new Shape(steps, batch, in))).toFloatArray();
      float[] wi = java.util.Arrays.copyOfRange(w, l.lstmWi, l.lstmWi + in * 4 * l.lstm);
      float[] b = java.util.Arrays.copyOfRange(w, l.lstmB, l.lstmB + 4 * l.lstm);
      float[] wh = java.util.Arrays.copyOfRange(w, l.lstmWh, l.lstmWh + l.lstm * 4 * l.lstm);
      for (int bi = 0; bi < batch; bi++) {
        float[][] xs = new float[steps][];
        for (int t = 0; t < steps; t++) {
          xs[t] = java.util.Arrays.copyOfRange(x, (t * batch + bi) * in, (t * batch + bi + 1) * in);
        }
        double[] ref = referenceLstm(wi, b, wh, xs, in, l.lstm);
        double[] model = l.lstm(VinPotential.toDouble(w, 0, w.length), toDouble(xs));
        for (int j = 0; j < l.lstm; j++) {
          assertEquals(ref[j], out[bi * l.lstm + j], 1e-5, "NDArray LSTM unit " + j);
          assertEquals(ref[j], model[j], 1e-12, "plain-Java model LSTM unit " + j);
        }
      }
    }
  }

  static double[][] toDouble(float[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = VinPotential.toDouble(a[i], 0, a[i].length);
    }
    return out;
  }

  @Test
  void initialisationIsGlorotOrthogonalAndForgetBiasOne() {
    PixelVaeConfig c = tiny(VinConfig.Kind.VIN_VV);
    PixelLayout l = new PixelLayout(c, 16);
    float[] w = l.initialise(9);
    int cols = 4 * l.lstm;
    for (int i = 0; i < l.lstm; i++) {
      for (int k = 0; k < l.lstm; k++) {
        double dot = 0;
        for (int j = 0; j < cols; j++) {
          dot += w[l.lstmWh + i * cols + j] * w[l.lstmWh + k * cols + j];
        }
        assertEquals(i == k ? 1 : 0, dot, 1e-5);
      }
    }
    for (int j = 0; j < cols; j++) {
      assertEquals(j >= l.lstm && j < 2 * l.lstm ? 1f : 0f, w[l.lstmB + j]);
    }
    double bound = Math.sqrt(6.0 / (16 + 8));
    for (int k = 0; k < 16 * 8; k++) {
      assertTrue(Math.abs(w[l.encW1 + k]) <= bound);
    }
  }

  /** The ELBO of {@code net}'s current weights with fixed noise, and its gradient (networks, dynamics). */
  static double[] elboValue(PixelNetworks net, float[] windows, float[] eps, int b) {
    try (NDManager s = net.manager.newSubManager()) {
      NDArray x = Tensors.owned(s, windows, new Shape(b, 11, 16));
      return new double[] {net.elbo(s, x, Tensors.owned(s, eps, new Shape(b, 2))).elbo().getFloat()};
    }
  }

  @Test
  void elboGradientMatchesFiniteDifferences() {
    for (VinConfig.Kind kind : new VinConfig.Kind[] {VinConfig.Kind.VIN_VV, VinConfig.Kind.VIN_SO2}) {
      PixelVaeConfig c = tiny(kind).withTimeStep(kind == VinConfig.Kind.VIN_SO2 ? 0.5 : 1.0);
      int b = 3;
      float[] windows = randomBinary(b * 11 * 16, 4);
      float[] eps = uniform(b * 2, 1, 8);
      try (PixelNetworks net = networks(c, 16, 2)) {
        float[] g;
        float[] gd;
        try (NDManager s = net.manager.newSubManager()) {
          NDArray x = Tensors.owned(s, windows, new Shape(b, 11, 16));
          try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
            gc.backward(net.elbo(s, x, Tensors.owned(s, eps, new Shape(b, 2))).elbo());
          }
          g = net.params.gradient(s).toFloatArray();
          gd = net.dynamics.params.gradient(s).toFloatArray();
        }
        PixelLayout l = net.layout;
        int[][] blocks = {{l.encW1, l.encB1}, {l.encW3, l.lstmWi}, {l.lstmWi, l.headW}, {l.headW, l.decW1},
            {l.decW1, l.decB1}, {l.decW3, l.size}};
        float[] w = net.weights();
        for (int[] block : blocks) {
          int best = argmaxAbs(g, block[0], block[1]);
          double fd = centralDifference(net, w, best, false, windows, eps, b);
          assertEquals(g[best], fd, 1e-2 * Math.abs(g[best]) + 1e-3, kind + " weight " + best);
          assertTrue(Math.abs(g[best]) > 0.05, kind + " gradient of block at " + block[0] + " should not vanish: "
              + g[best]);
        }
        float[] dw = net.dynamicsWeights();
        VinLayout dl = net.dynamics.layout;
        int best = argmaxAbs(gd, dl.w1, dl.b1 + dl.hidden);
        double fd = centralDifference(net, dw, best, true, windows, eps, b);
        assertEquals(gd[best], fd, 1e-2 * Math.abs(gd[best]) + 1e-3, kind + " dynamics weight " + best);
        assertTrue(Math.abs(gd[best]) > 1e-2, "dynamics gradient should not vanish: " + gd[best]);
      }
    }
  }

  @Test
  void distinctFrameEncodingGivesTheSameElboAndGradient() {
    for (VinConfig.Kind kind : new VinConfig.Kind[] {VinConfig.Kind.VIN_VV, VinConfig.Kind.VIN_SV}) {
      PixelVaeConfig c = tiny(kind);
      int[] shape = {2, 13, 4, 4};
      float[] frames = randomBinary(2 * 13 * 16, 5);
      float[] windows = PixelVae.windows(frames, shape, c.window());
      int b = windows.length / (c.window() * 16);
      assertEquals(6, b);
      long[] rows = PixelVae.encoderRows(shape, c);
      float[] eps = uniform(b * c.stateDim(), 1, 9);
      float[][] plain = new float[3][];
      float[][] distinct = new float[3][];
      try (PixelNetworks net = networks(c, 16, 3)) {
        for (int pass = 0; pass < 2; pass++) {
          try (NDManager s = net.manager.newSubManager()) {
            NDArray x = Tensors.owned(s, windows, new Shape(b, 11, 16));
            PixelNetworks.EncoderFrames enc = pass == 0 ? null
                : new PixelNetworks.EncoderFrames(Tensors.owned(s, frames, new Shape(26, 16)), s.create(rows));
            float elbo;
            try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
              NDArray e = net.elbo(s, x, enc, Tensors.owned(s, eps, new Shape(b, c.stateDim()))).elbo();
              elbo = e.getFloat();
              gc.backward(e);
            }
            float[][] out = pass == 0 ? plain : distinct;
            out[0] = new float[] {elbo};
            out[1] = net.params.gradient(s).toFloatArray();
            out[2] = net.dynamics.params.gradient(s).toFloatArray();
            net.params.zeroGradient();
            net.dynamics.params.zeroGradient();
          }
        }
      }
      assertEquals(plain[0][0], distinct[0][0], 1e-4 * Math.abs(plain[0][0]), kind + " elbo");
      for (int k = 1; k < 3; k++) {
        double scale = 0;
        for (float g : plain[k]) {
          scale = Math.max(scale, Math.abs(g));
        }
        assertTrue(scale > 1e-3, kind + " gradient " + k + " should not vanish");
        for (int i = 0; i < plain[k].length; i++) {
          assertEquals(plain[k][i], distinct[k][i], 1e-5 * scale, kind + " gradient " + k + " entry " + i);
        }
      }
    }
  }

  static int argmaxAbs(float[] g, int from, int to) {
    int best = from;
    for (int i = from; i < to; i++) {
      if (Math.abs(g[i]) > Math.abs(g[best])) {
        best = i;
      }
    }
    return best;
  }

  static double centralDifference(PixelNetworks net, float[] w, int i, boolean dynamics, float[] windows,
      float[] eps, int b) {
    float delta = 2e-3f * Math.max(1f, Math.abs(w[i]));
    float[] plus = w.clone();
    plus[i] += delta;
    float[] minus = w.clone();
    minus[i] -= delta;
    (dynamics ? net.dynamics.params : net.params).set(plus);
    double up = elboValue(net, windows, eps, b)[0];
    (dynamics ? net.dynamics.params : net.params).set(minus);
    double down = elboValue(net, windows, eps, b)[0];
    (dynamics ? net.dynamics.params : net.params).set(w);
    return (up - down) / ((double) plus[i] - minus[i]);
  }

  @Test
  void plainJavaEncodeRolloutDecodeMatchTheNetworks() {
    PixelVaeConfig[] configs = {tiny(VinConfig.Kind.VIN_VV), tiny(VinConfig.Kind.VIN_SV),
        tiny(VinConfig.Kind.VIN_SO2).withTimeStep(0.1), tiny(VinConfig.Kind.RESRNN), tiny(VinConfig.Kind.DVAE),
        tiny(VinConfig.Kind.VIN_SV).withPerFrameInitialPair(true).withKlAllEncoderOutputs(true),
        tiny(VinConfig.Kind.VIN_SO2).withTimeStep(0.1).withPerFrameInitialPair(true),
        tiny(VinConfig.Kind.VIN_VV).withVelocityPriorStdH(true)};
    for (PixelVaeConfig c : configs) {
      float[] windows = randomBinary(11 * 16, 12);
      try (PixelNetworks net = networks(c, 16, 7); NDManager s = net.manager.newSubManager()) {
        PixelNetworks.Terms t = net.elbo(s, Tensors.owned(s, windows, new Shape(1, 11, 16)), s.zeros(new Shape(1, 2)));
        float[] states = t.states().toFloatArray();
        float[] logits = net.decode(s, net.decoderInput(t.states())).toFloatArray();
        PixelVaeModel m = new PixelVaeModel(c, 4, 4, net.weights(), net.dynamicsWeights(), java.util.List.of(), 0, 0,
            "test");
        double[][] roll = m.rollout(m.encode(windows), 10);
        double[][] dec = m.decodeLogits(roll);
        for (int k = 0; k <= 10; k++) {
          for (int j = 0; j < 2; j++) {
            assertEquals(states[k * 2 + j], roll[k][j], 2e-4 * (1 + Math.abs(roll[k][j])),
                c.label() + " state " + k + "," + j);
          }
          for (int i = 0; i < 16; i++) {
            assertEquals(logits[k * 16 + i], dec[k][i], 2e-4 * (1 + Math.abs(dec[k][i])), c.label() + " logit");
          }
        }
      }
    }
  }
}

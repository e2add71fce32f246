package org.latentdyn.models.vin;

import java.util.SplittableRandom;
import org.latentdyn.train.Streams;

/**
 * Where every encoder, LSTM and decoder weight of the pixel VAE sits in its flat float vector, the initial values
 * (Keras defaults, spec §2: Glorot-uniform weights, zero biases; LSTM orthogonal recurrent weights, forget bias 1),
 * and the double-precision forward passes used by {@link PixelVaeModel}. The dynamics cell has its own vector in
 * {@link VinLayout}. Weights are stored {@code [in, out]} row-major ({@code y = x W + b}).
 *
 * <p>Order: encoder {@code W1 [P, E], b1, W2 [E, E], b2, W3 [E, 2S], b3}; LSTM {@code Wi [2S, 4L], b [4L],
 * Wh [L, 4L]} (gate columns i, f, g, o: PyTorch order; one bias, as in Keras); head {@code [L, 2S], [2S]};
 * decoder {@code [I, D], [D], [D, D], [D], [D, P], [P]}. {@code P} pixels, {@code S = 2d} state coordinates,
 * {@code I} the decoder input width.
 */
final class PixelLayout {
  final PixelVaeConfig config;
  final int pixels;
  final int s;
  final int e;
  final int lstm;
  final int dec;
  final int decIn;
  final int encW1;
  final int encB1;
  final int encW2;
  final int encB2;
  final int encW3;
  final int encB3;
  final int lstmWi;
  final int lstmB;
  final int lstmWh;
  final int headW;
  final int headB;
  final int decW1;
  final int decB1;
  final int decW2;
  final int decB2;
  final int decW3;
  final int decB3;
  final int size;

  PixelLayout(PixelVaeConfig c, int pixels) {
    if (pixels < 1) {
      throw new IllegalArgumentException("pixels per frame must be >= 1, got " + pixels);
    }
    this.config = c;
    this.pixels = pixels;
    this.s = c.stateDim();
    this.e = c.encoderWidth();
    this.lstm = c.lstmUnits();
    this.dec = c.decoderWidth();
    this.decIn = c.decoderInput();
    int p = 0;
    encW1 = p;
    p += pixels * e;
    encB1 = p;
    p += e;
    encW2 = p;
    p += e * e;
    encB2 = p;
    p += e;
    encW3 = p;
    p += e * 2 * s;
    encB3 = p;
    p += 2 * s;
    lstmWi = p;
    p += 2 * s * 4 * lstm;
    lstmB = p;
    p += 4 * lstm;
    lstmWh = p;
    p += lstm * 4 * lstm;
    headW = p;
    p += lstm * 2 * s;
    headB = p;
    p += 2 * s;
    decW1 = p;
    p += decIn * dec;
    decB1 = p;
    p += dec;
    decW2 = p;
    p += dec * dec;
    decB2 = p;
    p += dec;
    decW3 = p;
    p += dec * pixels;
    decB3 = p;
    p += pixels;
    size = p;
  }

  /** Initial weights, drawn from {@code r} in layout order. */
  float[] initialise(SplittableRandom r) {
    float[] w = new float[size];
    glorot(w, encW1, pixels, e, r);
    glorot(w, encW2, e, e, r);
    glorot(w, encW3, e, 2 * s, r);
    glorot(w, lstmWi, 2 * s, 4 * lstm, r);
    orthogonalRows(w, lstmWh, lstm, 4 * lstm, r);
    for (int j = lstm; j < 2 * lstm; j++) {
      w[lstmB + j] = 1f; // forget gate
    }
    glorot(w, headW, lstm, 2 * s, r);
    glorot(w, decW1, decIn, dec, r);
    glorot(w, decW2, dec, dec, r);
    glorot(w, decW3, dec, pixels, r);
    return w;
  }

  /** The initial weights of a config's seed (the init stream of {@link Streams}). */
  float[] initialise(long seed) {
    return initialise(Streams.init(seed));
  }

  private static void glorot(float[] w, int offset, int fanIn, int fanOut, SplittableRandom r) {
    double bound = Math.sqrt(6.0 / (fanIn + fanOut));
    for (int k = 0; k < fanIn * fanOut; k++) {
      w[offset + k] = (float) r.nextDouble(-bound, bound);
    }
  }

  /** A {@code [rows, cols]} matrix ({@code rows <= cols}) with orthonormal rows (Gram-Schmidt of Gaussian rows). */
  static void orthogonalRows(float[] w, int offset, int rows, int cols, SplittableRandom r) {
    double[][] a = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        a[i][j] = gaussian(r);
      }
      for (int k = 0; k < i; k++) {
        double dot = 0;
        for (int j = 0; j < cols; j++) {
          dot += a[i][j] * a[k][j];
        }
        for (int j = 0; j < cols; j++) {
          a[i][j] -= dot * a[k][j];
        }
      }
      double norm = 0;
      for (int j = 0; j < cols; j++) {
        norm += a[i][j] * a[i][j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < cols; j++) {
        a[i][j] /= norm;
        w[offset + i * cols + j] = (float) a[i][j];
      }
    }
  }

  static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  // ---- double-precision forward passes ----

  /** {@code x W + b} of one row: {@code W [in, out]} at {@code wOff}, {@code b} at {@code bOff}. */
  static double[] dense(double[] w, int wOff, int bOff, double[] x, int out, boolean relu) {
    double[] y = new double[out];
    for (int j = 0; j < out; j++) {
      y[j] = w[bOff + j];
    }
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      if (xi == 0) {
        continue;
      }
      int row = wOff + i * out;
      for (int j = 0; j < out; j++) {
        y[j] += xi * w[row + j];
      }
    }
    if (relu) {
      for (int j = 0; j < out; j++) {
        y[j] = Math.max(0, y[j]);
      }
    }
    return y;
  }

  /** Per-frame embedding {@code [2S]} of one frame {@code [P]}. */
  double[] embed(double[] w, double[] frame) {
    double[] a = dense(w, encW1, encB1, frame, e, true);
    a = dense(w, encW2, encB2, a, e, true);
    return dense(w, encW3, encB3, a, 2 * s, false);
  }

  /** Final LSTM output {@code [L]} after reading {@code inputs [T][2S]} in the given order. */
  double[] lstm(double[] w, double[][] inputs) {
    double[] h = new double[lstm];
    double[] c = new double[lstm];
    int g4 = 4 * lstm;
    for (double[] x : inputs) {
      double[] z = dense(w, lstmWi, lstmB, x, g4, false);
      for (int i = 0; i < lstm; i++) {
        for (int j = 0; j < g4; j++) {
          z[j] += h[i] * w[lstmWh + i * g4 + j];
        }
      }
      for (int j = 0; j < lstm; j++) {
        double in = sigmoid(z[j]);
        double f = sigmoid(z[lstm + j]);
        double g = Math.tanh(z[2 * lstm + j]);
        double o = sigmoid(z[3 * lstm + j]);
        c[j] = f * c[j] + in * g;
        h[j] = o * Math.tanh(c[j]);
      }
    }
    return h;
  }

  /** Bernoulli logits {@code [P]} of one decoder input {@code [I]}. */
  double[] decode(double[] w, double[] input) {
    double[] a = dense(w, decW1, decB1, input, dec, true);
    a = dense(w, decW2, decB2, a, dec, true);
    return dense(w, decW3, decB3, a, pixels, false);
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static double softplus(double x) {
    return x > 30 ? x : Math.log1p(Math.exp(x));
  }
}

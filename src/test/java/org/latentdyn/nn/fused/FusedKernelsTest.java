package org.latentdyn.nn.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The plain-Java kernels against finite differences and known answers (no native library needed). */
class FusedKernelsTest {
  static final SplittableRandom R = new SplittableRandom(17);

  static float[] gaussian(int n, double scale, SplittableRandom r) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * r.nextGaussian());
    }
    return v;
  }

  static void load(float[][] rows, float[] sampleMajor, int n) {
    int w = rows.length;
    for (int s = 0; s < n; s++) {
      for (int k = 0; k < w; k++) {
        rows[k][s] = sampleMajor[s * w + k];
      }
    }
  }

  /** Relative error with a floor, for comparing a gradient against finite differences. */
  static double err(double fd, double g) {
    return Math.abs(fd - g) / (1e-2 + Math.abs(fd));
  }

  @Test
  void tanhIsAccurateToAFewUlp() {
    double worst = 0;
    for (double x = -12; x <= 12; x += 1.37e-4) {
      float f = (float) x;
      worst = Math.max(worst, Math.abs(FastMath.tanh(f) - Math.tanh(f)) / Math.max(1e-30, Math.abs(Math.tanh(f))));
    }
    assertTrue(worst < 1e-6, "relative error " + worst);
    float[] v = {0f, -0.3f, 20f, -1e-6f};
    FastMath.tanh(v, 4);
    assertEquals(0f, v[0]);
    assertEquals(Math.tanh(-0.3), v[1], 1e-7);
    assertEquals(1f, v[2], 1e-7);
    assertEquals(-1e-6, v[3], 1e-12);
  }

  @Test
  void mlpBackwardMatchesFiniteDifferences() {
    for (boolean tanh : new boolean[] {false, true}) {
      int[] widths = {3, 7, 6, 2};
      int n = 9;
      FusedMlp net = new FusedMlp(widths, tanh, 5, n);
      float[] p = gaussian(5 + net.parameterCount(), 0.6, R);
      float[] x = gaussian(n * 3, 1, R);
      float[] a = gaussian(n * 2, 1, R); // L = sum a * out
      float[] g = new float[p.length];
      load(net.input(), x, n);
      net.forward(p, n);
      load(net.outputGradient(), a, n);
      net.backward(p, n, g, true);
      float[][] gx = copy(net.inputGradient(), n);
      double h = tanh ? 1e-2 : 1e-3; // smooth: a larger step beats float noise; ReLU: a small one misses kinks
      double worst = 0;
      for (int k = 5; k < p.length; k++) {
        float[] pp = p.clone();
        float[] pm = p.clone();
        pp[k] += (float) h;
        pm[k] -= (float) h;
        double fd = (mlpLoss(net, pp, x, a, n) - mlpLoss(net, pm, x, a, n)) / (2 * h);
        worst = Math.max(worst, err(fd, g[k]));
      }
      for (int i = 0; i < x.length; i++) {
        float[] xp = x.clone();
        float[] xm = x.clone();
        xp[i] += (float) h;
        xm[i] -= (float) h;
        double fd = (mlpLoss(net, p, xp, a, n) - mlpLoss(net, p, xm, a, n)) / (2 * h);
        worst = Math.max(worst, err(fd, gx[i % 3][i / 3]));
      }
      assertTrue(worst < 1e-2, (tanh ? "tanh" : "relu") + " worst relative error " + worst);
      for (int k = 0; k < 5; k++) {
        assertEquals(0f, g[k], "weights before the offset are untouched");
      }
    }
  }

  static double mlpLoss(FusedMlp net, float[] p, float[] x, float[] a, int n) {
    load(net.input(), x, n);
    net.forward(p, n);
    double l = 0;
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < 2; j++) {
        l += (double) a[s * 2 + j] * net.output()[j][s];
      }
    }
    return l;
  }

  static float[][] copy(float[][] rows, int n) {
    float[][] c = new float[rows.length][];
    for (int k = 0; k < rows.length; k++) {
      c[k] = java.util.Arrays.copyOf(rows[k], n);
    }
    return c;
  }

  @Test
  void jacobianDiagonalAndItsWeightGradientMatchFiniteDifferences() {
    int d = 3;
    int w = 8;
    int n = 7;
    JacobianDiagonalMlp net = new JacobianDiagonalMlp(d, w, 4, n);
    float[] p = gaussian(4 + net.parameterCount(), 0.5, R);
    float[] z = gaussian(n * d, 1, R);
    // dg_i/dz_i against finite differences of the output
    load(net.input(), z, n);
    net.forward(p, n);
    float[][] jac = copy(net.jacobianDiagonal(), n);
    double h = 1e-3;
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        float[] zp = z.clone();
        float[] zm = z.clone();
        zp[s * d + i] += (float) h;
        zm[s * d + i] -= (float) h;
        double fd = (output(net, p, zp, n)[i][s] - output(net, p, zm, n)[i][s]) / (2 * h);
        assertEquals(fd, jac[i][s], 2e-3 * (1 + Math.abs(fd)), "J sample " + s + " dim " + i);
      }
    }
    // L = sum a g + b J: gradient into every weight, the Jacobian term's second derivatives included
    float[] a = gaussian(n * d, 1, R);
    float[] b = gaussian(n * d, 1, R);
    float[] g = new float[p.length];
    load(net.input(), z, n);
    net.forward(p, n);
    load(net.outputGradient(), a, n);
    load(net.jacobianGradient(), b, n);
    net.backward(p, n, g);
    double worst = 0;
    for (int k = 4; k < p.length; k++) {
      float[] pp = p.clone();
      float[] pm = p.clone();
      pp[k] += (float) h;
      pm[k] -= (float) h;
      double fd = (jacLoss(net, pp, z, a, b, n) - jacLoss(net, pm, z, a, b, n)) / (2 * h);
      worst = Math.max(worst, err(fd, g[k]));
    }
    assertTrue(worst < 1e-2, "weight gradient of sum a g + b J, worst relative error " + worst);
    // with b = 0 the Jacobian term contributes nothing: a different gradient
    float[] g0 = new float[p.length];
    load(net.jacobianGradient(), new float[n * d], n);
    net.backward(p, n, g0);
    double diff = 0;
    for (int k = 0; k < p.length; k++) {
      diff = Math.max(diff, Math.abs(g[k] - g0[k]));
    }
    assertTrue(diff > 1e-2, "the Jacobian term reaches the weights");
  }

  static float[][] output(JacobianDiagonalMlp net, float[] p, float[] z, int n) {
    load(net.input(), z, n);
    net.forward(p, n);
    return copy(net.output(), n);
  }

  static double jacLoss(JacobianDiagonalMlp net, float[] p, float[] z, float[] a, float[] b, int n) {
    load(net.input(), z, n);
    net.forward(p, n);
    int d = a.length / n;
    double l = 0;
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        l += (double) a[s * d + i] * net.output()[i][s] + (double) b[s * d + i] * net.jacobianDiagonal()[i][s];
      }
    }
    return l;
  }

  @Test
  void slicedWassersteinKnownAnswerAndGradient() {
    int d = 2;
    int n = 40;
    int projections = 6;
    SlicedWassersteinKernel sw = new SlicedWassersteinKernel(d, n);
    float[] dirs = new float[d * projections];
    for (int l = 0; l < projections; l++) {
      double angle = 0.7 + l;
      dirs[l] = (float) Math.cos(angle);
      dirs[projections + l] = (float) Math.sin(angle);
    }
    float[][] a = new float[d][n];
    float[][] b = new float[d][n];
    float[][] grad = new float[d][n];
    float[] shift = {0.5f, -1.5f};
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        a[i][s] = (float) R.nextGaussian();
        b[i][s] = a[i][s] + shift[i];
      }
    }
    // a shifted copy: the mean squared projected shift; a permuted copy (negative values, ties): zero
    double expected = 0;
    for (int l = 0; l < projections; l++) {
      double q = dirs[l] * shift[0] + dirs[projections + l] * shift[1];
      expected += q * q / projections;
    }
    assertEquals(expected, sw.distance(a, b, n, dirs, projections, 1f, grad), 1e-5);
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        b[i][s] = a[i][(s * 7) % n];
      }
    }
    a[0][3] = -0f;
    a[0][4] = 0f;
    b[0][3 * 23 % n] = 0f;
    assertEquals(0.0, sw.distance(a, a, n, dirs, projections, 1f, grad), 0);
    // gradient against finite differences, b held fixed
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        b[i][s] = (float) R.nextGaussian() + 0.3f;
      }
    }
    sw.distance(a, b, n, dirs, projections, 3f, grad);
    float[][] g = copy(grad, n);
    double h = 1e-4;
    double worst = 0;
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        float keep = a[i][s];
        a[i][s] = keep + (float) h;
        double lp = sw.distance(a, b, n, dirs, projections, 1f, grad);
        a[i][s] = keep - (float) h;
        double lm = sw.distance(a, b, n, dirs, projections, 1f, grad);
        a[i][s] = keep;
        worst = Math.max(worst, Math.abs(3 * (lp - lm) / (2 * h) - g[i][s]));
      }
    }
    assertTrue(worst < 1e-3, "SW gradient vs finite differences, worst absolute error " + worst);
  }

  @Test
  void adamFirstStepsFollowTheFormula() {
    float[] p = {1f, -2f, 0.5f};
    float[] g = {0.3f, -0.01f, 0f};
    FloatAdam adam = new FloatAdam(3, 0.1);
    adam.step(p, g);
    // first step: m/c1 = g, v/c2 = g^2, so p -= lr * g / (|g| + eps)
    assertEquals(1 - 0.1, p[0], 1e-6);
    assertEquals(-2 + 0.1, p[1], 1e-6);
    assertEquals(0.5f, p[2]);
    adam.step(p, new float[] {0.3f, -0.01f, 0f});
    assertEquals(1 - 0.2, p[0], 1e-6);
    assertEquals(2, adam.steps());
    FloatAdam copy = new FloatAdam(3, 1.0);
    copy.restore(adam.m(), adam.v(), adam.steps(), adam.learningRate());
    float[] q = p.clone();
    adam.step(p, g);
    copy.step(q, g);
    assertEquals(p[0], q[0]);
    assertEquals(p[1], q[1]);
  }
}

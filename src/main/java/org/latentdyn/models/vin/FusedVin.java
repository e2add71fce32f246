package org.latentdyn.models.vin;

import java.util.Arrays;
import org.latentdyn.mechanics.PhaseSpaceArray;

/**
 * The phase-space training loss of {@link VinNetworks} (VIN spec §4a) and its gradient with respect to the flat
 * {@link VinLayout} vector, in plain Java double precision: a forward pass that keeps its tape and a hand-written
 * reverse pass, for every kind and option (VIN-SV, VIN-VV with or without learned {@code M^-1 = L L^T}, VIN-SO(2)
 * with all three forces, ResRNN, DVAE, NN, HNN).
 *
 * <p>The loss is the summed {@code -sum log N(y | yhat, sigma^2 I) = (S e^{-s} + n (s + log 2 pi)) / 2},
 * {@code S} the squared residuals, {@code n} their count, {@code s = log sigma^2}. The networks with an input
 * gradient in the cell (spec §2: {@code grad U(q) = W1 ((1 - t^2) * w2)}, {@code t = tanh(q W1 + b1)}; the SO(2)
 * force {@code r = cos(a) grad_theta a}; the HNN field) are differentiated once more in the reverse pass, which
 * therefore carries the second derivatives of the network. Allocates its tape once; not thread-safe (one instance
 * per training). Operations run in a fixed order: the same weights give bit-identical results.
 */
final class FusedVin {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  final VinLayout l;
  private final double h;
  private final int n; // trajectories (rolled) or points (NN, HNN)
  private final int frames; // points per trajectory (1 for NN and HNN: every point is a sample)
  private final int w; // 2d
  private final double[] y; // rolled: [N, T, 2d]; NN/HNN: states [P, 2d]
  private final double[] dy; // NN/HNN: derivatives [P, 2d]
  private final int hid;

  // tape
  private final double[] tanh; // [T][B][H]: tanh of the hidden layer at every evaluation of the network
  private final double[] act; // [T][B][actStride]: SO(2) network output and input gradient
  private final double[] states; // [T+1][B][2d] scratch states of the rollout
  private final double[] aux; // [T+1][B][2d] second scratch (half steps, forces, ...)
  private final double[] pred; // [B][T][2d] predictions
  private final double[] adj; // [B][T][2d] adjoint of the predictions
  // per-sample scratch
  private final double[] zbar;
  private final double[] alpha;
  private final double[] w2t; // W2 transposed [out][H]
  private final double[] gw2t; // gradient of W2 transposed [out][H]
  private final double[] gw1; // gradient of W1 [in][H] (separate arrays let C2 vectorise the accumulations)
  private final double[] gb1; // gradient of b1 [H]
  private final double[] pair = new double[2]; // result of dot2
  private final double[] u;
  private final double[] ubar;
  private final double[] trig; // SO(2) scratch [2d]: (cos theta, sin theta)
  private final double[] trigBar; // SO(2) scratch [2d]
  private final double[] so2Bar; // SO(2) scratch [2d]
  private final int actStride;
  private final double[] minv;
  private final double[] mass;
  private final double[] gMinv;
  private final double[] gMass;

  /**
   * @param observations rolled kinds: the observations {@code [N, T, 2d]}; NN/HNN: the observed states
   * @param derivatives NN/HNN: the observed derivatives; ignored otherwise
   */
  FusedVin(VinLayout layout, double timeStep, PhaseSpaceArray observations, PhaseSpaceArray derivatives) {
    this.l = layout;
    this.h = timeStep;
    this.w = 2 * layout.d;
    this.hid = layout.hidden;
    boolean rolled = layout.kind.rolledOut();
    this.frames = rolled ? observations.frames() : 1;
    this.n = rolled ? observations.trajectories() : observations.trajectories() * observations.frames();
    this.y = observations.values().clone();
    this.dy = rolled ? null : derivatives.values().clone();
    int evals = rolled ? frames : 1;
    tanh = new double[evals * n * hid];
    actStride = 1 + w + layout.out;
    act = new double[evals * n * actStride];
    u = new double[Math.max(w, layout.in)];
    ubar = new double[Math.max(w, layout.in)];
    trig = new double[w];
    trigBar = new double[w];
    so2Bar = new double[w];
    states = new double[(frames + 1) * n * w];
    aux = new double[(frames + 1) * n * w];
    pred = new double[n * frames * w];
    adj = new double[n * frames * w];
    zbar = new double[hid];
    alpha = new double[hid];
    w2t = new double[layout.out * hid];
    gw2t = new double[layout.out * hid];
    gw1 = new double[layout.in * hid];
    gb1 = new double[hid];
    int d = layout.d;
    minv = new double[d * d];
    mass = new double[d * d];
    gMinv = new double[d * d];
    gMass = new double[d * d];
  }

  /** Number of observed coordinates in a loss over {@code points} points per trajectory. */
  long count(int points) {
    return l.kind.rolledOut() ? (long) n * points * w : (long) n * w;
  }

  /**
   * The summed NLL of weights {@code p} over the first {@code points} points of every trajectory (NN/HNN: all
   * points), and, when {@code grad} is not null, its gradient written into {@code grad} (overwritten).
   */
  double loss(double[] p, int points, double[] grad) {
    if (grad != null) {
      Arrays.fill(grad, 0);
    }
    prepare(p);
    int m = l.kind.rolledOut() ? points : 1;
    switch (l.kind) {
      case VIN_VV -> forwardVv(p, points);
      case VIN_SV -> forwardSv(p, points);
      case VIN_SO2 -> forwardSo2(p, points);
      case RESRNN, DVAE -> forwardMap(p, points);
      case NN, HNN -> forwardField(p);
      default -> throw new IllegalStateException("no fused path for " + l.kind);
    }
    // Gaussian NLL of pred [B][m][2d] against the targets (same layout: frames is 1 for NN and HNN)
    double[] target = l.kind.rolledOut() ? y : dy;
    double squares = 0;
    for (int b = 0; b < n; b++) {
      for (int i = b * frames * w; i < (b * frames + m) * w; i++) {
        double r = pred[i] - target[i];
        squares += r * r;
      }
    }
    double s = p[l.logSigma2];
    double precision = Math.exp(-s);
    long count = count(m);
    double value = 0.5 * (squares * precision + count * (s + LOG_2PI));
    if (grad == null) {
      return value;
    }
    grad[l.logSigma2] = 0.5 * (count - squares * precision);
    for (int b = 0; b < n; b++) {
      for (int i = b * frames * w; i < (b * frames + m) * w; i++) {
        adj[i] = precision * (pred[i] - target[i]);
      }
    }
    switch (l.kind) {
      case VIN_VV -> backwardVv(p, points, grad);
      case VIN_SV -> backwardSv(p, points, grad);
      case VIN_SO2 -> backwardSo2(p, points, grad);
      case RESRNN, DVAE -> backwardMap(p, points, grad);
      default -> backwardField(p, grad);
    }
    addNetworkGradient(grad);
    return value;
  }

  // ---- shared pieces ----

  private boolean usesTransposedW2() {
    return l.kind == VinConfig.Kind.RESRNN || l.kind == VinConfig.Kind.DVAE || l.kind == VinConfig.Kind.NN
        || (l.kind == VinConfig.Kind.VIN_SO2 && l.so2Force == VinConfig.So2Force.PAPER);
  }

  private void prepare(double[] p) {
    Arrays.fill(gw2t, 0);
    Arrays.fill(gw1, 0);
    Arrays.fill(gb1, 0);
    if (usesTransposedW2()) {
      int out = l.out;
      for (int k = 0; k < hid; k++) {
        for (int j = 0; j < out; j++) {
          w2t[j * hid + k] = p[l.w2 + k * out + j];
        }
      }
    }
    if (l.learnMass) {
      int d = l.d;
      double[] lower = new double[d * d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          lower[i * d + j] = p[l.mass + i * d + j];
        }
        lower[i * d + i] = Math.exp(p[l.mass + i * d + i]);
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          double s = 0;
          for (int k = 0; k < d; k++) {
            s += lower[i * d + k] * lower[j * d + k];
          }
          minv[i * d + j] = s;
        }
      }
      invert(minv, mass, d);
      Arrays.fill(gMinv, 0);
      Arrays.fill(gMass, 0);
    }
  }

  /** Adds the network gradients accumulated in {@code gw1, gb1, gw2t} to the flat gradient. */
  private void addNetworkGradient(double[] grad) {
    int out = l.out;
    for (int k = 0; k < hid; k++) {
      for (int j = 0; j < out; j++) {
        grad[l.w2 + k * out + j] += gw2t[j * hid + k];
      }
    }
    for (int i = 0; i < gw1.length; i++) {
      grad[l.w1 + i] += gw1[i];
    }
    for (int k = 0; k < hid; k++) {
      grad[l.b1 + k] += gb1[k];
    }
  }

  /** The gradient of {@code M^-1 = L L^T} (and of {@code M = (M^-1)^-1}) reaches the raw {@code L} entries. */
  private void massGradient(double[] p, double[] grad) {
    if (!l.learnMass) {
      return;
    }
    int d = l.d;
    // dM^-1 += -M^T dM M^T
    double[] tmp = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += mass[k * d + i] * gMass[k * d + j];
        }
        tmp[i * d + j] = s;
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += tmp[i * d + k] * mass[j * d + k];
        }
        gMinv[i * d + j] -= s;
      }
    }
    // M^-1 = L L^T: dL = (G + G^T) L
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          double lkj = k > j ? p[l.mass + k * d + j] : k == j ? Math.exp(p[l.mass + k * d + k]) : 0;
          s += (gMinv[i * d + k] + gMinv[k * d + i]) * lkj;
        }
        grad[l.mass + i * d + j] += i == j ? s * Math.exp(p[l.mass + i * d + i]) : s;
      }
    }
  }

  /** Gauss-Jordan inverse with partial pivoting of the small symmetric positive-definite {@code a [d, d]}. */
  private static void invert(double[] a, double[] out, int d) {
    double[] m = a.clone();
    Arrays.fill(out, 0);
    for (int i = 0; i < d; i++) {
      out[i * d + i] = 1;
    }
    for (int c = 0; c < d; c++) {
      int piv = c;
      for (int r = c + 1; r < d; r++) {
        if (Math.abs(m[r * d + c]) > Math.abs(m[piv * d + c])) {
          piv = r;
        }
      }
      if (piv != c) {
        for (int k = 0; k < d; k++) {
          double t = m[c * d + k];
          m[c * d + k] = m[piv * d + k];
          m[piv * d + k] = t;
          t = out[c * d + k];
          out[c * d + k] = out[piv * d + k];
          out[piv * d + k] = t;
        }
      }
      double inv = 1 / m[c * d + c];
      for (int k = 0; k < d; k++) {
        m[c * d + k] *= inv;
        out[c * d + k] *= inv;
      }
      for (int r = 0; r < d; r++) {
        if (r != c) {
          double f = m[r * d + c];
          if (f != 0) {
            for (int k = 0; k < d; k++) {
              m[r * d + k] -= f * m[c * d + k];
              out[r * d + k] -= f * out[c * d + k];
            }
          }
        }
      }
    }
  }

  /** {@code dst = x A} for row vectors {@code x [d]} at {@code xo}, {@code A [d, d]} row-major. */
  private static void rowTimes(double[] x, int xo, double[] a, int d, double[] dst, int dOff) {
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < d; i++) {
        s += x[xo + i] * a[i * d + j];
      }
      dst[dOff + j] = s;
    }
  }

  /** {@code G += scale x^T y} for row vectors {@code x, y [d]}. */
  private static void outer(double[] g, double scale, double[] x, int xo, double[] y, int yo, int d) {
    for (int i = 0; i < d; i++) {
      double xi = scale * x[xo + i];
      for (int j = 0; j < d; j++) {
        g[i * d + j] += xi * y[yo + j];
      }
    }
  }

  /** {@code sum_k a[ao + k] b[bo + k]} over four interleaved partial sums (a fixed order, shorter chains). */
  static double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 4 <= n; k += 4) {
      s0 += a[ao + k] * b[bo + k];
      s1 += a[ao + k + 1] * b[bo + k + 1];
      s2 += a[ao + k + 2] * b[bo + k + 2];
      s3 += a[ao + k + 3] * b[bo + k + 3];
    }
    for (; k < n; k++) {
      s0 += a[ao + k] * b[bo + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@link #dot} of {@code a} with {@code b} and with {@code c} in one pass, into {@link #pair}. */
  private void dot2(double[] a, int ao, double[] b, int bo, double[] c, int co, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double r0 = 0;
    double r1 = 0;
    double r2 = 0;
    double r3 = 0;
    int k = 0;
    for (; k + 4 <= n; k += 4) {
      double a0 = a[ao + k];
      double a1 = a[ao + k + 1];
      double a2 = a[ao + k + 2];
      double a3 = a[ao + k + 3];
      s0 += a0 * b[bo + k];
      s1 += a1 * b[bo + k + 1];
      s2 += a2 * b[bo + k + 2];
      s3 += a3 * b[bo + k + 3];
      r0 += a0 * c[co + k];
      r1 += a1 * c[co + k + 1];
      r2 += a2 * c[co + k + 2];
      r3 += a3 * c[co + k + 3];
    }
    for (; k < n; k++) {
      s0 += a[ao + k] * b[bo + k];
      r0 += a[ao + k] * c[co + k];
    }
    pair[0] = (s0 + s1) + (s2 + s3);
    pair[1] = (r0 + r1) + (r2 + r3);
  }

  /** Beyond this |z|, tanh(z) rounds to +-1 in double. */
  private static final double TANH_CLAMP = 19.0;
  private static final double[] EXP_TAYLOR = new double[16];

  static {
    double f = 1;
    for (int k = 0; k < EXP_TAYLOR.length; k++) {
      f *= Math.max(k, 1);
      EXP_TAYLOR[k] = 1 / f;
    }
  }

  private static final double X15 = EXP_TAYLOR[15];
  private static final double X14 = EXP_TAYLOR[14];
  private static final double X13 = EXP_TAYLOR[13];
  private static final double X12 = EXP_TAYLOR[12];
  private static final double X11 = EXP_TAYLOR[11];
  private static final double X10 = EXP_TAYLOR[10];
  private static final double X9 = EXP_TAYLOR[9];
  private static final double X8 = EXP_TAYLOR[8];
  private static final double X7 = EXP_TAYLOR[7];
  private static final double X6 = EXP_TAYLOR[6];
  private static final double X5 = EXP_TAYLOR[5];
  private static final double X4 = EXP_TAYLOR[4];
  private static final double X3 = EXP_TAYLOR[3];

  /**
   * In-place tanh of {@code v[off, off + n)} in double precision without {@code Math.exp}, so that C2 vectorises
   * the loop: {@code e^{2z} = (e^{2z/64})^{64}}, the inner exponential by its degree-15 Taylor polynomial (Horner
   * with fused multiply-adds) on {@code |2z/64| <= 0.6} ({@code z} clamped to +-19), then
   * {@code tanh z = 1 - 2 / (e^{2z} + 1)}. Absolute error below 1e-14.
   */
  static void tanh(double[] v, int off, int n) {
    for (int k = off; k < off + n; k++) {
      double u = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, v[k])) * (2.0 / 64);
      double e = Math.fma(X15, u, X14);
      e = Math.fma(e, u, X13);
      e = Math.fma(e, u, X12);
      e = Math.fma(e, u, X11);
      e = Math.fma(e, u, X10);
      e = Math.fma(e, u, X9);
      e = Math.fma(e, u, X8);
      e = Math.fma(e, u, X7);
      e = Math.fma(e, u, X6);
      e = Math.fma(e, u, X5);
      e = Math.fma(e, u, X4);
      e = Math.fma(e, u, X3);
      e = Math.fma(e, u, 0.5);
      e = Math.fma(e, u, 1);
      e = Math.fma(e, u, 1);
      e *= e;
      e *= e;
      e *= e;
      e *= e;
      e *= e;
      e *= e;
      v[k] = 1 - 2 / (e + 1);
    }
  }

  /** The hidden layer {@code t = tanh(x W1 + b1)} at input {@code x[xo..]} into {@code tape[to..]}. */
  private void hidden(double[] p, double[] x, int xo, double[] tape, int to) {
    int w1 = l.w1;
    int b1 = l.b1;
    double x0 = x[xo];
    int first = 1;
    if (l.in >= 2) { // (q, p) inputs: both rows in one pass
      double x1 = x[xo + 1];
      for (int k = 0; k < hid; k++) {
        tape[to + k] = Math.fma(x1, p[w1 + hid + k], Math.fma(x0, p[w1 + k], p[b1 + k]));
      }
      first = 2;
    } else {
      for (int k = 0; k < hid; k++) {
        tape[to + k] = Math.fma(x0, p[w1 + k], p[b1 + k]);
      }
    }
    for (int i = first; i < l.in; i++) {
      double xi = x[xo + i];
      int row = w1 + i * hid;
      for (int k = 0; k < hid; k++) {
        tape[to + k] += xi * p[row + k];
      }
    }
    tanh(tape, to, hid);
  }

  /**
   * The scalar network {@code a(u) = w2 . tanh(u W1 + b1) (+ b2)} at input {@code u [in]}: stores
   * {@code t = tanh(u W1 + b1)} at {@code tape[to..]}, writes {@code grad_u a = W1 ((1 - t^2) * w2)} to
   * {@code g[go..]} and returns {@code a} (the bias included when the layout has one) when {@code value}, else NaN
   * (the Verlet cells and HNN need only the gradient).
   */
  private double scalarForward(double[] p, double[] in, int io, double[] tape, int to, double[] g, int go,
      boolean value) {
    int inDim = l.in;
    int w1 = l.w1;
    int w2 = l.w2;
    hidden(p, in, io, tape, to);
    if (inDim == 1) { // U(q) with d = 1: g = sum_k (1 - t_k^2) w2_k W1_k in one pass
      double s0 = 0;
      double s1 = 0;
      int k = 0;
      for (; k + 2 <= hid; k += 2) {
        double t0 = tape[to + k];
        double t1 = tape[to + k + 1];
        s0 += (1 - t0 * t0) * p[w2 + k] * p[w1 + k];
        s1 += (1 - t1 * t1) * p[w2 + k + 1] * p[w1 + k + 1];
      }
      for (; k < hid; k++) {
        double t0 = tape[to + k];
        s0 += (1 - t0 * t0) * p[w2 + k] * p[w1 + k];
      }
      g[go] = s0 + s1;
    } else {
      for (int k = 0; k < hid; k++) {
        double t = tape[to + k];
        alpha[k] = (1 - t * t) * p[w2 + k];
      }
      for (int i = 0; i < inDim; i++) {
        g[go + i] = dot(alpha, 0, p, w1 + i * hid, hid);
      }
    }
    return value ? (l.outputBias ? p[l.b2] : 0) + dot(tape, to, p, w2, hid) : Double.NaN;
  }

  /**
   * Reverse pass of {@link #scalarForward}: given the adjoints {@code gbar [in]} of {@code grad_u a} and
   * {@code abar} of {@code a}, accumulates the weight gradient and writes the adjoint of {@code u} to
   * {@code ubar[uo..]} (overwritten).
   */
  private void scalarBackward(double[] p, double[] in, int io, double[] tape, int to, double[] gbar, int go,
      double abar, double[] grad, double[] ub, int uo) {
    int inDim = l.in;
    int w1 = l.w1;
    int w2 = l.w2;
    if (inDim == 1) { // U(q) with d = 1: everything but the input adjoint in one pass
      double g0 = gbar[go];
      double u0 = in[io];
      for (int k = 0; k < hid; k++) {
        double t = tape[to + k];
        double s = 1 - t * t;
        double w2k = p[w2 + k];
        double ak = g0 * p[w1 + k];
        gw2t[k] += ak * s + abar * t;
        double zb = (abar - 2 * t * ak) * w2k * s;
        zbar[k] = zb;
        gb1[k] += zb;
        gw1[k] += g0 * s * w2k + u0 * zb;
      }
      if (l.outputBias) {
        grad[l.b2] += abar;
      }
      ub[uo] = dot(zbar, 0, p, w1, hid);
      return;
    }
    Arrays.fill(alpha, 0);
    for (int i = 0; i < inDim; i++) {
      double gi = gbar[go + i];
      int row = w1 + i * hid;
      for (int k = 0; k < hid; k++) {
        alpha[k] += gi * p[row + k];
      }
    }
    for (int k = 0; k < hid; k++) {
      double t = tape[to + k];
      double s = 1 - t * t;
      double w2k = p[w2 + k];
      double ak = alpha[k];
      gw2t[k] += ak * s + abar * t; // out = 1: W2 [H, 1] is its own transpose
      double zb = (abar - 2 * t * ak) * w2k * s;
      zbar[k] = zb;
      gb1[k] += zb;
      alpha[k] = s * w2k; // reused: d grad_u / d W1 coefficient
    }
    if (l.outputBias) {
      grad[l.b2] += abar;
    }
    for (int i = 0; i < inDim; i++) {
      double gi = gbar[go + i];
      double ui = in[io + i];
      int g = i * hid;
      for (int k = 0; k < hid; k++) {
        gw1[g + k] += gi * alpha[k] + ui * zbar[k];
      }
      ub[uo + i] = dot(zbar, 0, p, w1 + g, hid);
    }
  }

  /** The MLP {@code f(x) = tanh(x W1 + b1) W2 + b2}: stores t at {@code tape[to..]}, writes f to {@code f[fo..]}. */
  private void mlpForward(double[] p, double[] x, int xo, double[] tape, int to, double[] f, int fo) {
    int out = l.out;
    hidden(p, x, xo, tape, to);
    int j = 0;
    for (; j + 2 <= out; j += 2) {
      dot2(tape, to, w2t, j * hid, w2t, (j + 1) * hid, hid);
      f[fo + j] = p[l.b2 + j] + pair[0];
      f[fo + j + 1] = p[l.b2 + j + 1] + pair[1];
    }
    for (; j < out; j++) {
      f[fo + j] = p[l.b2 + j] + dot(tape, to, w2t, j * hid, hid);
    }
  }

  /** Reverse pass of {@link #mlpForward} given {@code fbar [out]}; writes the adjoint of x to {@code xb[xo..]}. */
  private void mlpBackward(double[] p, double[] x, int xo, double[] tape, int to, double[] fbar, int fo,
      double[] grad, double[] xb, int xbo) {
    int inDim = l.in;
    int out = l.out;
    for (int j = 0; j < out; j++) {
      grad[l.b2 + j] += fbar[fo + j];
    }
    if (out == 2) { // (q, p) outputs: one pass
      double f0 = fbar[fo];
      double f1 = fbar[fo + 1];
      for (int k = 0; k < hid; k++) {
        double t = tape[to + k];
        gw2t[k] += t * f0;
        gw2t[hid + k] += t * f1;
        double z = (f0 * w2t[k] + f1 * w2t[hid + k]) * (1 - t * t);
        zbar[k] = z;
        gb1[k] += z;
      }
    } else {
      Arrays.fill(zbar, 0);
      for (int j = 0; j < out; j++) {
        double fj = fbar[fo + j];
        int row = j * hid;
        for (int k = 0; k < hid; k++) {
          gw2t[row + k] += tape[to + k] * fj;
          zbar[k] += fj * w2t[row + k];
        }
      }
      for (int k = 0; k < hid; k++) {
        double t = tape[to + k];
        zbar[k] *= 1 - t * t;
        gb1[k] += zbar[k];
      }
    }
    int i0 = 0;
    if (inDim >= 2) {
      double x0 = x[xo];
      double x1 = x[xo + 1];
      for (int k = 0; k < hid; k++) {
        double z = zbar[k];
        gw1[k] += x0 * z;
        gw1[hid + k] += x1 * z;
      }
      dot2(zbar, 0, p, l.w1, p, l.w1 + hid, hid);
      xb[xbo] = pair[0];
      xb[xbo + 1] = pair[1];
      i0 = 2;
    }
    for (int i = i0; i < inDim; i++) {
      double xi = x[xo + i];
      int g = i * hid;
      for (int k = 0; k < hid; k++) {
        gw1[g + k] += xi * zbar[k];
      }
      xb[xbo + i] = dot(zbar, 0, p, l.w1 + g, hid);
    }
  }

  private int predIndex(int b, int t) {
    return (b * frames + t) * w;
  }

  // ---- VIN-VV (spec §2): half = p - h/2 g; q' = q + h M^-1 half; p' = half - h/2 g(q') ----
  // tape: tanh[t] at q_t; states[t] = (q_t, p_t); aux[t] = (half_t, g_t) for t >= 1, aux[0] = (., g_0)

  private void forwardVv(double[] p, int points) {
    int d = l.d;
    double hh = h / 2;
    double[] tmp = new double[d];
    for (int b = 0; b < n; b++) {
      int s0 = b * w;
      System.arraycopy(p, l.starts + b * w, states, s0, w);
      System.arraycopy(states, s0, pred, predIndex(b, 0), w);
      scalarForward(p, states, s0, tanh, b * hid, aux, s0 + d, false);
      for (int t = 1; t < points; t++) {
        int prev = ((t - 1) * n + b) * w;
        int cur = (t * n + b) * w;
        for (int i = 0; i < d; i++) {
          aux[cur + i] = states[prev + d + i] - hh * aux[prev + d + i];
        }
        if (l.learnMass) {
          rowTimes(aux, cur, minv, d, tmp, 0);
        } else {
          System.arraycopy(aux, cur, tmp, 0, d);
        }
        for (int i = 0; i < d; i++) {
          states[cur + i] = states[prev + i] + h * tmp[i];
        }
        scalarForward(p, states, cur, tanh, (t * n + b) * hid, aux, cur + d, false);
        for (int i = 0; i < d; i++) {
          states[cur + d + i] = aux[cur + i] - hh * aux[cur + d + i];
        }
        System.arraycopy(states, cur, pred, predIndex(b, t), w);
      }
    }
  }

  private void backwardVv(double[] p, int points, double[] grad) {
    int d = l.d;
    double hh = h / 2;
    double[] qb = new double[d];
    double[] pb = new double[d];
    double[] gb = new double[d];
    double[] halfB = new double[d];
    double[] tmp = new double[d];
    for (int b = 0; b < n; b++) {
      Arrays.fill(qb, 0);
      Arrays.fill(pb, 0);
      Arrays.fill(gb, 0);
      for (int t = points - 1; t >= 1; t--) {
        int cur = (t * n + b) * w;
        int a = predIndex(b, t);
        for (int i = 0; i < d; i++) {
          qb[i] += adj[a + i];
          pb[i] += adj[a + d + i];
          halfB[i] = pb[i];
          gb[i] -= hh * pb[i];
        }
        scalarBackward(p, states, cur, tanh, (t * n + b) * hid, gb, 0, 0, grad, ubar, 0);
        for (int i = 0; i < d; i++) {
          qb[i] += ubar[i];
        }
        if (l.learnMass) {
          rowTimes(qb, 0, minv, d, tmp, 0); // M^-1 symmetric
          outer(gMinv, h, aux, cur, qb, 0, d);
        } else {
          System.arraycopy(qb, 0, tmp, 0, d);
        }
        for (int i = 0; i < d; i++) {
          halfB[i] += h * tmp[i];
          pb[i] = halfB[i];
          gb[i] = -hh * halfB[i];
        }
      }
      int a = predIndex(b, 0);
      int s0 = b * w;
      scalarBackward(p, states, s0, tanh, b * hid, gb, 0, 0, grad, ubar, 0);
      for (int i = 0; i < d; i++) {
        grad[l.starts + b * w + i] += qb[i] + adj[a + i] + ubar[i];
        grad[l.starts + b * w + d + i] += pb[i] + adj[a + d + i];
      }
    }
    massGradient(p, grad);
  }

  // ---- VIN-SV (spec §2): q_{t+1} = 2 q_t - q_{t-1} - h^2 M^-1 g(q_t); p_{t+1} = M (q_{t+1} - q_t) / h ----
  // states[t + 1] holds q_t (t = -1 .. points-1) in its first d entries; aux[t] holds g(q_t); tanh[t] at q_t

  private void forwardSv(double[] p, int points) {
    int d = l.d;
    double h2 = h * h;
    double[] tmp = new double[d];
    double[] diff = new double[d];
    for (int b = 0; b < n; b++) {
      int start = l.starts + b * w;
      System.arraycopy(p, start, pred, predIndex(b, 0), w);
      int q0 = (n + b) * w; // slot of q_0
      int qm = b * w; // slot of q_{-1}
      System.arraycopy(p, start, states, q0, d);
      if (l.learnMass) {
        rowTimes(p, start + d, minv, d, tmp, 0);
      } else {
        System.arraycopy(p, start + d, tmp, 0, d);
      }
      for (int i = 0; i < d; i++) {
        states[qm + i] = states[q0 + i] - h * tmp[i];
      }
      for (int t = 0; t + 1 < points; t++) {
        int qt = ((t + 1) * n + b) * w;
        int qp = (t * n + b) * w;
        int qn = ((t + 2) * n + b) * w;
        int g = (t * n + b) * w;
        scalarForward(p, states, qt, tanh, (t * n + b) * hid, aux, g, false);
        if (l.learnMass) {
          rowTimes(aux, g, minv, d, tmp, 0);
        } else {
          System.arraycopy(aux, g, tmp, 0, d);
        }
        for (int i = 0; i < d; i++) {
          states[qn + i] = states[qt + i] + states[qt + i] - states[qp + i] - h2 * tmp[i];
          diff[i] = (states[qn + i] - states[qt + i]) / h;
        }
        int o = predIndex(b, t + 1);
        System.arraycopy(states, qn, pred, o, d);
        if (l.learnMass) {
          rowTimes(diff, 0, mass, d, pred, o + d);
        } else {
          System.arraycopy(diff, 0, pred, o + d, d);
        }
      }
    }
  }

  private void backwardSv(double[] p, int points, double[] grad) {
    int d = l.d;
    double h2 = h * h;
    double[] qbar = new double[(points + 1) * d]; // adjoint of q_t at (t + 1) * d
    double[] tmp = new double[d];
    double[] diff = new double[d];
    for (int b = 0; b < n; b++) {
      Arrays.fill(qbar, 0);
      // output adjoints: q_t directly, p_t = M (q_t - q_{t-1}) / h
      for (int t = 1; t < points; t++) {
        int a = predIndex(b, t);
        if (l.learnMass) {
          rowTimes(adj, a + d, mass, d, tmp, 0); // M symmetric: pbar M^T = pbar M
          int qt = ((t + 1) * n + b) * w;
          int qp = (t * n + b) * w;
          for (int i = 0; i < d; i++) {
            diff[i] = (states[qt + i] - states[qp + i]) / h;
          }
          outer(gMass, 1, diff, 0, adj, a + d, d);
        } else {
          System.arraycopy(adj, a + d, tmp, 0, d);
        }
        for (int i = 0; i < d; i++) {
          qbar[(t + 1) * d + i] += adj[a + i] + tmp[i] / h;
          qbar[t * d + i] -= tmp[i] / h;
        }
      }
      for (int t = points - 2; t >= 0; t--) {
        int next = (t + 2) * d;
        int qt = ((t + 1) * n + b) * w;
        int g = (t * n + b) * w;
        for (int i = 0; i < d; i++) {
          qbar[(t + 1) * d + i] += 2 * qbar[next + i];
          qbar[t * d + i] -= qbar[next + i];
        }
        if (l.learnMass) {
          rowTimes(qbar, next, minv, d, tmp, 0);
          outer(gMinv, -h2, aux, g, qbar, next, d);
        } else {
          System.arraycopy(qbar, next, tmp, 0, d);
        }
        for (int i = 0; i < d; i++) {
          tmp[i] *= -h2;
        }
        scalarBackward(p, states, qt, tanh, (t * n + b) * hid, tmp, 0, 0, grad, ubar, 0);
        for (int i = 0; i < d; i++) {
          qbar[(t + 1) * d + i] += ubar[i];
        }
      }
      // q_{-1} = q_0 - h M^-1 p_0
      int start = l.starts + b * w;
      int a0 = predIndex(b, 0);
      if (l.learnMass) {
        rowTimes(qbar, 0, minv, d, tmp, 0);
        outer(gMinv, -h, p, start + d, qbar, 0, d);
      } else {
        System.arraycopy(qbar, 0, tmp, 0, d);
      }
      for (int i = 0; i < d; i++) {
        grad[start + i] += qbar[d + i] + qbar[i] + adj[a0 + i];
        grad[start + d + i] += adj[a0 + d + i] - h * tmp[i];
      }
    }
    massGradient(p, grad);
  }

  // ---- VIN-SO(2) (spec §2): sigma_t = clip(sigma_{t-1} + h^2 r(theta_{t-1})); theta_t = theta_{t-1} + asin ----
  // states[t] = (theta_t, sigma_t); aux[t] = r(theta_t); act[t] = network output a (or W2 layer) at theta_t

  /** The clip bound {@code 1 - epsilon}, rounded to float as in the DJL path. */
  private static double so2Bound() {
    return 1f - VinNetworks.SO2_EPSILON;
  }

  /** Clip to {@code [-bound, bound]}. */
  private double clip(double x) {
    double bound = so2Bound();
    return Math.max(-bound, Math.min(bound, x));
  }

  private boolean inside(double x) {
    double bound = so2Bound();
    return x >= -bound && x <= bound;
  }

  /** The force at {@code theta = states[so..]} into {@code aux[ro..]}, keeping the tape at evaluation e. */
  private void so2ForceForward(double[] p, int so, int ro, int e) {
    int d = l.d;
    int to = e * hid;
    int ao = e * actStride;
    switch (l.so2Force) {
      case PAPER -> {
        mlpForward(p, states, so, tanh, to, act, ao);
        for (int i = 0; i < d; i++) {
          aux[ro + i] = Math.sin(act[ao + i]);
        }
      }
      case GRADIENT -> {
        double a = scalarForward(p, states, so, tanh, to, u, 0, true);
        act[ao] = a;
        double c = Math.cos(a);
        for (int i = 0; i < d; i++) {
          act[ao + 1 + i] = u[i];
          aux[ro + i] = c * u[i];
        }
      }
      case TRIG_INPUT -> {
        double[] in = trig;
        for (int i = 0; i < d; i++) {
          in[i] = Math.cos(states[so + i]);
          in[d + i] = Math.sin(states[so + i]);
        }
        double a = scalarForward(p, in, 0, tanh, to, u, 0, true);
        act[ao] = a;
        double c = Math.cos(a);
        for (int i = 0; i < 2 * d; i++) {
          act[ao + 1 + i] = u[i]; // grad_u a
        }
        for (int i = 0; i < d; i++) {
          aux[ro + i] = c * (u[d + i] * in[i] - u[i] * in[d + i]);
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  /** Reverse of {@link #so2ForceForward}: adjoint {@code rbar [d]} -> adjoint of theta added to {@code thb}. */
  private void so2ForceBackward(double[] p, int so, int e, double[] rbar, double[] grad, double[] thb) {
    int d = l.d;
    int to = e * hid;
    int ao = e * actStride;
    switch (l.so2Force) {
      case PAPER -> {
        double[] fbar = so2Bar;
        for (int i = 0; i < d; i++) {
          fbar[i] = rbar[i] * Math.cos(act[ao + i]);
        }
        mlpBackward(p, states, so, tanh, to, fbar, 0, grad, ubar, 0);
        for (int i = 0; i < d; i++) {
          thb[i] += ubar[i];
        }
      }
      case GRADIENT -> {
        double a = act[ao];
        double c = Math.cos(a);
        double dot = 0;
        double[] gb = so2Bar;
        for (int i = 0; i < d; i++) {
          gb[i] = rbar[i] * c;
          dot += rbar[i] * act[ao + 1 + i];
        }
        scalarBackward(p, states, so, tanh, to, gb, 0, -Math.sin(a) * dot, grad, ubar, 0);
        for (int i = 0; i < d; i++) {
          thb[i] += ubar[i];
        }
      }
      case TRIG_INPUT -> {
        double a = act[ao];
        double c = Math.cos(a);
        double[] in = trig;
        for (int i = 0; i < d; i++) {
          in[i] = Math.cos(states[so + i]);
          in[d + i] = Math.sin(states[so + i]);
        }
        // r_i = c (gs_i cos_i - gc_i sin_i), g = grad_u a
        double dot = 0;
        double[] gb = so2Bar;
        double[] inb = trigBar;
        for (int i = 0; i < d; i++) {
          double gc = act[ao + 1 + i];
          double gs = act[ao + 1 + d + i];
          double cr = gs * in[i] - gc * in[d + i];
          dot += rbar[i] * cr;
          gb[i] = -rbar[i] * c * in[d + i];
          gb[d + i] = rbar[i] * c * in[i];
          inb[i] = rbar[i] * c * gs;
          inb[d + i] = -rbar[i] * c * gc;
        }
        scalarBackward(p, in, 0, tanh, to, gb, 0, -Math.sin(a) * dot, grad, ubar, 0);
        for (int i = 0; i < d; i++) {
          double cb = inb[i] + ubar[i];
          double sb = inb[d + i] + ubar[d + i];
          thb[i] += -cb * in[d + i] + sb * in[i];
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  private void forwardSo2(double[] p, int points) {
    int d = l.d;
    double h2 = h * h;
    for (int b = 0; b < n; b++) {
      int start = l.starts + b * w;
      System.arraycopy(p, start, pred, predIndex(b, 0), w);
      int s0 = b * w;
      for (int i = 0; i < d; i++) {
        states[s0 + i] = p[start + i];
        aux[s0 + d + i] = p[start + d + i] * h; // pre-clip value
        states[s0 + d + i] = clip(aux[s0 + d + i]);
      }
      for (int t = 1; t < points; t++) {
        int prev = ((t - 1) * n + b) * w;
        int cur = (t * n + b) * w;
        so2ForceForward(p, prev, prev, (t - 1) * n + b);
        int o = predIndex(b, t);
        for (int i = 0; i < d; i++) {
          double pre = states[prev + d + i] + h2 * aux[prev + i];
          aux[cur + d + i] = pre;
          double s = clip(pre);
          states[cur + d + i] = s;
          states[cur + i] = states[prev + i] + Math.asin(s);
          pred[o + i] = states[cur + i];
          pred[o + d + i] = s / h;
        }
      }
    }
  }

  private void backwardSo2(double[] p, int points, double[] grad) {
    int d = l.d;
    double h2 = h * h;
    double[] thb = new double[d];
    double[] sb = new double[d];
    double[] rb = new double[d];
    for (int b = 0; b < n; b++) {
      Arrays.fill(thb, 0);
      Arrays.fill(sb, 0);
      for (int t = points - 1; t >= 1; t--) {
        int prev = ((t - 1) * n + b) * w;
        int cur = (t * n + b) * w;
        int o = predIndex(b, t);
        for (int i = 0; i < d; i++) {
          thb[i] += adj[o + i];
          double s = states[cur + d + i];
          sb[i] += adj[o + d + i] / h + thb[i] / Math.sqrt(1 - s * s);
          double preB = inside(aux[cur + d + i]) ? sb[i] : 0;
          sb[i] = preB;
          rb[i] = h2 * preB;
        }
        so2ForceBackward(p, prev, (t - 1) * n + b, rb, grad, thb);
      }
      int start = l.starts + b * w;
      int o = predIndex(b, 0);
      int s0 = b * w;
      for (int i = 0; i < d; i++) {
        grad[start + i] += thb[i] + adj[o + i];
        double sigmaB = inside(aux[s0 + d + i]) ? sb[i] : 0;
        grad[start + d + i] += adj[o + d + i] + h * sigmaB;
      }
    }
  }

  // ---- ResRNN x' = x + h f(x), DVAE x' = f(x) ----
  // states[t] = x_t; tanh[t] at x_t

  private void forwardMap(double[] p, int points) {
    boolean residual = l.kind == VinConfig.Kind.RESRNN;
    double[] f = new double[w];
    for (int b = 0; b < n; b++) {
      int s0 = b * w;
      System.arraycopy(p, l.starts + b * w, states, s0, w);
      System.arraycopy(states, s0, pred, predIndex(b, 0), w);
      for (int t = 1; t < points; t++) {
        int prev = ((t - 1) * n + b) * w;
        int cur = (t * n + b) * w;
        mlpForward(p, states, prev, tanh, ((t - 1) * n + b) * hid, f, 0);
        for (int j = 0; j < w; j++) {
          states[cur + j] = residual ? states[prev + j] + f[j] * h : f[j];
        }
        System.arraycopy(states, cur, pred, predIndex(b, t), w);
      }
    }
  }

  private void backwardMap(double[] p, int points, double[] grad) {
    boolean residual = l.kind == VinConfig.Kind.RESRNN;
    double[] xb = new double[w];
    double[] fb = new double[w];
    for (int b = 0; b < n; b++) {
      Arrays.fill(xb, 0);
      for (int t = points - 1; t >= 1; t--) {
        int prev = ((t - 1) * n + b) * w;
        int o = predIndex(b, t);
        for (int j = 0; j < w; j++) {
          xb[j] += adj[o + j];
          fb[j] = residual ? h * xb[j] : xb[j];
        }
        mlpBackward(p, states, prev, tanh, ((t - 1) * n + b) * hid, fb, 0, grad, ubar, 0);
        for (int j = 0; j < w; j++) {
          xb[j] = (residual ? xb[j] : 0) + ubar[j];
        }
      }
      int o = predIndex(b, 0);
      for (int j = 0; j < w; j++) {
        grad[l.starts + b * w + j] += xb[j] + adj[o + j];
      }
    }
  }

  // ---- NN f(x) and HNN (dH/dp, -dH/dq) at the observed states ----

  private void forwardField(double[] p) {
    int d = l.d;
    for (int b = 0; b < n; b++) {
      int xo = b * w;
      int o = b * w;
      if (l.kind == VinConfig.Kind.NN) {
        mlpForward(p, y, xo, tanh, b * hid, pred, o);
      } else {
        scalarForward(p, y, xo, tanh, b * hid, u, 0, false);
        for (int i = 0; i < d; i++) {
          pred[o + i] = u[d + i];
          pred[o + d + i] = -u[i];
        }
      }
    }
  }

  private void backwardField(double[] p, double[] grad) {
    int d = l.d;
    double[] gb = new double[w];
    for (int b = 0; b < n; b++) {
      int xo = b * w;
      int o = b * w;
      if (l.kind == VinConfig.Kind.NN) {
        mlpBackward(p, y, xo, tanh, b * hid, adj, o, grad, ubar, 0);
      } else {
        for (int i = 0; i < d; i++) {
          gb[d + i] = adj[o + i];
          gb[i] = -adj[o + d + i];
        }
        scalarBackward(p, y, xo, tanh, b * hid, gb, 0, 0, grad, ubar, 0);
      }
    }
  }
}

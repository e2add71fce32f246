package org.latentdyn.models.vin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.dynamics.ForceField;
import org.latentdyn.dynamics.Potential;
import org.latentdyn.mechanics.VectorField;

/** The learned fields of the non-Verlet kinds in plain Java double precision, read from a {@link VinLayout}. */
final class PlainFields {
  private PlainFields() {}

  /** {@code t = tanh(x W1 + b1)} of a one-hidden-layer network. */
  static final class Hidden {
    final int in;
    final int hidden;
    final int out;
    final double[] w1;
    final double[] b1;
    final double[] w2;
    final double[] b2;

    Hidden(VinLayout l, double[] w) {
      this.in = l.in;
      this.hidden = l.hidden;
      this.out = l.out;
      this.w1 = java.util.Arrays.copyOfRange(w, l.w1, l.w1 + l.in * l.hidden);
      this.b1 = java.util.Arrays.copyOfRange(w, l.b1, l.b1 + l.hidden);
      this.w2 = java.util.Arrays.copyOfRange(w, l.w2, l.w2 + l.hidden * l.out);
      this.b2 = l.outputBias ? java.util.Arrays.copyOfRange(w, l.b2, l.b2 + l.out) : new double[l.out];
    }

    double[] activations(double[] x) {
      double[] t = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        double a = b1[j];
        for (int i = 0; i < in; i++) {
          a += x[i] * w1[i * hidden + j];
        }
        t[j] = Math.tanh(a);
      }
      return t;
    }

    /** {@code t W2 + b2}. */
    double[] output(double[] t) {
      double[] y = b2.clone();
      for (int j = 0; j < hidden; j++) {
        for (int k = 0; k < out; k++) {
          y[k] += t[j] * w2[j * out + k];
        }
      }
      return y;
    }

    /** Gradient of the scalar {@code t . w2} (out = 1) with respect to the input. */
    double[] inputGradient(double[] t) {
      double[] g = new double[in];
      for (int i = 0; i < in; i++) {
        double s = 0;
        for (int j = 0; j < hidden; j++) {
          s += w2[j] * (1 - t[j] * t[j]) * w1[i * hidden + j];
        }
        g[i] = s;
      }
      return g;
    }
  }

  /** {@code f(x) = tanh(x W1 + b1) W2 + b2} (ResRNN, DVAE, NN). */
  static VectorField mlp(VinLayout l, double[] w) {
    Hidden n = new Hidden(l, w);
    return new VectorField() {
      @Override
      public int width() {
        return n.in;
      }

      @Override
      public void evaluate(double[] x, double[] out) {
        System.arraycopy(n.output(n.activations(x)), 0, out, 0, n.out);
      }
    };
  }

  /** The HNN field {@code (dH/dp, -dH/dq)}, {@code H = w2 . tanh(x W1 + b1)}. */
  static VectorField hnn(VinLayout l, double[] w) {
    Hidden n = new Hidden(l, w);
    int d = l.d;
    return new VectorField() {
      @Override
      public int width() {
        return 2 * d;
      }

      @Override
      public void evaluate(double[] x, double[] out) {
        double[] g = n.inputGradient(n.activations(x));
        for (int i = 0; i < d; i++) {
          out[i] = g[d + i];
          out[d + i] = -g[i];
        }
      }
    };
  }

  /** The HNN's scalar {@code H(q, p)} (without an output bias, so defined up to a constant). */
  static double hamiltonian(VinLayout l, double[] w, double[] x) {
    Hidden n = new Hidden(l, w);
    return n.output(n.activations(x))[0];
  }

  /** The SO(2) force {@code r(theta)} of {@link VinConfig.So2Force#PAPER}: {@code sin(W2 tanh(W1 theta + b1) + b2)}. */
  static ForceField so2PaperForce(VinLayout l, double[] w) {
    Hidden n = new Hidden(l, w);
    return new ForceField() {
      @Override
      public int dim() {
        return l.d;
      }

      @Override
      public void force(double[] theta, double[] out) {
        double[] y = n.output(n.activations(theta));
        for (int i = 0; i < out.length; i++) {
          out[i] = Math.sin(y[i]);
        }
      }
    };
  }

  /**
   * The SO(2) potential {@code U(theta) = -N(theta)}, {@code N = sin(w2 . tanh(W1 u + b1) + c)}, with input
   * {@code u = theta} (GRADIENT) or {@code (cos theta, sin theta)} (TRIG_INPUT); its force is the network's
   * {@code r = dN/dtheta}.
   */
  static Potential so2Potential(VinLayout l, double[] w) {
    Hidden n = new Hidden(l, w);
    boolean trig = l.so2Force == VinConfig.So2Force.TRIG_INPUT;
    int d = l.d;
    return new Potential() {
      private double[] input(double[] theta) {
        if (!trig) {
          return theta;
        }
        double[] u = new double[2 * d];
        for (int i = 0; i < d; i++) {
          u[i] = Math.cos(theta[i]);
          u[d + i] = Math.sin(theta[i]);
        }
        return u;
      }

      @Override
      public int dim() {
        return d;
      }

      @Override
      public double energy(double[] theta) {
        return -Math.sin(n.output(n.activations(input(theta)))[0]);
      }

      @Override
      public void gradient(double[] theta, double[] out) {
        double[] t = n.activations(input(theta));
        double ca = Math.cos(n.output(t)[0]);
        double[] gu = n.inputGradient(t);
        for (int i = 0; i < d; i++) {
          double dn = trig ? -Math.sin(theta[i]) * gu[i] + Math.cos(theta[i]) * gu[d + i] : gu[i];
          out[i] = -ca * dn;
        }
      }

      @Override
      public String name() {
        return "vin-so2-potential";
      }

      @Override
      public String formula() {
        return "U(theta) = -sin(w2 . tanh(W1 " + (trig ? "(cos theta, sin theta)" : "theta") + " + b1) + c)";
      }

      @Override
      public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("hidden", (double) n.hidden);
        return m;
      }
    };
  }
}

package org.latentdyn.models.vin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.latentdyn.nn.NeuralEngine;
import org.latentdyn.nn.ParameterVector;
import org.latentdyn.nn.Tensors;

/**
 * The cells and losses of spec §2 and §4a as differentiable NDArray operations on one flat
 * {@link ParameterVector} laid out by {@link VinLayout}. Every gradient of a network with respect to its input
 * ({@code grad U}, the SO(2) force, the HNN field) is written in closed form with ordinary ops, so one gradient
 * collector differentiates a loss that contains it (second derivatives of {@code U}) with respect to the weights.
 *
 * <p>Shapes: states {@code [batch, 2d]} ({@code q} then {@code p}); positions {@code [batch, d]}; rollouts
 * {@code [batch, points, 2d]} with index 0 the start.
 *
 * <p>Scalar operands: no {@code mul(Number)}/{@code div(Number)} (see {@link Tensors#times}); the step constants
 * are engine-owned 0-d arrays made once per {@link #views} scope. {@code add/sub(Number)} and {@code clip} save no
 * operand and are used directly.
 */
final class VinNetworks implements AutoCloseable {
  /** Clip margin of the SO(2) increment. */
  static final float SO2_EPSILON = 1e-4f;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  final VinLayout layout;
  final double h;
  final NDManager manager;
  final ParameterVector params;

  VinNetworks(VinLayout layout, double timeStep, float[] weights) {
    if (weights.length != layout.size) {
      throw new IllegalArgumentException("weights has " + weights.length + " values, the layout needs " + layout.size);
    }
    this.layout = layout;
    this.h = timeStep;
    this.manager = NeuralEngine.newManager();
    this.params = new ParameterVector(manager, weights);
  }

  /** The weights as views of the parameter vector and the step constants, all owned by {@code scope}. */
  record Views(NDArray w1, NDArray w1t, NDArray b1, NDArray w2, NDArray w2row, NDArray b2, NDArray minv,
      NDArray mass, NDArray logSigma2, NDArray starts, NDArray h, NDArray halfH, NDArray h2, NDArray invH,
      NDArray symplectic) {}

  /** Views of the current weights, owned by {@code scope} (take them inside the gradient collector). */
  Views views(NDManager scope) {
    VinLayout l = layout;
    NDArray w1 = params.view(scope, l.w1, new Shape(l.in, l.hidden));
    NDArray b1 = params.view(scope, l.b1, new Shape(l.hidden));
    NDArray w2 = params.view(scope, l.w2, new Shape(l.hidden, l.out));
    NDArray w2row = l.out == 1 ? params.view(scope, l.w2, new Shape(1, l.hidden)) : null;
    NDArray b2 = l.outputBias ? params.view(scope, l.b2, new Shape(l.out)) : null;
    NDArray minv = null;
    NDArray mass = null;
    if (l.learnMass) {
      int d = l.d;
      NDArray raw = params.view(scope, l.mass, new Shape(d, d));
      float[] strict = new float[d * d];
      float[] eye = new float[d * d];
      for (int i = 0; i < d; i++) {
        eye[i * d + i] = 1;
        for (int j = 0; j < i; j++) {
          strict[i * d + j] = 1;
        }
      }
      NDArray lower = raw.mul(Tensors.owned(scope, strict, new Shape(d, d)))
          .add(raw.exp().mul(Tensors.owned(scope, eye, new Shape(d, d))));
      minv = lower.matMul(lower.transpose());
      mass = minv.inverse();
    }
    NDArray logSigma2 = params.view(scope, l.logSigma2, new Shape(1));
    NDArray starts = l.trajectories > 0 ? params.view(scope, l.starts, new Shape(l.trajectories, 2 * l.d)) : null;
    NDArray symplectic = null;
    if (l.kind == VinConfig.Kind.HNN) {
      // gradH [B, 2d] times J gives (dH/dp, -dH/dq)
      int d = l.d;
      float[] j = new float[4 * d * d];
      for (int i = 0; i < d; i++) {
        j[(d + i) * 2 * d + i] = 1;
        j[i * 2 * d + d + i] = -1;
      }
      symplectic = Tensors.owned(scope, j, new Shape(2 * d, 2 * d));
    }
    return new Views(w1, w1.transpose(), b1, w2, w2row, b2, minv, mass, logSigma2, starts, c(scope, h),
        c(scope, h / 2), c(scope, h * h), c(scope, 1 / h), symplectic);
  }

  private static NDArray c(NDManager scope, double v) {
    return Tensors.owned(scope, new float[] {(float) v}, new Shape());
  }

  // ---- networks ----

  /** {@code grad U(q) = ((1 - t^2) * w2) W1^T}, {@code t = tanh(q W1 + b1)}: {@code [B, d]}. */
  NDArray gradU(Views v, NDArray q) {
    NDArray t = q.matMul(v.w1()).add(v.b1()).tanh();
    return t.square().neg().add(1f).mul(v.w2row()).matMul(v.w1t());
  }

  /** {@code U(q) = w2 . tanh(q W1 + b1)}: {@code [B]}. */
  NDArray potential(Views v, NDArray q) {
    return q.matMul(v.w1()).add(v.b1()).tanh().matMul(v.w2()).squeeze(1);
  }

  /** The SO(2) force {@code r(theta)}: {@code [B, d]} (spec §2, three forms). */
  NDArray so2Force(Views v, NDArray theta) {
    if (layout.so2Force == VinConfig.So2Force.PAPER) {
      return theta.matMul(v.w1()).add(v.b1()).tanh().matMul(v.w2()).add(v.b2()).sin();
    }
    boolean trig = layout.so2Force == VinConfig.So2Force.TRIG_INPUT;
    NDArray cos = trig ? theta.cos() : null;
    NDArray sin = trig ? theta.sin() : null;
    NDArray u = trig ? cos.concat(sin, 1) : theta;
    NDArray t = u.matMul(v.w1()).add(v.b1()).tanh();
    NDArray a = t.matMul(v.w2()).add(v.b2()); // [B, 1]
    // dN/du = cos(a) ((1 - t^2) * w2) W1^T
    NDArray gu = t.square().neg().add(1f).mul(v.w2row()).matMul(v.w1t()).mul(a.cos());
    if (!trig) {
      return gu;
    }
    int d = layout.d;
    NDArray gc = gu.get(new NDIndex().addAllDim().addSliceDim(0, d));
    NDArray gs = gu.get(new NDIndex().addAllDim().addSliceDim(d, 2 * d));
    return gs.mul(cos).sub(gc.mul(sin));
  }

  /** The MLP {@code f(x) = tanh(x W1 + b1) W2 + b2} of ResRNN, DVAE and NN: {@code [B, 2d]}. */
  NDArray mlp(Views v, NDArray x) {
    return x.matMul(v.w1()).add(v.b1()).tanh().matMul(v.w2()).add(v.b2());
  }

  /** The HNN field {@code (dH/dp, -dH/dq)} with {@code H = w2 . tanh(x W1 + b1)}: {@code [B, 2d]}. */
  NDArray hnnField(Views v, NDArray x) {
    NDArray t = x.matMul(v.w1()).add(v.b1()).tanh();
    return t.square().neg().add(1f).mul(v.w2row()).matMul(v.w1t()).matMul(v.symplectic());
  }

  /** The learned vector field of NN or HNN at states {@code x [B, 2d]}. */
  NDArray field(Views v, NDArray x) {
    return layout.kind == VinConfig.Kind.HNN ? hnnField(v, x) : mlp(v, x);
  }

  private NDArray applyInverseMass(Views v, NDArray x) {
    return v.minv() == null ? x : x.matMul(v.minv());
  }

  private NDArray applyMass(Views v, NDArray x) {
    return v.mass() == null ? x : x.matMul(v.mass());
  }

  // ---- rollouts ----

  /**
   * Rolls the cell out from phase-space starts {@code x0 [B, 2d]} and returns the phase-space reading of every
   * point, {@code [B, points, 2d]}, index 0 = {@code x0}.
   */
  NDArray rollout(Views v, NDArray x0, int points) {
    int d = layout.d;
    NDArray q = x0.get(new NDIndex().addAllDim().addSliceDim(0, d));
    NDArray p = x0.get(new NDIndex().addAllDim().addSliceDim(d, 2 * d));
    NDList out = new NDList(points);
    out.add(x0);
    switch (layout.kind) {
      case VIN_VV -> {
        NDArray g = gradU(v, q);
        for (int t = 1; t < points; t++) {
          NDArray half = p.sub(g.mul(v.halfH()));
          q = q.add(applyInverseMass(v, half).mul(v.h()));
          g = gradU(v, q);
          p = half.sub(g.mul(v.halfH()));
          out.add(q.concat(p, 1));
        }
      }
      case VIN_SV -> {
        NDArray prev = q.sub(applyInverseMass(v, p).mul(v.h()));
        for (int t = 1; t < points; t++) {
          NDArray next = q.add(q).sub(prev).sub(applyInverseMass(v, gradU(v, q)).mul(v.h2()));
          NDArray pNext = applyMass(v, next.sub(q).mul(v.invH()));
          prev = q;
          q = next;
          out.add(q.concat(pNext, 1));
        }
      }
      case VIN_SO2 -> {
        // sigma_t = sin(theta_t - theta_{t-1}); the start theta_{-1} = theta_0 - asin(h pi_0) gives sigma_0 = h pi_0
        float b = 1 - SO2_EPSILON;
        NDArray sigma = p.mul(v.h()).clip(-b, b);
        for (int t = 1; t < points; t++) {
          sigma = sigma.add(so2Force(v, q).mul(v.h2())).clip(-b, b);
          q = q.add(sigma.asin());
          out.add(q.concat(sigma.mul(v.invH()), 1));
        }
      }
      case RESRNN, DVAE -> {
        NDArray x = x0;
        boolean residual = layout.kind == VinConfig.Kind.RESRNN;
        for (int t = 1; t < points; t++) {
          NDArray f = mlp(v, x);
          x = residual ? x.add(f.mul(v.h())) : f;
          out.add(x);
        }
      }
      default -> throw new IllegalStateException(layout.kind + " has no rolled-out cell");
    }
    return NDArrays.stack(out, 1);
  }

  // ---- losses ----

  /**
   * The summed Gaussian negative log-likelihood {@code -sum log N(y | yhat, sigma^2 I)} of {@code target} given
   * {@code prediction} (same shape), {@code sigma^2 = exp(logSigma2)}: a scalar.
   */
  NDArray gaussianNll(Views v, NDArray prediction, NDArray target) {
    long count = prediction.getShape().size();
    NDArray squares = prediction.sub(target).square().sum();
    NDArray ls = v.logSigma2();
    NDArray data = squares.mul(ls.neg().exp()).sum();
    NDArray norm = Tensors.times(ls.add((float) LOG_2PI), (float) count).sum();
    return Tensors.times(data.add(norm), 0.5f);
  }

  /** NLL of the first {@code points} observations {@code y [N, T, 2d]} under the rollout from the free starts. */
  NDArray trajectoryNll(Views v, NDArray y, int points) {
    NDArray prediction = rollout(v, v.starts(), points);
    NDArray target = y.get(prediction.getManager(), new NDIndex().addAllDim().addSliceDim(0, points));
    return gaussianNll(v, prediction, target);
  }

  /** NLL of observed derivatives {@code dx [P, 2d]} given the field at the observed states {@code x [P, 2d]}. */
  NDArray derivativeNll(Views v, NDArray x, NDArray dx) {
    // results belong to the first operand's manager: take x as a view owned by the step's scope
    NDArray xs = x.get(v.w1().getManager(), new NDIndex().addAllDim());
    return gaussianNll(v, field(v, xs), dx);
  }

  float[] weights() {
    return params.toArray();
  }

  @Override
  public void close() {
    params.close();
    manager.close();
  }
}

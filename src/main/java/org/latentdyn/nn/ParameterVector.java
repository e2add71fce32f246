package org.latentdyn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * All parameters of one optimiser group as a single flat float32 vector that requires gradient. Networks
 * take their weights as views (slices) of it at each step, so the optimiser updates the whole group with a
 * handful of native calls instead of a handful per tensor.
 */
public final class ParameterVector implements AutoCloseable {
  private final NDManager manager;
  private NDArray values;
  private final int size;

  /** Copies {@code initial} into a new vector owned by a sub-manager of {@code parent}. */
  public ParameterVector(NDManager parent, float[] initial) {
    if (initial.length == 0) {
      throw new IllegalArgumentException("a parameter vector needs at least one value, got 0");
    }
    this.manager = parent.newSubManager();
    this.values = Tensors.owned(manager, initial, new Shape(initial.length));
    this.values.setRequiresGradient(true);
    this.size = initial.length;
  }

  public int size() {
    return size;
  }

  /** The flat vector (for forward passes: slice it in the step's manager). */
  public NDArray values() {
    return values;
  }

  /**
   * A view {@code [offset, offset + prod(shape))} reshaped, differentiable into this vector, owned by
   * {@code scope} (the step's manager, so it is freed with the step).
   */
  public NDArray view(NDManager scope, long offset, Shape shape) {
    return values.get(scope, new NDIndex().addSliceDim(offset, offset + shape.size())).reshape(shape);
  }

  /** A copy of the values. */
  public float[] toArray() {
    return values.toFloatArray();
  }

  /**
   * Overwrites the values (outside any gradient recording). The vector is replaced by a fresh leaf holding
   * {@code v} rather than written in place: PyTorch's in-place copy into a tensor that requires gradient goes
   * through a deprecated dispatch mode and prints a notice. Views taken before this call see the old values.
   */
  public void set(float[] v) {
    if (v.length != size) {
      throw new IllegalArgumentException("parameter vector has " + size + " values, got " + v.length);
    }
    NDArray fresh = Tensors.owned(manager, v, new Shape(size));
    fresh.setRequiresGradient(true);
    values.close();
    values = fresh;
  }

  /** The accumulated gradient, attached to {@code scope}; zero it with {@link #zeroGradient()} after use. */
  public NDArray gradient(NDManager scope) {
    NDArray g = values.getGradient();
    g.attach(scope);
    return g;
  }

  /** Sets the accumulated gradient to zero (PyTorch accumulates gradients across backward passes). */
  public void zeroGradient() {
    try (NDManager s = manager.newSubManager()) {
      NDArray g = values.getGradient();
      g.attach(s);
      g.muli(0f);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}

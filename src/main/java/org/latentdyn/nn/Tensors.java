package org.latentdyn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Creation of arrays from Java data. */
public final class Tensors {
  private Tensors() {}

  /**
   * An array with the values of {@code data}, in memory allocated by the engine itself. DJL's
   * {@code create} wraps a Java direct buffer ("from blob"); training runs under garbage-collection pressure
   * were seen to lose bit-reproducibility with such arrays, so every array the project feeds to the engine is
   * copied into engine-owned memory (one cheap native copy).
   */
  public static NDArray owned(NDManager manager, float[] data, Shape shape) {
    try (NDManager tmp = manager.newSubManager()) {
      NDArray blob = tmp.create(data, shape);
      NDArray copy = blob.duplicate();
      copy.attach(manager);
      return copy;
    }
  }

  /**
   * {@code a * v} for use under a gradient collector. DJL's {@code mul(Number)} wraps the number in an array over a
   * Java buffer and closes it at once; autograd saves that operand for the backward pass, and once the buffer is
   * collected the backward pass reads freed memory (seen as NaN or run-to-run differences under garbage-collection
   * pressure). Here the number lives in engine-owned memory attached to {@code a}'s manager.
   */
  public static NDArray times(NDArray a, float v) {
    return a.mul(scalar(a, v));
  }

  /** {@code a / v} for use under a gradient collector (see {@link #times}). */
  public static NDArray over(NDArray a, float v) {
    return a.div(scalar(a, v));
  }

  /** A 0-d array holding {@code v} in engine-owned memory, owned by {@code like}'s manager. */
  public static NDArray scalar(NDArray like, float v) {
    return owned(like.getManager(), new float[] {v}, new Shape());
  }
}

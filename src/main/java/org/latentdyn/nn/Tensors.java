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
}

package org.latentdyn.train;

/**
 * How a model computes its training steps. Both give the same numbers up to float rounding order; encoding,
 * binning and validation may use the neural engine in either case.
 */
public enum Engine {
  /** DJL autograd on PyTorch: many small native calls per step; the reference implementation. */
  DJL,
  /**
   * Forward pass, hand-written backward pass and Adam fused in plain Java (package {@code nn.fused}): several
   * times faster on small networks, bit-reproducible, and free of DJL's process-wide gradient recording, so
   * several runs can train on threads of one process.
   */
  JAVA
}

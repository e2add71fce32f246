package org.latentdyn.dynamics;

import java.util.Arrays;

/** Constant diagonal diffusion {@code M = diag(D_1, ..., D_d)}, {@code D_i > 0}. */
public final class ConstantDiffusion implements DiffusionField {
  private final double[] coefficients;

  public ConstantDiffusion(double[] coefficients) {
    this.coefficients = Checks.positiveVector("coefficients", coefficients);
  }

  /** {@code M = D I} in {@code dim} dimensions. */
  public static ConstantDiffusion isotropic(int dim, double coefficient) {
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be >= 1, got " + dim);
    }
    double[] d = new double[dim];
    Arrays.fill(d, coefficient);
    return new ConstantDiffusion(d);
  }

  public double coefficient(int i) {
    return coefficients[i];
  }

  @Override
  public int dim() {
    return coefficients.length;
  }

  @Override
  public void diffusion(double[] x, double[] out) {
    System.arraycopy(coefficients, 0, out, 0, coefficients.length);
  }

  @Override
  public void divergence(double[] x, double[] out) {
    Arrays.fill(out, 0, coefficients.length, 0.0);
  }

  @Override
  public boolean isConstant() {
    return true;
  }

  @Override
  public String toString() {
    return "ConstantDiffusion" + Arrays.toString(coefficients);
  }
}

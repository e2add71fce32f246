package org.latentdyn.dynamics;

/**
 * A position-dependent diagonal diffusion {@code M_ii(x) = D0 (1 + a tanh(x_i))} with {@code |a| < 1}, so that
 * {@code M_ii} lies in {@code (D0 (1 - |a|), D0 (1 + |a|))}; its divergence is
 * {@code dM_ii/dx_i = D0 a (1 - tanh^2(x_i))}. Used to test the divergence term of Eq. 5 in the DynAE paper.
 *
 * @param dim dimension {@code >= 1}
 * @param base {@code D0 > 0}
 * @param amplitude {@code a} with {@code |a| < 1}
 */
public record ModulatedDiffusion(int dim, double base, double amplitude) implements DiffusionField {
  public ModulatedDiffusion {
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be >= 1, got " + dim);
    }
    Checks.positive("base", base);
    if (!(Math.abs(amplitude) < 1)) {
      throw new IllegalArgumentException("amplitude must satisfy |a| < 1, got " + amplitude);
    }
  }

  @Override
  public void diffusion(double[] x, double[] out) {
    for (int i = 0; i < dim; i++) {
      out[i] = base * (1 + amplitude * Math.tanh(x[i]));
    }
  }

  @Override
  public void divergence(double[] x, double[] out) {
    for (int i = 0; i < dim; i++) {
      double t = Math.tanh(x[i]);
      out[i] = base * amplitude * (1 - t * t);
    }
  }
}

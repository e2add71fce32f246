package org.latentdyn.dynamics;

/**
 * Overdamped Langevin (Brownian) dynamics with a diagonal, position-dependent diffusion matrix, DynAE paper
 * Eq. 4-5:
 *
 * <pre>
 *   dx_i = [ M_ii(x) f_i(x) / kT + dM_ii(x)/dx_i ] dt + sqrt(2 M_ii(x)) dW_i,
 * </pre>
 *
 * with {@code f = -grad U} for a {@link Potential} (the paper absorbs {@code kT} into {@code f}, i.e. uses
 * {@code kT = 1}). The divergence term makes {@code exp(-U/kT)} the stationary density for any positive
 * {@code M(x)} (Itô convention); without it the Itô process would sample {@code exp(-U/kT) / M(x)}.
 */
public final class OverdampedLangevin implements Sde {
  private final ForceField force;
  private final DiffusionField diffusion;
  private final double kT;
  private final double invKT;
  private final boolean constantDiffusion;
  private final ThreadLocal<double[]> scratch;

  /**
   * @param force the force field, usually a {@link Potential}
   * @param diffusion the diagonal diffusion field {@code M(x)}, same dimension
   * @param kT thermal energy {@code > 0}
   */
  public OverdampedLangevin(ForceField force, DiffusionField diffusion, double kT) {
    if (force.dim() != diffusion.dim()) {
      throw new IllegalArgumentException("force has dim " + force.dim() + " but diffusion has dim " + diffusion.dim());
    }
    this.force = force;
    this.diffusion = diffusion;
    this.kT = Checks.positive("kT", kT);
    this.invKT = 1 / kT;
    this.constantDiffusion = diffusion.isConstant();
    int n = force.dim();
    this.scratch = ThreadLocal.withInitial(() -> new double[n]);
  }

  public ForceField forceField() {
    return force;
  }

  public DiffusionField diffusionField() {
    return diffusion;
  }

  public double kT() {
    return kT;
  }

  @Override
  public int dim() {
    return force.dim();
  }

  @Override
  public void drift(double[] x, double[] out) {
    double[] m = new double[dim()];
    driftAndDiffusion(x, out, m);
  }

  @Override
  public void diffusion(double[] x, double[] out) {
    diffusion.diffusion(x, out);
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.sqrt(2 * out[i]);
    }
  }

  /**
   * Writes the drift and the noise amplitudes without allocating (a per-thread scratch array holds the
   * divergence when {@code M} depends on {@code x}).
   */
  @Override
  public void driftAndDiffusion(double[] x, double[] drift, double[] noise) {
    int n = drift.length;
    force.force(x, drift);
    diffusion.diffusion(x, noise);
    for (int i = 0; i < n; i++) {
      drift[i] = noise[i] * drift[i] * invKT;
      noise[i] = Math.sqrt(2 * noise[i]);
    }
    if (!constantDiffusion) {
      double[] divergence = scratch.get();
      diffusion.divergence(x, divergence);
      for (int i = 0; i < n; i++) {
        drift[i] += divergence[i];
      }
    }
  }

  @Override
  public boolean isAdditiveNoise() {
    return constantDiffusion;
  }

  @Override
  public String toString() {
    return "OverdampedLangevin[force=" + force + ", diffusion=" + diffusion + ", kT=" + kT + "]";
  }
}

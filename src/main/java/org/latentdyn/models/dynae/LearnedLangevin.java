package org.latentdyn.models.dynae;

import org.latentdyn.dynamics.DiffusionField;
import org.latentdyn.dynamics.ForceField;
import org.latentdyn.dynamics.OverdampedLangevin;
import org.latentdyn.nn.Mlp;
import org.latentdyn.nn.fused.FusedMlp;
import org.latentdyn.nn.fused.JacobianDiagonalMlp;

/**
 * The learned latent dynamics of a {@link DynaeModel} as plain-Java fields, for the simulators and analysis of the
 * {@code dynamics} package: the force {@code f(z)} and the diagonal diffusion {@code M(z) = exp(g(z))} with its
 * divergence {@code dM_i/dz_i = M_i dg_i/dz_i} (paper Eq. 4-5, spec dynae.md §4), evaluated point by point in
 * float on the trained weights, without the native engine. Not thread-safe (it reuses its buffers): give each
 * thread its own copy with {@link DynaeModel#langevin()}.
 */
public final class LearnedLangevin implements ForceField, DiffusionField {
  private final int d;
  private final float[] prior;
  private final FusedMlp force;
  private final JacobianDiagonalMlp logDiffusion;
  private boolean evaluated;

  LearnedLangevin(DynaeConfig c, float[] prior) {
    this.d = c.latentDim();
    this.prior = prior.clone();
    this.force = new FusedMlp(Mlp.widths(d, c.fieldWidth(), 2, d), true, 0, 1);
    this.logDiffusion = new JacobianDiagonalMlp(d, c.fieldWidth(), force.parameterCount(), 1);
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public void force(double[] x, double[] out) {
    float[][] in = force.input();
    for (int i = 0; i < d; i++) {
      in[i][0] = (float) x[i];
    }
    force.forward(prior, 1);
    float[][] f = force.output();
    for (int i = 0; i < d; i++) {
      out[i] = f[i][0];
    }
  }

  @Override
  public void diffusion(double[] x, double[] out) {
    evaluate(x);
    float[][] g = logDiffusion.output();
    for (int i = 0; i < d; i++) {
      out[i] = Math.exp(g[i][0]);
    }
  }

  @Override
  public void divergence(double[] x, double[] out) {
    evaluate(x);
    float[][] g = logDiffusion.output();
    float[][] j = logDiffusion.jacobianDiagonal();
    for (int i = 0; i < d; i++) {
      out[i] = Math.exp(g[i][0]) * j[i][0];
    }
  }

  /** Runs the log-diffusion net at {@code x} unless it was just run there (diffusion then divergence). */
  private void evaluate(double[] x) {
    float[][] in = logDiffusion.input();
    boolean same = evaluated;
    for (int i = 0; i < d; i++) {
      same &= in[i][0] == (float) x[i];
      in[i][0] = (float) x[i];
    }
    if (!same) {
      logDiffusion.forward(prior, 1);
      evaluated = true;
    }
  }

  /** The overdamped Langevin equation with these fields at kT = 1 (the latent's unit-diffusion scale). */
  public OverdampedLangevin sde() {
    return new OverdampedLangevin(this, this, 1.0);
  }
}

package org.latentdyn.workflow;

import org.latentdyn.analysis.FreeEnergy;
import org.latentdyn.analysis.FreeEnergySurface;
import org.latentdyn.data.Trajectory;
import org.latentdyn.metrics.DiffusionConvention;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.metrics.IsometryMetrics;

/** The analysis every trained representation gets, whatever the model: shared by DynAE and baseline runs. */
final class LatentAnalysis {
  private LatentAnalysis() {}

  /** Mean over frames of the squared reconstruction error summed over features. */
  static double reconstructionMse(Trajectory data, Trajectory reconstruction) {
    double se = 0;
    float[] x = data.view();
    float[] r = reconstruction.view();
    for (int i = 0; i < x.length; i++) {
      double e = r[i] - x[i];
      se += e * e;
    }
    return se / data.frames();
  }

  /** F(z) = -kT log p(z) of the first two latent dimensions on a 60 x 60 histogram; null when d = 1. */
  static FreeEnergySurface freeEnergy(Trajectory z) {
    if (z.features() < 2) {
      return null;
    }
    double[] zx = new double[z.frames()];
    double[] zy = new double[z.frames()];
    for (int i = 0; i < zx.length; i++) {
      zx[i] = z.get(i, 0);
      zy[i] = z.get(i, 1);
    }
    return FreeEnergy.surface(zx, zy, 60, 60, 1.0);
  }

  /** L_z in the unit-diffusion convention, or null without a truth. */
  static Evaluation evaluate(Trajectory z, Trajectory truth) {
    return truth == null ? null : IsometryMetrics.evaluate(z, truth, DiffusionConvention.UNIT_DIFFUSION);
  }

  /** The latent after the evaluation's isometric alignment, or null without an evaluation. */
  static double[][] aligned(Trajectory z, Evaluation ev) {
    return ev == null ? null : ev.alignment().apply(z.toDoubleRows());
  }
}

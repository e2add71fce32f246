package org.latentdyn.workflow;

import java.util.SplittableRandom;
import org.latentdyn.metrics.Pca;
import org.latentdyn.models.nld.EnergyPotential;
import org.latentdyn.models.nld.NldModel;
import org.latentdyn.wells.Ghmc;
import org.latentdyn.wells.GradientFlow;
import org.latentdyn.wells.Segmentation;
import org.latentdyn.wells.WellAnalysis;

/**
 * The analysis of a trained Neural Langevin Dynamics model (spec nld.md §10): posterior codes of the data, GHMC
 * samples of {@code exp(-beta E)} started from them (§10.2), gradient flow and k-means wells with refined minima and
 * their 0th- and 2nd-order occupancies (§10.3-10.4), and the unsupervised segmentation of the sequences by the
 * nearest well after a capped flow, scored under the best permutation (§10.5).
 */
public final class NldAnalysis {
  private NldAnalysis() {}

  /**
   * Settings.
   *
   * @param sequences sequences encoded and segmented (the first ones; all if fewer)
   * @param samples GHMC chains, started from posterior codes drawn at random
   * @param wells wells sought by k-means (3 for the benchmark)
   * @param seed seed of the posterior paths, the draws, GHMC and k-means
   */
  public record Options(int sequences, int samples, int wells, long seed) {
    public Options {
      if (sequences < 1) {
        throw new IllegalArgumentException("sequences must be >= 1, got " + sequences);
      }
      if (samples < 1) {
        throw new IllegalArgumentException("samples must be >= 1, got " + samples);
      }
      if (wells < 1 || wells > Segmentation.MAX_LABELS) {
        throw new IllegalArgumentException("wells must be in 1.." + Segmentation.MAX_LABELS + ", got " + wells);
      }
    }
  }

  /**
   * The outcome.
   *
   * @param wells wells, minima and occupancies
   * @param segmentation accuracy per sequence under the best permutation, and the raw labels
   * @param beta the model's inverse temperature
   * @param c the model's stiffness
   * @param sequences sequences analysed
   * @param length frames per sequence
   * @param acceptanceRate GHMC acceptance rate
   * @param seconds wall time
   */
  public record Result(WellAnalysis.Wells wells, Segmentation.Result segmentation, double beta, double c,
      int sequences, int length, double acceptanceRate, Prior prior, EnergyPlane plane, double seconds) {}

  /** Paths of the learned prior and their wells. */
  public static final int PRIOR_PATHS = 30;
  /** Grid points per side of the energy plane (spec §10.6). */
  public static final int PLANE_GRID = 500;

  /**
   * Paths of the learned prior from p(z0) ({@link NldModel#samplePrior}), each position labelled by its well like
   * the segmentation (capped flow, nearest minimum).
   *
   * @param positions {@code [paths, length, d]} row-major
   * @param labels well index in {@code minima} order {@code [paths, length]}
   * @param paths number of paths
   * @param length positions per path (the analysed sequences' length)
   * @param meanDwell mean dwell time in frames of the complete runs of one well (the benchmark chain's is 20)
   * @param occupancy fraction of prior frames in each well
   */
  public record Prior(double[] positions, int[] labels, int paths, int length, double meanDwell,
      double[] occupancy) {}

  /**
   * The energy on the plane of the first two principal components of the flowed samples (spec §10.6):
   * {@code z = origin + u axisU + v axisV} on a {@code size x size} grid whose bounds are the projected samples'
   * range widened by 1.1 about its centre.
   *
   * @param energies {@code E} at grid point {@code (u_i, v_j)}, stored {@code [j * size + i]}
   * @param minima the refined minima projected on the plane, {@code [k][2]}
   * @param samples the flowed samples projected, {@code [samples * 2]}
   */
  public record EnergyPlane(double[] origin, double[] axisU, double[] axisV, double uMin, double uMax, double vMin,
      double vMax, int size, double[] energies, double[][] minima, double[] samples) {}

  /**
   * Runs the analysis.
   *
   * @param observations {@code [sequences, length, features]} row-major
   * @param states true states {@code [sequences, length]} in {@code 0 .. wells-1}
   */
  public static Result run(NldModel model, float[] observations, int[] shape, int[] states, Options o) {
    long t0 = System.nanoTime();
    if (shape.length != 3 || (long) shape[0] * shape[1] * shape[2] != observations.length) {
      throw new IllegalArgumentException("observations must be [sequences, frames, features], got shape "
          + java.util.Arrays.toString(shape));
    }
    if (states.length != shape[0] * shape[1]) {
      throw new IllegalArgumentException("states have " + states.length + " values; expected [" + shape[0] + ", "
          + shape[1] + "] like the observations");
    }
    int n = Math.min(o.sequences(), shape[0]);
    int length = shape[1];
    float[] x = java.util.Arrays.copyOf(observations, n * length * shape[2]);
    int[] s = java.util.Arrays.copyOf(states, n * length);
    float[] codes = model.encode(x, new int[] {n, length, shape[2]}, o.seed());
    int d = model.latentDim();
    // GHMC chains start from posterior codes drawn at random (§10.2 step 1)
    SplittableRandom r = new SplittableRandom(o.seed());
    double[] start = new double[o.samples() * d];
    int frames = n * length;
    for (int i = 0; i < o.samples(); i++) {
      int f = r.nextInt(frames);
      for (int j = 0; j < d; j++) {
        start[i * d + j] = codes[f * d + j];
      }
    }
    EnergyPotential energy = model.energy();
    double beta = model.beta();
    double c = model.stiffness();
    Ghmc.Samples samples = Ghmc.sample(energy, beta, start, Ghmc.Options.of(o.seed()));
    WellAnalysis.Wells wells = WellAnalysis.analyse(energy, beta, samples.positions(),
        WellAnalysis.Options.forConfinement(c, o.seed()).withWells(o.wells()));
    double[][] centres = new double[wells.minima().size()][];
    for (int k = 0; k < centres.length; k++) {
      centres[k] = wells.minima().get(k).position();
    }
    double[] positions = new double[codes.length];
    for (int i = 0; i < codes.length; i++) {
      positions[i] = codes[i];
    }
    GradientFlow.Options seg = GradientFlow.Options.segmentation();
    // every frame of every sequence is flowed: batched through the engine (float32), then labelled in double
    double[] flowed = model.flow(positions, seg.withMaxSteps(seg.steps(c)).maxSteps(), seg.stepSize());
    Segmentation.Result segmentation = Segmentation.label(flowed, d, n, centres, s);
    // the prior's own dynamics, read the same way (spec §10.6; the chain dwells 20 frames on average)
    double[] prior = model.samplePrior(PRIOR_PATHS, length - 1, r.nextLong());
    int[] priorLabels = Segmentation.nearest(model.flow(prior, seg.steps(c), seg.stepSize()), d, centres);
    double[] occupancy = new double[centres.length];
    for (int label : priorLabels) {
      occupancy[label] += 1.0 / priorLabels.length;
    }
    Prior p = new Prior(prior, priorLabels, PRIOR_PATHS, length, Segmentation.meanDwell(priorLabels, PRIOR_PATHS),
        occupancy);
    EnergyPlane plane = d >= 2 ? plane(energy, wells, d) : null;
    return new Result(wells, segmentation, beta, c, n, length, samples.acceptanceRate(), p, plane,
        (System.nanoTime() - t0) / 1e9);
  }

  /** The energy on the principal plane of the flowed samples, {@link #PLANE_GRID} points a side. */
  static EnergyPlane plane(EnergyPotential energy, WellAnalysis.Wells wells, int d) {
    double[] flowed = wells.flowed();
    float[] f = new float[flowed.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) flowed[i];
    }
    Pca pca = Pca.fit(f, d);
    double[] origin = pca.mean();
    double[] a = pca.components()[0];
    double[] b = pca.components()[1];
    int m = flowed.length / d;
    double[] proj = new double[2 * m];
    double uLo = Double.POSITIVE_INFINITY;
    double uHi = Double.NEGATIVE_INFINITY;
    double vLo = Double.POSITIVE_INFINITY;
    double vHi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      double u = 0;
      double v = 0;
      for (int j = 0; j < d; j++) {
        u += (flowed[i * d + j] - origin[j]) * a[j];
        v += (flowed[i * d + j] - origin[j]) * b[j];
      }
      proj[2 * i] = u;
      proj[2 * i + 1] = v;
      uLo = Math.min(uLo, u);
      uHi = Math.max(uHi, u);
      vLo = Math.min(vLo, v);
      vHi = Math.max(vHi, v);
    }
    // widen by 1.1 about the centre; a degenerate (single-point) range gets a unit half-width
    double uc = 0.5 * (uLo + uHi);
    double vc = 0.5 * (vLo + vHi);
    double uh = uHi - uLo > 1e-9 ? 0.55 * (uHi - uLo) : 1;
    double vh = vHi - vLo > 1e-9 ? 0.55 * (vHi - vLo) : 1;
    int size = PLANE_GRID;
    double[] e = new double[size * size];
    java.util.stream.IntStream.range(0, size).parallel().forEach(jv -> {
      double[] z = new double[d];
      double v = vc - vh + 2 * vh * jv / (size - 1);
      for (int iu = 0; iu < size; iu++) {
        double u = uc - uh + 2 * uh * iu / (size - 1);
        for (int j = 0; j < d; j++) {
          z[j] = origin[j] + u * a[j] + v * b[j];
        }
        e[jv * size + iu] = energy.energy(z);
      }
    });
    double[][] minima = new double[wells.minima().size()][2];
    for (int k = 0; k < minima.length; k++) {
      double[] x = wells.minima().get(k).position();
      for (int j = 0; j < d; j++) {
        minima[k][0] += (x[j] - origin[j]) * a[j];
        minima[k][1] += (x[j] - origin[j]) * b[j];
      }
    }
    return new EnergyPlane(origin, a, b, uc - uh, uc + uh, vc - vh, vc + vh, size, e, minima, proj);
  }
}

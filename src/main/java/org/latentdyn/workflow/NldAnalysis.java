package org.latentdyn.workflow;

import java.util.SplittableRandom;
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
      int sequences, int length, double acceptanceRate, double seconds) {}

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
    return new Result(wells, segmentation, beta, c, n, length, samples.acceptanceRate(),
        (System.nanoTime() - t0) / 1e9);
  }
}

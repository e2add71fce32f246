package org.latentdyn.workflow;

import org.latentdyn.analysis.FreeEnergy;
import org.latentdyn.analysis.FreeEnergySurface;
import java.util.function.UnaryOperator;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.Trajectory;
import org.latentdyn.metrics.DiffusionConvention;
import org.latentdyn.metrics.Evaluation;
import org.latentdyn.metrics.IsometryMetrics;

/** The analysis every trained representation gets, whatever the model: shared by DynAE and baseline runs. */
final class LatentAnalysis {
  private LatentAnalysis() {}

  /**
   * phi of every frame: in one call for frames in memory (as before streaming existed), else
   * {@link MovieEncoding#CHUNK_FRAMES} frames at a time (the same numbers for image models, which encode in chunks
   * of 256 either way).
   */
  static Trajectory encode(FrameStore data, UnaryOperator<Trajectory> encoder) {
    return data.inMemory() ? encoder.apply(data.read(0, data.frames()))
        : MovieEncoding.encode(data, encoder, MovieEncoding.CHUNK_FRAMES);
  }

  /**
   * The reconstruction error of {@code data} from its latent {@code z} and the reconstructed frames: decoded at once
   * and held for data in memory; for streamed data the error is summed chunk by chunk and the frames are decoded
   * again when a figure asks for them.
   */
  static Reconstruction reconstruct(FrameStore data, Trajectory z, UnaryOperator<Trajectory> decoder) {
    if (data.inMemory()) {
      Trajectory rec = decoder.apply(z);
      return new Reconstruction(reconstructionMse(data.read(0, data.frames()), rec), FrameStore.of(rec));
    }
    double se = 0;
    int n = data.frames();
    for (int from = 0; from < n; from += MovieEncoding.CHUNK_FRAMES) {
      int count = Math.min(MovieEncoding.CHUNK_FRAMES, n - from);
      se += reconstructionMse(data.read(from, count), decoder.apply(z.slice(from, from + count))) * count;
    }
    return new Reconstruction(se / n, decoded(z, decoder, data.features()));
  }

  /** The reconstruction error per frame and the reconstructed frames. */
  record Reconstruction(double mse, FrameStore frames) {}

  /** Frames decoded from the rows of {@code z} when they are read. */
  static FrameStore decoded(Trajectory z, UnaryOperator<Trajectory> decoder, int features) {
    return new FrameStore() {
      @Override
      public int frames() {
        return z.frames();
      }

      @Override
      public int features() {
        return features;
      }

      @Override
      public void copy(int frame, float[] dst, int offset) {
        System.arraycopy(read(frame, 1).view(), 0, dst, offset, features);
      }

      @Override
      public Trajectory read(int from, int count) {
        if (from < 0 || count < 1 || (long) from + count > z.frames()) {
          throw new IndexOutOfBoundsException("frames [" + from + ", " + ((long) from + count) + ") leave the "
              + z.frames() + " frames");
        }
        return decoder.apply(z.slice(from, from + count));
      }
    };
  }

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

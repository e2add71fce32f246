package org.latentdyn.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.models.vin.PixelScores;
import org.latentdyn.models.vin.PixelVaeModel;
import org.latentdyn.models.vin.VinConfig;

/**
 * Evaluation of a pixel VAE with latent dynamics (VIN spec §3b, §4b, §5 "Pixels" and "Latent diagnostics"):
 * checked binary frame arrays {@code [N, T, height, width]}, the Table-1 scores of a forecast from {@code t = 0},
 * multi-sequence forecasts, and the 20-s latent orbit of Figs. 5-6. Plain records out; drawing is the report's.
 */
public final class VinPixels {
  /** Latent steps of the Figs. 5-6 orbit (20 s at 10 Hz). */
  public static final int ORBIT_STEPS = 200;

  private VinPixels() {}

  /**
   * Binary frames {@code [N, T, height, width]}, row-major.
   *
   * @param values 0/1 values
   * @param shape {@code {N, T, height, width}}
   */
  public record Frames(float[] values, int[] shape) {
    /** Sequences N. */
    public int sequences() {
      return shape[0];
    }

    /** Frames per sequence T. */
    public int steps() {
      return shape[1];
    }

    /** Pixels per frame. */
    public int pixels() {
      return shape[2] * shape[3];
    }

    /** Sequence {@code b} as {@code [T, P]}. */
    public float[] sequence(int b) {
      int n = steps() * pixels();
      return Arrays.copyOfRange(values, b * n, (b + 1) * n);
    }
  }

  /**
   * Checks an array of pixel frames: rank 4 {@code [N, T, height, width]} with positive entries, every value 0 or 1.
   *
   * @param what the option or file named in messages ("--data frames.npy")
   */
  public static Frames frames(String what, NpyArray a) {
    int[] shape = a.shape();
    if (shape.length != 4 || Arrays.stream(shape).anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape) + "; expected pixel frames"
          + " [N, T, height, width], e.g. frames.npy of 'simulate pendulum --pixels'");
    }
    float[] v = a.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0f && v[i] != 1f) {
        throw new IllegalArgumentException(what + " value " + i + " is " + v[i] + "; expected binary frames of 0 and"
            + " 1 (spec vin.md §3b)");
      }
    }
    return new Frames(v, shape.clone());
  }

  /** Whether {@code dir} holds a model written by {@link PixelVaeModel#save}. */
  public static boolean isPixelModel(Path dir) {
    Path p = dir.resolve("provenance.json");
    if (!Files.isRegularFile(p)) {
      return false;
    }
    try {
      JsonNode n = JsonMapper.builder().build().readTree(p.toFile());
      return "pixel-vae".equals(n.path("model").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Latent orbit of spec §5 / paper Figs. 5-6.
   *
   * @param latents rollout {@code [K+1][S]} from the posterior mean
   * @param x first plotted coordinate per step ({@code q}; {@code cos θ} for SO(2))
   * @param y second ({@code p} or velocity; {@code sin θ} for SO(2))
   * @param radius {@code |x|} of the latent state per step
   * @param energy learned energy per step (NaN for ResRNN and DVAE)
   * @param xLabel name of {@code x}
   * @param yLabel name of {@code y}
   */
  public record Orbit(double[][] latents, double[] x, double[] y, double[] radius, double[] energy, String xLabel,
      String yLabel) {}

  /** Rolls {@link #ORBIT_STEPS} latent steps from the posterior mean of the first frames of {@code sequence}. */
  public static Orbit orbit(PixelVaeModel m, float[] sequence, int steps) {
    double[][] z = m.rollout(m.encode(sequence), steps);
    double[][] diag = m.latentDiagnostics(z);
    boolean so2 = m.config().kind() == VinConfig.Kind.VIN_SO2;
    int d = m.config().latentDim();
    double[] x = new double[z.length];
    double[] y = new double[z.length];
    double[] r = new double[z.length];
    double[] e = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      x[k] = so2 ? Math.cos(z[k][0]) : z[k][0];
      y[k] = so2 ? Math.sin(z[k][0]) : z[k][d];
      r[k] = diag[k][0];
      e[k] = diag[k][1];
    }
    return new Orbit(z, x, y, r, e, so2 ? "cos theta" : "q", so2 ? "sin theta" : "p");
  }

  /**
   * A forecast of every sequence from its first {@code depth} frames.
   *
   * @param latents {@code [N][K+1][S]}
   * @param decoded Bernoulli means {@code [N][K+1][P]}
   * @param scored frames of the forecast that the observed frames cover, {@code min(K + 1, T)}
   * @param scores per sequence over those frames (spec §5, both pairings)
   * @param rmse mean over sequences of {@link PixelScores#rmse}
   * @param logLikelihood mean over sequences of {@link PixelScores#logLikelihood}
   * @param rmseTotal mean over sequences of {@link PixelScores#rmseTotal}
   * @param logLikelihoodTotal mean over sequences of {@link PixelScores#logLikelihoodTotal}
   */
  public record Forecast(double[][][] latents, double[][][] decoded, int scored, PixelScores[] scores, double rmse,
      double logLikelihood, double rmseTotal, double logLikelihoodTotal) {}

  /** Forecasts {@code steps} latent steps for each sequence of {@code y} and scores the decoded frames against it. */
  public static Forecast forecast(PixelVaeModel m, Frames y, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (y.shape()[2] != m.height() || y.shape()[3] != m.width()) {
      throw new IllegalArgumentException("frames are " + y.shape()[2] + " x " + y.shape()[3] + " pixels; the model"
          + " was trained on " + m.height() + " x " + m.width());
    }
    if (y.steps() < m.config().depth()) {
      throw new IllegalArgumentException("sequences have " + y.steps() + " frames; the encoder needs the first depth = "
          + m.config().depth());
    }
    int n = y.sequences();
    int p = y.pixels();
    int scored = Math.min(steps + 1, y.steps());
    double[][][] latents = new double[n][][];
    double[][][] decoded = new double[n][][];
    PixelScores[] scores = new PixelScores[n];
    double[] sums = new double[4];
    for (int b = 0; b < n; b++) {
      float[] seq = y.sequence(b);
      latents[b] = m.rollout(m.encode(seq), steps);
      double[][] logits = m.decodeLogits(latents[b]);
      decoded[b] = new double[logits.length][];
      double squares = 0;
      double logLik = 0;
      for (int t = 0; t < logits.length; t++) {
        decoded[b][t] = new double[p];
        for (int i = 0; i < p; i++) {
          double l = logits[t][i];
          double mean = 1 / (1 + Math.exp(-l));
          decoded[b][t][i] = mean;
          if (t < scored) {
            double obs = seq[t * p + i];
            squares += (mean - obs) * (mean - obs);
            logLik += obs * l - (l > 0 ? l + Math.log1p(Math.exp(-l)) : Math.log1p(Math.exp(l)));
          }
        }
      }
      scores[b] = new PixelScores(Math.sqrt(squares / scored), logLik / scored, Math.sqrt(squares), logLik, scored);
      sums[0] += scores[b].rmse() / n;
      sums[1] += scores[b].logLikelihood() / n;
      sums[2] += scores[b].rmseTotal() / n;
      sums[3] += scores[b].logLikelihoodTotal() / n;
    }
    return new Forecast(latents, decoded, scored, scores, sums[0], sums[1], sums[2], sums[3]);
  }
}

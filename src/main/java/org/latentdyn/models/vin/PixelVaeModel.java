package org.latentdyn.models.vin;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.models.ModelFolder;
import org.latentdyn.mechanics.PhaseSpaceArray;

/**
 * A fitted pixel VAE with latent dynamics (VIN spec §4b, §5). Everything runs in plain Java double precision on
 * the exported float32 weights: {@link #encode} (per-frame MLP, backward LSTM, head: the posterior mean),
 * {@link #rollout} (the {@code org.latentdyn.mechanics} integrators over the learned potential / SO(2) force, or
 * the ResRNN / DVAE maps, via {@link VinModel}), {@link #decode} and the Table 1 {@link #scores}. Saved as a
 * folder with {@code config.json}, {@code weights.npz} ({@code networks}: the {@link PixelLayout} vector,
 * {@code dynamics}: the {@link VinLayout} vector), {@code history.json} and {@code provenance.json}. Holds no
 * native memory; {@link #close()} is a no-op kept for the estimator-model contract.
 *
 * <p>Latent states are the cell's phase-space reading {@code (q, p)} ({@code [S] = [2d]}): VV and SV
 * {@code (q, qdot)} (M = I); SO(2) {@code (theta, pi)} with {@code pi = sin(theta_t - theta_{t-1}) / h}; ResRNN and
 * DVAE a free 2d-vector.
 */
public final class PixelVaeModel implements AutoCloseable {
  /** Forecast length of the Table 1 scores (5 s at 10 Hz). */
  public static final int TABLE_FRAMES = 50;


  private final PixelVaeConfig config;
  private final int height;
  private final int width;
  private final PixelLayout layout;
  private final VinLayout dynamicsLayout;
  private final float[] weights;
  private final float[] dynamicsWeights;
  private final double[] w;
  private final double[] dw;
  private final List<PixelEpochRecord> history;
  private final double bestElbo;
  private final int bestEpoch;
  private final String engine;

  PixelVaeModel(PixelVaeConfig config, int height, int width, float[] weights, float[] dynamicsWeights,
      List<PixelEpochRecord> history, double bestElbo, int bestEpoch, String engine) {
    this.config = config;
    this.height = height;
    this.width = width;
    this.layout = new PixelLayout(config, height * width);
    this.dynamicsLayout = PixelNetworks.dynamicsLayout(config);
    if (weights.length != layout.size || dynamicsWeights.length != dynamicsLayout.size) {
      throw new IllegalArgumentException("weights have " + weights.length + " + " + dynamicsWeights.length
          + " values, the model needs " + layout.size + " + " + dynamicsLayout.size);
    }
    this.weights = weights.clone();
    this.dynamicsWeights = dynamicsWeights.clone();
    this.w = VinPotential.toDouble(weights, 0, weights.length);
    this.dw = VinPotential.toDouble(dynamicsWeights, 0, dynamicsWeights.length);
    this.history = List.copyOf(history);
    this.bestElbo = bestElbo;
    this.bestEpoch = bestEpoch;
    this.engine = engine;
  }

  public PixelVaeConfig config() {
    return config;
  }

  /** Frame height in pixels. */
  public int height() {
    return height;
  }

  /** Frame width in pixels. */
  public int width() {
    return width;
  }

  /** Pixels per frame. */
  public int pixels() {
    return layout.pixels;
  }

  /** Latent state coordinates {@code S = 2d}. */
  public int stateDim() {
    return layout.s;
  }

  public List<PixelEpochRecord> history() {
    return history;
  }

  /** The highest training ELBO seen, whose weights this model holds. */
  public double bestElbo() {
    return bestElbo;
  }

  /** The epoch (0-based) of {@link #bestElbo()}. */
  public int bestEpoch() {
    return bestEpoch;
  }

  public String engine() {
    return engine;
  }

  /** Copies of the flat weights: encoder/LSTM/decoder, then the dynamics cell. */
  public float[][] weights() {
    return new float[][] {weights.clone(), dynamicsWeights.clone()};
  }

  /**
   * The posterior mean of the initial latent state from the first {@code depth} frames of one sequence.
   *
   * @param frames {@code [count, P]} row-major (0/1), {@code count >= depth}; frames past {@code depth} are ignored
   * @return the cell's start {@code (q_0, p_0)}, {@code [S]}
   */
  public double[] encode(float[] frames) {
    int p = layout.pixels;
    int depth = config.depth();
    if (frames == null || frames.length % p != 0 || frames.length / p < depth) {
      throw new IllegalArgumentException("encode needs at least depth = " + depth + " frames of " + p
          + " pixels, got " + (frames == null ? "null" : frames.length + " values"));
    }
    double[][] emb = new double[depth][];
    for (int t = 0; t < depth; t++) {
      double[] f = new double[p];
      for (int i = 0; i < p; i++) {
        f[i] = frames[t * p + i];
      }
      emb[t] = layout.embed(w, f);
    }
    int d = config.latentDim();
    int s = layout.s;
    double h = config.timeStep();
    if (config.perFrameInitialPair()) {
      double[] qa = java.util.Arrays.copyOfRange(emb[0], 0, d);
      double[] qb = java.util.Arrays.copyOfRange(emb[1], 0, d);
      double[] out = new double[s];
      System.arraycopy(qa, 0, out, 0, d);
      double[] g = new double[d];
      if (config.kind() == VinConfig.Kind.VIN_SV) {
        VinModel.potential(dynamicsLayout, dw).gradient(qa, g);
        for (int i = 0; i < d; i++) {
          out[d + i] = (qb[i] - qa[i]) / h + h * g[i];
        }
      } else {
        VinModel.so2Force(dynamicsLayout, dw).force(qa, g);
        for (int i = 0; i < d; i++) {
          out[d + i] = (Math.sin(qb[i] - qa[i]) - h * h * g[i]) / h;
        }
      }
      return out;
    }
    double[][] reversed = new double[depth][];
    for (int t = 0; t < depth; t++) {
      reversed[t] = emb[depth - 1 - t];
    }
    double[] head = PixelLayout.dense(w, layout.headW, layout.headB, layout.lstm(w, reversed), 2 * s, false);
    double[] mean = java.util.Arrays.copyOfRange(head, 0, s);
    if (config.kind() == VinConfig.Kind.VIN_SO2) {
      for (int i = d; i < s; i++) {
        mean[i] = Math.sin(h * mean[i]) / h;
      }
    }
    return mean;
  }

  /**
   * Rolls the learned dynamics out from a latent start.
   *
   * @param initial {@code [S]}, e.g. from {@link #encode}
   * @param steps {@code K >= 0}
   * @return latent states {@code [K+1][S]}, index 0 the start
   */
  public double[][] rollout(double[] initial, int steps) {
    if (initial == null || initial.length != layout.s) {
      throw new IllegalArgumentException("initial state must have " + layout.s + " coordinates, got "
          + (initial == null ? "null" : initial.length));
    }
    PhaseSpaceArray a = VinModel.forecast(dynamicsLayout, config.timeStep(), dw, new double[][] {initial}, steps);
    double[][] out = new double[steps + 1][];
    for (int t = 0; t <= steps; t++) {
      out[t] = a.state(0, t);
    }
    return out;
  }

  /** Bernoulli logits {@code [K][P]} of latent states {@code [K][S]}. */
  public double[][] decodeLogits(double[][] latents) {
    int d = config.latentDim();
    double[][] out = new double[latents.length][];
    for (int k = 0; k < latents.length; k++) {
      double[] x = latents[k];
      if (x == null || x.length != layout.s) {
        throw new IllegalArgumentException("latent state " + k + " must have " + layout.s + " coordinates, got "
            + (x == null ? "null" : x.length));
      }
      double[] in = switch (config.kind()) {
        case VIN_VV, VIN_SV -> java.util.Arrays.copyOfRange(x, 0, d);
        case VIN_SO2 -> {
          double[] sc = new double[2 * d];
          for (int i = 0; i < d; i++) {
            sc[i] = Math.sin(x[i]);
            sc[d + i] = Math.cos(x[i]);
          }
          yield sc;
        }
        default -> x.clone();
      };
      out[k] = layout.decode(w, in);
    }
    return out;
  }

  /** Bernoulli means {@code sigma(logit)} {@code [K][P]} of latent states {@code [K][S]}. */
  public double[][] decode(double[][] latents) {
    double[][] l = decodeLogits(latents);
    for (double[] row : l) {
      for (int i = 0; i < row.length; i++) {
        row[i] = PixelLayout.sigmoid(row[i]);
      }
    }
    return l;
  }

  /**
   * Spec §5 scores of a forecast of {@code horizon} frames from {@code t = 0}: encode the first {@code depth}
   * frames, roll {@code horizon - 1} steps from the posterior mean, decode, and compare with the observed frames.
   *
   * @param frames one sequence {@code [count, P]}, {@code count >= max(depth, horizon)}
   * @param horizon frames scored ({@link #TABLE_FRAMES} for Table 1)
   */
  public PixelScores scores(float[] frames, int horizon) {
    int p = layout.pixels;
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    }
    if (frames == null || frames.length % p != 0 || frames.length / p < horizon) {
      throw new IllegalArgumentException("scores need at least horizon = " + horizon + " frames of " + p
          + " pixels, got " + (frames == null ? "null" : frames.length + " values"));
    }
    double[][] logits = decodeLogits(rollout(encode(frames), horizon - 1));
    double squares = 0;
    double logLik = 0;
    for (int t = 0; t < horizon; t++) {
      for (int i = 0; i < p; i++) {
        double l = logits[t][i];
        double y = frames[t * p + i];
        double e = PixelLayout.sigmoid(l) - y;
        squares += e * e;
        logLik += y * l - PixelLayout.softplus(l);
      }
    }
    return new PixelScores(Math.sqrt(squares / horizon), logLik / horizon, Math.sqrt(squares), logLik, horizon);
  }

  /**
   * The learned potential of the VIN kinds ({@code U(q)} of VV and SV; {@code U = -N} of SO(2)), for the latent
   * diagnostics of spec §5.
   *
   * @throws IllegalStateException for ResRNN and DVAE, which learn no potential
   */
  public org.latentdyn.dynamics.Potential potential() {
    return VinModel.potential(dynamicsLayout, dw);
  }

  /**
   * Latent diagnostics of spec §5 along a rollout {@code [K][S]}: the orbit radius {@code |x|} for every kind and,
   * for the VINs, the learned energy {@code |p|^2 / 2 + U(q)} (M = I; for SO(2) {@code p} is the discrete momentum
   * {@code pi}). Returns {@code [K][2]} rows {@code (radius, energy)}, energy NaN for ResRNN and DVAE.
   */
  public double[][] latentDiagnostics(double[][] latents) {
    boolean vin = config.kind() != VinConfig.Kind.RESRNN && config.kind() != VinConfig.Kind.DVAE;
    org.latentdyn.dynamics.Potential u = vin ? potential() : null;
    int d = config.latentDim();
    double[][] out = new double[latents.length][];
    for (int k = 0; k < latents.length; k++) {
      double[] x = latents[k];
      double r2 = 0;
      double kinetic = 0;
      for (int i = 0; i < x.length; i++) {
        r2 += x[i] * x[i];
        kinetic += i >= d ? 0.5 * x[i] * x[i] : 0;
      }
      double energy = vin ? kinetic + u.energy(java.util.Arrays.copyOfRange(x, 0, d)) : Double.NaN;
      out[k] = new double[] {Math.sqrt(r2), energy};
    }
    return out;
  }

  /** Writes the model into {@code dir} (created if needed); each file atomically. */
  public void save(Path dir) throws IOException {
    Map<String, NpyArray> a = new LinkedHashMap<>();
    a.put("networks", NpyArray.ofFloats(weights, weights.length));
    a.put("dynamics", NpyArray.ofFloats(dynamicsWeights, dynamicsWeights.length));
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("kind", config.kind().name());
    prov.put("height", height);
    prov.put("width", width);
    prov.put("bestElbo", bestElbo);
    prov.put("bestEpoch", bestEpoch);
    prov.put("seed", config.seed());
    prov.put("engine", engine);
    ModelFolder.write(dir, "pixel-vae", config, a, history, prov);
  }

  /** Loads a model written by {@link #save}. */
  public static PixelVaeModel load(Path dir) throws IOException {
    ModelFolder f = ModelFolder.open(dir, "pixel-vae", "PixelVaeModel");
    return new PixelVaeModel(f.config(PixelVaeConfig.class), f.number("height", 0).intValue(),
        f.number("width", 0).intValue(), f.array("networks"), f.array("dynamics"),
        f.history(new TypeReference<List<PixelEpochRecord>>() {}), f.number("bestElbo", Double.NaN).doubleValue(),
        f.number("bestEpoch", 0).intValue(), f.text("engine"));
  }


  @Override
  public void close() {
    // plain-Java weights only; nothing native to free
  }
}

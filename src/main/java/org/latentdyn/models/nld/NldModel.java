package org.latentdyn.models.nld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.models.ModelFolder;
import org.latentdyn.nn.Tensors;

/**
 * A fitted NLD model (spec nld.md §1-5): the learned energy as a plain-Java {@link EnergyPotential}, the learned
 * inverse temperature beta (and, underdamped, friction and inverse mass), and the encoder, which samples a
 * posterior path per sequence. Saved as a folder with {@code config.json}, {@code weights.npz} (the flat float32
 * vector in the layout of {@code NldNetworks}), {@code history.json} and {@code provenance.json}.
 */
public final class NldModel implements AutoCloseable {

  private final NldConfig config;
  private final int features;
  private final float[] weights;
  private final List<NldEpochRecord> history;
  private final String engine;
  private final int restarts;
  private final NldNetworks layout;
  private NldNetworks net;

  NldModel(NldConfig config, int features, float[] weights, List<NldEpochRecord> history, String engine,
      int restarts) {
    this.restarts = restarts;
    this.config = config;
    this.features = features;
    this.layout = new NldNetworks(config, features);
    if (weights.length != layout.size) {
      throw new IllegalArgumentException("weights has " + weights.length + " values, the model needs " + layout.size);
    }
    this.weights = weights.clone();
    this.history = List.copyOf(history);
    this.engine = engine;
  }

  /** An untrained model with the initial weights of {@code config}'s seed (benchmarks, tests, prior checks). */
  public static NldModel initial(NldConfig config, int features) {
    NldNetworks layout = new NldNetworks(config, features);
    return new NldModel(config, features, Nld.initialWeights(layout, config.seed(), 0), List.of(), "initial", 0);
  }

  public NldConfig config() {
    return config;
  }

  /** Observed features per step (D). */
  public int features() {
    return features;
  }

  public int latentDim() {
    return config.latentDim();
  }

  public List<NldEpochRecord> history() {
    return history;
  }

  /** Restarts from a fresh initialisation after a diverged attempt (0 when the first attempt succeeded). */
  public int restarts() {
    return restarts;
  }

  /** The engine the model was trained on. */
  public String engine() {
    return engine;
  }

  /** A copy of all weights (flat layout of the networks). */
  public float[] weights() {
    return weights.clone();
  }

  /** The energy's weights in the layout of {@link EnergyNetwork}. */
  public float[] energyWeights() {
    return Arrays.copyOf(weights, EnergyNetwork.parameterCount(latentDim()));
  }

  /** The learned energy {@code E(z) = N(z) + c |z|^2} in plain Java double precision. */
  public EnergyPotential energy() {
    return new EnergyPotential(latentDim(), energyWeights());
  }

  /** Learned inverse temperature {@code beta = softplus(beta_raw)}. */
  public double beta() {
    return EnergyNetwork.softplus(weights[layout.betaRaw]);
  }

  /** Energy stiffness {@code c = softplus(c_raw)}. */
  public double stiffness() {
    return EnergyNetwork.softplus(weights[layout.energy.cRawOffset()]);
  }

  /** Friction per dimension: learned (underdamped) or fixed 1 (overdamped). */
  public double[] friction() {
    return damping(layout.gammaRaw);
  }

  /** Inverse mass per dimension (underdamped; all 1 for the overdamped model, which has none). */
  public double[] inverseMass() {
    return damping(layout.minvRaw);
  }

  private double[] damping(int offset) {
    double[] out = new double[latentDim()];
    for (int i = 0; i < out.length; i++) {
      out[i] = layout.underdamped ? EnergyNetwork.softplus(weights[offset + i]) : 1.0;
    }
    return out;
  }

  private synchronized NldNetworks net() {
    if (net == null) {
      net = new NldNetworks(config, features, weights);
    }
    return net;
  }

  /**
   * One sampled posterior path per sequence: the latent positions at every observation, float32
   * {@code [sequences, steps, latentDim]} row-major, reproducible from {@code seed}.
   *
   * @param observations {@code [sequences, steps, features]} row-major
   */
  public float[] encode(float[] observations, int[] shape, long seed) {
    if (shape == null || shape.length != 3 || shape[2] != features || shape[1] < 1 || shape[0] < 0
        || observations.length != (long) shape[0] * shape[1] * shape[2]) {
      throw new IllegalArgumentException("observations must be [sequences, steps, " + features + "] with "
          + "matching length, got shape " + Arrays.toString(shape) + " and " + observations.length + " values");
    }
    int seqs = shape[0];
    int len = shape[1];
    int d = latentDim();
    float[] out = new float[seqs * len * d];
    NldNetworks n = net();
    SplittableRandom noise = new SplittableRandom(seed);
    int chunk = config.batchSize();
    int[] all = new int[seqs];
    for (int i = 0; i < seqs; i++) {
      all[i] = i;
    }
    Nld.Data data = new Nld.Data(observations, seqs, len, features, len, all, new int[0]);
    synchronized (this) {
      for (int from = 0; from < seqs; from += chunk) {
        int b = Math.min(chunk, seqs - from);
        float[] eps0 = Nld.gaussians(b * n.n, noise);
        float[] xi = Nld.gaussians(Math.max(len - 1, 0) * b * d, noise);
        try (NDManager s = n.manager.newSubManager()) {
          NDArray x = Tensors.owned(s, data.batch(all, from, b), new Shape(len, b, features));
          NDArray xis = len > 1 ? Tensors.owned(s, xi, new Shape(len - 1, b, d)) : s.zeros(new Shape(0, b, d));
          NDList terms = n.forward(x, Tensors.owned(s, eps0, new Shape(b, n.n)), xis);
          float[] z = terms.get(3).toFloatArray(); // [len, b, d]
          for (int k = 0; k < len; k++) {
            for (int i = 0; i < b; i++) {
              System.arraycopy(z, (k * b + i) * d, out, ((from + i) * len + k) * d, d);
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Paths of the learned prior (spec nld.md §3-4, no control): {@code z0 ~ p(z0)}, then Euler-Maruyama with step
   * h on {@code dz = -grad E dt + sqrt(2 / beta) dW} (overdamped), or {@code dq = M^-1 p dt},
   * {@code dp = (-grad E - gamma M^-1 p) dt + sqrt(2 gamma / beta) dW} (underdamped), exactly the training
   * scheme, in plain-Java double precision on {@link #energy()}.
   *
   * @return positions {@code [paths, steps + 1, latentDim]} row-major (index 0 = the initial draw)
   */
  public double[] samplePrior(int paths, int steps, long seed) {
    if (paths < 1 || steps < 0) {
      throw new IllegalArgumentException("paths must be >= 1 and steps >= 0, got " + paths + " and " + steps);
    }
    int d = latentDim();
    int n = layout.n;
    double h = config.stepSize();
    double beta = beta();
    double[] gamma = friction();
    double[] minv = inverseMass();
    EnergyPotential e = energy();
    SplittableRandom r = new SplittableRandom(seed);
    double[] out = new double[paths * (steps + 1) * d];
    double[] state = new double[n];
    double[] q = new double[d];
    double[] g = new double[d];
    for (int i = 0; i < paths; i++) {
      for (int j = 0; j < n; j++) {
        state[j] = weights[layout.p0Mean + j] + Math.exp(weights[layout.p0LogStd + j]) * r.nextGaussian();
      }
      for (int k = 0; ; k++) {
        System.arraycopy(state, 0, out, (i * (steps + 1) + k) * d, d);
        if (k == steps) {
          break;
        }
        System.arraycopy(state, 0, q, 0, d);
        e.gradient(q, g);
        for (int j = 0; j < d; j++) {
          if (layout.underdamped) {
            double v = state[d + j] * minv[j];
            state[j] += v * h;
            state[d + j] += -(g[j] + gamma[j] * v) * h + Math.sqrt(2 * gamma[j] * h / beta) * r.nextGaussian();
          } else {
            state[j] += -g[j] * h + Math.sqrt(2 * h / beta) * r.nextGaussian();
          }
        }
      }
    }
    return out;
  }

  /** Points per native batch of {@link #flow}. */
  static final int FLOW_CHUNK = 4096;

  /**
   * Gradient flow {@code z <- z - stepSize grad E(z)} (spec nld.md §10.1) of many points at once through the
   * engine, in float32 batches of {@value #FLOW_CHUNK} points: the segmentation flow of §10.5 moves every frame of
   * every sequence (250,000 points for up to 1,000 steps), which the plain-Java {@link #energy()} does one point
   * at a time. Each point flows on its own, so the result does not depend on the batching.
   *
   * @param points {@code [points, latentDim]} row-major, not modified
   * @return the flowed points
   */
  public double[] flow(double[] points, int steps, double stepSize) {
    return flow(points, steps, stepSize, FLOW_CHUNK);
  }

  /** {@link #flow} in batches of {@code chunk} points. */
  double[] flow(double[] points, int steps, double stepSize, int chunkSize) {
    int d = latentDim();
    if (points.length % d != 0) {
      throw new IllegalArgumentException("points has length " + points.length + ", not a multiple of latentDim " + d);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
      throw new IllegalArgumentException("stepSize must be a finite number > 0, got " + stepSize);
    }
    if (steps == 0) {
      return points.clone();
    }
    int count = points.length / d;
    double[] out = new double[points.length];
    NldNetworks n = net();
    synchronized (this) {
      try (NDManager scope = n.manager.newSubManager()) {
        EnergyNetwork.Views v = n.energy.views(n.params, scope);
        for (int from = 0; from < count; from += chunkSize) {
          int b = Math.min(chunkSize, count - from);
          float[] z0 = new float[b * d];
          for (int i = 0; i < z0.length; i++) {
            z0[i] = (float) points[from * d + i];
          }
          try (NDManager chunk = scope.newSubManager()) {
            NDArray z = Tensors.owned(chunk, z0, new Shape(b, d));
            for (int k = 0; k < steps; k++) {
              try (NDManager step = chunk.newSubManager()) {
                z.attach(step); // the step's intermediates are created in z's manager and freed with it
                NDArray next = z.sub(Tensors.times(n.energy.gradient(v, z), (float) stepSize));
                next.attach(chunk);
                z = next;
              }
            }
            float[] r = z.toFloatArray();
            for (int i = 0; i < r.length; i++) {
              out[from * d + i] = r[i];
            }
          }
        }
      }
    }
    return out;
  }

  /** Writes the model into {@code dir} (created if needed); each file atomically ({@link ModelFolder}). */
  public void save(Path dir) throws IOException {
    Map<String, NpyArray> w = ModelFolder.weights(weights);
    w.put("energy", NpyArray.ofFloats(energyWeights(), layout.energy.parameterCount()));
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("variant", config.variant().name());
    prov.put("features", features);
    prov.put("seed", config.seed());
    prov.put("engine", engine);
    prov.put("restarts", restarts);
    ModelFolder.write(dir, "nld", config, w, history, prov);
  }

  /** Loads a model written by {@link #save}. */
  public static NldModel load(Path dir) throws IOException {
    ModelFolder f = ModelFolder.open(dir, "nld", "NldModel");
    return new NldModel(f.config(NldConfig.class), f.number("features", 0).intValue(), f.weights(),
        f.history(new TypeReference<List<NldEpochRecord>>() {}), f.text("engine"), f.number("restarts", 0).intValue());
  }

  @Override
  public synchronized void close() {
    if (net != null) {
      net.close();
      net = null;
    }
  }
}

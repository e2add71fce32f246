package org.latentdyn.models.dynae;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.data.Standardizer;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.AtomicFiles;
import org.latentdyn.data.io.Npz;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.train.EpochRecord;

/**
 * A fitted DynAE: encoder phi, decoder psi, force f(z) and diagonal diffusion M(z) (spec dynae.md §1). Speaks
 * plain arrays; the native networks are created on first use and released by {@link #close()}. Saved as a
 * directory with {@code config.json}, {@code weights.npz} (exact float32 values), {@code history.json} and
 * {@code provenance.json}; a loaded model encodes bit-identically.
 */
public final class DynaeModel implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  static final String INPUT_MEAN = "inputMean";
  static final String INPUT_SCALE = "inputScale";

  private final DynaeConfig config;
  private final int features;
  private final float[] rep;
  private final float[] prior;
  private final List<EpochRecord> history;
  private final String engine;
  private final Standardizer input;
  private DynaeNetworks net;

  DynaeModel(DynaeConfig config, int features, float[] rep, float[] prior, List<EpochRecord> history, String engine,
      Standardizer input) {
    this.input = input == null ? Standardizer.identity(features) : input;
    this.config = config;
    this.features = features;
    this.rep = rep.clone();
    this.prior = prior.clone();
    this.history = List.copyOf(history);
    this.engine = engine;
  }

  /**
   * The model in the state of a training checkpoint (for monitoring during training, e.g. L_z per epoch).
   */
  public static DynaeModel fromCheckpoint(DynaeConfig config, int features, org.latentdyn.train.Checkpoint checkpoint) {
    return new DynaeModel(config, features, checkpoint.vectors().get("rep"), checkpoint.vectors().get("prior"),
        checkpoint.history(), org.latentdyn.nn.NeuralEngine.describe(), standardizer(checkpoint));
  }

  /** The input standardisation a checkpoint of {@link Dynae#fit} carries (identity when it carries none). */
  static Standardizer standardizer(org.latentdyn.train.Checkpoint checkpoint) {
    float[] mean = checkpoint.vectors().get(INPUT_MEAN);
    Double scale = checkpoint.scalars().get(INPUT_SCALE);
    return mean == null || scale == null ? null : new Standardizer(mean, scale);
  }

  /** The change of units applied to the data before the encoder (identity unless the config standardises). */
  public Standardizer input() {
    return input;
  }

  public DynaeConfig config() {
    return config;
  }

  /** Observed features per frame. */
  public int features() {
    return features;
  }

  public int latentDim() {
    return config.latentDim();
  }

  /** Per-epoch training history. */
  public List<EpochRecord> history() {
    return history;
  }

  /** The engine the model was trained on. */
  public String engine() {
    return engine;
  }

  private synchronized DynaeNetworks net() {
    if (net == null) {
      net = new DynaeNetworks(features, config, rep, prior);
    }
    return net;
  }

  /** z = phi(X) for every frame, {@code [frames, latentDim]}. */
  public Trajectory encode(Trajectory x) {
    if (x.features() != features) {
      throw new IllegalArgumentException("data has " + x.features() + " features, the model expects " + features);
    }
    DynaeNetworks n = net();
    return Trajectory.wrap(n.apply(n.encoder, input.apply(x).view(), x.frames()), x.frames(), latentDim());
  }

  /** psi(z), {@code [frames, features]}. */
  public Trajectory decode(Trajectory z) {
    requireLatent(z);
    DynaeNetworks n = net();
    return input.invert(Trajectory.wrap(n.apply(n.decoder, z.view(), z.frames()), z.frames(), features));
  }

  /** The learned force f(z), {@code [points, latentDim]}. */
  public Trajectory force(Trajectory z) {
    requireLatent(z);
    DynaeNetworks n = net();
    return Trajectory.wrap(n.apply(n.force, z.view(), z.frames()), z.frames(), latentDim());
  }

  /** The learned diagonal diffusion M(z) > 0, {@code [points, latentDim]}. */
  public Trajectory diffusion(Trajectory z) {
    requireLatent(z);
    DynaeNetworks n = net();
    return Trajectory.wrap(n.apply(n.logDiffusion, z.view(), z.frames()), z.frames(), latentDim());
  }

  /** The diagonal of the Jacobian of M, dM_i/dz_i, {@code [points, latentDim]} (paper Eq. 5). */
  public Trajectory diffusionDivergence(Trajectory z) {
    requireLatent(z);
    return Trajectory.wrap(net().diffusionAndDivergence(z.view(), z.frames())[1], z.frames(), latentDim());
  }

  /**
   * The learned force and diffusion as plain-Java fields of an overdamped Langevin equation, to simulate the
   * latent dynamics with the {@code dynamics} package; a new, independent object on every call.
   */
  public LearnedLangevin langevin() {
    return new LearnedLangevin(config, prior);
  }

  private void requireLatent(Trajectory z) {
    if (z.features() != latentDim()) {
      throw new IllegalArgumentException("latent points have " + z.features() + " dimensions, the model has "
          + latentDim());
    }
  }

  /** Writes the model into {@code dir} (created if needed); each file atomically. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    Map<String, NpyArray> w = new LinkedHashMap<>();
    w.put("representation", NpyArray.ofFloats(rep, rep.length));
    w.put("prior", NpyArray.ofFloats(prior, prior.length));
    if (!input.isIdentity()) {
      w.put(INPUT_MEAN, NpyArray.ofFloats(input.mean(), features));
      w.put(INPUT_SCALE, NpyArray.ofFloats(new float[] {(float) input.scale()}, 1));
    }
    Npz.write(dir.resolve("weights.npz"), w);
    AtomicFiles.writeString(dir.resolve("history.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(history));
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("model", "dynae");
    prov.put("features", features);
    prov.put("engine", engine);
    AtomicFiles.writeString(dir.resolve("provenance.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(prov));
  }

  /** Loads a model written by {@link #save}. */
  public static DynaeModel load(Path dir) throws IOException {
    Path cfg = dir.resolve("config.json");
    if (!Files.isRegularFile(cfg)) {
      throw new IllegalArgumentException("model folder " + dir + " has no config.json; expected a folder written by"
          + " 'latentdyn train' (DIR/model)");
    }
    DynaeConfig config = JSON.readValue(cfg.toFile(), DynaeConfig.class);
    Map<String, NpyArray> w = Npz.read(dir.resolve("weights.npz"));
    Map<String, Object> prov = JSON.readValue(dir.resolve("provenance.json").toFile(), new TypeReference<>() {});
    List<EpochRecord> history = JSON.readValue(dir.resolve("history.json").toFile(), new TypeReference<>() {});
    Standardizer input = w.containsKey(INPUT_MEAN) ? new Standardizer(w.get(INPUT_MEAN).toFloatArray(),
        w.get(INPUT_SCALE).toFloatArray()[0]) : null;
    return new DynaeModel(config, ((Number) prov.get("features")).intValue(), w.get("representation").toFloatArray(),
        w.get("prior").toFloatArray(), history, String.valueOf(prov.get("engine")), input);
  }

  @Override
  public synchronized void close() {
    if (net != null) {
      net.close();
      net = null;
    }
  }
}

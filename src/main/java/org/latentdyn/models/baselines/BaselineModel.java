package org.latentdyn.models.baselines;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.AtomicFiles;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.data.io.Npz;
import org.latentdyn.train.EpochRecord;

/**
 * A fitted baseline (beta-VAE, SWAE or SDE-VAE; spec dynae.md §8): encoder and decoder, and for SDE-VAE the
 * learned force. {@link #encode} gives the posterior mean for the stochastic encoders. Speaks plain arrays; the
 * native networks are created on first use and released by {@link #close()}. Saved as a directory with
 * {@code config.json}, {@code weights.npz} (exact float32 values), {@code history.json} and
 * {@code provenance.json} (holding the model name); a loaded model encodes bit-identically.
 */
public final class BaselineModel implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final BaselineConfig config;
  private final int features;
  private final float[] params;
  private final List<EpochRecord> history;
  private final String engine;
  private BaselineNetworks net;

  BaselineModel(BaselineConfig config, int features, float[] params, List<EpochRecord> history, String engine) {
    this.config = config;
    this.features = features;
    this.params = params.clone();
    this.history = List.copyOf(history);
    this.engine = engine;
  }

  public BaselineConfig config() {
    return config;
  }

  /** {@code betavae}, {@code swae} or {@code sdevae}. */
  public String modelName() {
    return config.modelName();
  }

  public int features() {
    return features;
  }

  public int latentDim() {
    return config.latentDim();
  }

  /** Per-epoch training history (regulariser: KL or SW; prior: SDE-VAE's transition minus entropy, else 0). */
  public List<EpochRecord> history() {
    return history;
  }

  /** The engine the model was trained on. */
  public String engine() {
    return engine;
  }

  private synchronized BaselineNetworks net() {
    if (net == null) {
      net = new BaselineNetworks(features, config, params);
    }
    return net;
  }

  /** The latent {@code [frames, latentDim]}: phi(X), the posterior mean for the stochastic encoders. */
  public Trajectory encode(Trajectory x) {
    if (x.features() != features) {
      throw new IllegalArgumentException("data has " + x.features() + " features, the model expects " + features);
    }
    BaselineNetworks n = net();
    return Trajectory.wrap(n.apply(n.encoder, x.view(), x.frames(), latentDim()), x.frames(), latentDim());
  }

  /** psi(z), {@code [frames, features]}. */
  public Trajectory decode(Trajectory z) {
    requireLatent(z);
    BaselineNetworks n = net();
    return Trajectory.wrap(n.apply(n.decoder, z.view(), z.frames(), features), z.frames(), features);
  }

  /** SDE-VAE's learned drift per lag f(z), {@code [points, latentDim]}. */
  public Trajectory force(Trajectory z) {
    requireLatent(z);
    BaselineNetworks n = net();
    if (n.force == null) {
      throw new UnsupportedOperationException("model " + modelName() + " has no force net; only sdevae learns one");
    }
    return Trajectory.wrap(n.apply(n.force, z.view(), z.frames(), latentDim()), z.frames(), latentDim());
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
    w.put("parameters", NpyArray.ofFloats(params, params.length));
    Npz.write(dir.resolve("weights.npz"), w);
    AtomicFiles.writeString(dir.resolve("history.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(history));
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("model", modelName());
    prov.put("features", features);
    prov.put("engine", engine);
    AtomicFiles.writeString(dir.resolve("provenance.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(prov));
  }

  /** Loads a model written by {@link #save}. */
  public static BaselineModel load(Path dir) throws IOException {
    Path cfg = dir.resolve("config.json");
    Path provFile = dir.resolve("provenance.json");
    if (!Files.isRegularFile(cfg) || !Files.isRegularFile(provFile)) {
      throw new IllegalArgumentException("model folder " + dir + " has no config.json and provenance.json; expected"
          + " a folder written by BaselineModel.save");
    }
    Map<String, Object> prov = JSON.readValue(provFile.toFile(), new TypeReference<>() {});
    String name = String.valueOf(prov.get("model"));
    Class<? extends BaselineConfig> type = switch (name) {
      case "betavae" -> BetaVaeConfig.class;
      case "swae" -> SwaeConfig.class;
      case "sdevae" -> SdeVaeConfig.class;
      default -> throw new IllegalArgumentException("model folder " + dir + " holds model '" + name
          + "'; expected betavae, swae or sdevae");
    };
    BaselineConfig config = JSON.readValue(cfg.toFile(), type);
    Map<String, NpyArray> w = Npz.read(dir.resolve("weights.npz"));
    List<EpochRecord> history = JSON.readValue(dir.resolve("history.json").toFile(), new TypeReference<>() {});
    return new BaselineModel(config, ((Number) prov.get("features")).intValue(), w.get("parameters").toFloatArray(),
        history, String.valueOf(prov.get("engine")));
  }

  @Override
  public synchronized void close() {
    if (net != null) {
      net.close();
      net = null;
    }
  }
}

package org.latentdyn.models;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.data.io.AtomicFiles;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.data.io.Npz;

/**
 * The folder a fitted model is saved as: {@code config.json} (the configuration record), {@code weights.npz}
 * (named float arrays, {@code weights} the flat parameter vector), {@code history.json} (per-epoch records) and
 * {@code provenance.json} ({@code model} names the model family; the rest is the family's own). Each file is
 * written atomically; reading checks the family, so loading a folder of another model fails with a clear message.
 */
public final class ModelFolder {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path dir;
  private final Map<String, Object> provenance;

  private ModelFolder(Path dir, Map<String, Object> provenance) {
    this.dir = dir;
    this.provenance = provenance;
  }

  /**
   * Writes a model folder ({@code dir} is created if needed).
   *
   * @param family the model family, stored as {@code provenance.model}
   * @param weights named arrays; must include {@code weights}
   * @param provenance further provenance entries, in order
   */
  public static void write(Path dir, String family, Object config, Map<String, NpyArray> weights, Object history,
      Map<String, Object> provenance) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    Npz.write(dir.resolve("weights.npz"), weights);
    AtomicFiles.writeString(dir.resolve("history.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(history));
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("model", family);
    prov.putAll(provenance);
    AtomicFiles.writeString(dir.resolve("provenance.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(prov));
  }

  /** The flat parameter vector as an npz entry. */
  public static Map<String, NpyArray> weights(float[] weights) {
    Map<String, NpyArray> w = new LinkedHashMap<>();
    w.put("weights", NpyArray.ofFloats(weights, weights.length));
    return w;
  }

  /**
   * Opens a folder written by {@link #write} for {@code family}.
   *
   * @param writer the class whose {@code save} writes such folders, for the message
   */
  public static ModelFolder open(Path dir, String family, String writer) throws IOException {
    if (!Files.isRegularFile(dir.resolve("config.json")) || !Files.isRegularFile(dir.resolve("provenance.json"))) {
      throw new IllegalArgumentException("model folder " + dir + " has no config.json and provenance.json; expected a"
          + " folder written by " + writer + ".save");
    }
    Map<String, Object> prov = JSON.readValue(dir.resolve("provenance.json").toFile(), new TypeReference<>() {});
    if (!family.equals(prov.get("model"))) {
      throw new IllegalArgumentException("model folder " + dir + " holds model '" + prov.get("model") + "', expected '"
          + family + "'");
    }
    return new ModelFolder(dir, prov);
  }

  /** The configuration record. */
  public <T> T config(Class<T> type) throws IOException {
    return JSON.readValue(dir.resolve("config.json").toFile(), type);
  }

  /** The flat parameter vector. */
  public float[] weights() throws IOException {
    return array("weights");
  }

  /** A named array of {@code weights.npz}. */
  public float[] array(String name) throws IOException {
    NpyArray a = Npz.read(dir.resolve("weights.npz")).get(name);
    if (a == null) {
      throw new IllegalArgumentException("model folder " + dir + ": weights.npz has no array '" + name + "'");
    }
    return a.toFloatArray();
  }

  /** The history, e.g. {@code new TypeReference<List<NldEpochRecord>>() {}}. */
  public <T> T history(TypeReference<T> type) throws IOException {
    return JSON.readValue(dir.resolve("history.json").toFile(), type);
  }

  /** A provenance number, or {@code fallback} when absent. */
  public Number number(String key, Number fallback) {
    Object v = provenance.get(key);
    return v instanceof Number n ? n : fallback;
  }

  /** A provenance entry as text ("null" when absent). */
  public String text(String key) {
    return String.valueOf(provenance.get(key));
  }
}

package org.latentdyn.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.data.io.AtomicFiles;
import org.latentdyn.data.io.Npz;
import org.latentdyn.data.io.DType;
import org.latentdyn.data.io.NpyArray;

/**
 * Checkpoints in a folder: {@code state.npz} (float vectors, exact) and {@code state.json} (epoch, scalars,
 * history, and a description of the run that a resume must match). The JSON is written last, so a crash
 * between the two writes is detected on resume (the vectors then belong to a later epoch than the JSON says);
 * each file is replaced atomically.
 */
public final class CheckpointStore {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path dir;

  public CheckpointStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Whether a checkpoint exists here. */
  public boolean exists() {
    return Files.isRegularFile(dir.resolve("state.json")) && Files.isRegularFile(dir.resolve("state.npz"));
  }

  /** Writes {@code cp} with the run description {@code run} (config and data, compared on resume). */
  public void write(Checkpoint cp, Map<String, Object> run) throws IOException {
    Files.createDirectories(dir);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    cp.vectors().forEach((k, v) -> arrays.put(k, NpyArray.ofFloats(v, v.length)));
    cp.doubles().forEach((k, v) -> arrays.put(k, NpyArray.ofDoubles(v, v.length)));
    Npz.write(dir.resolve("state.npz"), arrays);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("nextEpoch", cp.nextEpoch());
    meta.put("scalars", cp.scalars());
    meta.put("history", cp.history());
    meta.put("run", run);
    AtomicFiles.writeString(dir.resolve("state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
  }

  /** The run description stored with the checkpoint. */
  public Map<String, Object> run() throws IOException {
    Map<String, Object> meta = JSON.readValue(dir.resolve("state.json").toFile(), new TypeReference<>() {});
    @SuppressWarnings("unchecked")
    Map<String, Object> run = (Map<String, Object>) meta.get("run");
    return run;
  }

  /** {@code description} as it reads back from a checkpoint's JSON, so that it compares equal with {@link #run()}. */
  public static Map<String, Object> normalised(Map<String, ?> description) throws IOException {
    return JSON.readValue(JSON.writeValueAsString(description), new TypeReference<Map<String, Object>>() {});
  }

  /** The checkpoint here when there is one of a run described as {@code description} (normalised), else null. */
  public Checkpoint readIfOf(Map<String, Object> description) throws IOException {
    return exists() && description.equals(run()) ? read() : null;
  }

  /** A listener that writes every checkpoint it is handed (skipping nulls) here, with {@code description}. */
  public TrainingListener writer(Map<String, Object> description) {
    return new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r, Checkpoint c) {
        if (c == null) {
          return;
        }
        try {
          write(c, description);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException("cannot write checkpoint to " + dir, e);
        }
      }
    };
  }

  /** Reads the checkpoint. */
  public Checkpoint read() throws IOException {
    if (!exists()) {
      throw new IllegalArgumentException("no checkpoint in " + dir + "; expected state.json and state.npz written by"
          + " an interrupted 'latentdyn train'");
    }
    Map<String, Object> meta = JSON.readValue(dir.resolve("state.json").toFile(), new TypeReference<>() {});
    Map<String, float[]> vectors = new LinkedHashMap<>();
    Map<String, double[]> doubles = new LinkedHashMap<>();
    Npz.read(dir.resolve("state.npz")).forEach((k, v) -> {
      if (v.dtype() == DType.FLOAT64) {
        doubles.put(k, v.toDoubleArray());
      } else {
        vectors.put(k, v.toFloatArray());
      }
    });
    Map<String, Double> scalars = JSON.convertValue(meta.get("scalars"), new TypeReference<>() {});
    List<EpochRecord> history = JSON.convertValue(meta.get("history"), new TypeReference<>() {});
    return new Checkpoint(((Number) meta.get("nextEpoch")).intValue(), vectors, scalars, history, doubles);
  }
}

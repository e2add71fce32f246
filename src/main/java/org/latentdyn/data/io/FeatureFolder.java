package org.latentdyn.data.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;

/**
 * A folder of features as {@code latentdyn featurize} writes it: {@code features.npy} (float32
 * {@code [frames, features]}, the frames of every input file in order) and {@code trajectories.json}, the frame
 * range of each input file, so that lagged pairs never cross from one file to the next:
 * <pre>
 *   {"trajectories": [{"file": "a.xtc", "firstFrame": 0, "frames": 60000}, ...]}
 * </pre>
 * Without {@code trajectories.json} the features form one trajectory.
 */
public final class FeatureFolder {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The features file of a folder. */
  public static final String FEATURES = "features.npy";
  /** The frame ranges of a folder. */
  public static final String TRAJECTORIES = "trajectories.json";

  private FeatureFolder() {}

  /**
   * The frame range of one input file within {@code features.npy}.
   *
   * @param file the file's path as given
   * @param firstFrame index of its first frame in the concatenation
   * @param frames its number of frames
   */
  public record Range(String file, int firstFrame, int frames) {
    public Range {
      if (firstFrame < 0 || frames < 1) {
        throw new IllegalArgumentException("trajectory range of " + file + " must have firstFrame >= 0 and frames"
            + " >= 1, got " + firstFrame + " and " + frames);
      }
    }
  }

  /** True when {@code path} is a folder holding {@code features.npy}. */
  public static boolean is(Path path) {
    return Files.isDirectory(path) && Files.isRegularFile(path.resolve(FEATURES));
  }

  /** The dataset of a folder: one trajectory per range of {@code trajectories.json}, named by its file. */
  public static Dataset read(Path dir) throws IOException {
    if (!is(dir)) {
      throw new IllegalArgumentException(dir + " holds no " + FEATURES + "; expected a folder written by"
          + " 'latentdyn featurize'");
    }
    Trajectory all = Npy.readTrajectory(dir.resolve(FEATURES));
    List<Range> ranges = ranges(dir, all.frames());
    List<Trajectory> parts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Range r : ranges) {
      parts.add(all.slice(r.firstFrame(), r.firstFrame() + r.frames()));
      names.add(r.file());
    }
    return Dataset.of(parts, names);
  }

  /**
   * The ranges of {@code trajectories.json} (one range over all frames without it), checked to tile
   * {@code [0, frames)} in order.
   */
  public static List<Range> ranges(Path dir, int frames) throws IOException {
    Path json = dir.resolve(TRAJECTORIES);
    if (!Files.isRegularFile(json)) {
      return List.of(new Range(dir.resolve(FEATURES).toString(), 0, frames));
    }
    Map<?, ?> root = JSON.readValue(json.toFile(), Map.class);
    Object list = root.get("trajectories");
    if (!(list instanceof List<?> items) || items.isEmpty()) {
      throw new IllegalArgumentException(json + ": expected {\"trajectories\": [{\"file\", \"firstFrame\", \"frames\"},"
          + " ...]}");
    }
    List<Range> out = new ArrayList<>();
    int next = 0;
    for (Object o : items) {
      Range r = JSON.convertValue(o, Range.class);
      if (r.firstFrame() != next) {
        throw new IllegalArgumentException(json + ": trajectory " + r.file() + " starts at frame " + r.firstFrame()
            + "; expected " + next + " (ranges must tile the features in order)");
      }
      next += r.frames();
      out.add(r);
    }
    if (next != frames) {
      throw new IllegalArgumentException(json + ": ranges cover " + next + " frames, " + FEATURES + " has " + frames);
    }
    return out;
  }

  /** Writes {@code trajectories.json} for {@code ranges} into {@code dir} (atomically). */
  public static void writeRanges(Path dir, List<Range> ranges) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("trajectories", ranges);
    AtomicFiles.writeString(dir.resolve(TRAJECTORIES), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  /** A dataset from {@code spec}: a featurised folder, or one array file as {@link ArrayFiles} reads it. */
  public static Dataset readDataset(String spec) throws IOException {
    Path p = Path.of(spec);
    if (Files.isDirectory(p)) {
      return read(p);
    }
    return Dataset.of(ArrayFiles.readTrajectory(spec));
  }
}

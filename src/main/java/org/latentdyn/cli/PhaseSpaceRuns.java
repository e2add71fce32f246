package org.latentdyn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.mechanics.HamiltonianSystem;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.workflow.VinEvaluation;

/** Reading phase-space arrays {@code [N, T, 2d]} and finding the system of a run from the {@code run.json} files. */
final class PhaseSpaceRuns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PhaseSpaceRuns() {}

  /** A checked array: rank 3 {@code [N, T, 2d]}, finite; the option name and path appear in every error. */
  static PhaseSpaceArray read(String option, String spec, NpyArray a) {
    int[] s = a.shape();
    if (s.length != 3 || s[0] < 1 || s[1] < 1 || s[2] < 2 || s[2] % 2 != 0) {
      throw new IllegalArgumentException(option + " " + spec + " has shape " + Arrays.toString(s)
          + "; expected [trajectories, frames, 2d] phase-space states (q then p)");
    }
    return new PhaseSpaceArray(s[0], s[1], s[2], finite(option, spec, a));
  }

  /** The values as doubles, with a one-line error naming the first non-finite one. */
  static double[] finite(String option, String spec, NpyArray a) {
    double[] v = a.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(option + " " + spec + " holds a non-finite value " + v[i] + " at flat index "
            + i + "; expected finite numbers");
      }
    }
    return v;
  }

  /**
   * The system of a {@code simulate pendulum|mass-spring} data file, from the {@code run.json} beside it; null if
   * there is none or it is not such a run.
   */
  static HamiltonianSystem systemOfData(String dataSpec) {
    if (dataSpec == null) {
      return null;
    }
    try {
      Path file = ArrayFiles.parse(dataSpec).file().toAbsolutePath();
      Path run = file.getParent() == null ? null : file.getParent().resolve("run.json");
      if (run == null || !Files.isRegularFile(run)) {
        return null;
      }
      JsonNode p = JSON.readTree(run.toFile()).path("parameters");
      String name = p.path("system").asText(null);
      if (name == null || !(name.equals("pendulum") || name.equals("mass-spring"))) {
        return null;
      }
      Map<String, Double> constants = new LinkedHashMap<>();
      p.path("constants").fields().forEachRemaining(e -> constants.put(e.getKey(), e.getValue().asDouble()));
      return VinEvaluation.system(name, constants);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The system of the data a model was trained on: {@code model/../run.json} names the data. Null if unknown. */
  static HamiltonianSystem systemOfModel(Path modelDir) {
    try {
      Path run = modelDir.toAbsolutePath().normalize().getParent().resolve("run.json");
      if (!Files.isRegularFile(run)) {
        return null;
      }
      JsonNode data = JSON.readTree(run.toFile()).path("inputs").path("data");
      String path = data.isTextual() ? data.asText() : data.path("path").asText(null);
      return systemOfData(path);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

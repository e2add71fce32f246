package org.latentdyn.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code run.json} of every output folder: the command and its arguments, all parameters, the seed,
 * versions, a description of the inputs and of the arrays written, and timing. Enough to repeat the run.
 *
 * @param command the sub-command, e.g. {@code simulate three-well}
 * @param arguments the command-line arguments as given
 * @param parameters every parameter value in effect, defaults included
 * @param seed the seed of the run's random streams
 * @param versions project and runtime versions ({@link Provenance#versions()})
 * @param inputs description of each input (path, shape, ...)
 * @param outputs description of each array written (file name to shape, dtype, meaning)
 * @param started start time, ISO-8601
 * @param seconds wall-clock seconds of the run
 */
public record RunRecord(String command, List<String> arguments, Map<String, Object> parameters, long seed,
    Map<String, Object> versions, Map<String, Object> inputs, Map<String, Object> outputs, String started,
    double seconds) {

  /** A mutable helper that collects the parts of a run record while the run proceeds. */
  public static final class Builder {
    private final String command;
    private final List<String> arguments;
    private final long seed;
    private final Instant start = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();

    public Builder(String command, List<String> arguments, long seed) {
      this.command = command;
      this.arguments = List.copyOf(arguments);
      this.seed = seed;
    }

    public Builder parameter(String name, Object value) {
      parameters.put(name, value);
      return this;
    }

    public Builder parameters(Map<String, ?> values) {
      parameters.putAll(values);
      return this;
    }

    public Builder input(String name, Object description) {
      inputs.put(name, description);
      return this;
    }

    public Builder output(String file, Object description) {
      outputs.put(file, description);
      return this;
    }

    /** The record as of now. */
    public RunRecord build() {
      return new RunRecord(command, arguments, new LinkedHashMap<>(parameters), seed, Provenance.versions(), new LinkedHashMap<>(inputs), new LinkedHashMap<>(outputs), start.toString(),
          (System.nanoTime() - startNanos) / 1e9);
    }
  }
}

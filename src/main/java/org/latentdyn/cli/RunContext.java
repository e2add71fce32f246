package org.latentdyn.cli;

import java.util.List;
import org.latentdyn.report.RunRecord;
import picocli.CommandLine;

/** Small helpers shared by the commands: the run record of the current invocation. */
final class RunContext {
  private RunContext() {}

  /** A run-record builder named after the invoked (sub)command, with the original arguments. */
  static RunRecord.Builder record(CommandLine.Model.CommandSpec spec, String command, long seed) {
    List<String> args = spec.commandLine().getParseResult() == null ? List.of()
        : spec.commandLine().getParseResult().originalArgs();
    return new RunRecord.Builder(command, args, seed);
  }
}

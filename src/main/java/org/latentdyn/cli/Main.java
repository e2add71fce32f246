package org.latentdyn.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.latentdyn.report.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code latentdyn} command line. A thin shell: options become config records, the work happens in the
 * library, every run writes its outputs and {@code run.json} to a folder.
 *
 * <p>Exit codes: 0 success, 1 run failure (I/O, divergence), 2 bad input (usage, values, files).
 */
@Command(name = "latentdyn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Learn meaningful low-dimensional representations of time series by constraining latent dynamics.",
    subcommands = {SimulateCommand.class, TrainCommand.class, EncodeCommand.class, EvaluateCommand.class,
        CompareCommand.class, ForecastCommand.class, FeaturizeCommand.class, KineticsCommand.class,
        AnalyzeCommand.class, DemoCommand.class, BenchCommand.class, ImportNldCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Bad input: usage error, invalid value, missing or malformed file. */
  public static final int EXIT_BAD_INPUT = 2;
  /** The run itself failed. */
  public static final int EXIT_FAILURE = 1;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.setProperty("ai.djl.offline", "true");
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The configured picocli command line. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("error: " + ex.getMessage());
      err.println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return EXIT_BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
      if (cause instanceof IllegalArgumentException) {
        err.println("error: " + cause.getMessage());
        return EXIT_BAD_INPUT;
      }
      if (cause instanceof org.latentdyn.data.io.MalformedFileException) {
        err.println("error: " + cause.getMessage());
        return EXIT_BAD_INPUT;
      }
      if (cause instanceof NoSuchFileException n) {
        err.println("error: " + (n.getReason() != null ? n.getReason() : "file " + n.getFile() + " does not exist"));
        return EXIT_BAD_INPUT;
      }
      err.println("error: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
      return EXIT_FAILURE;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the project and runtime versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"latentdyn " + Provenance.version(),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
              + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
  }
}

package org.latentdyn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.report.Json;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.workflow.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn bench}: timings of the hot paths, the figures quoted in issue notes. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time the hot paths: simulation, regular-space clustering, Voronoi assignment, L_z, npy I/O, model"
        + " training steps; 'conv': seconds per step and per epoch of the conv DynAE at batch 256 with a profile"
        + " (encoder and decoder forward, forward + backward, the rest).")
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--cases", split = ",", description = "comma-separated subset of: simulate, cluster, assign,"
      + " evaluate, npy, train, baselines, nld, nld-flow, vin, conv (default: all)")
  List<String> cases;

  @Option(names = "--conv-filters", split = ",", description = "conv case: channels of the strided convolutions"
      + " (default: the paper's 32,32,64,64)")
  List<Integer> convFilters;

  @Option(names = "--conv-width", description = "conv case: bottleneck width (default: 256)")
  Integer convWidth;

  @Option(names = "--repeats", defaultValue = "5", description = "measured runs per case; conv: measured steps after one"
      + " warm-up step (default: ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--warmup", defaultValue = "2", description = "unmeasured runs per case (conv: not used) (default:"
      + " ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--scale", defaultValue = "1", description = "input-size factor; 1 = 200,000 frames and 10^6 points"
      + " (default: ${DEFAULT-VALUE})")
  double scale;

  @Option(names = "--json", description = "print the results as one JSON object")
  boolean json;

  @Option(names = "--out", description = "also write bench.json, bench.md and run.json here")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<String> names = cases == null ? Benchmarks.names() : cases;
    ConvOptions d = ConvOptions.defaults();
    ConvOptions conv = new ConvOptions(convFilters == null ? d.filters() : convFilters,
        convWidth == null ? d.width() : convWidth);
    List<Benchmarks.Case> results = Benchmarks.run(names, repeats, warmup, scale, conv);
    List<List<String>> rows = new ArrayList<>();
    rows.add(Arrays.asList("case", "input", "min s", "median s", "peak heap MiB", "outcome"));
    for (Benchmarks.Case c : results) {
      rows.add(List.of(c.name(), c.size(), Tables.num(c.minSeconds()), Tables.num(c.medianSeconds()),
          Tables.num(c.peakHeapMiB()), c.outcome()));
    }
    String table = "latentdyn bench (" + repeats + " runs after " + warmup + " warm-up, "
        + Runtime.getRuntime().availableProcessors() + " cores)\n" + Tables.markdown(rows);
    var o = spec.commandLine().getOut();
    o.print(json ? Json.write(java.util.Map.of("cases", results)) + "\n" : table);
    if (out != null) {
      try (RunFolder folder = RunFolder.open(out)) {
        folder.writeJson("bench.json", results);
        folder.writeText("bench.md", table);
        folder.writeJson("run.json", RunContext.record(spec, "bench", 0).parameter("cases", names)
            .parameter("repeats", repeats).parameter("warmup", warmup).parameter("scale", scale)
            .parameter("conv", conv).build());
        folder.commit();
      }
    }
    return 0;
  }
}

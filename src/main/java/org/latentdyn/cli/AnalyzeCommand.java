package org.latentdyn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.models.nld.NldModel;
import org.latentdyn.report.Figures;
import org.latentdyn.report.NldFigures;
import org.latentdyn.report.HtmlReport;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.wells.WellAnalysis;
import org.latentdyn.workflow.NldAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn analyze}: wells, occupancies and segmentation of a trained NLD model (spec nld.md §10). */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Analyse a trained Neural Langevin Dynamics model: GHMC samples of exp(-beta E) from posterior"
        + " codes, gradient flow, k-means wells, refined minima with Hessians, 0th- and 2nd-order occupancies and"
        + " their l1 to uniform, and the segmentation of the sequences by the nearest well. Writes A/analysis.json,"
        + " A/analysis.md, A/labels.npy, a figure, A/index.html and A/run.json.")
final class AnalyzeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "NLD model folder (RUN/model of 'train --model nld-*')")
  Path model;

  @Option(names = "--data", required = true, description = "sequences [sequences, frames, features]")
  String data;

  @Option(names = "--states", required = true, description = "true states [sequences, frames], 0..2")
  String states;

  @Option(names = "--sequences", defaultValue = "500", description = "first sequences encoded and segmented (default:"
      + " ${DEFAULT-VALUE}; each frame is flowed down the energy, so time grows with sequences x frames)")
  int sequences;

  @Option(names = "--samples", defaultValue = "1000", description = "GHMC chains (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Override
  public Integer call() throws Exception {
    NldAnalysis.Options options = new NldAnalysis.Options(sequences, samples, 3, seed);
    NpyArray x = ArrayFiles.readArray(data);
    NpyArray s = ArrayFiles.readArray(states);
    if (x.rank() != 3) {
      throw new IllegalArgumentException("--data " + data + " has shape " + java.util.Arrays.toString(x.shape())
          + "; expected [sequences, frames, features]");
    }
    if (s.rank() != 2 || s.dim(0) != x.dim(0) || s.dim(1) != x.dim(1)) {
      throw new IllegalArgumentException("--states " + states + " has shape " + java.util.Arrays.toString(s.shape())
          + "; expected [" + x.dim(0) + ", " + x.dim(1) + "] like --data");
    }
    int[] st = s.toIntArray();
    for (int i = 0; i < st.length; i++) {
      if (st[i] < 0 || st[i] > 2) {
        throw new IllegalArgumentException("--states " + states + " holds " + st[i] + " at index " + i
            + "; expected states 0, 1 or 2");
      }
    }
    RunRecord.Builder record = RunContext.record(spec, "analyze", seed).parameter("options", options)
        .input("model", model.toString()).input("data", Map.of("path", data, "shape", x.shape()))
        .input("states", states);
    NldAnalysis.Result r;
    try (NldModel m = NldModel.load(model); RunFolder folder = RunFolder.open(out)) {
      r = NldAnalysis.run(m, x.toFloatArray(), x.shape(), st, options);
      WellAnalysis.Wells w = r.wells();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("wellsFound", w.wellsFound());
      json.put("success", w.success());
      json.put("separationRatio", w.separationRatio());
      json.put("beta", r.beta());
      json.put("c", r.c());
      List<Map<String, Object>> minima = new ArrayList<>();
      for (WellAnalysis.Minimum mi : w.minima()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("position", mi.position());
        e.put("energy", mi.energy());
        e.put("gradientNorm", mi.gradientNorm());
        e.put("hessianEigenvalues", mi.hessianEigenvalues());
        minima.add(e);
      }
      json.put("minima", minima);
      Map<String, Object> occupancy = new LinkedHashMap<>();
      occupancy.put("sampled", w.sampled());
      occupancy.put("zeroth", w.zerothOrder());
      occupancy.put("second", w.secondOrder());
      json.put("occupancy", occupancy);
      Map<String, Object> l1 = new LinkedHashMap<>();
      l1.put("sampled", finite(w.l1Sampled()));
      l1.put("zeroth", finite(w.l1Zeroth()));
      l1.put("second", finite(w.l1Second()));
      json.put("l1", l1);
      Map<String, Object> seg = new LinkedHashMap<>();
      seg.put("accuracy", r.segmentation().meanAccuracy());
      seg.put("accuracySd", finite(r.segmentation().sdAccuracy()));
      seg.put("permutation", r.segmentation().permutation());
      seg.put("sequences", r.sequences());
      json.put("segmentation", seg);
      Map<String, Object> prior = new LinkedHashMap<>();
      prior.put("paths", r.prior().paths());
      prior.put("frames", r.prior().length());
      prior.put("meanDwellFrames", finite(r.prior().meanDwell()));
      prior.put("chainMeanDwellFrames", CHAIN_DWELL);
      prior.put("occupancy", r.prior().occupancy());
      json.put("prior", prior);
      json.put("ghmcAcceptance", r.acceptanceRate());
      json.put("seconds", r.seconds());
      folder.writeJson("analysis.json", json);
      folder.writeArray("labels.npy", NpyArray.ofInts(r.segmentation().labels(), r.sequences(), r.length()));
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("quantity", "value"));
      rows.add(List.of("wells found", Integer.toString(w.wellsFound())));
      rows.add(List.of("success (separation ratio < 0.01)", w.success() + " (" + Tables.num(w.separationRatio())
          + ")"));
      rows.add(List.of("beta, c", Tables.num(r.beta()) + ", " + Tables.num(r.c())));
      rows.add(List.of("l1 sampled / 0th / 2nd order", Tables.num(w.l1Sampled()) + " / " + Tables.num(w.l1Zeroth())
          + " / " + Tables.num(w.l1Second())));
      rows.add(List.of("segmentation accuracy (mean +- sd over sequences)", Tables.num(r.segmentation()
          .meanAccuracy()) + " +- " + Tables.num(r.segmentation().sdAccuracy())));
      rows.add(List.of("prior: mean dwell in a well (frames; the chain's " + Tables.num(CHAIN_DWELL) + ")",
          Tables.num(r.prior().meanDwell())));
      rows.add(List.of("seconds", Tables.num(r.seconds())));
      folder.writeText("analysis.md", Tables.markdown(rows));
      HtmlReport html = new HtmlReport("latentdyn: NLD analysis");
      html.heading("Wells, occupancies, segmentation").table(rows);
      int d = m.latentDim();
      if (d >= 2) {
        double[] fx = new double[w.labels().length];
        double[] fy = new double[fx.length];
        double[] lab = new double[fx.length];
        for (int i = 0; i < fx.length; i++) {
          fx[i] = w.flowed()[i * d];
          fy[i] = w.flowed()[i * d + 1];
          lab[i] = w.labels()[i];
        }
        folder.writePng("flowed_samples.png", Figures.colouredScatter("GHMC samples after gradient flow, by well",
            "z0", "z1", "well", fx, fy, lab, 3, false, 6));
        html.figure("flowed_samples.png", "Samples of exp(-beta E) flowed to their wells (first two latent axes)");
      }
      if (r.plane() != null) {
        folder.writeBytes("energy_plane.png", NldFigures.energyPlane(r.plane(), "Learned energy on the principal"
            + " plane of the flowed samples"));
        html.figure("energy_plane.png", "E on the plane of the first two principal components of the flowed GHMC"
            + " samples (spec 10.6), 500 x 500 grid; white crosses: the refined minima");
      }
      folder.writePng("prior_paths.png", NldFigures.priorPaths(r.prior(), d, 3, CHAIN_DWELL));
      html.figure("prior_paths.png", "Paths of the learned prior from p(z0), coloured by the well each position"
          + " flows to. They start where p(z0) sits, in the first state's well, as the chain starts in state 0, so"
          + " their occupancy favours that well like the data's (0.351 over 500 frames)");
      folder.writeBytes("occupancy.png", NldFigures.occupancy(w.sampled(), w.zerothOrder(), w.secondOrder(),
          r.prior().occupancy()));
      html.figure("occupancy.png", "Occupancy of each well: GHMC samples, 0th- and 2nd-order estimates, prior"
          + " paths; the chain's stationary law is uniform");
      folder.writePng("labels_vs_truth.png", NldFigures.labelsAgainstTruth(r.segmentation().labels(),
          r.segmentation().permutation(), st, 0, r.length()));
      html.figure("labels_vs_truth.png", "The first test sequence: nearest-well labels under the best permutation"
          + " against the true states");
      for (String f : List.of("analysis.json", "analysis.md", "labels.npy", "run.json")) {
        html.file(f, "");
      }
      folder.writeText("index.html", html.render());
      folder.writeJson("run.json", record.build());
      folder.commit();
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "%d wells (success %s), l1 2nd order %s, segmentation accuracy %s"
        + " +- %s over %d sequences, %.1f s%nwrote %s%n", r.wells().wellsFound(), r.wells().success(),
        Tables.num(r.wells().l1Second()), Tables.num(r.segmentation().meanAccuracy()),
        Tables.num(r.segmentation().sdAccuracy()), r.sequences(), r.seconds(), out);
    return 0;
  }

  /** Mean dwell time of the benchmark chain, in frames: 1 / (1 - 0.95) (spec nld.md §9). */
  static final double CHAIN_DWELL = 1 / (1 - org.latentdyn.dynamics.MarkovChainBenchmark.STAY);

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}

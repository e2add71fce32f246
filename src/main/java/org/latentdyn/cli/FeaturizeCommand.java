package org.latentdyn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentdyn.data.io.FeatureFolder;
import org.latentdyn.md.Atom;
import org.latentdyn.md.PdbWriter;
import org.latentdyn.md.Topology;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.workflow.Featurize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn featurize}: molecular-dynamics trajectories to the features a model learns from. */
@Command(name = "featurize", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Read MD trajectories (DCD, XTC, multi-model PDB, XYZ, or npy/csv [frames, 3 x atoms] in nm) of one"
        + " topology, select atoms, superpose every frame on a reference (Kabsch) and write DIR/features.npy"
        + " (float32, nm), DIR/atoms.json, DIR/dihedrals.npy (phi, psi, ... in radians, when the topology has a"
        + " backbone), DIR/trajectories.json (frame range per file), DIR/topology.pdb (the selected atoms at the"
        + " reference) and DIR/run.json. Frames are streamed: memory does not grow with the trajectory length.")
final class FeaturizeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--topology", required = true, description = "PDB file of the system (atom names, residues)")
  Path topology;

  @Option(names = "--traj", required = true, description = "trajectory file; repeat for several (read in order,"
      + " each its own trajectory)")
  List<Path> trajectories;

  @Option(names = "--select", defaultValue = "heavy", description = "atoms: heavy, backbone, all, 'name CA,CB',"
      + " 'index 0,4-8' (default: ${DEFAULT-VALUE})")
  String selection;

  @Option(names = "--align", defaultValue = "first", description = "reference of the superposition: first (frame),"
      + " none, or a PDB file (default: ${DEFAULT-VALUE})")
  String align;

  @Option(names = "--remove-mean", description = "subtract the mean over all frames from every feature")
  boolean removeMean;

  @Option(names = "--features", defaultValue = "COORDINATES", description = "COORDINATES (aligned x, y, z),"
      + " DISTANCES (pairwise) or DIHEDRALS (sin, cos of backbone torsions) (default: ${DEFAULT-VALUE})")
  Featurize.Features features;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Override
  public Integer call() throws Exception {
    Featurize.Options options = new Featurize.Options(selection, align, removeMean, features);
    RunRecord.Builder record = RunContext.record(spec, "featurize", 0).parameter("options", options)
        .input("topology", topology.toString()).input("trajectories", trajectories.stream().map(Path::toString)
            .toList());
    Featurize.Result r;
    try (RunFolder folder = RunFolder.open(out)) {
      r = Featurize.run(topology, trajectories, options, folder::path);
      FeatureFolder.writeRanges(folder.path(FeatureFolder.TRAJECTORIES).getParent(), r.ranges());
      List<Map<String, Object>> atoms = new ArrayList<>();
      for (int k = 0; k < r.atoms().length; k++) {
        Atom a = r.selected().atom(k);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", k);
        m.put("index", r.atoms()[k]);
        m.put("name", a.name());
        m.put("residue", a.residueName());
        m.put("residueSeq", a.residueSeq());
        m.put("element", a.element());
        atoms.add(m);
      }
      Map<String, Object> atomsJson = new LinkedHashMap<>();
      atomsJson.put("selection", selection);
      atomsJson.put("atoms", atoms);
      List<Map<String, Object>> torsions = new ArrayList<>();
      for (Topology.Dihedral t : r.torsions()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("angle", t.angle());
        m.put("residue", t.residue());
        m.put("atoms", new int[] {t.a(), t.b(), t.c(), t.d()});
        torsions.add(m);
      }
      atomsJson.put("dihedrals", torsions);
      folder.writeJson("atoms.json", atomsJson);
      PdbWriter.write(folder.path("topology.pdb"), r.selected(), List.of(r.reference()));
      record.output("features.npy", Map.of("shape", new long[] {r.frames(), r.columns()}, "units", features
          == Featurize.Features.DIHEDRALS ? "sin, cos" : "nm"));
      if (!r.torsions().isEmpty()) {
        record.output("dihedrals.npy", Map.of("shape", new long[] {r.frames(), r.torsions().size()}, "columns",
            r.torsions().stream().map(t -> t.angle() + " " + t.residue()).toList(), "units", "radians"));
      }
      record.parameter("frames", r.frames()).parameter("seconds", r.seconds())
          .parameter("meanRmsdToReferenceNm", r.meanRmsd());
      folder.writeJson("run.json", record.build());
      folder.commit();
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "featurized %d frames of %d file(s) into %d features (%d atoms)"
        + " in %.1f s%s: %s%n", r.frames(), r.ranges().size(), r.columns(), r.atoms().length, r.seconds(),
        Double.isNaN(r.meanRmsd()) ? "" : String.format(Locale.ROOT, ", mean RMSD to the reference %.4f nm",
            r.meanRmsd()), out);
    return 0;
  }
}

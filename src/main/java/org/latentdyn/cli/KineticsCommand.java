package org.latentdyn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.FeatureFolder;
import org.latentdyn.md.PdbReader;
import org.latentdyn.md.PdbWriter;
import org.latentdyn.md.Topology;
import org.latentdyn.models.dynae.DynaeModel;
import org.latentdyn.report.HtmlReport;
import org.latentdyn.report.KineticsReport;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.workflow.Kinetics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn kinetics}: MSM and latent-SDE kinetics of a trained DynAE against the data's. */
@Command(name = "kinetics", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Markov state model of the learned latent (implied timescales, rates between metastable states),"
        + " the same on the torsions, transitions counted in the data, and a long simulation of the learned latent"
        + " Langevin equation with its rates; decoded SDE frames as a multi-model PDB. Writes KDIR/kinetics.json,"
        + " kinetics.md, figures, index.html and run.json.")
final class KineticsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "DynAE model folder (DIR/model of 'train')")
  Path model;

  @Option(names = "--data", required = true, description = "the features the model was trained on (a 'featurize'"
      + " folder or an array file)")
  String data;

  @Option(names = "--truth-angles", description = "phi and psi per frame [frames, 2] in radians (default: the"
      + " folder's dihedrals.npy when --data is a featurize folder)")
  String truthAngles;

  @Option(names = "--lag", defaultValue = "10", description = "MSM lag in frames (default: ${DEFAULT-VALUE})")
  int lag;

  @Option(names = "--microstates", defaultValue = "100", description = "k-means microstates (default:"
      + " ${DEFAULT-VALUE})")
  int microstates;

  @Option(names = "--sde-frames", defaultValue = "200000", description = "frames of the latent SDE simulation"
      + " (default: ${DEFAULT-VALUE})")
  int sdeFrames;

  @Option(names = "--substeps", defaultValue = "10", description = "Euler-Maruyama steps per frame (default:"
      + " ${DEFAULT-VALUE})")
  int substeps;

  @Option(names = "--agreement", defaultValue = "1.0", description = "fraction of the 10 nearest data points that"
      + " must share a state for a simulated frame to count in that state's core (default: ${DEFAULT-VALUE})")
  double agreement;

  @Option(names = "--samples", defaultValue = "20", description = "simulated frames decoded into decoded_sde.pdb"
      + " (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Override
  public Integer call() throws Exception {
    Kinetics.Options options = Kinetics.Options.defaults(seed).withLag(lag).withMicrostates(microstates)
        .withSdeFrames(sdeFrames).withSubsteps(substeps).withAgreement(agreement);
    if (!EncodeCommand.isDynae(model)) {
      throw new IllegalArgumentException("--model " + model + " is not a DynAE model; kinetics needs the learned"
          + " force and diffusion of 'train --model dynae'");
    }
    Dataset dataset = FeatureFolder.readDataset(data);
    Path folderData = Path.of(data);
    String anglesSpec = truthAngles;
    if (anglesSpec == null && Files.isRegularFile(folderData.resolve("dihedrals.npy"))) {
      anglesSpec = folderData.resolve("dihedrals.npy").toString();
    }
    Trajectory angles = anglesSpec == null ? null : ArrayFiles.readTrajectory(anglesSpec);
    RunRecord.Builder record = RunContext.record(spec, "kinetics", seed).parameter("options", options)
        .input("model", model.toString()).input("data", data);
    if (anglesSpec != null) {
      record.input("truthAngles", anglesSpec);
    }
    Kinetics.Result r;
    List<List<String>> rows;
    try (DynaeModel m = DynaeModel.load(model); RunFolder folder = RunFolder.open(out)) {
      r = Kinetics.run(m, dataset, angles, options);
      HtmlReport html = new HtmlReport("latentdyn: kinetics of the learned latent");
      rows = KineticsReport.write(r, angles, folder, html);
      folder.writeArray("sde_latent.npy", r.sde());
      record.output("sde_latent.npy", "simulated latent trajectory [" + r.sde().frames() + ", " + r.sde().features()
          + "]");
      Path topology = folderData.resolve("topology.pdb");
      if (Files.isRegularFile(topology) && samples > 0) {
        Topology top = PdbReader.readTopology(topology);
        if (3 * top.size() == m.features()) {
          List<float[]> frames = new ArrayList<>();
          int step = Math.max(1, r.sde().frames() / samples);
          float[] rowsZ = new float[samples * r.sde().features()];
          int k = 0;
          for (int i = 0; i < r.sde().frames() && k < samples; i += step, k++) {
            for (int j = 0; j < r.sde().features(); j++) {
              rowsZ[k * r.sde().features() + j] = r.sde().get(i, j);
            }
          }
          Trajectory x = m.decode(Trajectory.wrap(java.util.Arrays.copyOf(rowsZ, k * r.sde().features()), k,
              r.sde().features()));
          for (int i = 0; i < x.frames(); i++) {
            frames.add(x.slice(i, i + 1).toArray());
          }
          PdbWriter.write(folder.path("decoded_sde.pdb"), top, frames);
          record.output("decoded_sde.pdb", k + " simulated latent frames decoded to coordinates (multi-model PDB)");
          html.file("decoded_sde.pdb", "decoded simulated frames: open in a molecular viewer");
        }
      }
      for (String f : List.of("kinetics.json", "kinetics.md", "sde_latent.npy", "run.json")) {
        html.file(f, "");
      }
      folder.writeText("index.html", html.render());
      folder.writeJson("run.json", record.build());
      folder.commit();
    }
    var o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "slowest implied timescale at lag %d: latent MSM %s +- %s frames", r.lagFrames(),
        Tables.num(r.slowestTimescaleLatent().frames()), Tables.num(r.slowestTimescaleLatent().error()));
    if (r.slowestTimescaleAngles() != null) {
      o.printf(Locale.ROOT, ", torsion MSM %s +- %s frames", Tables.num(r.slowestTimescaleAngles().frames()),
          Tables.num(r.slowestTimescaleAngles().error()));
    }
    o.println();
    if (rows.size() > 1) {
      o.print(Tables.markdown(rows));
    }
    o.printf("wrote %s%n", out.resolve("index.html"));
    return 0;
  }
}

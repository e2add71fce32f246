package org.latentdyn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentdyn.models.nld.NldConfig;
import org.latentdyn.models.nld.NldModel;
import org.latentdyn.models.nld.ReleasedWeights;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn import-nld}: a released PyTorch NLD state dict as an NLD model folder (spec nld.md §13.9). */
@Command(name = "import-nld", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Convert a released Neural Langevin Dynamics model (a PyTorch torch.save state dict such as"
        + " 'models/symmetric_overdamped/model 1.pth' of the authors' repository) into this project's NLD model"
        + " folder for its preset, read without PyTorch. Writes OUT/model (loadable by 'analyze --model'),"
        + " OUT/import.json (source, checksum, beta, c, friction, inverse mass) and OUT/run.json. Nothing is"
        + " written when the file is not a state dict of that preset.")
final class ImportNldCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--weights", required = true, description = "the torch.save state dict (.pth)")
  Path weights;

  @Option(names = "--preset", required = true, description = "the model's preset of spec §8: O0-O4 (overdamped) or"
      + " U0-U4 (underdamped); it fixes d, the GRU and context sizes")
  String preset;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Override
  public Integer call() throws Exception {
    NldConfig config = NldConfig.preset(preset, 1);
    ReleasedWeights w = ReleasedWeights.read(weights, config);
    RunRecord.Builder record = RunContext.record(spec, "import-nld", config.seed())
        .parameter("preset", preset).input("weights", Map.of("path", weights.toString(), "sha256",
            sha256(weights)));
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("source", weights.getFileName().toString());
    info.put("sha256", sha256(weights));
    info.put("preset", preset);
    info.put("variant", config.variant().name());
    info.put("latentDim", w.latentDim());
    info.put("features", w.features());
    info.put("beta", w.beta());
    info.put("c", w.stiffness());
    try (NldModel m = w.toModel(); RunFolder folder = RunFolder.open(out)) {
      info.put("friction", m.friction());
      info.put("inverseMass", m.inverseMass());
      info.put("conventions", "torch Linear weights [out, in] transposed to [in, out]; energy blocks read [h; z];"
          + " beta = softplus(_beta), c = softplus(_quadratic_term), gamma = softplus(_gamma), M^-1 ="
          + " softplus(_i_mass); the overdamped gamma buffer is 1");
      m.save(folder.directory("model"));
      folder.writeJson("import.json", info);
      record.output("model", "NLD model folder (config.json, weights.npz with 'weights' and 'energy')")
          .output("import.json", "source, checksum and the released constants");
      folder.writeJson("run.json", record.build());
      folder.commit();
    }
    spec.commandLine().getOut().printf(java.util.Locale.ROOT,
        "imported %s as preset %s (d = %d, beta = %.4f, c = %.4f) into %s%n", weights, preset, w.latentDim(),
        w.beta(), w.stiffness(), out.resolve("model"));
    return 0;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0;) {
        md.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

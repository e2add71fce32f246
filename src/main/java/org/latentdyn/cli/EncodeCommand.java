package org.latentdyn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;
import org.latentdyn.models.baselines.BaselineModel;
import org.latentdyn.models.dynae.DynaeModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentdyn encode}: apply a trained encoder to data. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Encode frames with a trained model: writes Z.npy [frames, latentDim] (float32).")
final class EncodeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "model folder (DIR/model of 'latentdyn train')")
  Path model;

  @Option(names = "--data", required = true, description = "observations [frames, features], or a folder written by"
      + " 'featurize'")
  String data;

  @Option(names = "--out", required = true, description = "output .npy file")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!out.getFileName().toString().endsWith(".npy")) {
      throw new IllegalArgumentException("--out " + out + " must end in .npy");
    }
    Trajectory x = org.latentdyn.data.io.FeatureFolder.readDataset(data).concatenated();
    Trajectory z;
    if (isDynae(model)) {
      try (DynaeModel m = DynaeModel.load(model)) {
        z = m.encode(x);
      }
    } else {
      try (BaselineModel m = BaselineModel.load(model)) {
        z = m.encode(x);
      }
    }
    Npy.write(out, z);
    spec.commandLine().getOut().printf("encoded %d frames into %d latent dimensions: %s%n", z.frames(), z.features(),
        out);
    return 0;
  }

  /** Whether the model folder holds a DynAE (its provenance.json says "model": "dynae"). */
  static boolean isDynae(Path dir) throws java.io.IOException {
    Path prov = dir.resolve("provenance.json");
    if (!java.nio.file.Files.isRegularFile(prov)) {
      throw new IllegalArgumentException("model folder " + dir + " has no provenance.json; expected a folder written"
          + " by 'latentdyn train' (DIR/model)");
    }
    return "dynae".equals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(prov.toFile()).path("model")
        .asText());
  }
}

package org.latentdyn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.Npy;
import org.latentdyn.models.baselines.BaselineModel;
import org.latentdyn.models.dynae.DynaeModel;
import org.latentdyn.workflow.MovieEncoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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

  @Option(names = "--data", required = true, description = "observations [frames, features], a folder written by"
      + " 'featurize', or a movie (.npy/.npz [frames, (C,) H, W], .tif/.tiff, a folder of .png frames); read a movie"
      + " with the loader options it was trained with")
  String data;

  @Option(names = "--seed", defaultValue = "1", description = "NLD models: seed of the sampled posterior paths"
      + " (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, description = "output .npy file")
  Path out;

  @Mixin
  MovieOptions movieOptions = new MovieOptions();

  @Override
  public Integer call() throws Exception {
    if (!out.getFileName().toString().endsWith(".npy")) {
      throw new IllegalArgumentException("--out " + out + " must end in .npy");
    }
    if ("nld".equals(modelKind(model))) {
      return encodeSequences();
    }
    data = movieOptions.spec(data);
    // a movie streams from its reader a chunk at a time (bounded memory); vector data is read whole
    boolean movie = org.latentdyn.movies.io.MovieFiles.isMovie(data);
    movieOptions.requireMovie(movie, data);
    Trajectory x = movie ? null : org.latentdyn.data.io.FeatureFolder.readDataset(data).concatenated();
    Trajectory z;
    if (isDynae(model)) {
      try (DynaeModel m = DynaeModel.load(model)) {
        z = movie ? encodeMovie(m::encode) : m.encode(x);
      }
    } else {
      try (BaselineModel m = BaselineModel.load(model)) {
        z = movie ? encodeMovie(m::encode) : m.encode(x);
      }
    }
    Npy.write(out, z);
    spec.commandLine().getOut().printf("encoded %d frames into %d latent dimensions: %s%n", z.frames(), z.features(),
        out);
    return 0;
  }

  /** The movie {@code --data} through {@code encoder}, {@link MovieEncoding#CHUNK_FRAMES} frames at a time. */
  private Trajectory encodeMovie(java.util.function.UnaryOperator<Trajectory> encoder) throws java.io.IOException {
    try (org.latentdyn.movies.io.MovieReader r = org.latentdyn.movies.io.MovieReader.open(data,
        movieOptions.options())) {
      return MovieEncoding.encode(r, encoder, MovieEncoding.CHUNK_FRAMES);
    }
  }

  /** NLD: one seeded posterior path per sequence, [sequences, frames, latentDim]. */
  private int encodeSequences() throws java.io.IOException {
    org.latentdyn.data.io.NpyArray x = org.latentdyn.data.io.ArrayFiles.readArray(data);
    if (x.rank() != 3) {
      throw new IllegalArgumentException("--data " + data + " has shape " + java.util.Arrays.toString(x.shape())
          + "; an NLD model encodes sequences [sequences, frames, features]");
    }
    try (org.latentdyn.models.nld.NldModel m = org.latentdyn.models.nld.NldModel.load(model)) {
      if (x.dim(2) != m.features()) {
        throw new IllegalArgumentException("--data " + data + " has " + x.dim(2) + " features, the model expects "
            + m.features());
      }
      float[] z = m.encode(x.toFloatArray(), x.shape(), seed);
      org.latentdyn.data.io.Npy.write(out, org.latentdyn.data.io.NpyArray.ofFloats(z, x.dim(0), x.dim(1),
          m.latentDim()));
      spec.commandLine().getOut().printf("encoded %d sequences of %d frames into %d latent dimensions (one posterior"
          + " path each, seed %d): %s%n", x.dim(0), x.dim(1), m.latentDim(), seed, out);
    }
    return 0;
  }

  /** The "model" entry of the folder's provenance.json. */
  static String modelKind(Path dir) throws java.io.IOException {
    Path prov = dir.resolve("provenance.json");
    if (!java.nio.file.Files.isRegularFile(prov)) {
      throw new IllegalArgumentException("model folder " + dir + " has no provenance.json; expected a folder written"
          + " by 'latentdyn train' (DIR/model)");
    }
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(prov.toFile()).path("model").asText();
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

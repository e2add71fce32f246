package org.latentdyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.latentdyn.movies.io.MovieReaderTest;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.data.io.Npz;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.models.baselines.Baselines;
import org.latentdyn.models.baselines.SwaeConfig;
import org.latentdyn.movies.io.MovieFiles;
import org.latentdyn.movies.io.MovieReader;
import org.latentdyn.train.Checkpoint;
import org.latentdyn.train.CheckpointStore;
import org.latentdyn.train.EpochRecord;
import org.latentdyn.train.TrainingListener;

/**
 * Movie loader options on {@code train}, {@code encode} and {@code compare} (crop, resize, clip, npz key, budget),
 * recorded in run.json; bad movies are one-line errors that leave nothing in --out.
 */
class MovieLoaderCliTest {
  @TempDir
  Path tmp;

  @Test
  void trainAndEncodeACroppedResizedClippedMovieOnTheCpuBudget() throws IOException {
    Path movie = tmp.resolve("wide.npy");
    Random rnd = new Random(3);
    float[] v = new float[16 * 80 * 96];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextFloat();
    }
    Npy.write(movie, NpyArray.ofFloats(v, 16, 80, 96));
    Path out = tmp.resolve("run");
    CliTest.Run r = CliTest.run("train", "--model", "swae", "--data", movie.toString(), "--crop", "8,0,80,80",
        "--resize", "--clip", "1,99", "--budget", "cpu", "--epochs", "1", "--batch-size", "4", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    JsonNode p = run.get("parameters");
    assertEquals("cpu", p.get("budget").get("name").asText());
    assertEquals(1, p.get("budget").get("epochs").asInt(), "--epochs overrides the budget's");
    assertEquals(4, p.get("budget").get("batchSize").asInt());
    assertEquals("[16,16,32,32]", p.get("config").get("conv").get("filters").toString());
    assertEquals(4, p.get("config").get("batchSize").asInt());
    assertEquals("8,0,80,80", p.get("movieOptions").get("crop").asText());
    assertTrue(p.get("movieOptions").get("resize").asBoolean());
    JsonNode reader = run.get("inputs").get("data").get("reader");
    assertEquals("area averaging 80x80 -> 64x64", reader.get("resize").asText());
    assertTrue(reader.get("streamed").asBoolean(), "train reads a movie's minibatches from the reader");
    assertEquals("[1.0,99.0]", reader.get("normalisation").get("percentiles").toString());

    Path z = tmp.resolve("z.npy");
    r = CliTest.run("encode", "--model", out.resolve("model").toString(), "--data", movie.toString(), "--crop",
        "8,0,80,80", "--resize", "--clip", "1,99", "--out", z.toString());
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(new int[] {16, 2}, Npy.read(z).shape());
    Path z2 = tmp.resolve("z2.npy");
    r = CliTest.run("encode", "--model", out.resolve("model").toString(), "--data", movie.toString(), "--out",
        z2.toString());
    assertBadInput(r, "wide.npy", "96x80", "--resize");
    assertFalse(Files.exists(z2));
  }

  @Test
  void resumeReadsTheMovieWithTheLoaderOptionsOfTheInterruptedRun() throws IOException {
    Path movie = tmp.resolve("wide.npy");
    Random rnd = new Random(5);
    float[] v = new float[12 * 80 * 96];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextFloat();
    }
    Npy.write(movie, NpyArray.ofFloats(v, 12, 80, 96));
    Path full = tmp.resolve("full");
    CliTest.Run r = CliTest.run("train", "--model", "swae", "--data", movie.toString(), "--resize", "--frames", "10",
        "--budget", "cpu", "--epochs", "2", "--batch-size", "4", "--out", full.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("first 10 of the 12 frames"), r.err());
    assertArrayEquals(new int[] {10, 2}, Npy.read(full.resolve("latent.npy")).shape());
    // an interrupted run: the checkpoint after epoch 1 of the same configuration, as train writes it
    SwaeConfig config = new ObjectMapper().convertValue(new ObjectMapper().readTree(full.resolve("model")
        .resolve("config.json").toFile()), SwaeConfig.class);
    Map<String, Object> run = new java.util.LinkedHashMap<>();
    run.put("data", movie.toString());
    run.put("truth", null);
    run.put("model", "swae");
    run.put("config", config);
    run.put("movieOptions", Map.of("resize", true));
    run.put("maxFrames", 10);
    Path cut = tmp.resolve("cut");
    List<Checkpoint> checkpoints = new java.util.ArrayList<>();
    Trajectory x = MovieFiles.read(movie.toString(), MovieReader.Options.DEFAULT.withResize(true), 10).frames();
    try (var m = Baselines.fit(Dataset.of(x), config, new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord e, Checkpoint c) {
        checkpoints.add(c);
      }
    })) {
      new CheckpointStore(cut.resolve("checkpoint")).write(checkpoints.get(0), run);
    }
    r = CliTest.run("train", "--resume", cut.toString());
    assertEquals(0, r.code(), r.err());
    float[] a = Npy.read(full.resolve("latent.npy")).toFloatArray();
    float[] b = Npy.read(cut.resolve("latent.npy")).toFloatArray();
    assertArrayEquals(a, b, 1e-4f, "the resumed run reads the same resized frames and ends where the full one did");
  }

  @Test
  void badMoviesAreOneLineErrorsNamingTheFileAndWriteNothing() throws IOException {
    Path big = tmp.resolve("big.npy");
    Npy.write(big, NpyArray.ofFloats(new float[2 * 100 * 100], 2, 100, 100));
    Path mixed = tmp.resolve("mixed.tif");
    MovieReaderTest.writeTiff(mixed, List.of(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY),
        new BufferedImage(48, 40, BufferedImage.TYPE_BYTE_GRAY)));
    Path notes = Files.createDirectories(tmp.resolve("with-notes"));
    ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), "png", notes.resolve("f1.png").toFile());
    Files.writeString(notes.resolve("notes.txt"), "not a frame");
    Path garbage = Files.createDirectories(tmp.resolve("with-garbage"));
    ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), "png", garbage.resolve("f1.png").toFile());
    Files.writeString(garbage.resolve("frame_0003.png"), "garbage bytes");
    float[] nan = new float[3 * 4096];
    nan[4096 + 70] = Float.NaN;
    Path nanMovie = tmp.resolve("nan.npy");
    Npy.write(nanMovie, NpyArray.ofFloats(nan, 3, 64, 64));
    Path good = tmp.resolve("good.npy");
    Npy.write(good, NpyArray.ofFloats(new float[4 * 4096], 4, 64, 64));
    Path truth5 = tmp.resolve("truth5.npy");
    Npy.write(truth5, NpyArray.ofFloats(new float[10], 5, 2));

    Map<String, String[]> cases = new java.util.LinkedHashMap<>();
    cases.put(big + " 1", new String[] {"big.npy", "100x100", "--resize"});
    cases.put(mixed + " 2", new String[] {"mixed.tif", "page 1 is 48x40"});
    cases.put(notes + " 3", new String[] {"notes.txt", "not a PNG"});
    cases.put(garbage + " 4", new String[] {"frame_0003.png", "not a readable PNG"});
    cases.put(nanMovie + " 5", new String[] {"nan.npy", "frame 1 has a NaN pixel"});
    int k = 0;
    for (Map.Entry<String, String[]> c : cases.entrySet()) {
      String data = c.getKey().substring(0, c.getKey().lastIndexOf(' '));
      Path out = tmp.resolve("out" + k++);
      assertBadInput(CliTest.run("train", "--data", data, "--epochs", "1", "--out", out.toString()), c.getValue());
      assertFalse(Files.exists(out), data);
      assertBadInput(CliTest.run("compare", "--data", data, "--truth", truth5.toString(), "--epochs", "1", "--out",
          out.toString()), c.getValue());
      assertFalse(Files.exists(out), data);
    }
    Path out = tmp.resolve("out-truth");
    assertBadInput(CliTest.run("train", "--data", good.toString(), "--truth", truth5.toString(), "--out",
        out.toString()), "truth5.npy", "5 frames", "good.npy", "has 4");
    assertBadInput(CliTest.run("compare", "--data", good.toString(), "--truth", truth5.toString(), "--out",
        out.toString()), "truth5.npy", "5 frames", "good.npy", "has 4");
    assertBadInput(CliTest.run("train", "--data", good.toString(), "--budget", "gpu", "--out", out.toString()),
        "unknown --budget 'gpu'", "paper", "cpu");
    assertBadInput(CliTest.run("train", "--data", truth5.toString(), "--resize", "--out", out.toString()),
        "truth5.npy", "apply to movies");
    assertBadInput(CliTest.run("train", "--data", truth5.toString(), "--budget", "cpu", "--out", out.toString()),
        "truth5.npy", "apply to movies");
    assertBadInput(CliTest.run("train", "--data", good.toString(), "--clip", "99,1", "--out", out.toString()),
        "99.0", "1.0");
    assertFalse(Files.exists(out));
  }

  @Test
  void anNpzArrayOfRankThreeOrFourIsAMovie() throws IOException {
    Path npz = tmp.resolve("movie.npz");
    Npz.write(npz, Map.of("frames", NpyArray.ofFloats(new float[4 * 4096], 4, 64, 64),
        "truth", NpyArray.ofFloats(new float[8], 4, 2)));
    Path truth5 = tmp.resolve("truth5.npy");
    Npy.write(truth5, NpyArray.ofFloats(new float[10], 5, 2));
    Path out = tmp.resolve("out");
    // read as a movie of 4 frames (the frame-count check of movies), by key option or by spec
    assertBadInput(CliTest.run("compare", "--data", npz.toString(), "--npz-key", "frames", "--truth",
        truth5.toString(), "--out", out.toString()), "truth5.npy", "movie.npz:frames has 4");
    assertBadInput(CliTest.run("compare", "--data", npz + ":frames", "--truth", truth5.toString(), "--out",
        out.toString()), "movie.npz:frames has 4");
    assertBadInput(CliTest.run("compare", "--data", npz + ":truth", "--npz-key", "frames", "--truth",
        truth5.toString(), "--out", out.toString()), "'truth'", "'frames'");
    assertBadInput(CliTest.run("train", "--data", truth5.toString(), "--npz-key", "frames", "--out",
        out.toString()), "--npz-key", "truth5.npy");
    assertFalse(Files.exists(out));
  }

  static void assertBadInput(CliTest.Run r, String... parts) {
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    for (String p : parts) {
      assertTrue(r.err().contains(p), "'" + r.err().strip() + "' names " + p);
    }
  }
}

package org.latentdyn.movies.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.io.DType;
import org.latentdyn.data.io.MalformedFileException;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.data.io.Npz;

/** The movie readers against one small npy movie; crop, resize, clip; natural order; the error cases. */
public class MovieReaderTest {
  @TempDir
  Path tmp;

  private static final int F = 5;

  /** A uint16 movie [5, 64, 64] with every frame different and values spread over the full range. */
  private static short[] movie16(int frames, int h, int w) {
    short[] v = new short[frames * h * w];
    for (int f = 0; f < frames; f++) {
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          v[(f * h + r) * w + c] = (short) ((f * 7919 + r * 1031 + c * 517 + r * c * 13) & 0xFFFF);
        }
      }
    }
    return v;
  }

  private static byte[] to8(short[] v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) ((v[i] & 0xFFFF) >> 8);
    }
    return b;
  }

  private static BufferedImage grey(short[] v, int frame, int h, int w, boolean sixteen) {
    BufferedImage img = new BufferedImage(w, h, sixteen ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
    int[] px = new int[h * w];
    for (int i = 0; i < px.length; i++) {
      int s = v[frame * h * w + i] & 0xFFFF;
      px[i] = sixteen ? s : s >> 8;
    }
    img.getRaster().setSamples(0, 0, w, h, 0, px);
    return img;
  }

  /** Writes {@code pages} as one multi-page TIFF (the JDK's ImageIO writer). */
  public static void writeTiff(Path file, List<BufferedImage> pages) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (BufferedImage p : pages) {
        writer.writeToSequence(new IIOImage(p, null, null), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  private static float[] readAll(String spec) throws IOException {
    return readAll(spec, MovieReader.Options.DEFAULT);
  }

  private static float[] readAll(String spec, MovieReader.Options o) throws IOException {
    try (MovieReader r = MovieReader.open(spec, o)) {
      return r.read(0, r.frames());
    }
  }

  @Test
  void tiff16Tiff8AndPngFolderAgreeWithTheNpy() throws IOException {
    short[] v = movie16(F, 64, 64);
    Path npy16 = tmp.resolve("m16.npy");
    Npy.write(npy16, NpyArray.of(DType.UINT16, v, F, 64, 64));
    Path npy8 = tmp.resolve("m8.npy");
    Npy.write(npy8, NpyArray.of(DType.UINT8, to8(v), F, 64, 64));
    List<BufferedImage> p16 = new ArrayList<>();
    List<BufferedImage> p8 = new ArrayList<>();
    for (int f = 0; f < F; f++) {
      p16.add(grey(v, f, 64, 64, true));
      p8.add(grey(v, f, 64, 64, false));
    }
    writeTiff(tmp.resolve("m16.tif"), p16);
    writeTiff(tmp.resolve("m8.tiff"), p8);
    // PNG frames named so that plain string order (f1, f10, f11, f2, f3) would shuffle them
    String[] names = {"f1.png", "f2.png", "f3.png", "f10.png", "f11.png"};
    Path png16 = Files.createDirectories(tmp.resolve("png16"));
    Path png8 = Files.createDirectories(tmp.resolve("png8"));
    for (int f = 0; f < F; f++) {
      ImageIO.write(p16.get(f), "png", png16.resolve(names[f]).toFile());
      ImageIO.write(p8.get(f), "png", png8.resolve(names[f]).toFile());
    }
    Files.writeString(png8.resolve(".DS_Store"), "hidden files are skipped");

    float[] ref16 = readAll(npy16.toString());
    float[] ref8 = readAll(npy8.toString());
    assertEquals(F * 64 * 64, ref16.length);
    assertEquals(65535f / 65535f, 1f);
    assertEquals((v[1 * 4096 + 2 * 64 + 3] & 0xFFFF) / 65535f, ref16[4096 + 2 * 64 + 3], 0f);
    assertArrayEquals(ref16, readAll(tmp.resolve("m16.tif").toString()), "16-bit TIFF");
    assertArrayEquals(ref16, readAll(png16.toString()), "16-bit PNG folder");
    assertArrayEquals(ref8, readAll(tmp.resolve("m8.tiff").toString()), "8-bit TIFF");
    assertArrayEquals(ref8, readAll(png8.toString()), "8-bit PNG folder");
    for (float x : ref16) {
      assertTrue(x >= 0 && x <= 1);
    }

    try (MovieReader r = MovieReader.open(tmp.resolve("m16.tif").toString())) {
      assertEquals(F, r.frames());
      assertEquals(1, r.channels());
      assertEquals(64, r.height());
      assertEquals(64, r.width());
      float[] mid = r.read(2, 2);
      assertArrayEquals(java.util.Arrays.copyOfRange(ref16, 2 * 4096, 4 * 4096), mid);
      Map<String, Object> d = r.describe();
      assertEquals("tiff", d.get("format"));
      assertEquals(16, d.get("bitsPerSample"));
    }
    // unscaled integers keep their stored values
    float[] raw = readAll(npy16.toString(), MovieReader.Options.DEFAULT.withScaleIntegers(false));
    assertEquals(v[77] & 0xFFFF, raw[77], 0f);
  }

  @Test
  void rgbAndFloatMoviesAndNpzMembers() throws IOException {
    int n = 2;
    byte[] rgb = new byte[n * 3 * 4096];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (i * 37);
    }
    Path npy = tmp.resolve("rgb.npy");
    Npy.write(npy, NpyArray.of(DType.UINT8, rgb, n, 3, 64, 64));
    Path png = Files.createDirectories(tmp.resolve("rgb"));
    for (int f = 0; f < n; f++) {
      BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
      for (int b = 0; b < 3; b++) {
        int[] px = new int[4096];
        for (int p = 0; p < 4096; p++) {
          px[p] = rgb[(f * 3 + b) * 4096 + p] & 0xFF;
        }
        img.getRaster().setSamples(0, 0, 64, 64, b, px);
      }
      ImageIO.write(img, "png", png.resolve("frame" + f + ".png").toFile());
    }
    float[] ref = readAll(npy.toString());
    try (MovieReader r = MovieReader.open(png.toString())) {
      assertEquals(3, r.channels());
      assertArrayEquals(ref, r.read(0, n));
    }
    float[] f32 = new float[n * 4096];
    double[] f64 = new double[n * 4096];
    for (int i = 0; i < f32.length; i++) {
      f32[i] = (float) Math.sin(i) * 3;
      f64[i] = f32[i];
    }
    Path fn = tmp.resolve("f.npy");
    Npy.write(fn, NpyArray.ofFloats(f32, n, 64, 64));
    assertArrayEquals(f32, readAll(fn.toString()), "float32 values pass unchanged");
    Path z = tmp.resolve("m.npz");
    Npz.write(z, Map.of("movie", NpyArray.ofDoubles(f64, n, 1, 64, 64), "other", NpyArray.ofFloats(new float[3], 3)));
    assertArrayEquals(f32, readAll(z + ":movie"), "npz member");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> readAll(z.toString()));
    assertTrue(e.getMessage().contains("m.npz") && e.getMessage().contains("2 arrays"), e.getMessage());
  }

  @Test
  void memoryMappedWindowsStreamAcrossTheirEdges() throws IOException {
    short[] v = movie16(9, 64, 64);
    Path npy = tmp.resolve("big.npy");
    Npy.write(npy, NpyArray.of(DType.UINT16, v, 9, 64, 64));
    float[] all = readAll(npy.toString());
    // a window of 2 frames: every read below crosses windows or moves them backwards
    try (MovieReader r = MovieReader.open(npy.toString(), MovieReader.Options.DEFAULT, 2 * 2 * 4096)) {
      assertArrayEquals(java.util.Arrays.copyOfRange(all, 3 * 4096, 8 * 4096), r.read(3, 5));
      assertArrayEquals(java.util.Arrays.copyOfRange(all, 0, 4096), r.read(0, 1));
      assertArrayEquals(all, r.read(0, 9));
      assertEquals(0, r.read(9, 0).length);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.read(8, 2));
      assertTrue(e.getMessage().contains("[8, 10)") && e.getMessage().contains("9 frames"), e.getMessage());
    }
  }

  @Test
  void cropResizeAndPercentileClip() throws IOException {
    int h = 80;
    int w = 96;
    float[] big = new float[2 * h * w];
    for (int i = 0; i < big.length; i++) {
      big[i] = i % 1013 / 1013f;
    }
    Path npy = tmp.resolve("big.npy");
    Npy.write(npy, NpyArray.ofFloats(big, 2, h, w));
    MovieReader.Options crop = MovieReader.Options.DEFAULT.withCrop(new MovieReader.Crop(8, 4, 64, 64));
    float[] c = readAll(npy.toString(), crop);
    for (int f = 0; f < 2; f++) {
      for (int r = 0; r < 64; r++) {
        for (int k = 0; k < 64; k++) {
          assertEquals(big[(f * h + r + 4) * w + k + 8], c[(f * 64 + r) * 64 + k], 0f);
        }
      }
    }
    // 128x128 -> 64x64 by area averaging is the mean of each 2x2 block
    float[] b2 = new float[128 * 128];
    for (int i = 0; i < b2.length; i++) {
      b2[i] = (float) Math.cos(i * 0.37);
    }
    Path sq = tmp.resolve("sq.npy");
    Npy.write(sq, NpyArray.ofFloats(b2, 1, 128, 128));
    float[] half = readAll(sq.toString(), MovieReader.Options.DEFAULT.withResize(true));
    for (int r = 0; r < 64; r++) {
      for (int k = 0; k < 64; k++) {
        double mean = (b2[2 * r * 128 + 2 * k] + b2[2 * r * 128 + 2 * k + 1] + b2[(2 * r + 1) * 128 + 2 * k]
            + b2[(2 * r + 1) * 128 + 2 * k + 1]) / 4;
        assertEquals(mean, half[r * 64 + k], 1e-6);
      }
    }
    // a non-integer ratio keeps the mean of a constant and of a linear ramp
    float[] ramp = new float[h * w];
    for (int r = 0; r < h; r++) {
      for (int k = 0; k < w; k++) {
        ramp[r * w + k] = k;
      }
    }
    Path rp = tmp.resolve("ramp.npy");
    Npy.write(rp, NpyArray.ofFloats(ramp, 1, h, w));
    float[] rs = readAll(rp.toString(), MovieReader.Options.DEFAULT.withResize(true).withScaleIntegers(true));
    double total = 0;
    for (int k = 0; k < 64; k++) {
      // output column k covers input [1.5 k, 1.5 (k + 1)); input pixel i (value i) covers [i, i + 1)
      double expected = 0;
      for (int i = 0; i < w; i++) {
        expected += i * Math.max(0, Math.min(1.5 * (k + 1), i + 1) - Math.max(1.5 * k, i)) / 1.5;
      }
      assertEquals(expected, rs[10 * 64 + k], 1e-4, "column " + k);
      assertEquals(rs[10 * 64 + k], rs[63 * 64 + k], 1e-4, "rows of the ramp are alike");
      total += rs[10 * 64 + k];
    }
    assertEquals((w - 1) / 2.0, total / 64, 1e-4, "area averaging keeps the mean");

    MovieReader.Options clip = MovieReader.Options.DEFAULT.withCrop(new MovieReader.Crop(0, 0, 64, 64))
        .withClip(0.5, 99.5).withSampleFrames(2);
    try (MovieReader r = MovieReader.open(npy.toString(), clip)) {
      float[] x = r.read(0, 2);
      int zeros = 0;
      int ones = 0;
      for (float v : x) {
        assertTrue(v >= 0 && v <= 1);
        zeros += v == 0 ? 1 : 0;
        ones += v == 1 ? 1 : 0;
      }
      assertTrue(zeros > 0.003 * x.length && zeros < 0.01 * x.length, zeros + " clipped low");
      assertTrue(ones > 0.003 * x.length && ones < 0.01 * x.length, ones + " clipped high");
      assertTrue(r.clipLowValue() < 0.01 && r.clipHighValue() > 0.99);
      @SuppressWarnings("unchecked")
      Map<String, Object> norm = (Map<String, Object>) r.describe().get("normalisation");
      assertEquals(List.of(0.5, 99.5), norm.get("percentiles"));
      assertEquals(r.clipLowValue(), (double) norm.get("low"), 0);
      assertEquals(Map.of("x", 0, "y", 0, "width", 64, "height", 64), r.describe().get("crop"));
    }
  }

  @Test
  void naturalOrder() {
    List<String> names = new ArrayList<>(List.of("frame10.png", "frame2.png", "frame1.png", "frame02.png",
        "a.png", "frame100.png", "frame9b.png", "frame9a.png"));
    names.sort(NaturalOrder.COMPARATOR);
    assertEquals(List.of("a.png", "frame1.png", "frame02.png", "frame2.png", "frame9a.png", "frame9b.png",
        "frame10.png", "frame100.png"), names);
  }

  @Test
  void errorsNameTheFileAndTheValue() throws IOException {
    Path big = tmp.resolve("hundred.npy");
    Npy.write(big, NpyArray.ofFloats(new float[2 * 100 * 100], 2, 100, 100));
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> MovieReader.open(big.toString()));
    assertOneLine(size, "hundred.npy", "100x100");
    assertTrue(size.getMessage().contains("resize"), size.getMessage());

    Path mixed = tmp.resolve("mixed.tif");
    writeTiff(mixed, List.of(new BufferedImage(64, 64, BufferedImage.TYPE_USHORT_GRAY),
        new BufferedImage(48, 40, BufferedImage.TYPE_USHORT_GRAY)));
    MalformedFileException m = assertThrows(MalformedFileException.class, () -> MovieReader.open(mixed.toString()));
    assertOneLine(m, "mixed.tif", "page 1 is 48x40");

    Path folder = Files.createDirectories(tmp.resolve("frames"));
    ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), "png", folder.resolve("f1.png").toFile());
    Files.writeString(folder.resolve("notes.txt"), "not a frame");
    MalformedFileException txt = assertThrows(MalformedFileException.class, () -> MovieReader.open(folder.toString()));
    assertOneLine(txt, "notes.txt", "not a PNG");
    Files.delete(folder.resolve("notes.txt"));
    Files.writeString(folder.resolve("f2.png"), "a text file named like a frame");
    MalformedFileException fake = assertThrows(MalformedFileException.class,
        () -> MovieReader.open(folder.toString()));
    assertOneLine(fake, "f2.png", "not a readable PNG");

    float[] nan = new float[3 * 4096];
    nan[2 * 4096 + 5 * 64 + 7] = Float.NaN;
    Path np = tmp.resolve("nan.npy");
    Npy.write(np, NpyArray.ofFloats(nan, 3, 64, 64));
    try (MovieReader r = MovieReader.open(np.toString())) {
      assertEquals(4096 * 2, r.read(0, 2).length);
      MalformedFileException n = assertThrows(MalformedFileException.class, () -> r.read(1, 2));
      assertOneLine(n, "nan.npy", "frame 2 has a NaN pixel at (channel 0, row 5, column 7)");
    }

    Path longs = tmp.resolve("longs.npy");
    Npy.write(longs, NpyArray.ofLongs(new long[4096], 1, 64, 64));
    assertOneLine(assertThrows(MalformedFileException.class, () -> MovieReader.open(longs.toString())),
        "longs.npy", "dtype int64");
    Path flat = tmp.resolve("flat.npy");
    Npy.write(flat, NpyArray.ofFloats(new float[8], 2, 4));
    assertOneLine(assertThrows(MalformedFileException.class, () -> MovieReader.open(flat.toString())),
        "flat.npy", "[2, 4]");
    Path four = tmp.resolve("four.npy");
    Npy.write(four, NpyArray.ofFloats(new float[4 * 4096], 1, 4, 64, 64));
    assertOneLine(assertThrows(MalformedFileException.class, () -> MovieReader.open(four.toString())),
        "four.npy", "4 channels");
    assertOneLine(assertThrows(IllegalArgumentException.class, () -> MovieReader.open(big.toString(),
        MovieReader.Options.DEFAULT.withCrop(new MovieReader.Crop(50, 0, 64, 64)))), "hundred.npy", "100x100");
    assertOneLine(assertThrows(IllegalArgumentException.class, () -> MovieReader.Options.DEFAULT.withClip(99, 1)),
        "99.0", "1.0");
    assertOneLine(assertThrows(java.nio.file.NoSuchFileException.class, () -> MovieReader.open(tmp.resolve("x.avi")
        .toString())), "x.avi", "does not exist");
    Path avi = Files.writeString(tmp.resolve("y.avi"), "?");
    assertOneLine(assertThrows(IllegalArgumentException.class, () -> MovieReader.open(avi.toString())), "y.avi",
        "unknown format");
  }

  private static void assertOneLine(Exception e, String... parts) {
    String msg = e.getMessage();
    assertTrue(!msg.contains("\n"), "one line: " + msg);
    for (String p : parts) {
      assertTrue(msg.contains(p), "'" + msg + "' names " + p);
    }
  }
}

package org.latentdyn.movies.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentdyn.data.FrameStore;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.MalformedFileException;
import org.latentdyn.data.io.NpyArray;

/**
 * Reads an image movie as float frames {@code [count, channels, 64, 64]} (spec datasets.md, "Image movies"; issue
 * 10 part 3), from
 * <ul>
 *   <li>{@code .npy} {@code [frames, height, width]} or {@code [frames, channels, height, width]} of uint8, uint16,
 *       float32 or float64, memory-mapped a window at a time, so a movie larger than memory streams by minibatch;
 *   <li>{@code .npz} members (held in memory; {@code movie.npz:key} names one of several);
 *   <li>multi-page {@code .tif}/{@code .tiff} stacks (8- or 16-bit grey, RGB) through the JDK's own ImageIO;
 *   <li>folders of {@code .png} frames in natural name order ({@code frame2} before {@code frame10}).
 * </ul>
 * Each frame then goes through, in this order: integer pixels divided by the type's maximum (255, 65535, or
 * {@code 2^bits - 1} for images; unless {@link Options#scaleIntegers} is off), the optional crop, the optional
 * resize to 64x64 by <em>area averaging</em> (each output pixel is the mean of the input area it covers, with
 * fractional weights at its edges; exact block means for whole-number ratios), and the optional percentile clip
 * {@code v -> clamp((v - lo) / (hi - lo), 0, 1)}, with {@code lo} and {@code hi} the given percentiles of the
 * cropped, resized values of up to {@link Options#sampleFrames} frames spread evenly over the movie (computed once
 * when the reader opens). {@link #describe()} records every step for run.json.
 *
 * <p>Errors are one-line exceptions naming the file and the value: frames that are not 64x64 (after the crop)
 * without resize, crops outside the frame ({@link IllegalArgumentException}); a TIFF with pages of mixed sizes, a
 * PNG folder with a file that is not a PNG image, an unsupported dtype or shape, NaN or infinite pixels
 * ({@link MalformedFileException}).
 */
public final class MovieReader implements AutoCloseable {
  /** Frame height and width after reading. */
  public static final int SIZE = 64;
  /** The mapped window of an {@code .npy} movie: 16 MiB. */
  static final long WINDOW_BYTES = 16L << 20;

  /** A crop rectangle in input pixels: columns {@code [x, x + width)}, rows {@code [y, y + height)}. */
  public record Crop(int x, int y, int width, int height) {
    public Crop {
      if (x < 0 || y < 0) {
        throw new IllegalArgumentException("crop x and y must be >= 0, got (" + x + ", " + y + ")");
      }
      if (width < 1 || height < 1) {
        throw new IllegalArgumentException("crop width and height must be >= 1, got " + width + "x" + height);
      }
    }

    /** Parses {@code x,y,w,h}. */
    public static Crop parse(String text) {
      String[] p = text.split(",");
      if (p.length != 4) {
        throw new IllegalArgumentException("crop must be x,y,width,height, got '" + text + "'");
      }
      try {
        return new Crop(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()),
            Integer.parseInt(p[3].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("crop must be four integers x,y,width,height, got '" + text + "'", e);
      }
    }
  }

  /**
   * How to read.
   *
   * @param crop the crop, or null for the whole frame
   * @param resize resize (after the crop) to 64x64 by area averaging; without it frames must be 64x64
   * @param clipLow lower percentile of the intensity clip in [0, 100), or NaN for no clip
   * @param clipHigh upper percentile in (clipLow, 100], or NaN for no clip
   * @param scaleIntegers divide integer pixels by their type's maximum
   * @param sampleFrames frames sampled to compute the clip percentiles, at least 1
   */
  public record Options(Crop crop, boolean resize, double clipLow, double clipHigh, boolean scaleIntegers,
      int sampleFrames) {
    /** No crop, no resize, no clip, integers scaled to [0, 1]. */
    public static final Options DEFAULT = new Options(null, false, Double.NaN, Double.NaN, true, 64);

    public Options {
      if (Double.isNaN(clipLow) != Double.isNaN(clipHigh)) {
        throw new IllegalArgumentException("clipLow and clipHigh must both be set or both be NaN, got " + clipLow
            + " and " + clipHigh);
      }
      if (!Double.isNaN(clipLow) && !(clipLow >= 0 && clipLow < clipHigh && clipHigh <= 100)) {
        throw new IllegalArgumentException("clip percentiles must satisfy 0 <= low < high <= 100, got " + clipLow
            + " and " + clipHigh);
      }
      if (sampleFrames < 1) {
        throw new IllegalArgumentException("sampleFrames must be >= 1, got " + sampleFrames);
      }
    }

    public Options withCrop(Crop c) {
      return new Options(c, resize, clipLow, clipHigh, scaleIntegers, sampleFrames);
    }

    public Options withResize(boolean r) {
      return new Options(crop, r, clipLow, clipHigh, scaleIntegers, sampleFrames);
    }

    /** The percentile clip, for example {@code withClip(0.5, 99.5)}. */
    public Options withClip(double low, double high) {
      return new Options(crop, resize, low, high, scaleIntegers, sampleFrames);
    }

    public Options withScaleIntegers(boolean s) {
      return new Options(crop, resize, clipLow, clipHigh, s, sampleFrames);
    }

    public Options withSampleFrames(int n) {
      return new Options(crop, resize, clipLow, clipHigh, scaleIntegers, n);
    }

    boolean clips() {
      return !Double.isNaN(clipLow);
    }
  }

  private final FrameSource source;
  private final Options options;
  private final Crop crop;
  private final AreaResize resizeRows;
  private final AreaResize resizeCols;
  private final float[] raw;
  private final float[] cropped;
  private final float[] rowsDone;
  private final double lo;
  private final double hi;

  private MovieReader(FrameSource source, Options options) throws IOException {
    this.source = source;
    this.options = options;
    int w = source.width();
    int h = source.height();
    Crop c = options.crop() == null ? new Crop(0, 0, w, h) : options.crop();
    if (c.x() + c.width() > w || c.y() + c.height() > h) {
      throw new IllegalArgumentException(source.name() + ": crop (x " + c.x() + ", y " + c.y() + ", " + c.width()
          + "x" + c.height() + ") leaves the frames of " + w + "x" + h);
    }
    this.crop = c;
    if (!options.resize() && (c.width() != SIZE || c.height() != SIZE)) {
      throw new IllegalArgumentException(source.name() + ": frames are " + c.width() + "x" + c.height()
          + (options.crop() == null ? "" : " after the crop") + ", not " + SIZE + "x" + SIZE
          + "; resize them (--resize) or crop to 64x64");
    }
    this.resizeRows = new AreaResize(c.height(), SIZE);
    this.resizeCols = new AreaResize(c.width(), SIZE);
    this.raw = new float[source.channels() * h * w];
    this.cropped = new float[c.width() * c.height()];
    this.rowsDone = new float[SIZE * c.width()];
    if (options.clips()) {
      double[] p = percentiles(options.clipLow(), options.clipHigh());
      lo = p[0];
      hi = p[1];
    } else {
      lo = Double.NaN;
      hi = Double.NaN;
    }
  }

  /** Opens a movie with the default options. */
  public static MovieReader open(String spec) throws IOException {
    return open(spec, Options.DEFAULT);
  }

  /**
   * Opens a movie: a {@code .npy}, {@code .npz} (or {@code movie.npz:key}), {@code .tif}/{@code .tiff} file or a
   * folder of {@code .png} frames.
   */
  public static MovieReader open(String spec, Options options) throws IOException {
    return open(spec, options, WINDOW_BYTES);
  }

  static MovieReader open(String spec, Options options, long windowBytes) throws IOException {
    ArrayFiles.Source src = ArrayFiles.parse(spec);
    Path file = src.file();
    if (!Files.exists(file)) {
      throw new NoSuchFileException(null, null, "movie " + file + " does not exist");
    }
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    FrameSource source;
    if (Files.isDirectory(file)) {
      source = ImageStackSource.pngFolder(file, options.scaleIntegers());
    } else if (lower.endsWith(".npy")) {
      source = new NpySource(file, options.scaleIntegers(), windowBytes);
    } else if (lower.endsWith(".npz")) {
      NpyArray a = ArrayFiles.readArray(src);
      source = new ArraySource(file, src.toString(), a, options.scaleIntegers());
    } else if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
      source = ImageStackSource.tiff(file, options.scaleIntegers());
    } else {
      throw new IllegalArgumentException("movie " + file + ": unknown format; expected .npy, .npz, .tif, .tiff or a"
          + " folder of .png frames");
    }
    try {
      return new MovieReader(source, options);
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /** Number of frames. */
  public int frames() {
    return source.frames();
  }

  /** 1 (grey) or 3 (RGB). */
  public int channels() {
    return source.channels();
  }

  /** Height of the frames returned by {@link #read}: 64. */
  public int height() {
    return SIZE;
  }

  /** Width of the frames returned by {@link #read}: 64. */
  public int width() {
    return SIZE;
  }

  /**
   * Reads frames {@code [from, from + count)} as {@code [count, channels, 64, 64]} in C order.
   *
   * @throws IllegalArgumentException if the range leaves the movie
   * @throws MalformedFileException if a pixel is NaN or infinite, or a frame cannot be decoded
   */
  public float[] read(int from, int count) throws IOException {
    if (from < 0 || count < 0 || (long) from + count > frames()) {
      throw new IllegalArgumentException("frames [" + from + ", " + ((long) from + count) + ") leave the movie "
          + source.name() + " of " + frames() + " frames");
    }
    int per = channels() * SIZE * SIZE;
    float[] out = new float[count * per];
    for (int i = 0; i < count; i++) {
      readFrame(from + i, out, i * per, true);
    }
    return out;
  }

  /**
   * The first {@code count} frames, {@code [count, channels * 64 * 64]}, read through this reader one at a time as
   * they are asked for (memory-mapped for {@code .npy}); valid while the reader is open. A frame that cannot be read
   * (a NaN pixel, a damaged page) throws {@link java.io.UncheckedIOException} around the one-line
   * {@link MalformedFileException}.
   */
  public FrameStore store(int count) {
    if (count < 1 || count > frames()) {
      throw new IllegalArgumentException("a store of " + count + " frames of the movie " + source.name() + " of "
          + frames() + " frames; expected 1 to " + frames());
    }
    return FrameStore.of(count, channels() * SIZE * SIZE, (frame, dst, offset) -> {
      try {
        readFrame(frame, dst, offset, true);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private void readFrame(int frame, float[] out, int offset, boolean clip) throws IOException {
    source.read(frame, raw);
    int w = source.width();
    int h = source.height();
    for (int i = 0; i < raw.length; i++) {
      if (!Float.isFinite(raw[i])) {
        int ch = i / (w * h);
        int r = (i / w) % h;
        throw new MalformedFileException(source.name() + ": frame " + frame + " has a " + raw[i] + " pixel at"
            + " (channel " + ch + ", row " + r + ", column " + (i % w) + ")");
      }
    }
    for (int c = 0; c < channels(); c++) {
      int base = c * w * h;
      for (int r = 0; r < crop.height(); r++) {
        System.arraycopy(raw, base + (crop.y() + r) * w + crop.x(), cropped, r * crop.width(), crop.width());
      }
      int o = offset + c * SIZE * SIZE;
      if (crop.width() == SIZE && crop.height() == SIZE) {
        System.arraycopy(cropped, 0, out, o, SIZE * SIZE);
      } else {
        int cw = crop.width();
        // down the columns: [ch, cw] -> [64, cw]; then along the rows: [64, cw] -> [64, 64]
        resizeRows.apply(cropped, 0, 1, cw, rowsDone, 0, 1, cw, cw);
        resizeCols.apply(rowsDone, 0, cw, 1, out, o, SIZE, 1, SIZE);
      }
    }
    if (clip && options.clips()) {
      double span = hi - lo;
      int n = channels() * SIZE * SIZE;
      for (int i = offset; i < offset + n; i++) {
        double v = span > 0 ? (out[i] - lo) / span : (out[i] > lo ? 1 : 0);
        out[i] = (float) Math.min(1, Math.max(0, v));
      }
    }
  }

  private double[] percentiles(double low, double high) throws IOException {
    int n = Math.min(options.sampleFrames(), frames());
    int per = channels() * SIZE * SIZE;
    float[] values = new float[n * per];
    for (int i = 0; i < n; i++) {
      int frame = (int) ((long) i * frames() / n);
      readFrame(frame, values, i * per, false);
    }
    Arrays.sort(values);
    return new double[] {quantile(values, low / 100), quantile(values, high / 100)};
  }

  /** Linear interpolation between order statistics (NumPy's default). */
  static double quantile(float[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  /** Everything done to the frames, for run.json. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source.name());
    m.putAll(source.describe());
    m.put("inputShape", new int[] {source.frames(), source.channels(), source.height(), source.width()});
    m.put("crop", options.crop() == null ? "none" : Map.of("x", crop.x(), "y", crop.y(), "width", crop.width(),
        "height", crop.height()));
    m.put("resize", options.resize() && !(crop.width() == SIZE && crop.height() == SIZE)
        ? "area averaging " + crop.width() + "x" + crop.height() + " -> 64x64" : "none");
    if (options.clips()) {
      Map<String, Object> clip = new LinkedHashMap<>();
      clip.put("percentiles", List.of(options.clipLow(), options.clipHigh()));
      clip.put("low", lo);
      clip.put("high", hi);
      clip.put("sampleFrames", Math.min(options.sampleFrames(), frames()));
      clip.put("formula", "clamp((v - low) / (high - low), 0, 1)");
      m.put("normalisation", clip);
    } else {
      m.put("normalisation", "none");
    }
    m.put("outputShape", new int[] {frames(), channels(), SIZE, SIZE});
    return m;
  }

  /** The clip's lower value ({@code NaN} without a clip). */
  public double clipLowValue() {
    return lo;
  }

  /** The clip's upper value ({@code NaN} without a clip). */
  public double clipHighValue() {
    return hi;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}

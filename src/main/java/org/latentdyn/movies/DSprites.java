package org.latentdyn.movies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * dSprites-2 and dSprites-3 movies (spec datasets.md, "Image movies"; DynAE paper Table 2): a white anti-aliased
 * {@link Heart} on black, 64x64, one channel, whose factor indices on the grids of the real dSprites (32 x
 * positions, 32 y positions, 6 scales 0.5 ... 1.0) each perform a reflecting discrete Gaussian
 * {@link FactorWalk}, so that the factors are uniform in the long run. dSprites-2 moves (x, y) at scale 1;
 * dSprites-3 moves (scale, x, y). The ground truth holds the factors' grid indices, or with {@link TruthUnits#VALUE}
 * the dSprites factor values: {@code posX}, {@code posY} in {@code [0, 1]} (index / 31) and {@code scale} in
 * {@code [0.5, 1]}. Position {@code p} puts the heart's centroid
 * at {@code MARGIN + p * (64 - 2 MARGIN)} pixels (column for x, row for y, row 0 at the top).
 */
public final class DSprites implements MovieGenerator {
  /** Pixel position of the centroid at posX = 0 (and 64 - MARGIN at posX = 1). */
  public static final double MARGIN = 12;

  /**
   * @param withScale true for dSprites-3 (scale, x, y), false for dSprites-2 (x, y at scale 1)
   * @param stepSd standard deviation of each factor's random-walk step, in grid indices
   * @param units what the truth columns hold
   * @param seed random seed
   */
  public record Options(boolean withScale, double stepSd, TruthUnits units, long seed) {
    /** The default step: 1 grid index. */
    public static final double DEFAULT_STEP_SD = 1.0;

    public Options {
      if (!(stepSd >= 0) || Double.isInfinite(stepSd)) {
        throw new IllegalArgumentException("stepSd must be a finite number >= 0, got " + stepSd);
      }
      if (units == null) {
        throw new IllegalArgumentException("units must be given, got null");
      }
    }

    /** Options with the truth in grid indices. */
    public Options(boolean withScale, double stepSd, long seed) {
      this(withScale, stepSd, TruthUnits.INDEX, seed);
    }
  }

  /** The dSprites grids. */
  public static final Factor SCALE = Factor.linspace("scale", 0.5, 1.0, 6, "heart scale, 6 levels 0.5 ... 1.0");
  public static final Factor POS_X = Factor.linspace("posX", 0, 1, 32, "x position, 32 levels 0 ... 1 (index / 31)");
  public static final Factor POS_Y = Factor.linspace("posY", 0, 1, 32, "y position, 32 levels 0 ... 1 (index / 31)");

  private final Options options;
  private final List<Factor> factors = new ArrayList<>();
  private final List<FactorWalk> walks = new ArrayList<>();

  public DSprites(Options options) {
    this.options = options;
    SplittableRandom root = new SplittableRandom(options.seed());
    if (options.withScale()) {
      factors.add(SCALE);
    }
    factors.add(POS_X);
    factors.add(POS_Y);
    for (Factor f : factors) {
      walks.add(new FactorWalk(f.levels(), options.stepSd(), root.split()));
    }
  }

  @Override
  public String name() {
    return options.withScale() ? "dsprites3" : "dsprites2";
  }

  @Override
  public int channels() {
    return 1;
  }

  @Override
  public List<String> truthColumns() {
    return factors.stream().map(Factor::name).toList();
  }

  /** Pixel coordinate of the centroid for a position value in [0, 1]. */
  public static double pixel(double position) {
    return MARGIN + position * (SIZE - 2 * MARGIN);
  }

  @Override
  public void next(float[] frame, int offset, float[] truth) {
    int n = SIZE * SIZE;
    java.util.Arrays.fill(frame, offset, offset + n, 0f);
    int k = 0;
    double scale = 1.0;
    TruthUnits units = options.units();
    if (options.withScale()) {
      int i = walks.get(0).index();
      scale = SCALE.value(i);
      truth[k++] = (float) units.of(SCALE, i);
    }
    int ix = walks.get(k).index();
    double x = POS_X.value(ix);
    truth[k++] = (float) units.of(POS_X, ix);
    int iy = walks.get(k).index();
    double y = POS_Y.value(iy);
    truth[k] = (float) units.of(POS_Y, iy);
    Heart.draw(frame, offset, SIZE, pixel(x), pixel(y), scale, 1f);
    for (int i = 0; i < n; i++) {
      frame[offset + i] = Math.min(1f, frame[offset + i]);
    }
    for (FactorWalk w : walks) {
      w.step();
    }
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("movie", name());
    m.put("shape", "heart (dSprites), anti-aliased by " + Heart.SUPERSAMPLE + "x" + Heart.SUPERSAMPLE
        + " supersampling, half-width " + Heart.HALF_WIDTH + " px at scale 1");
    m.put("stepSd", options.stepSd());
    m.put("walk", "reflecting discrete Gaussian random walk of each factor index: i -> reflect(i + round(stepSd z))");
    Map<String, Object> grids = new LinkedHashMap<>();
    for (Factor f : factors) {
      grids.put(f.name(), f.values());
    }
    m.put("factors", grids);
    m.put("truthUnits", options.units().name().toLowerCase(java.util.Locale.ROOT));
    m.put("centroidPixel", "MARGIN + p * (64 - 2 MARGIN), MARGIN = " + MARGIN);
    if (!options.withScale()) {
      m.put("scale", 1.0);
    }
    return m;
  }

  @Override
  public String readme() {
    StringBuilder b = new StringBuilder();
    b.append("A white anti-aliased heart (the dSprites shape) on black, 64x64, one channel, values in [0, 1]")
        .append(options.withScale() ? "" : ", at scale 1").append(".\n")
        .append("Each factor index does a reflecting discrete Gaussian random walk on the dSprites grid")
        .append(" (step sd ").append(options.stepSd()).append(" grid indices), so the factors are uniform in the")
        .append(" long run.\n\n")
        .append(options.units().heading("dSprites")).append("\n\n");
    int c = 0;
    for (Factor f : factors) {
      b.append("- column ").append(c++).append(": `").append(f.name()).append("`, ")
          .append(options.units().describe(f)).append('\n');
    }
    b.append("\nThe position value p (index / 31) puts the heart's area centroid at pixel ").append(MARGIN)
        .append(" + 40 p")
        .append(" (column for x, row for y; row 0 is the top, pixel c spans [c, c + 1]).\n");
    return b.toString();
  }
}

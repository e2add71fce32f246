package org.latentdyn.movies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A DNA-like fluorescence movie (spec datasets.md, "Image movies"; after Lameh, Ding &amp; Stein 2020): an
 * anisotropic Gaussian spot whose centre does Brownian motion in a box, with its brightness, widths and
 * orientation fluctuating a little, imaged at 64x64 with camera noise and normalised to {@code [0, 1]}.
 *
 * <p>Per frame: the expected photon count of pixel {@code p} is {@code background + A exp(-q/2)}, averaged over
 * {@code 3 x 3} sub-pixel points, with {@code q} the quadratic form of the spot (widths {@code sigmaMajor},
 * {@code sigmaMinor}, angle {@code theta}) about the centre. The camera draws {@code Poisson(expected)} photons
 * and adds {@code N(0, readNoise^2)}; the value is {@code clamp(counts / fullScale, 0, 1)}. Between frames the
 * centre moves by {@code N(0, stepSd^2)} per axis and is reflected into {@code [margin, 64 - margin]}; the log
 * peak brightness and the log widths are Ornstein-Uhlenbeck processes about their means (stationary sd
 * {@code intensitySd} and {@code shapeSd}, relaxation {@code relaxation} per frame); theta does a Gaussian
 * random walk of sd {@code angleStepSd}. The ground truth is the centre (x = column, y = row) in pixels.
 */
public final class DnaBlob implements MovieGenerator {
  /**
   * @param stepSd Brownian step of the centre per frame and axis, pixels
   * @param margin the centre stays in [margin, 64 - margin] (reflecting walls), pixels
   * @param sigmaMajor mean width of the spot along its long axis, pixels
   * @param sigmaMinor mean width along its short axis, pixels
   * @param shapeSd stationary sd of log sigma (shape fluctuation)
   * @param angleStepSd random-walk step of the spot orientation per frame, radians
   * @param peakPhotons mean expected photons at the spot's peak
   * @param intensitySd stationary sd of the log peak brightness
   * @param relaxation relaxation rate per frame of the brightness and shape fluctuations, in (0, 1]
   * @param background expected background photons per pixel
   * @param readNoise Gaussian read-noise sd, photons
   * @param fullScale photon count that maps to 1
   * @param seed random seed
   */
  public record Options(double stepSd, double margin, double sigmaMajor, double sigmaMinor, double shapeSd,
      double angleStepSd, double peakPhotons, double intensitySd, double relaxation, double background,
      double readNoise, double fullScale, long seed) {
    public Options {
      nonNegative("stepSd", stepSd);
      nonNegative("shapeSd", shapeSd);
      nonNegative("angleStepSd", angleStepSd);
      nonNegative("intensitySd", intensitySd);
      nonNegative("background", background);
      nonNegative("readNoise", readNoise);
      positive("sigmaMajor", sigmaMajor);
      positive("sigmaMinor", sigmaMinor);
      positive("peakPhotons", peakPhotons);
      positive("fullScale", fullScale);
      if (!(margin >= 0 && margin < SIZE / 2.0)) {
        throw new IllegalArgumentException("margin must be in [0, 32), got " + margin);
      }
      if (!(relaxation > 0 && relaxation <= 1)) {
        throw new IllegalArgumentException("relaxation must be in (0, 1], got " + relaxation);
      }
    }

    /** The defaults with the given centre step and seed. */
    public static Options defaults(double stepSd, long seed) {
      return new Options(stepSd, 10, 3.0, 2.0, 0.05, 0.05, 300, 0.1, 0.1, 20, 5, 600, seed);
    }

    /** The default centre step: 1 pixel per frame and axis. */
    public static final double DEFAULT_STEP_SD = 1.0;

    private static void nonNegative(String name, double v) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
      }
    }

    private static void positive(String name, double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
      }
    }
  }

  private static final int SUB = 3;

  private final Options o;
  private final SplittableRandom motion;
  private final SplittableRandom fluctuation;
  private final SplittableRandom camera;
  private final double[] expected = new double[SIZE * SIZE];
  private double x;
  private double y;
  private double logIntensity;
  private double logMajor;
  private double logMinor;
  private double theta;

  public DnaBlob(Options options) {
    this.o = options;
    SplittableRandom root = new SplittableRandom(options.seed());
    SplittableRandom init = root.split();
    this.motion = root.split();
    this.fluctuation = root.split();
    this.camera = root.split();
    x = o.margin() + init.nextDouble() * (SIZE - 2 * o.margin());
    y = o.margin() + init.nextDouble() * (SIZE - 2 * o.margin());
    theta = init.nextDouble() * Math.PI;
    logIntensity = o.intensitySd() * FactorWalk.gaussian(init);
    logMajor = o.shapeSd() * FactorWalk.gaussian(init);
    logMinor = o.shapeSd() * FactorWalk.gaussian(init);
  }

  @Override
  public String name() {
    return "dna-blob";
  }

  @Override
  public int channels() {
    return 1;
  }

  @Override
  public List<String> truthColumns() {
    return List.of("x", "y");
  }

  /**
   * Adds the noise-free expected photons of a spot (without background) to {@code image} [64 x 64].
   *
   * @param cx centre column in pixels (pixel c spans [c, c + 1])
   * @param cy centre row in pixels, row 0 at the top
   */
  public static void renderSpot(double[] image, double cx, double cy, double peak, double sigmaMajor,
      double sigmaMinor, double theta) {
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    double a = 1 / (sigmaMajor * sigmaMajor);
    double b = 1 / (sigmaMinor * sigmaMinor);
    double reach = 5 * Math.max(sigmaMajor, sigmaMinor);
    int c0 = Math.max(0, (int) Math.floor(cx - reach));
    int c1 = Math.min(SIZE - 1, (int) Math.ceil(cx + reach));
    int r0 = Math.max(0, (int) Math.floor(cy - reach));
    int r1 = Math.min(SIZE - 1, (int) Math.ceil(cy + reach));
    double w = peak / (SUB * SUB);
    for (int row = r0; row <= r1; row++) {
      for (int col = c0; col <= c1; col++) {
        double sum = 0;
        for (int i = 0; i < SUB; i++) {
          double dy = row + (i + 0.5) / SUB - cy;
          for (int j = 0; j < SUB; j++) {
            double dx = col + (j + 0.5) / SUB - cx;
            double u = c * dx + s * dy;
            double v = -s * dx + c * dy;
            sum += Math.exp(-0.5 * (a * u * u + b * v * v));
          }
        }
        image[row * SIZE + col] += w * sum;
      }
    }
  }

  @Override
  public void next(float[] frame, int offset, float[] truth) {
    java.util.Arrays.fill(expected, o.background());
    renderSpot(expected, x, y, o.peakPhotons() * Math.exp(logIntensity), o.sigmaMajor() * Math.exp(logMajor),
        o.sigmaMinor() * Math.exp(logMinor), theta);
    double inv = 1 / o.fullScale();
    for (int i = 0; i < expected.length; i++) {
      double counts = poisson(camera, expected[i]) + o.readNoise() * FactorWalk.gaussian(camera);
      frame[offset + i] = (float) Math.min(1, Math.max(0, counts * inv));
    }
    truth[0] = (float) x;
    truth[1] = (float) y;
    step();
  }

  private void step() {
    double lo = o.margin();
    double hi = SIZE - o.margin();
    x = reflect(x + o.stepSd() * FactorWalk.gaussian(motion), lo, hi);
    y = reflect(y + o.stepSd() * FactorWalk.gaussian(motion), lo, hi);
    double r = o.relaxation();
    double kick = Math.sqrt(1 - (1 - r) * (1 - r));
    logIntensity += -r * logIntensity + kick * o.intensitySd() * FactorWalk.gaussian(fluctuation);
    logMajor += -r * logMajor + kick * o.shapeSd() * FactorWalk.gaussian(fluctuation);
    logMinor += -r * logMinor + kick * o.shapeSd() * FactorWalk.gaussian(fluctuation);
    theta += o.angleStepSd() * FactorWalk.gaussian(fluctuation);
  }

  /** Mirrors {@code v} into {@code [lo, hi]}. */
  static double reflect(double v, double lo, double hi) {
    if (hi <= lo) {
      return lo;
    }
    double period = 2 * (hi - lo);
    double m = (v - lo) % period;
    if (m < 0) {
      m += period;
    }
    return lo + (m <= hi - lo ? m : period - m);
  }

  /**
   * A Poisson draw: Knuth's product of uniforms below a mean of 30, above it the normal approximation
   * {@code round(mean + sqrt(mean) z)} clipped at 0 (relative error of the variance below 2% there).
   */
  static double poisson(SplittableRandom random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean < 30) {
      double limit = Math.exp(-mean);
      double p = random.nextDouble();
      int k = 0;
      while (p > limit) {
        p *= random.nextDouble();
        k++;
      }
      return k;
    }
    return Math.max(0, Math.rint(mean + Math.sqrt(mean) * FactorWalk.gaussian(random)));
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("movie", name());
    m.put("stepSd", o.stepSd());
    m.put("margin", o.margin());
    m.put("sigmaMajor", o.sigmaMajor());
    m.put("sigmaMinor", o.sigmaMinor());
    m.put("shapeSd", o.shapeSd());
    m.put("angleStepSd", o.angleStepSd());
    m.put("peakPhotons", o.peakPhotons());
    m.put("intensitySd", o.intensitySd());
    m.put("relaxation", o.relaxation());
    m.put("background", o.background());
    m.put("readNoise", o.readNoise());
    m.put("fullScale", o.fullScale());
    m.put("camera", "Poisson(background + spot) + N(0, readNoise^2), value = clamp(counts / fullScale, 0, 1)");
    return m;
  }

  @Override
  public String readme() {
    return "A fluorescent anisotropic Gaussian spot (widths " + o.sigmaMajor() + " and " + o.sigmaMinor()
        + " px, log-widths and log-brightness fluctuating with sd " + o.shapeSd() + " and " + o.intensitySd()
        + ", orientation drifting) in Brownian motion (step sd " + o.stepSd() + " px per frame and axis) in the box ["
        + o.margin() + ", " + (SIZE - o.margin()) + "]^2 with reflecting walls, 64x64, one channel.\n"
        + "Camera: Poisson photon counts (peak " + o.peakPhotons() + ", background " + o.background()
        + " photons) plus Gaussian read noise (sd " + o.readNoise() + "); values are counts / " + o.fullScale()
        + " clipped to [0, 1].\n\n"
        + "truth.npy columns (pixels, not normalised):\n\n"
        + "- column 0: `x`, the spot centre's column coordinate in [" + o.margin() + ", " + (SIZE - o.margin())
        + "] (pixel c spans [c, c + 1])\n"
        + "- column 1: `y`, the spot centre's row coordinate, row 0 at the top\n";
  }
}

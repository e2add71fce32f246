package org.latentdyn.mechanics;

import java.util.Arrays;

/**
 * Binary 28x28 frames of the pendulum and the mass-spring system, rasterised analytically so that they match
 * the matplotlib images of the pixel experiments of Saemundsson et al., "Variational Integrator Networks for
 * Physically Structured Embeddings" (AISTATS 2020), §4.2 and App. C.2; spec {@code vin.md} §3b, §7 item 12 and
 * the renderer amendment of §10.
 *
 * <p><b>Geometry.</b> A {@code 1 x 1} inch canvas at {@code dpi} dots per inch ({@code size = 28} px). The axes
 * box is matplotlib's default subplot area, {@code x} from {@code 0.125 * 28 = 3.5} to {@code 0.9 * 28 = 25.2}
 * px and {@code y} from {@code 0.11 * 28 = 3.08} to {@code 0.88 * 28 = 24.64} px measured from the bottom; the
 * data window {@code [-w, w]^2} fills it, so a data unit is {@code 21.7 / (2w)} px wide and {@code 21.56 / (2w)}
 * px high. All work below happens in device pixels with the origin at the <em>top</em> left, {@code y} pointing
 * down, and pixel {@code (row, col)} the unit square {@code [col, col + 1] x [row, row + 1]}; image row 0 is the
 * top.
 * <ul>
 *   <li>Pendulum ({@code w = 1.2}): a line from the pivot {@code (0, 0)} to the bob
 *       {@code (l sin theta, -l cos theta)}, {@code 12 pt = 4.67 px} wide with projecting square caps, i.e. the
 *       rectangle obtained by widening the segment by the line width and extending it by half the width at
 *       both ends.</li>
 *   <li>Spring ({@code w = 2.5}): a filled disc of diameter {@code 20 pt = 7.78 px} (scatter size
 *       {@code 400 pt^2}) at {@code (q, 0)}; the spring itself is not drawn.</li>
 * </ul>
 * A pixel is 1 iff its whole unit square lies inside the shape (both shapes are convex, so iff its four
 * corners do), else 0: matplotlib's anti-aliased image thresholded at "fully black". Nothing is clipped to the
 * axes box (matplotlib would clip there; of the default shapes only a disc with {@code q >= 1.53} or
 * {@code q < -1.69}, near the largest spring amplitudes of §3b, crosses it).
 *
 * <p><b>Snapping.</b> Agg snaps some paths to the pixel grid, and the reference counts (rod 36 on-pixels at
 * {@code theta = 0, +-pi/2, pi}; disc 37) only come out with it. The rule used here:
 * <ol>
 *   <li>The pivot (of every rod if {@link Options#snapPivot}, the default; else of axis-aligned rods only) is
 *       placed at the centre of the pixel that contains it: {@code P = (floor(X) + 1/2,
 *       floor(Y) + 1/2)} with {@code (X, Y)} the exact device position of {@code (0, 0)}, here
 *       {@code (14.35, 14.14) -> (14.5, 14.5)}. The rod is then drawn relative to {@code P}.</li>
 *   <li>If the rod is horizontal or vertical to within {@code 1e-4} px (matplotlib's test in
 *       {@code PathSnapper::should_snap}), the bob offset {@code B - P} is rounded to whole pixels (ties to
 *       even), so the bob also lands on a pixel centre. A 4.67-px line centred on a pixel centre covers
 *       exactly 3 columns (or rows), and its length {@code 9 + 4.67} px covers 12, hence 36 pixels.</li>
 *   <li>The disc centre is placed at the centre of the pixel that contains it,
 *       {@code (floor(X(q)) + 1/2, floor(Y(0)) + 1/2)}. A disc of radius 3.89 centred on a pixel centre covers a
 *       7 x 7 block less three pixels at each corner: 37 pixels for every {@code q} whose disc stays on the
 *       canvas ({@code -2.61 < q < 2.45} by default), and its centre moves {@code 21.7 / 5 = 4.34} px per unit of
 *       {@code q} in steps of whole pixels.</li>
 * </ol>
 * Matplotlib itself snaps both ends of an axis-aligned path of odd rounded width to
 * {@code floor(v + 1/2) + 1/2} and leaves diagonal lines alone; for the default geometry that gives the same
 * pixels at {@code theta = 0, +-pi/2, pi}. Snapping the pivot of every rod (rule 1, {@link Options#snapPivot})
 * moves diagonal rods by (0.15, 0.36) px against matplotlib, inside the spec's +-3 px tolerance, keeps the
 * pivot from jumping when a rod turns through an axis-aligned angle, and buys an exact symmetry:
 * {@code theta -> -theta} mirrors the image about the pivot column, {@code pixel(r, c) = pixel'(r, 2 pc - c)}
 * with {@code pc = 14} by default (column 0 is never on). Measured counts with the defaults: 36 at
 * {@code theta = 0, +-pi/2, pi}; 45 at {@code +-pi/4, +-3pi/4}; 36 to 46 over all angles. With the exact
 * pivot ({@code snapPivot = false}) {@code pi/4} gives the reference count 43 exactly, but {@code -pi/4} gives
 * 34, {@code 3pi/4} 36 and {@code -3pi/4} 42 (34 to 52 over all angles).
 *
 * <p>Angles are reduced to {@code [-pi, pi]} with {@link Math#IEEEremainder} first, so {@code theta} and
 * {@code theta + 2 pi} give the same frame. Instances are immutable and thread-safe.
 *
 * <p>Shapes: a frame is {@code [height, width] = [28, 28]} floats 0/1 in row-major order; a batch is
 * {@code [sequences, steps, height, width]}.
 */
public final class PixelRenderer {
  /** Tolerance (device px) under which matplotlib treats a segment as horizontal or vertical. */
  static final double AXIS_ALIGNED_TOLERANCE = 1e-4;

  private static final PixelRenderer DEFAULT = new PixelRenderer(Options.DEFAULTS);

  private final Options options;

  private PixelRenderer(Options options) {
    this.options = options;
  }

  /** A renderer with the given geometry. */
  public static PixelRenderer of(Options options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    return new PixelRenderer(options);
  }

  /** The renderer with {@link Options#DEFAULTS}, the geometry of spec §3b. */
  public static PixelRenderer defaults() {
    return DEFAULT;
  }

  public Options options() {
    return options;
  }

  /** Pendulum frame at angle {@code theta} (rad, from the downward vertical) with the default geometry. */
  public static float[] pendulum(double theta) {
    return DEFAULT.pendulumFrame(theta);
  }

  /** Spring frame at position {@code q} with the default geometry. */
  public static float[] spring(double q) {
    return DEFAULT.springFrame(q);
  }

  /** Number of on-pixels (values {@code > 0.5}) of a frame. */
  public static int count(float[] frame) {
    int n = 0;
    for (float v : frame) {
      if (v > 0.5f) {
        n++;
      }
    }
    return n;
  }

  /** Pendulum frame, {@code [height, width]} row-major, row 0 at the top, values 0 or 1. */
  public float[] pendulumFrame(double theta) {
    return toFloats(pendulumMask(theta));
  }

  /** Spring frame, {@code [height, width]} row-major, row 0 at the top, values 0 or 1. */
  public float[] springFrame(double q) {
    return toFloats(springMask(q));
  }

  /** Pendulum on-pixels, {@code [height, width]} row-major. */
  public boolean[] pendulumMask(double theta) {
    if (!Double.isFinite(theta)) {
      throw new IllegalArgumentException("theta must be finite, got " + theta);
    }
    double reduced = Math.IEEEremainder(theta, 2 * Math.PI);
    // sin is computed on |theta| and given the sign back, so theta and -theta are exact mirror images.
    double sin = Math.copySign(Math.sin(Math.abs(reduced)), reduced);
    double cos = Math.cos(Math.abs(reduced));
    double half = options.pendulumHalfWindow();
    double[] pivot = {deviceX(0, half), deviceY(0, half)};
    double dx = options.rodLength() * sin * unitWidth(half);
    double dy = options.rodLength() * cos * unitHeight(half); // device y points down; the bob hangs below
    boolean axisAligned = Math.abs(dx) < AXIS_ALIGNED_TOLERANCE || Math.abs(dy) < AXIS_ALIGNED_TOLERANCE;
    if (axisAligned || options.snapPivot()) {
      pivot = pivot(half);
    }
    if (axisAligned) {
      dx = Math.rint(dx);
      dy = Math.rint(dy);
    }
    double length = Math.hypot(dx, dy);
    double ux = dx / length;
    double uy = dy / length;
    double halfWidth = options.rodWidthPixels() / 2;
    int size = options.size();
    boolean[] mask = new boolean[size * size];
    for (int row = 0; row < size; row++) {
      for (int col = 0; col < size; col++) {
        boolean inside = true;
        for (int corner = 0; corner < 4 && inside; corner++) {
          double x = col + (corner & 1) - pivot[0];
          double y = row + (corner >> 1) - pivot[1];
          double along = x * ux + y * uy;
          double across = y * ux - x * uy;
          inside = along >= -halfWidth && along <= length + halfWidth && Math.abs(across) <= halfWidth;
        }
        mask[row * size + col] = inside;
      }
    }
    return mask;
  }

  /** Spring on-pixels, {@code [height, width]} row-major. */
  public boolean[] springMask(double q) {
    if (!Double.isFinite(q)) {
      throw new IllegalArgumentException("q must be finite, got " + q);
    }
    double half = options.springHalfWindow();
    double cx = Math.floor(deviceX(q, half)) + 0.5;
    double cy = Math.floor(deviceY(0, half)) + 0.5;
    double radius = options.discDiameterPixels() / 2;
    double r2 = radius * radius;
    int size = options.size();
    boolean[] mask = new boolean[size * size];
    for (int row = 0; row < size; row++) {
      for (int col = 0; col < size; col++) {
        boolean inside = true;
        for (int corner = 0; corner < 4 && inside; corner++) {
          double x = col + (corner & 1) - cx;
          double y = row + (corner >> 1) - cy;
          inside = x * x + y * y <= r2;
        }
        mask[row * size + col] = inside;
      }
    }
    return mask;
  }

  /** Pendulum frames of angles {@code [sequences][steps]}, as {@code [sequences, steps, height, width]}. */
  public Frames pendulumFrames(double[][] angles) {
    return batch("angles", angles, true);
  }

  /** Spring frames of positions {@code [sequences][steps]}, as {@code [sequences, steps, height, width]}. */
  public Frames springFrames(double[][] positions) {
    return batch("positions", positions, false);
  }

  /** Device pixel (from the top left) of the pivot, snapped to the centre of the pixel that contains it. */
  double[] pivot(double half) {
    return new double[] {Math.floor(deviceX(0, half)) + 0.5, Math.floor(deviceY(0, half)) + 0.5};
  }

  /** Exact device x (px from the left) of data coordinate {@code x} in the window {@code [-half, half]}. */
  double deviceX(double x, double half) {
    int size = options.size();
    return options.axesLeft() * size + (x + half) * unitWidth(half);
  }

  /** Exact device y (px from the top) of data coordinate {@code y} in the window {@code [-half, half]}. */
  double deviceY(double y, double half) {
    int size = options.size();
    return size - (options.axesBottom() * size + (y + half) * unitHeight(half));
  }

  /** Pixels per data unit along x. */
  double unitWidth(double half) {
    return (options.axesRight() - options.axesLeft()) * options.size() / (2 * half);
  }

  /** Pixels per data unit along y. */
  double unitHeight(double half) {
    return (options.axesTop() - options.axesBottom()) * options.size() / (2 * half);
  }

  private Frames batch(String name, double[][] values, boolean pendulum) {
    if (values == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    int sequences = values.length;
    int steps = sequences == 0 ? 0 : lengthOf(name, values, 0);
    for (int n = 1; n < sequences; n++) {
      int length = lengthOf(name, values, n);
      if (length != steps) {
        throw new IllegalArgumentException(
            name + "[" + n + "] has " + length + " steps, expected " + steps + " like " + name + "[0]");
      }
    }
    int pixels = options.size() * options.size();
    long total = (long) sequences * steps * pixels;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          name + " of " + sequences + " x " + steps + " frames need " + total + " floats, too many for one array");
    }
    float[] out = new float[(int) total];
    for (int n = 0; n < sequences; n++) {
      for (int t = 0; t < steps; t++) {
        double value = values[n][t];
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException(name + "[" + n + "][" + t + "] must be finite, got " + value);
        }
        boolean[] mask = pendulum ? pendulumMask(value) : springMask(value);
        int offset = (n * steps + t) * pixels;
        for (int i = 0; i < pixels; i++) {
          out[offset + i] = mask[i] ? 1f : 0f;
        }
      }
    }
    return new Frames(out, sequences, steps, options.size(), options.size());
  }

  private static int lengthOf(String name, double[][] values, int n) {
    if (values[n] == null) {
      throw new IllegalArgumentException(name + "[" + n + "] must not be null");
    }
    return values[n].length;
  }

  private static float[] toFloats(boolean[] mask) {
    float[] frame = new float[mask.length];
    for (int i = 0; i < mask.length; i++) {
      frame[i] = mask[i] ? 1f : 0f;
    }
    return frame;
  }

  /**
   * Geometry of the renderer; the defaults are spec §3b (matplotlib's defaults on a 1-inch, 28-dpi canvas).
   *
   * @param size canvas side in pixels (1 inch at the spec's 28 dpi), {@code >= 1}
   * @param dpi dots per inch, converting the point sizes below to pixels, {@code > 0}
   * @param axesLeft left edge of the axes box as a fraction of the canvas width (matplotlib 0.125)
   * @param axesRight right edge, fraction of the width (0.9), {@code > axesLeft}
   * @param axesBottom bottom edge, fraction of the height from the bottom (0.11)
   * @param axesTop top edge, fraction of the height from the bottom (0.88), {@code > axesBottom}
   * @param rodLength pendulum length {@code l} in data units, {@code > 0}
   * @param pendulumHalfWindow half side {@code w} of the pendulum's data window {@code [-w, w]^2} (1.2)
   * @param rodWidthPoints rod line width in points (12)
   * @param springHalfWindow half side of the spring's data window (2.5)
   * @param discDiameterPoints disc diameter in points (20, i.e. scatter size 400 pt^2)
   * @param snapPivot whether every rod's pivot sits on a pixel centre (default, see the class comment); if
   *     false only axis-aligned rods are snapped and diagonal rods start at the exact pivot, as matplotlib
   *     draws them (43 pixels at {@code pi/4} but 34 at {@code -pi/4}, no mirror symmetry)
   */
  public record Options(int size, double dpi, double axesLeft, double axesRight, double axesBottom,
      double axesTop, double rodLength, double pendulumHalfWindow, double rodWidthPoints,
      double springHalfWindow, double discDiameterPoints, boolean snapPivot) {
    /** Spec §3b: 28 px at 28 dpi, axes box (0.125, 0.9) x (0.11, 0.88), l = 1 in [-1.2, 1.2]^2 with a 12-pt
     *  rod, a 20-pt disc in [-2.5, 2.5]^2. */
    public static final Options DEFAULTS = new Options(28, 28, 0.125, 0.9, 0.11, 0.88, 1.0, 1.2, 12, 2.5, 20, true);

    public Options {
      if (size < 1) {
        throw new IllegalArgumentException("size must be >= 1, got " + size);
      }
      positive("dpi", dpi);
      fraction("axesLeft", axesLeft);
      fraction("axesRight", axesRight);
      fraction("axesBottom", axesBottom);
      fraction("axesTop", axesTop);
      if (!(axesRight > axesLeft)) {
        throw new IllegalArgumentException("axesRight must be > axesLeft = " + axesLeft + ", got " + axesRight);
      }
      if (!(axesTop > axesBottom)) {
        throw new IllegalArgumentException("axesTop must be > axesBottom = " + axesBottom + ", got " + axesTop);
      }
      positive("rodLength", rodLength);
      positive("pendulumHalfWindow", pendulumHalfWindow);
      positive("rodWidthPoints", rodWidthPoints);
      positive("springHalfWindow", springHalfWindow);
      positive("discDiameterPoints", discDiameterPoints);
    }

    /** Rod width in pixels, {@code rodWidthPoints * dpi / 72} (4.67 by default). */
    public double rodWidthPixels() {
      return rodWidthPoints * dpi / 72;
    }

    /** Disc diameter in pixels, {@code discDiameterPoints * dpi / 72} (7.78 by default). */
    public double discDiameterPixels() {
      return discDiameterPoints * dpi / 72;
    }

    public Options withSize(int value) {
      return new Options(value, dpi, axesLeft, axesRight, axesBottom, axesTop, rodLength, pendulumHalfWindow,
          rodWidthPoints, springHalfWindow, discDiameterPoints, snapPivot);
    }

    public Options withDpi(double value) {
      return new Options(size, value, axesLeft, axesRight, axesBottom, axesTop, rodLength, pendulumHalfWindow,
          rodWidthPoints, springHalfWindow, discDiameterPoints, snapPivot);
    }

    public Options withAxes(double left, double right, double bottom, double top) {
      return new Options(size, dpi, left, right, bottom, top, rodLength, pendulumHalfWindow, rodWidthPoints,
          springHalfWindow, discDiameterPoints, snapPivot);
    }

    public Options withRodLength(double value) {
      return new Options(size, dpi, axesLeft, axesRight, axesBottom, axesTop, value, pendulumHalfWindow,
          rodWidthPoints, springHalfWindow, discDiameterPoints, snapPivot);
    }

    public Options withPendulumHalfWindow(double value) {
      return new Options(size, dpi, axesLeft, axesRight, axesBottom, axesTop, rodLength, value, rodWidthPoints,
          springHalfWindow, discDiameterPoints, snapPivot);
    }

    public Options withRodWidthPoints(double value) {
      return new Options(size, dpi, axesLeft, axesRight, axesBottom, axesTop, rodLength, pendulumHalfWindow,
          value, springHalfWindow, discDiameterPoints, snapPivot);
    }

    public Options withSpringHalfWindow(double value) {
      return new Options(size, dpi, axesLeft, axesRight, axesBottom, axesTop, rodLength, pendulumHalfWindow,
          rodWidthPoints, value, discDiameterPoints, snapPivot);
    }

    public Options withDiscDiameterPoints(double value) {
      return new Options(size, dpi, axesLeft, axesRight, axesBottom, axesTop, rodLength, pendulumHalfWindow,
          rodWidthPoints, springHalfWindow, value, snapPivot);
    }

    public Options withSnapPivot(boolean value) {
      return new Options(size, dpi, axesLeft, axesRight, axesBottom, axesTop, rodLength, pendulumHalfWindow,
          rodWidthPoints, springHalfWindow, discDiameterPoints, value);
    }

    private static void positive(String name, double value) {
      if (!(value > 0) || !Double.isFinite(value)) {
        throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
      }
    }

    private static void fraction(String name, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
      }
    }
  }

  /**
   * A batch of frames, {@code [sequences, steps, height, width]} float32 in row-major order, values 0 or 1.
   * The record holds the array it was given; {@link #frame} copies one frame out.
   */
  public record Frames(float[] pixels, int sequences, int steps, int height, int width) {
    public Frames {
      if (pixels == null) {
        throw new IllegalArgumentException("pixels must not be null");
      }
      if (sequences < 0 || steps < 0 || height < 1 || width < 1) {
        throw new IllegalArgumentException("shape must be non-negative with positive height and width, got ["
            + sequences + ", " + steps + ", " + height + ", " + width + "]");
      }
      long expected = (long) sequences * steps * height * width;
      if (pixels.length != expected) {
        throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected " + expected
            + " for shape [" + sequences + ", " + steps + ", " + height + ", " + width + "]");
      }
    }

    /** {@code [sequences, steps, height, width]}. */
    public int[] shape() {
      return new int[] {sequences, steps, height, width};
    }

    /** Copy of frame {@code (sequence, step)}, {@code [height, width]}. */
    public float[] frame(int sequence, int step) {
      if (sequence < 0 || sequence >= sequences) {
        throw new IllegalArgumentException("sequence must be in [0, " + sequences + "), got " + sequence);
      }
      if (step < 0 || step >= steps) {
        throw new IllegalArgumentException("step must be in [0, " + steps + "), got " + step);
      }
      int pixelsPerFrame = height * width;
      int offset = (sequence * steps + step) * pixelsPerFrame;
      return Arrays.copyOfRange(pixels, offset, offset + pixelsPerFrame);
    }
  }
}

package org.latentdyn.movies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A shapes3D-like scene (spec datasets.md, "Image movies"; DynAE paper Table 2): 64x64 RGB frames of a room seen
 * in perspective (a floor, a back wall and two side walls) with a box standing on the floor, ray cast with
 * {@code SUPERSAMPLE x SUPERSAMPLE} rays per pixel and Lambert shading. Five factors on the grids of the real
 * 3dshapes data each do a reflecting discrete Gaussian {@link FactorWalk}: floor hue, wall hue and object hue
 * (10 levels 0 ... 0.9), object scale (8 levels 0.75 ... 1.25) and orientation (15 levels -30 ... 30 degrees).
 *
 * <p>Geometry (camera at the origin looking along +z, y up, focal length {@code F} pixels, principal point
 * {@code (32, 20)}): floor {@code y = -1}, back wall {@code z = 4}, side walls {@code x = +-1.6}; the box is a cube
 * of half-size {@code 0.3 scale} resting on the floor, centred at {@code x = 0, z = 2.8}, turned by the orientation
 * about the vertical axis. A surface with normal {@code n} has brightness {@code 0.3 + 0.7 max(0, n . L)} with
 * {@code L} the unit vector towards the light, {@code (-0.5, 1, -0.7)} normalised; its colour is that brightness
 * times the fully saturated colour of its hue (HSV with s = v = 1), so the hue of every pixel that one surface
 * covers equals that surface's hue.
 */
public final class Shapes3dLike implements MovieGenerator {
  public static final int SUPERSAMPLE = 4;
  static final double F = 64;
  static final double CX = 32;
  static final double CY = 20;
  static final double BACK = 4;
  static final double SIDE = 1.6;
  static final double OBJECT_Z = 2.8;
  static final double HALF_SIZE = 0.3;
  private static final double[] LIGHT = normalise(-0.5, 1.0, -0.7);
  private static final double AMBIENT = 0.3;

  /** Surfaces of the room. */
  private static final int FLOOR = 0;
  private static final int WALL = 1;

  /** Per pixel: mean brightness contributed by floor samples and by wall samples (constant over the movie). */
  private static final double[] FLOOR_WEIGHT = new double[SIZE * SIZE];
  private static final double[] WALL_WEIGHT = new double[SIZE * SIZE];

  static {
    double[] hit = new double[2];
    double inv = 1.0 / (SUPERSAMPLE * SUPERSAMPLE);
    for (int row = 0; row < SIZE; row++) {
      for (int col = 0; col < SIZE; col++) {
        for (int a = 0; a < SUPERSAMPLE; a++) {
          for (int b = 0; b < SUPERSAMPLE; b++) {
            room(col + (b + 0.5) / SUPERSAMPLE, row + (a + 0.5) / SUPERSAMPLE, hit);
            (hit[0] == FLOOR ? FLOOR_WEIGHT : WALL_WEIGHT)[row * SIZE + col] += hit[1] * inv;
          }
        }
      }
    }
  }

  public static final Factor FLOOR_HUE = Factor.linspace("floorHue", 0, 0.9, 10, "floor hue, 10 levels 0 ... 0.9");
  public static final Factor WALL_HUE = Factor.linspace("wallHue", 0, 0.9, 10, "wall hue, 10 levels 0 ... 0.9");
  public static final Factor OBJECT_HUE = Factor.linspace("objectHue", 0, 0.9, 10, "object hue, 10 levels 0 ... 0.9");
  public static final Factor SCALE = Factor.linspace("scale", 0.75, 1.25, 8, "object scale, 8 levels 0.75 ... 1.25");
  public static final Factor ORIENTATION = Factor.linspace("orientation", -30, 30, 15,
      "object orientation about the vertical axis in degrees, 15 levels -30 ... 30");
  private static final List<Factor> FACTORS = List.of(FLOOR_HUE, WALL_HUE, OBJECT_HUE, SCALE, ORIENTATION);

  /**
   * @param stepSd standard deviation of each factor's random-walk step, in grid indices
   * @param units what the truth columns hold
   * @param seed random seed
   */
  public record Options(double stepSd, TruthUnits units, long seed) {
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
    public Options(double stepSd, long seed) {
      this(stepSd, TruthUnits.INDEX, seed);
    }
  }

  private final Options options;
  private final List<FactorWalk> walks = new ArrayList<>();
  private final float[] values = new float[5];

  public Shapes3dLike(Options options) {
    this.options = options;
    SplittableRandom root = new SplittableRandom(options.seed());
    for (Factor f : FACTORS) {
      walks.add(new FactorWalk(f.levels(), options.stepSd(), root.split()));
    }
  }

  @Override
  public String name() {
    return "shapes3d-like";
  }

  @Override
  public int channels() {
    return 3;
  }

  @Override
  public List<String> truthColumns() {
    return FACTORS.stream().map(Factor::name).toList();
  }

  @Override
  public void next(float[] frame, int offset, float[] truth) {
    for (int k = 0; k < FACTORS.size(); k++) {
      int i = walks.get(k).index();
      values[k] = (float) FACTORS.get(k).value(i);
      truth[k] = (float) options.units().of(FACTORS.get(k), i);
    }
    render(frame, offset, values[0], values[1], values[2], values[3], values[4]);
    for (FactorWalk w : walks) {
      w.step();
    }
  }

  /**
   * Renders one frame {@code [3, 64, 64]} into {@code frame[offset ...]}.
   *
   * @param orientationDegrees rotation of the box about the vertical axis
   */
  public static void render(float[] frame, int offset, double floorHue, double wallHue, double objectHue,
      double scale, double orientationDegrees) {
    double[] floor = hueToRgb(floorHue);
    double[] wall = hueToRgb(wallHue);
    double[] object = hueToRgb(objectHue);
    int plane = SIZE * SIZE;
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) {
        frame[offset + c * plane + p] = (float) (FLOOR_WEIGHT[p] * floor[c] + WALL_WEIGHT[p] * wall[c]);
      }
    }
    Box box = new Box(HALF_SIZE * scale, Math.toRadians(orientationDegrees));
    int[] bounds = box.screenBounds();
    double[] hit = new double[2];
    double inv = 1.0 / (SUPERSAMPLE * SUPERSAMPLE);
    for (int row = bounds[2]; row <= bounds[3]; row++) {
      for (int col = bounds[0]; col <= bounds[1]; col++) {
        double[] rgb = new double[3];
        boolean any = false;
        for (int a = 0; a < SUPERSAMPLE; a++) {
          double py = row + (a + 0.5) / SUPERSAMPLE;
          for (int b = 0; b < SUPERSAMPLE; b++) {
            double px = col + (b + 0.5) / SUPERSAMPLE;
            double shade = box.shade(px, py);
            double[] colour = object;
            if (shade < 0) {
              room(px, py, hit);
              shade = hit[1];
              colour = hit[0] == FLOOR ? floor : wall;
            } else {
              any = true;
            }
            for (int c = 0; c < 3; c++) {
              rgb[c] += shade * colour[c] * inv;
            }
          }
        }
        if (any) {
          for (int c = 0; c < 3; c++) {
            frame[offset + c * plane + row * SIZE + col] = (float) Math.min(1, rgb[c]);
          }
        }
      }
    }
  }

  /** The surface a ray through pixel point (px, py) meets in the empty room: {@code hit = {FLOOR or WALL, brightness}}. */
  private static void room(double px, double py, double[] hit) {
    double dx = (px - CX) / F;
    double dy = (CY - py) / F;
    if (dy < 0) {
      double t = -1 / dy; // floor y = -1, z = t
      if (t < BACK && Math.abs(dx * t) < SIDE) {
        hit[0] = FLOOR;
        hit[1] = brightness(0, 1, 0);
        return;
      }
    }
    hit[0] = WALL;
    if (Math.abs(dx * BACK) < SIDE) {
      hit[1] = brightness(0, 0, -1);
    } else {
      hit[1] = dx < 0 ? brightness(1, 0, 0) : brightness(-1, 0, 0);
    }
  }

  private static double brightness(double nx, double ny, double nz) {
    return AMBIENT + (1 - AMBIENT) * Math.max(0, nx * LIGHT[0] + ny * LIGHT[1] + nz * LIGHT[2]);
  }

  private static double[] normalise(double x, double y, double z) {
    double n = Math.sqrt(x * x + y * y + z * z);
    return new double[] {x / n, y / n, z / n};
  }

  /** The fully saturated colour (HSV s = v = 1) of a hue in [0, 1). */
  public static double[] hueToRgb(double hue) {
    double h = (hue - Math.floor(hue)) * 6;
    int i = (int) Math.floor(h) % 6;
    double f = h - Math.floor(h);
    return switch (i) {
      case 0 -> new double[] {1, f, 0};
      case 1 -> new double[] {1 - f, 1, 0};
      case 2 -> new double[] {0, 1, f};
      case 3 -> new double[] {0, 1 - f, 1};
      case 4 -> new double[] {f, 0, 1};
      default -> new double[] {1, 0, 1 - f};
    };
  }

  /** The HSV hue in [0, 1) of an RGB colour (0 for grey). */
  public static double rgbToHue(double r, double g, double b) {
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double d = max - min;
    if (d <= 0) {
      return 0;
    }
    double h;
    if (max == r) {
      h = ((g - b) / d) / 6;
    } else if (max == g) {
      h = ((b - r) / d + 2) / 6;
    } else {
      h = ((r - g) / d + 4) / 6;
    }
    return h - Math.floor(h);
  }

  /** The cube on the floor, in a frame turned by {@code angle} about the vertical axis through its centre. */
  private static final class Box {
    final double half;
    final double cos;
    final double sin;
    final double centreY;

    Box(double half, double angle) {
      this.half = half;
      this.cos = Math.cos(angle);
      this.sin = Math.sin(angle);
      this.centreY = -1 + half;
    }

    /** {min col, max col, min row, max row} of the pixels the box can touch. */
    int[] screenBounds() {
      double c0 = Double.POSITIVE_INFINITY;
      double c1 = Double.NEGATIVE_INFINITY;
      double r0 = Double.POSITIVE_INFINITY;
      double r1 = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < 8; i++) {
        double lx = (i & 1) == 0 ? -half : half;
        double ly = (i & 2) == 0 ? -half : half;
        double lz = (i & 4) == 0 ? -half : half;
        double wx = cos * lx + sin * lz;
        double wy = centreY + ly;
        double wz = OBJECT_Z - sin * lx + cos * lz;
        double col = CX + F * wx / wz;
        double row = CY - F * wy / wz;
        c0 = Math.min(c0, col);
        c1 = Math.max(c1, col);
        r0 = Math.min(r0, row);
        r1 = Math.max(r1, row);
      }
      return new int[] {Math.max(0, (int) Math.floor(c0) - 1), Math.min(SIZE - 1, (int) Math.ceil(c1) + 1),
          Math.max(0, (int) Math.floor(r0) - 1), Math.min(SIZE - 1, (int) Math.ceil(r1) + 1)};
    }

    /** Brightness of the box where the ray through (px, py) first meets it, or -1 if it misses. */
    double shade(double px, double py) {
      double[] d = {(px - CX) / F, (CY - py) / F, 1};
      // ray origin relative to the box centre, then both into the box frame (rotate by -angle)
      double ox = 0;
      double oy = -centreY;
      double oz = -OBJECT_Z;
      double[] o = {cos * ox - sin * oz, oy, sin * ox + cos * oz};
      double[] l = {cos * d[0] - sin * d[2], d[1], sin * d[0] + cos * d[2]};
      double near = Double.NEGATIVE_INFINITY;
      double far = Double.POSITIVE_INFINITY;
      int axis = -1;
      for (int k = 0; k < 3; k++) {
        if (Math.abs(l[k]) < 1e-12) {
          if (Math.abs(o[k]) > half) {
            return -1;
          }
          continue;
        }
        double t1 = (-half - o[k]) / l[k];
        double t2 = (half - o[k]) / l[k];
        double lo = Math.min(t1, t2);
        double hi = Math.max(t1, t2);
        if (lo > near) {
          near = lo;
          axis = k;
        }
        far = Math.min(far, hi);
      }
      if (near > far || far <= 0 || axis < 0) {
        return -1;
      }
      double[] n = new double[3];
      n[axis] = l[axis] > 0 ? -1 : 1;
      // back to the world frame (rotate by +angle)
      double nx = cos * n[0] + sin * n[2];
      double nz = -sin * n[0] + cos * n[2];
      return brightness(nx, n[1], nz);
    }
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("movie", name());
    m.put("stepSd", options.stepSd());
    m.put("walk", "reflecting discrete Gaussian random walk of each factor index: i -> reflect(i + round(stepSd z))");
    Map<String, Object> grids = new LinkedHashMap<>();
    for (Factor f : FACTORS) {
      grids.put(f.name(), f.values());
    }
    m.put("factors", grids);
    m.put("truthUnits", options.units().name().toLowerCase(java.util.Locale.ROOT));
    m.put("renderer", "ray cast, " + SUPERSAMPLE + "x" + SUPERSAMPLE + " rays per pixel, Lambert shading 0.3 + 0.7 max(0, n.L)");
    return m;
  }

  @Override
  public String readme() {
    StringBuilder b = new StringBuilder("A shapes3D-like scene, 64x64 RGB (channels first), values in [0, 1]: a room")
        .append(" in perspective (floor, back wall, side walls) with a cube on the floor, ray cast with ")
        .append(SUPERSAMPLE).append("x").append(SUPERSAMPLE).append(" rays per pixel and Lambert shading.\n")
        .append("Each factor index does a reflecting discrete Gaussian random walk on the 3dshapes grid (step sd ")
        .append(options.stepSd()).append(" grid indices), so the factors are uniform in the long run.\n\n")
        .append(options.units().heading("3dshapes")).append("\n\n");
    for (int c = 0; c < FACTORS.size(); c++) {
      b.append("- column ").append(c).append(": `").append(FACTORS.get(c).name()).append("`, ")
          .append(options.units().describe(FACTORS.get(c))).append('\n');
    }
    b.append("\nA hue h is the fully saturated colour of HSV hue h (0 red, 1/3 green, 2/3 blue) times the surface's")
        .append(" brightness.\n");
    return b.toString();
  }
}

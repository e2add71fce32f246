package org.latentdyn.movies;

/**
 * An anti-aliased heart, the dSprites shape, rasterised by supersampling. The unit heart is the region
 * {@code (u^2 + v^2 - 1)^3 - u^2 v^3 <= 0} ({@code v} up), about 2.28 wide and 2.24 high; it is shifted so that
 * its area centroid lies at the origin, so a heart drawn at {@code (cx, cy)} has its pixel centroid there.
 * A heart of scale {@code s} has half-width {@code s * HALF_WIDTH} pixels. Pixel {@code (row, col)} covers the
 * unit square {@code [col, col + 1] x [row, row + 1]}, row 0 at the top; its value is the fraction of its
 * {@code SUPERSAMPLE^2} sub-pixel centres inside the heart.
 */
public final class Heart {
  /** Half-width in pixels of a heart of scale 1. */
  public static final double HALF_WIDTH = 10.0;
  /** Sub-samples per pixel along each axis. */
  public static final int SUPERSAMPLE = 4;

  /** Half-width of the unit heart: the maximum of |u| on its boundary. */
  private static final double UNIT_HALF_WIDTH;
  /** Area centroid (u, v) of the unit heart. */
  private static final double CENTROID_U;
  private static final double CENTROID_V;
  /** Area of the unit heart. */
  static final double UNIT_AREA;

  static {
    int n = 1200;
    double lo = -1.5;
    double h = 3.0 / n;
    double area = 0;
    double su = 0;
    double sv = 0;
    double maxU = 0;
    for (int i = 0; i < n; i++) {
      double v = lo + (i + 0.5) * h;
      for (int j = 0; j < n; j++) {
        double u = lo + (j + 0.5) * h;
        if (insideUnit(u, v)) {
          area++;
          su += u;
          sv += v;
          maxU = Math.max(maxU, Math.abs(u));
        }
      }
    }
    CENTROID_U = su / area;
    CENTROID_V = sv / area;
    UNIT_AREA = area * h * h;
    UNIT_HALF_WIDTH = maxU + h / 2;
  }

  private Heart() {}

  static boolean insideUnit(double u, double v) {
    double a = u * u + v * v - 1;
    return a * a * a - u * u * v * v * v <= 0;
  }

  /** Area in square pixels of a heart of the given scale (exact up to the sampling of the unit heart). */
  public static double area(double scale) {
    double r = scale * HALF_WIDTH / UNIT_HALF_WIDTH;
    return UNIT_AREA * r * r;
  }

  /**
   * Adds the heart's coverage, times {@code intensity}, to a {@code size x size} grey image at {@code offset}
   * (values are added, so the image should start at 0).
   *
   * @param cx centroid column in pixels (pixel {@code c} spans {@code [c, c + 1]})
   * @param cy centroid row in pixels, growing downwards
   */
  public static void draw(float[] image, int offset, int size, double cx, double cy, double scale, float intensity) {
    double r = scale * HALF_WIDTH / UNIT_HALF_WIDTH; // pixels per unit-heart unit
    double reach = 1.6 * r + 1;
    int c0 = Math.max(0, (int) Math.floor(cx - reach));
    int c1 = Math.min(size - 1, (int) Math.ceil(cx + reach));
    int r0 = Math.max(0, (int) Math.floor(cy - reach));
    int r1 = Math.min(size - 1, (int) Math.ceil(cy + reach));
    double inv = 1 / r;
    float w = intensity / (SUPERSAMPLE * SUPERSAMPLE);
    for (int row = r0; row <= r1; row++) {
      for (int col = c0; col <= c1; col++) {
        int hits = 0;
        for (int a = 0; a < SUPERSAMPLE; a++) {
          double y = row + (a + 0.5) / SUPERSAMPLE;
          double v = -(y - cy) * inv + CENTROID_V;
          for (int b = 0; b < SUPERSAMPLE; b++) {
            double x = col + (b + 0.5) / SUPERSAMPLE;
            double u = (x - cx) * inv + CENTROID_U;
            if (insideUnit(u, v)) {
              hits++;
            }
          }
        }
        if (hits > 0) {
          image[offset + row * size + col] += hits * w;
        }
      }
    }
  }
}

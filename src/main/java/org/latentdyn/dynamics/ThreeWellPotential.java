package org.latentdyn.dynamics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three-well free energy of the DynAE three-well example (spec {@code dynae.md} §6, paper Fig. 2), in units
 * of kT:
 *
 * <pre>
 *   F(x, y) = -A sum_k exp(-|r - c_k|^2 / (2 s^2)) + b |r|^4,   r = (x, y),
 * </pre>
 *
 * with centres {@code c_k} at radius {@code R} and angles 90°, 210°, 330°. The defaults {@code A = 6, s = 0.7,
 * b = 0.03, R = 1.5} give minima at radius 1.4639 (pulled slightly inward by the quartic), saddles at radius
 * 0.6958 on the bisectors (150°, 270°, 30°) with a barrier of 3.694 kT, and a local maximum at the origin
 * 4.057 kT above the minima (the authors' data have ≈2.7 kT there; these constants do not reproduce that).
 */
public final class ThreeWellPotential implements Potential {
  /** Angles of the well centres in degrees, in the order used by {@link #minima()}. */
  public static final double[] ANGLES_DEGREES = {90, 210, 330};

  private final double depth;
  private final double width;
  private final double confinement;
  private final double radius;
  private final double[] cx = new double[3];
  private final double[] cy = new double[3];
  private final double inv2s2;
  private final double invS2;

  /**
   * @param depth well depth {@code A > 0}
   * @param width Gaussian width {@code s > 0}
   * @param confinement quartic confinement {@code b >= 0}
   * @param radius radius {@code R > 0} of the well centres
   */
  public ThreeWellPotential(double depth, double width, double confinement, double radius) {
    this.depth = Checks.positive("depth", depth);
    this.width = Checks.positive("width", width);
    this.confinement = Checks.nonNegative("confinement", confinement);
    this.radius = Checks.positive("radius", radius);
    for (int k = 0; k < 3; k++) {
      double a = Math.toRadians(ANGLES_DEGREES[k]);
      cx[k] = radius * Math.cos(a);
      cy[k] = radius * Math.sin(a);
    }
    inv2s2 = 1 / (2 * width * width);
    invS2 = 1 / (width * width);
  }

  /** The spec §6 constants: {@code A = 6, s = 0.7, b = 0.03, R = 1.5}. */
  public static ThreeWellPotential defaults() {
    return new ThreeWellPotential(6, 0.7, 0.03, 1.5);
  }

  @Override
  public int dim() {
    return 2;
  }

  @Override
  public double energy(double[] x) {
    double px = x[0];
    double py = x[1];
    double r2 = px * px + py * py;
    double e = confinement * r2 * r2;
    for (int k = 0; k < 3; k++) {
      double dx = px - cx[k];
      double dy = py - cy[k];
      e -= depth * Math.exp(-(dx * dx + dy * dy) * inv2s2);
    }
    return e;
  }

  @Override
  public void gradient(double[] x, double[] out) {
    energyAndGradient(x, out);
  }

  @Override
  public double energyAndGradient(double[] x, double[] out) {
    double px = x[0];
    double py = x[1];
    double r2 = px * px + py * py;
    double e = confinement * r2 * r2;
    double q = 4 * confinement * r2;
    double gx = q * px;
    double gy = q * py;
    for (int k = 0; k < 3; k++) {
      double dx = px - cx[k];
      double dy = py - cy[k];
      double w = depth * Math.exp(-(dx * dx + dy * dy) * inv2s2);
      e -= w;
      w *= invS2;
      gx += w * dx;
      gy += w * dy;
    }
    out[0] = gx;
    out[1] = gy;
    return e;
  }

  /** Centre {@code c_k} of well {@code k} (0, 1, 2 for 90°, 210°, 330°). */
  public double[] centre(int k) {
    return new double[] {cx[k], cy[k]};
  }

  /** The three minima, found by Newton minimisation from the well centres, ordered as {@link #ANGLES_DEGREES}. */
  public List<StationaryPoint> minima() {
    List<StationaryPoint> out = new ArrayList<>(3);
    for (int k = 0; k < 3; k++) {
      out.add(StationaryPoints.minimize(this, centre(k)));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The first-order saddle between wells {@code i} and {@code j}: Newton's method on {@code grad F = 0} started
   * at the midpoint of the two minima, which lies on the ridge that separates them.
   *
   * @throws IllegalStateException if the point found is not a first-order saddle
   */
  public StationaryPoint saddle(int i, int j) {
    if (i < 0 || i > 2 || j < 0 || j > 2 || i == j) {
      throw new IllegalArgumentException("wells must be two distinct indices in 0..2, got " + i + " and " + j);
    }
    List<StationaryPoint> minima = minima();
    double[] a = minima.get(i).position();
    double[] b = minima.get(j).position();
    StationaryPoint s = StationaryPoints.newton(this, new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}, 0.1);
    if (s.index() != 1) {
      throw new IllegalStateException("Newton search between wells " + i + " and " + j
          + " ended at a stationary point of index " + s.index() + ", not a saddle: " + s);
    }
    return s;
  }

  /** Saddle energy minus minimum energy between wells 0 and 1 (all three are equal by symmetry), in kT. */
  public double barrier() {
    return saddle(0, 1).energy() - minima().get(0).energy();
  }

  public double depth() {
    return depth;
  }

  public double width() {
    return width;
  }

  public double confinement() {
    return confinement;
  }

  public double radius() {
    return radius;
  }

  @Override
  public String name() {
    return "three-well";
  }

  @Override
  public String formula() {
    return "F(x,y) = -A * sum_k exp(-|r - c_k|^2 / (2 s^2)) + b |r|^4, c_k = R (cos t_k, sin t_k), "
        + "t_k = 90, 210, 330 deg";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("A", depth);
    p.put("s", width);
    p.put("b", confinement);
    p.put("R", radius);
    return Collections.unmodifiableMap(p);
  }

  @Override
  public String toString() {
    return "ThreeWellPotential" + parameters();
  }
}

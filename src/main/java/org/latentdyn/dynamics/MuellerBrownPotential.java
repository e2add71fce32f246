package org.latentdyn.dynamics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Müller–Brown potential (Müller &amp; Brown, Theor. Chim. Acta 53, 75, 1979), multiplied by
 * {@code energyScale}:
 *
 * <pre>
 *   U(x, y) = scale * sum_{k=1..4} A_k exp(a_k (x - x0_k)^2 + b_k (x - x0_k)(y - y0_k) + c_k (y - y0_k)^2)
 * </pre>
 *
 * with the standard constants {@code A = (-200, -100, -170, 15)}, {@code a = (-1, -1, -6.5, 0.7)},
 * {@code b = (0, 0, 11, 0.6)}, {@code c = (-10, -10, -6.5, 0.7)}, {@code x0 = (1, 0, -0.5, -1)},
 * {@code y0 = (0, 0.5, 1.5, 1)}. At scale 1 the minima lie near (-0.558, 1.442), (0.623, 0.028),
 * (-0.050, 0.467) with energies -146.70, -108.17, -80.77, and the barriers are ~100 energy units; a scale
 * around 0.05-0.1 gives barriers of a few kT at kT = 1.
 *
 * @param energyScale factor {@code > 0} applied to the standard energy
 */
public record MuellerBrownPotential(double energyScale) implements Potential {
  private static final double[] A = {-200, -100, -170, 15};
  private static final double[] AA = {-1, -1, -6.5, 0.7};
  private static final double[] BB = {0, 0, 11, 0.6};
  private static final double[] CC = {-10, -10, -6.5, 0.7};
  private static final double[] X0 = {1, 0, -0.5, -1};
  private static final double[] Y0 = {0, 0.5, 1.5, 1};

  public MuellerBrownPotential {
    Checks.positive("energyScale", energyScale);
  }

  /** The unscaled standard potential. */
  public static MuellerBrownPotential standard() {
    return new MuellerBrownPotential(1);
  }

  @Override
  public int dim() {
    return 2;
  }

  @Override
  public double energy(double[] x) {
    double e = 0;
    for (int k = 0; k < 4; k++) {
      double dx = x[0] - X0[k];
      double dy = x[1] - Y0[k];
      e += A[k] * Math.exp(AA[k] * dx * dx + BB[k] * dx * dy + CC[k] * dy * dy);
    }
    return energyScale * e;
  }

  @Override
  public void gradient(double[] x, double[] out) {
    energyAndGradient(x, out);
  }

  @Override
  public double energyAndGradient(double[] x, double[] out) {
    double e = 0;
    double gx = 0;
    double gy = 0;
    for (int k = 0; k < 4; k++) {
      double dx = x[0] - X0[k];
      double dy = x[1] - Y0[k];
      double w = A[k] * Math.exp(AA[k] * dx * dx + BB[k] * dx * dy + CC[k] * dy * dy);
      e += w;
      gx += w * (2 * AA[k] * dx + BB[k] * dy);
      gy += w * (BB[k] * dx + 2 * CC[k] * dy);
    }
    out[0] = energyScale * gx;
    out[1] = energyScale * gy;
    return energyScale * e;
  }

  @Override
  public String name() {
    return "mueller-brown";
  }

  @Override
  public String formula() {
    return "U(x,y) = scale * sum_k A_k exp(a_k (x-x0_k)^2 + b_k (x-x0_k)(y-y0_k) + c_k (y-y0_k)^2), "
        + "A=(-200,-100,-170,15), a=(-1,-1,-6.5,0.7), b=(0,0,11,0.6), c=(-10,-10,-6.5,0.7), "
        + "x0=(1,0,-0.5,-1), y0=(0,0.5,1.5,1)";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("scale", energyScale);
    return Collections.unmodifiableMap(p);
  }
}

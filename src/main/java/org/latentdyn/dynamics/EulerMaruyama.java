package org.latentdyn.dynamics;

/**
 * Euler–Maruyama: {@code x <- x + a(x) dt + g(x) sqrt(dt) xi}, {@code xi ~ N(0, I)}. Strong order 1/2 for
 * multiplicative noise and 1 for additive noise; weak order 1 (Kloeden &amp; Platen, 1992, §10.2, §14.1).
 */
public final class EulerMaruyama implements SdeIntegrator {
  @Override
  public String name() {
    return "euler-maruyama";
  }

  @Override
  public double strongOrder(Sde sde) {
    return sde.isAdditiveNoise() ? 1.0 : 0.5;
  }

  @Override
  public double weakOrder(Sde sde) {
    return 1.0;
  }

  @Override
  public int noiseDim(Sde sde) {
    return sde.dim();
  }

  @Override
  public Stepper stepper(Sde sde) {
    int n = sde.dim();
    double[] drift = new double[n];
    double[] g = new double[n];
    return (x, dt, noise) -> {
      sde.driftAndDiffusion(x, drift, g);
      double sqrtDt = Math.sqrt(dt);
      for (int i = 0; i < n; i++) {
        x[i] += drift[i] * dt + g[i] * sqrtDt * noise[i];
      }
    };
  }

  @Override
  public String toString() {
    return name();
  }
}

package org.latentdyn.dynamics;

import java.util.SplittableRandom;
import org.latentdyn.data.Trajectory;

/**
 * Runs an {@link SdeIntegrator} on an {@link Sde} over the time grid of {@link SimulationOptions} and records a
 * {@link Trajectory} of shape {@code [frames, dim]} (float). The state is kept in double precision; the noise
 * comes from {@code new SplittableRandom(seed)}, so the same seed gives the same numbers. The inner loop does
 * not allocate.
 */
public final class Simulator {
  private Simulator() {}

  /** Simulates with {@link EulerMaruyama}. */
  public static Trajectory simulate(Sde sde, double[] x0, SimulationOptions options) {
    return simulate(sde, new EulerMaruyama(), x0, options);
  }

  /**
   * Simulates from {@code x0} (not modified).
   *
   * @return the recorded states, {@code [frames, sde.dim()]}
   * @throws IllegalStateException if the state becomes non-finite (names the step)
   */
  public static Trajectory simulate(Sde sde, SdeIntegrator integrator, double[] x0, SimulationOptions options) {
    int dim = sde.dim();
    Checks.length("x0", x0, dim);
    double[] x = Checks.finiteVector("x0", x0);
    return Trajectory.wrap(run(sde, integrator, x, options, new SplittableRandom(options.seed())), options.frames(),
        dim);
  }

  /**
   * Simulates underdamped Langevin dynamics with {@link Baoab}. If {@code p0} is null the initial momenta are
   * drawn from the Maxwell–Boltzmann distribution {@code N(0, m kT)} with the first split of the seed's
   * generator; the noise uses the second split.
   */
  public static PhaseSpaceTrajectory simulate(UnderdampedLangevin sde, double[] q0, double[] p0,
      SimulationOptions options) {
    int n = sde.positionDim();
    Checks.length("q0", q0, n);
    double[] x = new double[2 * n];
    System.arraycopy(Checks.finiteVector("q0", q0), 0, x, 0, n);
    SplittableRandom root = new SplittableRandom(options.seed());
    SplittableRandom init = root.split();
    SplittableRandom noise = root.split();
    if (p0 == null) {
      for (int i = 0; i < n; i++) {
        x[n + i] = Math.sqrt(sde.mass(i) * sde.kT()) * init.nextGaussian();
      }
    } else {
      Checks.length("p0", p0, n);
      System.arraycopy(Checks.finiteVector("p0", p0), 0, x, n, n);
    }
    float[] all = run(sde, new Baoab(), x, options, noise);
    int frames = options.frames();
    float[] q = new float[frames * n];
    float[] p = new float[frames * n];
    for (int f = 0; f < frames; f++) {
      System.arraycopy(all, f * 2 * n, q, f * n, n);
      System.arraycopy(all, f * 2 * n + n, p, f * n, n);
    }
    return new PhaseSpaceTrajectory(Trajectory.wrap(q, frames, n), Trajectory.wrap(p, frames, n));
  }

  private static float[] run(Sde sde, SdeIntegrator integrator, double[] x, SimulationOptions options,
      SplittableRandom random) {
    int dim = sde.dim();
    SdeIntegrator.Stepper stepper = integrator.stepper(sde);
    double[] noise = new double[integrator.noiseDim(sde)];
    double dt = options.timeStep();
    long step = 0;
    for (int s = 0; s < options.burnIn(); s++) {
      advance(stepper, x, dt, noise, random);
    }
    step += options.burnIn();
    checkFinite(x, step);
    int frames = options.frames();
    int stride = options.stride();
    float[] out = new float[frames * dim];
    record(x, out, 0);
    for (int f = 1; f < frames; f++) {
      for (int s = 0; s < stride; s++) {
        advance(stepper, x, dt, noise, random);
      }
      step += stride;
      checkFinite(x, step);
      record(x, out, f * dim);
    }
    return out;
  }

  private static void advance(SdeIntegrator.Stepper stepper, double[] x, double dt, double[] noise,
      SplittableRandom random) {
    for (int i = 0; i < noise.length; i++) {
      noise[i] = random.nextGaussian();
    }
    stepper.step(x, dt, noise);
  }

  private static void record(double[] x, float[] out, int offset) {
    for (int i = 0; i < x.length; i++) {
      out[offset + i] = (float) x[i];
    }
  }

  private static void checkFinite(double[] x, long step) {
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalStateException("simulation diverged: coordinate " + i + " is " + x[i] + " after step " + step
            + "; reduce timeStep");
      }
    }
  }
}

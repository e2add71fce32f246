package org.latentdyn.wells;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.latentdyn.dynamics.Potential;

/**
 * Generalised Hybrid Monte Carlo (Leimkuhler &amp; Matthews, "Molecular Dynamics", Alg. 2.11; NLD spec §10.2), which
 * samples {@code exp(-beta (E(q) + |p|^2 / 2))} (unit mass) exactly: the Metropolis test removes the bias of the
 * finite step. One step of size {@code tau} with friction {@code gamma}:
 * <ol>
 *   <li>OU half-step {@code p <- a p + b xi}, {@code a = (1 - gamma tau/4)/(1 + gamma tau/4)},
 *       {@code b = sqrt(gamma tau / beta)/(1 + gamma tau/4)}, {@code xi ~ N(0, I)}; it leaves {@code N(0, 1/beta)}
 *       exactly invariant ({@code a^2 + beta b^2 = 1});
 *   <li>a velocity-Verlet step of size {@code tau};
 *   <li>Metropolis: accept with probability {@code min(1, exp(-beta dH))}, {@code H = E(q) + |p|^2/2}; on rejection
 *       keep {@code q} and flip {@code p <- -p};
 *   <li>a second OU half-step.
 * </ol>
 * Each chain starts at a given position with momentum {@code N(0, I)} (as [C]) and returns its final position: many
 * independent chains give independent samples of the position marginal {@code exp(-beta E)}.
 *
 * <p>Randomness: chain {@code i} draws from the {@code i}-th {@link SplittableRandom#split()} of
 * {@code new SplittableRandom(seed)}, so the samples do not depend on the number of threads.
 */
public final class Ghmc {
  private Ghmc() {}

  /**
   * @param timeStep step {@code tau > 0} (0.125 = 2/16)
   * @param steps GHMC steps per chain, {@code >= 0} (500)
   * @param friction {@code gamma > 0} (1, not the learned value)
   * @param seed seed of the momenta, the noise and the Metropolis draws
   */
  public record Options(double timeStep, int steps, double friction, long seed) {
    public static final double DEFAULT_TIME_STEP = 0.125;
    public static final int DEFAULT_STEPS = 500;
    public static final double DEFAULT_FRICTION = 1.0;

    public Options {
      if (!(timeStep > 0) || !Double.isFinite(timeStep)) {
        throw new IllegalArgumentException("timeStep must be a finite number > 0, got " + timeStep);
      }
      if (steps < 0) {
        throw new IllegalArgumentException("steps must be >= 0, got " + steps);
      }
      if (!(friction > 0) || !Double.isFinite(friction)) {
        throw new IllegalArgumentException("friction must be a finite number > 0, got " + friction);
      }
      if (!(timeStep * friction < 4)) {
        throw new IllegalArgumentException("friction * timeStep must be < 4 (OU coefficient a > -1), got "
            + friction * timeStep);
      }
    }

    /** tau = 0.125, 500 steps, friction 1 (spec §10.2). */
    public static Options of(long seed) {
      return new Options(DEFAULT_TIME_STEP, DEFAULT_STEPS, DEFAULT_FRICTION, seed);
    }

    public Options withTimeStep(double value) {
      return new Options(value, steps, friction, seed);
    }

    public Options withSteps(int value) {
      return new Options(timeStep, value, friction, seed);
    }

    public Options withFriction(double value) {
      return new Options(timeStep, steps, value, seed);
    }

    public Options withSeed(long value) {
      return new Options(timeStep, steps, friction, value);
    }
  }

  /**
   * Final states of the chains.
   *
   * @param positions {@code [chains, dim]} flat row-major
   * @param acceptanceRate accepted Metropolis proposals over all chains and steps (NaN with 0 steps)
   */
  public record Samples(double[] positions, int chains, int dim, double acceptanceRate) {}

  /**
   * Runs one chain from each initial position {@code [chains, dim]} (flat row-major, not modified) targeting
   * {@code exp(-beta E)}.
   */
  public static Samples sample(Potential energy, double beta, double[] initialPositions, Options options) {
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be a finite number > 0, got " + beta);
    }
    int dim = energy.dim();
    if (initialPositions.length == 0 || initialPositions.length % dim != 0) {
      throw new IllegalArgumentException("initialPositions has length " + initialPositions.length
          + ", expected a positive multiple of dim " + dim);
    }
    int chains = initialPositions.length / dim;
    SplittableRandom root = new SplittableRandom(options.seed());
    SplittableRandom[] streams = new SplittableRandom[chains];
    for (int c = 0; c < chains; c++) {
      streams[c] = root.split();
    }
    double[] out = initialPositions.clone();
    long[] accepted = new long[chains];
    double tau = options.timeStep();
    double x = options.friction() * tau / 4;
    double a = (1 - x) / (1 + x);
    double b = Math.sqrt(options.friction() * tau / beta) / (1 + x);
    int steps = options.steps();
    IntStream.range(0, chains).parallel().forEach(c -> {
      SplittableRandom rnd = streams[c];
      double[] q = new double[dim];
      double[] p = new double[dim];
      double[] g = new double[dim];
      double[] q1 = new double[dim];
      double[] p1 = new double[dim];
      double[] g1 = new double[dim];
      System.arraycopy(out, c * dim, q, 0, dim);
      for (int j = 0; j < dim; j++) {
        p[j] = rnd.nextGaussian();
      }
      double e = energy.energyAndGradient(q, g);
      long acc = 0;
      for (int s = 0; s < steps; s++) {
        for (int j = 0; j < dim; j++) {
          p[j] = a * p[j] + b * rnd.nextGaussian();
        }
        double kin = 0;
        for (int j = 0; j < dim; j++) {
          kin += p[j] * p[j];
          p1[j] = p[j] - 0.5 * tau * g[j];
          q1[j] = q[j] + tau * p1[j];
        }
        double e1 = energy.energyAndGradient(q1, g1);
        double kin1 = 0;
        for (int j = 0; j < dim; j++) {
          p1[j] -= 0.5 * tau * g1[j];
          kin1 += p1[j] * p1[j];
        }
        double dh = (e1 + 0.5 * kin1) - (e + 0.5 * kin);
        if (dh <= 0 || rnd.nextDouble() < Math.exp(-beta * dh)) {
          acc++;
          double[] t = q;
          q = q1;
          q1 = t;
          t = p;
          p = p1;
          p1 = t;
          t = g;
          g = g1;
          g1 = t;
          e = e1;
        } else {
          for (int j = 0; j < dim; j++) {
            p[j] = -p[j];
          }
        }
        for (int j = 0; j < dim; j++) {
          p[j] = a * p[j] + b * rnd.nextGaussian();
        }
      }
      System.arraycopy(q, 0, out, c * dim, dim);
      accepted[c] = acc;
    });
    long total = 0;
    for (long v : accepted) {
      total += v;
    }
    double rate = steps == 0 ? Double.NaN : total / ((double) chains * steps);
    return new Samples(out, chains, dim, rate);
  }
}

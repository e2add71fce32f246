package org.latentdyn.wells;

import java.util.stream.IntStream;
import org.latentdyn.dynamics.Potential;

/**
 * Gradient flow {@code z <- z - eta grad E(z)} (explicit Euler on {@code dz/dt = -grad E}), NLD spec §10.1. It carries
 * samples down to the bottom of their wells before clustering (§10.2) and before labelling (§10.5).
 *
 * <p>The number of steps follows [P] §5.1: {@code n = ceil(T / eta)} with {@code T = (1/c) ln(3 / (eps sqrt c))}, the
 * time for {@code dz/dt = -c z} to go from {@code 3/sqrt c} to {@code eps}, capped at {@code maxSteps} (50,000 to find
 * wells, 1,000 for segmentation). {@code c = 1} gives 341 steps, {@code c = 1.3199} gives 248.
 *
 * <p>Points are independent, so the flow runs on all cores in fixed chunks of points and gives the same numbers on
 * any number of threads; a step allocates nothing (each chunk owns one position and one gradient buffer).
 */
public final class GradientFlow {
  private static final int MAX_CHUNK = 1024;
  private static final int MIN_CHUNK = 16;

  private GradientFlow() {}

  /**
   * @param stepSize Euler step {@code eta > 0} (0.01)
   * @param epsilon target distance {@code eps > 0} of the step-count rule (0.1)
   * @param maxSteps cap on the step count, {@code >= 1}
   */
  public record Options(double stepSize, double epsilon, int maxSteps) {
    public static final double DEFAULT_STEP_SIZE = 0.01;
    public static final double DEFAULT_EPSILON = 0.1;
    /** Cap when finding wells (§10.1). */
    public static final int WELLS_MAX_STEPS = 50_000;
    /** Cap for segmentation (§10.1, §10.5). */
    public static final int SEGMENTATION_MAX_STEPS = 1_000;

    public Options {
      if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
        throw new IllegalArgumentException("stepSize must be a finite number > 0, got " + stepSize);
      }
      if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
        throw new IllegalArgumentException("epsilon must be a finite number > 0, got " + epsilon);
      }
      if (maxSteps < 1) {
        throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
      }
    }

    /** eta = 0.01, eps = 0.1, capped at 50,000 steps. */
    public static Options wells() {
      return new Options(DEFAULT_STEP_SIZE, DEFAULT_EPSILON, WELLS_MAX_STEPS);
    }

    /** eta = 0.01, eps = 0.1, capped at 1,000 steps. */
    public static Options segmentation() {
      return new Options(DEFAULT_STEP_SIZE, DEFAULT_EPSILON, SEGMENTATION_MAX_STEPS);
    }

    public Options withStepSize(double value) {
      return new Options(value, epsilon, maxSteps);
    }

    public Options withEpsilon(double value) {
      return new Options(stepSize, value, maxSteps);
    }

    public Options withMaxSteps(int value) {
      return new Options(stepSize, epsilon, value);
    }

    /**
     * The step count {@code min(maxSteps, ceil(T / eta))} with {@code T = (1/c) ln(3 / (eps sqrt c))} for the
     * confinement {@code c > 0} of {@code E = N + c|z|^2}; at least 1.
     */
    public int steps(double c) {
      if (!(c > 0) || !Double.isFinite(c)) {
        throw new IllegalArgumentException("confinement c must be a finite number > 0, got " + c);
      }
      double t = Math.log(3 / (epsilon * Math.sqrt(c))) / c;
      double n = Math.ceil(t / stepSize);
      return (int) Math.max(1, Math.min(maxSteps, n));
    }
  }

  /**
   * Flows points {@code [points, dim]} (flat row-major, not modified) for {@code steps} steps of size
   * {@code stepSize}; returns the flowed copy.
   */
  public static double[] flow(Potential energy, double[] points, int steps, double stepSize) {
    double[] out = points.clone();
    flowInPlace(energy, out, steps, stepSize);
    return out;
  }

  /** As {@link #flow} but overwrites {@code points}. */
  public static void flowInPlace(Potential energy, double[] points, int steps, double stepSize) {
    int dim = energy.dim();
    if (points.length % dim != 0) {
      throw new IllegalArgumentException("points has length " + points.length + ", not a multiple of dim " + dim);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
      throw new IllegalArgumentException("stepSize must be a finite number > 0, got " + stepSize);
    }
    int n = points.length / dim;
    // Each point flows on its own, so the chunking (here ~8 chunks per core) cannot change the numbers.
    int threads = Math.max(1, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
    int chunk = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, n / (8 * threads)));
    int chunks = (n + chunk - 1) / chunk;
    IntStream.range(0, chunks).parallel().forEach(c -> {
      double[] z = new double[dim];
      double[] g = new double[dim];
      int end = Math.min(n, (c + 1) * chunk);
      for (int p = c * chunk; p < end; p++) {
        System.arraycopy(points, p * dim, z, 0, dim);
        for (int s = 0; s < steps; s++) {
          energy.gradient(z, g);
          for (int j = 0; j < dim; j++) {
            z[j] -= stepSize * g[j];
          }
        }
        System.arraycopy(z, 0, points, p * dim, dim);
      }
    });
  }
}

package org.latentdyn.dynamics;

/**
 * The time grid and seed of a simulation. The integrator first takes {@code burnIn} unrecorded steps; frame 0
 * is the state after burn-in and every further frame follows {@code stride} steps of size {@code timeStep}, so
 * a run takes {@code burnIn + (frames - 1) * stride} steps and frames are {@code stride * timeStep} apart.
 *
 * @param timeStep integration step {@code > 0}
 * @param stride steps per recorded frame, {@code >= 1}
 * @param burnIn unrecorded steps before frame 0, {@code >= 0}
 * @param frames number of recorded frames, {@code >= 1}
 * @param seed seed of the {@link java.util.SplittableRandom} that draws the noise
 */
public record SimulationOptions(double timeStep, int stride, int burnIn, int frames, long seed) {
  public SimulationOptions {
    if (!(timeStep > 0) || !Double.isFinite(timeStep)) {
      throw new IllegalArgumentException("timeStep must be > 0 and finite, got " + timeStep);
    }
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be >= 1, got " + stride);
    }
    if (burnIn < 0) {
      throw new IllegalArgumentException("burnIn must be >= 0, got " + burnIn);
    }
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be >= 1, got " + frames);
    }
  }

  /** Options without burn-in. */
  public static SimulationOptions of(double timeStep, int stride, int frames, long seed) {
    return new SimulationOptions(timeStep, stride, 0, frames, seed);
  }

  /** Time between recorded frames, {@code stride * timeStep}. */
  public double frameInterval() {
    return stride * timeStep;
  }

  /** Total number of integration steps, {@code burnIn + (frames - 1) * stride}. */
  public long totalSteps() {
    return burnIn + (long) (frames - 1) * stride;
  }

  public SimulationOptions withTimeStep(double value) {
    return new SimulationOptions(value, stride, burnIn, frames, seed);
  }

  public SimulationOptions withStride(int value) {
    return new SimulationOptions(timeStep, value, burnIn, frames, seed);
  }

  public SimulationOptions withBurnIn(int value) {
    return new SimulationOptions(timeStep, stride, value, frames, seed);
  }

  public SimulationOptions withFrames(int value) {
    return new SimulationOptions(timeStep, stride, burnIn, value, seed);
  }

  public SimulationOptions withSeed(long value) {
    return new SimulationOptions(timeStep, stride, burnIn, frames, value);
  }
}

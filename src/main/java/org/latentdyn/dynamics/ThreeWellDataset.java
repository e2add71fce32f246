package org.latentdyn.dynamics;

import org.latentdyn.data.Trajectory;

/**
 * The three-well dataset of spec {@code dynae.md} §6: overdamped Langevin dynamics in
 * {@link ThreeWellPotential#defaults()} with {@code D = 1}, {@code kT = 1}, time step {@code 1e-3}, one frame
 * every 10 steps, started at the minimum of the 90° well after a burn-in of 1000 steps; observations are the
 * trajectory warped by {@link ThreeWellWarp#forward()}.
 *
 * @param truth unwarped {@code (x, y)}, {@code [frames, 2]}
 * @param observations warped {@code (x, y + x^2)}, {@code [frames, 2]}
 * @param potential the potential simulated
 * @param diffusion the constant diffusion coefficient {@code D}
 * @param kT the thermal energy
 * @param options time grid and seed
 * @param start the initial state (before burn-in)
 */
public record ThreeWellDataset(Trajectory truth, Trajectory observations, ThreeWellPotential potential,
    double diffusion, double kT, SimulationOptions options, double[] start) {
  /** Integration step of spec §6. */
  public static final double TIME_STEP = 1e-3;
  /** Steps per frame of spec §6. */
  public static final int STRIDE = 10;
  /** Unrecorded steps before frame 0. */
  public static final int BURN_IN = 1000;
  /** Frames of the spec §6 dataset. */
  public static final int FRAMES = 200_000;

  public ThreeWellDataset {
    start = start.clone();
  }

  @Override
  public double[] start() {
    return start.clone();
  }

  /** The spec §6 settings with {@code frames} frames. */
  public static ThreeWellDataset generate(int frames, long seed) {
    return generate(ThreeWellPotential.defaults(), 1.0, 1.0,
        new SimulationOptions(TIME_STEP, STRIDE, BURN_IN, frames, seed));
  }

  /** Any potential constants, diffusion, temperature and grid; starts at the minimum of the 90° well. */
  public static ThreeWellDataset generate(ThreeWellPotential potential, double diffusion, double kT,
      SimulationOptions options) {
    double[] start = potential.minima().get(0).position();
    OverdampedLangevin sde = new OverdampedLangevin(potential, ConstantDiffusion.isotropic(2, diffusion), kT);
    Trajectory truth = Simulator.simulate(sde, start, options);
    return new ThreeWellDataset(truth, ThreeWellWarp.forward().apply(truth), potential, diffusion, kT, options,
        start);
  }
}

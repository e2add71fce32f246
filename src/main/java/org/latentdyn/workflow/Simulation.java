package org.latentdyn.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentdyn.data.Trajectory;
import org.latentdyn.dynamics.ObservationMap;
import org.latentdyn.dynamics.RandomMlpEmbedding;
import org.latentdyn.dynamics.SimulationOptions;
import org.latentdyn.dynamics.Simulator;

/**
 * Simulates a {@link SimulatedSystem}: true slow variables from overdamped Langevin dynamics, observations
 * through the system's map and, optionally, a seeded random smooth MLP embedding into {@code embedDim}
 * features ("many features, few slow variables").
 */
public final class Simulation {
  private Simulation() {}

  /**
   * Settings of one simulation.
   *
   * @param system the system
   * @param options time step, stride, burn-in, frames and seed
   * @param diffusion constant diffusion coefficient D > 0
   * @param kT thermal energy > 0
   * @param embedDim 0 for no embedding, else the number of observed features of the random MLP embedding
   */
  public record Options(SimulatedSystem system, SimulationOptions options, double diffusion, double kT, int embedDim) {
    public Options {
      if (system == null || options == null) {
        throw new IllegalArgumentException("system and options must be given");
      }
      if (!(diffusion > 0) || !Double.isFinite(diffusion)) {
        throw new IllegalArgumentException("diffusion must be a finite number > 0, got " + diffusion);
      }
      if (!(kT > 0) || !Double.isFinite(kT)) {
        throw new IllegalArgumentException("kT must be a finite number > 0, got " + kT);
      }
      if (embedDim < 0) {
        throw new IllegalArgumentException("embedDim must be >= 0 (0 = no embedding), got " + embedDim);
      }
    }

    /** The system's default grid (its time step and stride, a burn-in of 1000 steps), D = kT = 1, no embedding. */
    public static Options defaults(SimulatedSystem system, int frames, long seed) {
      return new Options(system, new SimulationOptions(system.timeStep(), system.stride(), 1000, frames, seed), 1.0,
          1.0, 0);
    }

    /** All values, for run.json. */
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>(system.describe());
      m.put("frames", options.frames());
      m.put("timeStep", options.timeStep());
      m.put("stride", options.stride());
      m.put("burnInSteps", options.burnIn());
      m.put("frameInterval", options.frameInterval());
      m.put("diffusion", diffusion);
      m.put("kT", kT);
      m.put("embedDim", embedDim);
      m.put("seed", options.seed());
      return m;
    }
  }

  /**
   * The simulated data.
   *
   * @param truth the true slow variables {@code [frames, dim]}
   * @param observations what an observer sees {@code [frames, features]}
   * @param options the settings used
   */
  public record Result(Trajectory truth, Trajectory observations, Options options) {}

  /** Runs the simulation; the embedding draws its weights from a child stream of the seed. */
  public static Result run(Options o) {
    Trajectory truth = Simulator.simulate(o.system().sde(o.diffusion(), o.kT()), o.system().start(), o.options());
    ObservationMap map = o.system().observationMap();
    Trajectory obs = map == null ? truth : map.apply(truth);
    if (o.embedDim() > 0) {
      long embedSeed = new SplittableRandom(o.options().seed()).split().nextLong();
      obs = RandomMlpEmbedding.of(obs.features(), o.embedDim(), embedSeed).apply(obs);
    }
    return new Result(truth, obs, o);
  }
}

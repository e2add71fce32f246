package org.latentdyn.workflow;

import java.util.Map;
import org.latentdyn.mechanics.HamiltonianSystem;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.Pendulum;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.models.vin.VinModel;

/**
 * Phase-space forecast evaluation of VIN spec §5 and §10: the RMSE against the horizon, the true energy of predicted
 * states, and the long-horizon energy check (bounded energy without a trend for the VINs, drift for ResRNN).
 */
public final class VinEvaluation {
  private VinEvaluation() {}

  /**
   * The long-horizon energy check of one rollout.
   *
   * @param steps steps rolled out
   * @param initialEnergy the true energy {@code H_0} of the start
   * @param maxRelativeDeviation {@code max_t |H_t - H_0| / |H_0|} over the rollout (infinite if it blew up)
   * @param lateToEarlyRatio mean {@code H} over the last {@code window} steps divided by the mean over the first
   *     {@code window} steps after the start
   * @param window steps averaged at each end
   */
  public record EnergyCheck(int steps, double initialEnergy, double maxRelativeDeviation, double lateToEarlyRatio,
      int window) {}

  /**
   * {@code RMSE_t = sqrt(mean over trajectories of |xhat_t - x_t|^2)} for {@code t = 0 .. K} (spec §5); the truth
   * may be longer than the forecast.
   *
   * @throws IllegalArgumentException if the shapes do not match
   */
  public static double[] rmseByStep(PhaseSpaceArray forecast, PhaseSpaceArray truth) {
    if (truth.trajectories() != forecast.trajectories() || truth.width() != forecast.width()
        || truth.frames() < forecast.frames()) {
      throw new IllegalArgumentException("truth has shape [" + truth.trajectories() + ", " + truth.frames() + ", "
          + truth.width() + "]; expected [" + forecast.trajectories() + ", >= " + forecast.frames() + ", "
          + forecast.width() + "]");
    }
    int n = forecast.trajectories();
    double[] out = new double[forecast.frames()];
    for (int t = 0; t < out.length; t++) {
      double s = 0;
      for (int b = 0; b < n; b++) {
        for (int j = 0; j < forecast.width(); j++) {
          double d = forecast.get(b, t, j) - truth.get(b, t, j);
          s += d * d;
        }
      }
      out[t] = Math.sqrt(s / n);
    }
    return out;
  }

  /** The time-averaged RMSE over steps {@code 1 .. K} (spec §10: the start is given). */
  public static double meanRmse(double[] rmseByStep) {
    if (rmseByStep.length < 2) {
      throw new IllegalArgumentException("rmseByStep must have K + 1 >= 2 values, got " + rmseByStep.length);
    }
    double s = 0;
    for (int t = 1; t < rmseByStep.length; t++) {
      s += rmseByStep[t];
    }
    return s / (rmseByStep.length - 1);
  }

  /** The true energy {@code H} of every state, {@code [N][T]}. */
  public static double[][] energies(HamiltonianSystem system, PhaseSpaceArray x) {
    double[][] out = new double[x.trajectories()][x.frames()];
    for (int b = 0; b < out.length; b++) {
      for (int t = 0; t < x.frames(); t++) {
        out[b][t] = system.hamiltonian(x.state(b, t));
      }
    }
    return out;
  }

  /**
   * Rolls {@code model} {@code steps} steps from {@code start} and checks the true energy of the predicted states.
   *
   * @param window steps averaged at each end for the ratio ({@code 1 <= window <= steps})
   * @return the check and the energy series {@code [steps + 1]}
   */
  public static Map.Entry<EnergyCheck, double[]> energyCheck(VinModel model, HamiltonianSystem system,
      double[] start, int steps, int window) {
    if (steps < 1 || window < 1 || window > steps) {
      throw new IllegalArgumentException("energy check needs 1 <= window <= steps, got window " + window + ", steps "
          + steps);
    }
    PhaseSpaceArray x = model.forecast(new double[][] {start}, steps);
    double[] e = energies(system, x)[0];
    double e0 = e[0];
    double max = 0;
    for (double v : e) {
      double dev = Double.isFinite(v) ? Math.abs(v - e0) / Math.abs(e0) : Double.POSITIVE_INFINITY;
      max = Math.max(max, dev);
    }
    double early = 0;
    double late = 0;
    for (int i = 0; i < window; i++) {
      early += e[1 + i];
      late += e[steps - i];
    }
    return Map.entry(new EnergyCheck(steps, e0, max, late / early, window), e);
  }

  /**
   * The system of a {@code simulate pendulum|mass-spring} run from its name and constants (as in its
   * {@code run.json}); missing constants take the spec's defaults (g = 9.81, m = l = 1; k = m = 1).
   */
  public static HamiltonianSystem system(String name, Map<String, ? extends Number> constants) {
    Map<String, ? extends Number> c = constants == null ? Map.of() : constants;
    return switch (name) {
      case "pendulum" -> new Pendulum(get(c, "g", Pendulum.GRAVITY), get(c, "m", 1), get(c, "l", 1));
      case "mass-spring" -> new MassSpring(get(c, "k", 1), get(c, "m", 1));
      default -> throw new IllegalArgumentException("unknown system '" + name + "'; expected pendulum or mass-spring");
    };
  }

  private static double get(Map<String, ? extends Number> c, String key, double fallback) {
    Number v = c.get(key);
    return v == null ? fallback : v.doubleValue();
  }
}

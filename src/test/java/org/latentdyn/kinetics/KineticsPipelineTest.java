package org.latentdyn.kinetics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentdyn.data.Trajectory;
import org.latentdyn.dynamics.ConstantDiffusion;
import org.latentdyn.dynamics.DoubleWell2D;
import org.latentdyn.dynamics.OverdampedLangevin;
import org.latentdyn.dynamics.SimulationOptions;
import org.latentdyn.dynamics.Simulator;

/**
 * The README's kinetics example end to end: on a double-well trajectory, the rates counted between the two cores
 * and the rates of a k-means MSM between the microstates of the same cores agree, and the MSM's slowest implied
 * timescale is the relaxation time {@code 1 / (k_AB + k_BA)} of the two-state picture.
 */
class KineticsPipelineTest {
  @Test
  void coreCountsAndMsmRatesAgreeOnADoubleWell() {
    // barrier 3 kT: about 120 crossings each way in 200,000 frames 0.01 apart
    OverdampedLangevin sde = new OverdampedLangevin(new DoubleWell2D(3, 10), ConstantDiffusion.isotropic(2, 1), 1);
    Trajectory traj = Simulator.simulate(sde, new double[] {-1, 0}, new SimulationOptions(1e-3, 10, 1000, 200_000, 5));

    KMeansModel microstates = KMeans.fit(traj, KMeans.Options.of(50, 1));
    int[] dtraj = microstates.assign(traj);
    MarkovStateModel msm = MaximumLikelihoodMsm.fit(new int[][] {dtraj}, 50, MaximumLikelihoodMsm.Options.of(10));
    List<Integer> left = new ArrayList<>();
    List<Integer> right = new ArrayList<>();
    for (int c = 0; c < microstates.k(); c++) {
      double x = microstates.center(c)[0];
      (x < -0.7 ? left : x > 0.7 ? right : new ArrayList<Integer>()).add(c);
    }
    int[] a = msm.statesOf(left.stream().mapToInt(Integer::intValue).toArray());
    int[] b = msm.statesOf(right.stream().mapToInt(Integer::intValue).toArray());
    RateMatrix fromMsm = msm.rates(List.of("A", "B"), List.of(a, b));

    List<Core> cores = List.of(Core.box("A", new double[] {-3, -3}, new double[] {-0.7, 3}),
        Core.box("B", new double[] {0.7, -3}, new double[] {3, 3}));
    CoreTransitionCounts counted = CoreTransitions.count(traj, cores, CoreTransitions.Options.of(1));
    Rate ab = counted.rate("A", "B");
    Rate ba = counted.rate("B", "A");

    assertTrue(ab.transitions() > 80, "crossings A -> B: " + ab.transitions());
    assertEquals(ab.perFrame(), fromMsm.get("A", "B"), 0.25 * ab.perFrame(), "k_AB " + counted + " vs " + fromMsm);
    assertEquals(ba.perFrame(), fromMsm.get("B", "A"), 0.25 * ba.perFrame(), "k_BA " + counted + " vs " + fromMsm);
    double relaxation = 1 / (ab.perFrame() + ba.perFrame());
    assertEquals(relaxation, msm.impliedTimescales()[0], 0.25 * relaxation);
    // the symmetric landscape: equal rates within their errors
    double sigma = Math.hypot(ab.bootstrapError(), ba.bootstrapError());
    assertEquals(ab.perFrame(), ba.perFrame(), 4 * sigma);
  }
}

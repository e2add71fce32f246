package org.latentdyn.models.vin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentdyn.mechanics.MassSpring;
import org.latentdyn.mechanics.PhaseSpaceData;
import org.latentdyn.train.Engine;

/**
 * Wall-clock time of one full-batch epoch (FULL unroll, forward, backward, Adam) on 25 trajectories of 30 points,
 * width 200 (spec §4a moderate regime). The spec's prototype took about 12 ms (VIN-VV) and 5 ms (ResRNN) on one
 * thread. Both engines. Run with {@code mvn -o test -Pslow -Dtest=VinTimingTest}.
 */
@Tag("slow")
class VinTimingTest {
  @Test
  void epochTimes() {
    PhaseSpaceData.Result data = PhaseSpaceData.generate(MassSpring.defaults(), 25, 30, 0.1, 0.1, 1);
    for (VinConfig.Kind k : new VinConfig.Kind[] {VinConfig.Kind.VIN_VV, VinConfig.Kind.VIN_SV,
        VinConfig.Kind.VIN_SO2, VinConfig.Kind.RESRNN, VinConfig.Kind.HNN, VinConfig.Kind.NN}) {
      for (Engine engine : Engine.values()) {
        VinConfig c = VinConfig.defaults(k, 1).withUnroll(VinConfig.Unroll.FULL).withEpochs(300).withEngine(engine);
        try (VinModel m = Vin.fit(data, c)) {
          double[] s = m.history().stream().skip(100).mapToDouble(VinEpochRecord::seconds).sorted().toArray();
          double median = s[s.length / 2] * 1e3;
          double mean = java.util.Arrays.stream(s).average().orElse(0) * 1e3;
          System.out.printf("%s epoch (%s, 25 x 30, width 200): median %.2f ms, mean %.2f ms%n", c.label(), engine,
              median, mean);
          assertTrue(median > 0);
        }
      }
    }
  }
}

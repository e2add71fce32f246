package org.latentdyn.models.vin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentdyn.mechanics.PixelRenderer;

/**
 * Wall-clock time of one full-batch pixel-VAE epoch at the spec's widths (encoder and decoder 1000, LSTM 50,
 * potential 1000) on the 50 windows of a 60-frame pendulum movie (forward, backward, both Adam steps). Run with
 * {@code mvn -o test -Pslow -Dtest=PixelVaeTimingTest}.
 */
@Tag("slow")
class PixelVaeTimingTest {
  @Test
  void epochTimes() {
    PixelRenderer.Frames f = PixelVaeTest.movie(true, 60, 1);
    for (VinConfig.Kind k : new VinConfig.Kind[] {VinConfig.Kind.VIN_VV, VinConfig.Kind.RESRNN}) {
      PixelVaeConfig c = PixelVaeConfig.defaults(k, 1).withEpochs(6);
      PixelVaeModel m = PixelVae.fit(f.pixels(), f.shape(), c, null);
      double[] s = m.history().stream().skip(1).mapToDouble(PixelEpochRecord::seconds).sorted().toArray();
      double median = s[s.length / 2];
      double mean = java.util.Arrays.stream(s).average().orElse(0);
      System.out.printf("PIXELTIMING %s epoch (50 windows, widths 1000): median %.2f s, mean %.2f s, first %.2f s%n",
          c.label(), median, mean, m.history().get(0).seconds());
      assertTrue(median > 0);
    }
  }
}

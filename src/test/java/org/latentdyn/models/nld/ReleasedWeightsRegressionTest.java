package org.latentdyn.models.nld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentdyn.wells.Ghmc;
import org.latentdyn.wells.GradientFlow;
import org.latentdyn.wells.WellAnalysis;

/**
 * Spec nld.md §13 item 9: the authors' released models ({@code models/symmetric_{overdamped,underdamped}/model
 * i.pth} of their repository, presets O0-O4 and U0-U4) read by {@link ReleasedWeights}, analysed by the project's
 * GHMC + gradient flow + k-means + Newton wells (spec §10.2-10.4), reproduce the three minima energies (overdamped)
 * and the 0th- and 2nd-order occupancy errors of every model to +-0.002.
 *
 * <p>The released files are not part of this project (that repository has no licence): set the environment
 * variable {@code LATENTDYN_NLD_MODELS} to a checkout of its {@code models} folder; the test is skipped otherwise.
 * The authors' data is not available, so the GHMC chains start from a broad Gaussian rather than posterior codes.
 */
class ReleasedWeightsRegressionTest {
  static final String ENV = "LATENTDYN_NLD_MODELS";
  static final double TOLERANCE = 0.002;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("O0", 0.033, 0.028, new double[] {-30.946, -30.873, -30.807}),
        Arguments.of("O1", 0.023, 0.029, new double[] {-1.663, -1.658, -1.584}),
        Arguments.of("O2", 0.056, 0.036, new double[] {3.415, 3.464, 3.580}),
        Arguments.of("O3", 0.071, 0.048, new double[] {-114.034, -113.962, -113.842}),
        Arguments.of("O4", 0.073, 0.058, new double[] {-26.421, -26.367, -26.179}),
        Arguments.of("U0", 0.045, 0.016, null),
        Arguments.of("U1", 0.036, 0.018, null),
        Arguments.of("U2", 0.090, 0.022, null),
        Arguments.of("U3", 0.022, 0.023, null),
        Arguments.of("U4", 0.016, 0.027, null));
  }

  /** The released file of a preset under the models folder. */
  static Path file(Path models, String preset) {
    String variant = preset.startsWith("O") ? "symmetric_overdamped" : "symmetric_underdamped";
    return models.resolve(variant).resolve("model " + preset.charAt(1) + ".pth");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void releasedModelReproducesTheSpecTable(String preset, double l1Zeroth, double l1Second, double[] energies)
      throws IOException {
    String root = System.getenv(ENV);
    Assumptions.assumeTrue(root != null && !root.isBlank(), ENV + " is not set (a checkout of the released models)");
    Path f = file(Path.of(root), preset);
    Assumptions.assumeTrue(Files.isRegularFile(f), f + " is missing");
    long t0 = System.nanoTime();
    ReleasedWeights w = ReleasedWeights.read(f, NldConfig.preset(preset, 1));
    EnergyPotential energy = w.energy();
    double beta = w.beta();
    double c = w.stiffness();
    int d = w.latentDim();
    double[] start = starts(energy, beta, c, 1000, 7);
    WellAnalysis.Wells wells = WellAnalysis.sampleAndAnalyse(energy, beta, start, Ghmc.Options.of(11),
        WellAnalysis.Options.forConfinement(c, 13));
    double[] e = wells.minima().stream().mapToDouble(WellAnalysis.Minimum::energy).sorted().toArray();
    System.out.printf(Locale.ROOT, "%s: beta %.4f c %.4f minima E %s l1 0th %.4f 2nd %.4f sampled %.4f"
        + " wells %d (%.1f s)%n", preset, beta, c, Arrays.toString(round(e)), wells.l1Zeroth(), wells.l1Second(),
        wells.l1Sampled(), wells.wellsFound(), (System.nanoTime() - t0) / 1e9);
    assertEquals(3, wells.wellsFound(), preset + ": three distinct minima with positive-definite Hessians");
    if (energies != null) {
      for (int k = 0; k < 3; k++) {
        assertEquals(energies[k], e[k], TOLERANCE, preset + " energy of well " + k);
      }
    }
    assertEquals(l1Zeroth, wells.l1Zeroth(), TOLERANCE, preset + " 0th-order l1");
    assertEquals(l1Second, wells.l1Second(), TOLERANCE, preset + " 2nd-order l1");
    assertTrue(wells.l1Sampled() < 0.3, preset + " sampled l1 " + wells.l1Sampled());
  }

  /**
   * The energy at two points against an independent NumPy forward pass of the authors' {@code EnergyNet} on the
   * same file ({@code z = 0} and {@code z = (0.1, 0.2, ..., 0.1 d)}), which pins the layout conventions.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pointEnergies")
  void energyMatchesAnIndependentForwardPass(String preset, double atZero, double atRamp) throws IOException {
    String root = System.getenv(ENV);
    Assumptions.assumeTrue(root != null && !root.isBlank(), ENV + " is not set (a checkout of the released models)");
    Path f = file(Path.of(root), preset);
    Assumptions.assumeTrue(Files.isRegularFile(f), f + " is missing");
    ReleasedWeights w = ReleasedWeights.read(f, NldConfig.preset(preset, 1));
    int d = w.latentDim();
    double[] ramp = new double[d];
    for (int i = 0; i < d; i++) {
      ramp[i] = 0.1 * (i + 1);
    }
    assertEquals(atZero, w.energy().energy(new double[d]), 1e-9);
    assertEquals(atRamp, w.energy().energy(ramp), 1e-9);
  }

  static Stream<Arguments> pointEnergies() {
    return Stream.of(Arguments.of("O1", 6.552882548224705, 7.3176948822016765),
        Arguments.of("U3", -21.840074243450896, -18.334511970480907));
  }

  /**
   * GHMC starting points in place of the posterior codes of spec §10.2 (the authors' data is not public): a broad
   * Gaussian, 4 times the confinement's standard deviation {@code 1 / sqrt(2 beta c)}, flowed down the energy
   * (§10.1), keeping the points that end within {@code 10 / beta} of the lowest flowed energy (as posterior codes
   * do: some released energies, U1's for one, have a spurious minimum far above the wells, where a chain that
   * starts there stays for all 500 steps), then drawn with replacement.
   */
  static double[] starts(EnergyPotential energy, double beta, double c, int chains, long seed) {
    int d = energy.dim();
    SplittableRandom r = new SplittableRandom(seed);
    double sd = 4 / Math.sqrt(2 * beta * c);
    double[] broad = new double[chains * d];
    for (int i = 0; i < broad.length; i++) {
      broad[i] = sd * r.nextGaussian();
    }
    double[] flowed = GradientFlow.flow(energy, broad, GradientFlow.Options.wells().steps(c),
        GradientFlow.Options.DEFAULT_STEP_SIZE);
    double[] e = new double[chains];
    double eMin = Double.POSITIVE_INFINITY;
    for (int i = 0; i < chains; i++) {
      e[i] = energy.energy(Arrays.copyOfRange(flowed, i * d, (i + 1) * d));
      eMin = Math.min(eMin, e[i]);
    }
    int[] kept = new int[chains];
    int k = 0;
    for (int i = 0; i < chains; i++) {
      if (e[i] <= eMin + 10 / beta) {
        kept[k++] = i;
      }
    }
    double[] start = new double[chains * d];
    for (int i = 0; i < chains; i++) {
      int from = kept[r.nextInt(k)];
      System.arraycopy(flowed, from * d, start, i * d, d);
    }
    return start;
  }

  private static double[] round(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.round(v[i] * 1000) / 1000.0;
    }
    return out;
  }
}

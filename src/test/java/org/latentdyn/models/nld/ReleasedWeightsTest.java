package org.latentdyn.models.nld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentdyn.data.io.MalformedFileException;
import org.latentdyn.data.io.TorchZips;

/** {@link ReleasedWeights} on synthetic state dicts with the names and shapes of the authors' models. */
public class ReleasedWeightsTest {
  @TempDir Path dir;

  /** Tensor names and torch shapes of a released model of {@code config} with {@code features} observations. */
  public static Map<String, int[]> torchShapes(NldConfig config, int features) {
    int d = config.latentDim();
    boolean under = config.variant() == NldConfig.Variant.UNDERDAMPED;
    int n = under ? 2 * d : d;
    int h = config.hidden();
    int c = config.context();
    Map<String, int[]> s = new LinkedHashMap<>();
    s.put("_beta", new int[] {});
    if (under) {
      s.put("_gamma", new int[] {1, d});
      s.put("_i_mass", new int[] {1, d});
    }
    s.put("pz0_mean", new int[] {1, n});
    s.put("pz0_logstd", new int[] {1, n});
    if (!under) {
      s.put("gamma", new int[] {1, d});
    }
    s.put("encoder.gru.weight_ih_l0", new int[] {3 * h, features});
    s.put("encoder.gru.weight_hh_l0", new int[] {3 * h, h});
    s.put("encoder.gru.bias_ih_l0", new int[] {3 * h});
    s.put("encoder.gru.bias_hh_l0", new int[] {3 * h});
    s.put("encoder.lin.weight", new int[] {c, h});
    s.put("encoder.lin.bias", new int[] {c});
    s.put("qz0_net.weight", new int[] {2 * n, c + features});
    s.put("qz0_net.bias", new int[] {2 * n});
    String f = under ? "control_network" : "f_net";
    s.put(f + ".0.weight", new int[] {h, n + c + features});
    s.put(f + ".0.bias", new int[] {h});
    s.put(f + ".2.weight", new int[] {h, h});
    s.put(f + ".2.bias", new int[] {h});
    s.put(f + ".4.weight", new int[] {d, h});
    s.put(f + ".4.bias", new int[] {d});
    s.put("energy_landscape._quadratic_term", new int[] {});
    s.put("energy_landscape.in_block.0.weight", new int[] {96, d});
    s.put("energy_landscape.in_block.0.bias", new int[] {96});
    s.put("energy_landscape.in_block.2.weight", new int[] {16, 96});
    s.put("energy_landscape.in_block.2.bias", new int[] {16});
    for (int j = 0; j < 4; j++) {
      s.put("energy_landscape.blocks." + j + ".0.weight", new int[] {96, 16 + d});
      s.put("energy_landscape.blocks." + j + ".0.bias", new int[] {96});
      s.put("energy_landscape.blocks." + j + ".2.weight", new int[] {16, 96});
      s.put("energy_landscape.blocks." + j + ".2.bias", new int[] {16});
    }
    s.put("energy_landscape.out_block.0.weight", new int[] {96, 16});
    s.put("energy_landscape.out_block.0.bias", new int[] {96});
    s.put("energy_landscape.out_block.2.weight", new int[] {1, 96});
    s.put("energy_landscape.out_block.2.bias", new int[] {1});
    s.put("projector.weight", new int[] {features, d});
    s.put("projector.bias", new int[] {features});
    return s;
  }

  /** Random values for every tensor (gamma = 1 in the overdamped variant). */
  public static Map<String, float[]> randomValues(Map<String, int[]> shapes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, float[]> v = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : shapes.entrySet()) {
      int size = 1;
      for (int k : e.getValue()) {
        size *= k;
      }
      float[] x = new float[size];
      for (int i = 0; i < size; i++) {
        x[i] = e.getKey().equals("gamma") ? 1f : (float) (0.3 * r.nextGaussian());
      }
      v.put(e.getKey(), x);
    }
    return v;
  }

  public static Path write(Path file, Map<String, int[]> shapes, Map<String, float[]> values) throws IOException {
    TorchZips z = new TorchZips();
    for (Map.Entry<String, int[]> e : shapes.entrySet()) {
      z.tensor(e.getKey(), values.get(e.getKey()), e.getValue());
    }
    return z.write(file);
  }

  @Test
  void mapsEveryTensorTransposedIntoTheProjectLayout() throws IOException {
    NldConfig config = NldConfig.preset("O2", 1);
    Map<String, int[]> shapes = torchShapes(config, 15);
    Map<String, float[]> v = randomValues(shapes, 3);
    ReleasedWeights w = ReleasedWeights.read(write(dir.resolve("model 2.pth"), shapes, v), config);
    NldNetworks layout = new NldNetworks(config, 15);
    float[] all = w.weights();
    assertEquals(layout.size, all.length);
    EnergyNetwork e = new EnergyNetwork(2);
    // block 1's first layer: torch [96, 16 + d] (input [h; z]) is stored [16 + d, 96]
    float[] b1 = v.get("energy_landscape.blocks.1.0.weight");
    for (int o = 0; o < 96; o++) {
      for (int i = 0; i < 18; i++) {
        assertEquals(b1[o * 18 + i], all[e.weightOffset(4) + i * 96 + o]);
      }
    }
    assertEquals(v.get("energy_landscape.out_block.2.bias")[0], all[e.biasOffset(11)]);
    assertEquals(v.get("energy_landscape._quadratic_term")[0], all[e.cRawOffset()]);
    float[] gru = v.get("encoder.gru.weight_hh_l0");
    assertEquals(gru[5 * 128 + 7], all[layout.gruWh + 7 * 384 + 5]);
    float[] q0 = v.get("qz0_net.weight");
    assertEquals(q0[3 * 79 + 70], all[layout.q0W + 70 * 4 + 3]);
    assertEquals(v.get("projector.weight")[14 * 2 + 1], all[layout.decW + 15 + 14]);
    assertArrayEquals(v.get("pz0_logstd"), java.util.Arrays.copyOfRange(all, layout.p0LogStd, layout.p0LogStd + 2));
    assertEquals(EnergyNetwork.softplus(v.get("_beta")[0]), w.beta(), 1e-12);
    assertEquals(EnergyNetwork.softplus(v.get("energy_landscape._quadratic_term")[0]), w.stiffness(), 1e-12);

    // the energy: a hand-written forward pass in the torch layout at one point
    double[] z = {0.3, -0.7};
    assertEquals(torchEnergy(v, z), w.energy().energy(z), 1e-9);
    try (NldModel m = w.toModel()) {
      assertEquals(w.beta(), m.beta(), 0);
      assertArrayEquals(w.energyWeights(), m.energyWeights());
      assertArrayEquals(new double[] {1, 1}, m.friction());
    }
  }

  @Test
  void underdampedFrictionAndInverseMassAreSoftplusOfTheRawValues() throws IOException {
    NldConfig config = NldConfig.preset("U1", 1);
    Map<String, int[]> shapes = torchShapes(config, 15);
    Map<String, float[]> v = randomValues(shapes, 4);
    ReleasedWeights w = ReleasedWeights.read(write(dir.resolve("u.pth"), shapes, v), config);
    try (NldModel m = w.toModel()) {
      assertEquals(EnergyNetwork.softplus(v.get("_gamma")[1]), m.friction()[1], 1e-12);
      assertEquals(EnergyNetwork.softplus(v.get("_i_mass")[0]), m.inverseMass()[0], 1e-12);
    }
    assertEquals(torchEnergy(v, new double[] {1.1, 0.2}), w.energy().energy(new double[] {1.1, 0.2}), 1e-9);
  }

  @Test
  void badInputNamesTheFileAndTheTensor() throws IOException {
    NldConfig o2 = NldConfig.preset("O2", 1);
    Map<String, int[]> shapes = torchShapes(o2, 15);
    Map<String, float[]> v = randomValues(shapes, 5);
    Path f = write(dir.resolve("o2.pth"), shapes, v);
    // d = 2 weights under the d = 3 preset O1
    MalformedFileException e = assertThrows(MalformedFileException.class,
        () -> ReleasedWeights.read(f, NldConfig.preset("O1", 1)));
    assertTrue(e.getMessage().contains("o2.pth") && e.getMessage().contains("energy_landscape.in_block.0.weight")
        && e.getMessage().contains("[96, 2]") && e.getMessage().contains("[96, 3]"), e.getMessage());
    e = assertThrows(MalformedFileException.class, () -> ReleasedWeights.read(f, NldConfig.preset("U1", 1)));
    assertTrue(e.getMessage().contains("overdamped"), e.getMessage());
    shapes.remove("energy_landscape.blocks.3.2.bias");
    Path g = write(dir.resolve("cut.pth"), shapes, v);
    e = assertThrows(MalformedFileException.class, () -> ReleasedWeights.read(g, o2));
    assertTrue(e.getMessage().contains("cut.pth") && e.getMessage().contains("energy_landscape.blocks.3.2.bias"),
        e.getMessage());
  }

  /** The authors' EnergyNet forward pass written directly on the torch tensors ([out, in] weights). */
  public static double torchEnergy(Map<String, float[]> v, double[] z) {
    int d = z.length;
    double[] h = lin(v, "energy_landscape.in_block.2", celu(lin(v, "energy_landscape.in_block.0", z)));
    for (int j = 0; j < 4; j++) {
      double[] in = new double[16 + d];
      System.arraycopy(h, 0, in, 0, 16);
      System.arraycopy(z, 0, in, 16, d);
      double[] a = lin(v, "energy_landscape.blocks." + j + ".0", in);
      for (int i = 0; i < a.length; i++) {
        a[i] = Math.tanh(a[i]);
      }
      double[] r = lin(v, "energy_landscape.blocks." + j + ".2", a);
      for (int i = 0; i < 16; i++) {
        h[i] += r[i];
      }
    }
    double out = lin(v, "energy_landscape.out_block.2", celu(lin(v, "energy_landscape.out_block.0", h)))[0];
    double c = Math.log1p(Math.exp(v.get("energy_landscape._quadratic_term")[0]));
    double s = 0;
    for (double x : z) {
      s += x * x;
    }
    return out + c * s;
  }

  private static double[] lin(Map<String, float[]> v, String module, double[] x) {
    float[] w = v.get(module + ".weight");
    float[] b = v.get(module + ".bias");
    double[] y = new double[b.length];
    for (int o = 0; o < b.length; o++) {
      double s = b[o];
      for (int i = 0; i < x.length; i++) {
        s += w[o * x.length + i] * x[i];
      }
      y[o] = s;
    }
    return y;
  }

  private static double[] celu(double[] a) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] > 0 ? a[i] : Math.expm1(a[i]);
    }
    return y;
  }
}

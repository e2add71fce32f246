package org.latentdyn.models.nld;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.latentdyn.data.io.MalformedFileException;
import org.latentdyn.data.io.TorchStateDict;

/**
 * The released NLD models of the authors' repository ({@code SimonKoop/NLD-public}, {@code models/symmetric_*\/model
 * i.pth}; spec nld.md §8, §13 item 9), PyTorch state dicts, mapped onto this project's flat layout of
 * {@link NldNetworks} (energy first, in the layout of {@link EnergyNetwork}) for a preset of {@link NldConfig}.
 *
 * <p>Conventions of the authors' code, as read from their {@code utils/priors.py} ({@code EnergyNet}) and
 * {@code utils/common_components.py} ({@code FirstOrderLatentSDE}, {@code SecondOrderLatentSDE}, {@code GRUEncoder}):
 * <ul>
 *   <li>Every {@code nn.Linear} weight is {@code [out, in]} and is transposed to this project's {@code [in, out]}.
 *   <li>Energy: {@code in_block.{0,2}} are A1, A2 (CELU between); {@code blocks.j.{0,2}} are Bj1, Bj2 (tanh
 *       between) whose input is {@code torch.cat([h, z])}, i.e. {@code [h; z]} as here; {@code out_block.{0,2}} are
 *       O1, O2; {@code _quadratic_term} is {@code c_raw} with {@code c = softplus(c_raw)}. The duplicate
 *       {@code _energy_gradient.net.*} / {@code energy_gradient.net.*} entries (the same module registered under
 *       {@code GradNet}) are ignored.
 *   <li>{@code _beta} is {@code beta_raw}: every released run sets {@code learn_beta}, so {@code beta =
 *       softplus(_beta)}; in the underdamped runs ({@code learn_gamma}, {@code learn_mass}) {@code _gamma} and
 *       {@code _i_mass} are the raw friction and inverse mass, {@code gamma = softplus(_gamma)},
 *       {@code M^-1 = softplus(_i_mass)}. The overdamped {@code gamma} buffer must be all ones (this project fixes
 *       it at 1); the {@code _diffusion} / {@code _fixed_diffusion} buffers hold initial values and are ignored.
 *   <li>Encoder: {@code encoder.gru.*_l0} (gate rows r, z, n, as this project's GRU columns), {@code encoder.lin}
 *       the context layer; {@code qz0_net} the posterior initial layer whose output is {@code [mean; logstd]};
 *       {@code pz0_mean}, {@code pz0_logstd}; the control net {@code f_net.{0,2,4}} (overdamped) or
 *       {@code control_network.{0,2,4}} (underdamped) on {@code [state; ctx]}; {@code projector} the decoder.
 * </ul>
 */
public final class ReleasedWeights {
  private final NldConfig config;
  private final int features;
  private final float[] weights;
  private final String source;

  private ReleasedWeights(NldConfig config, int features, float[] weights, String source) {
    this.config = config;
    this.features = features;
    this.weights = weights;
    this.source = source;
  }

  /** Reads {@code file} and maps it for {@code config} (a preset of spec §8); bad input names the file. */
  public static ReleasedWeights read(Path file, NldConfig config) throws IOException {
    return map(TorchStateDict.read(file), config, file.toString());
  }

  /**
   * Maps a state dict read from {@code source} (named in errors) for {@code config}: the variant, latent
   * dimension, GRU and context sizes must match the tensors' shapes.
   */
  public static ReleasedWeights map(Map<String, TorchStateDict.Tensor> sd, NldConfig config, String source)
      throws MalformedFileException {
    boolean underdamped = sd.containsKey("_i_mass") || sd.containsKey("control_network.0.weight");
    boolean wantUnder = config.variant() == NldConfig.Variant.UNDERDAMPED;
    if (underdamped != wantUnder) {
      throw new MalformedFileException(source + " holds an " + (underdamped ? "underdamped" : "overdamped")
          + " model, but the preset is " + config.variant().name().toLowerCase(java.util.Locale.ROOT));
    }
    int features = tensor(sd, "projector.weight", source).shape().length == 2
        ? sd.get("projector.weight").shape()[0] : -1;
    if (features < 1) {
      throw new MalformedFileException(source + ": tensor projector.weight has shape "
          + sd.get("projector.weight").shapeText() + ", expected [features, latentDim]");
    }
    NldNetworks layout = new NldNetworks(config, features);
    int d = layout.d;
    int n = layout.n;
    int hh = layout.hidden;
    float[] w = new float[layout.size];
    Mapper m = new Mapper(sd, source, w);
    // the energy (spec §2)
    EnergyNetwork e = layout.energy;
    String[] energyLayers = new String[e.layerCount()];
    energyLayers[0] = "energy_landscape.in_block.0";
    energyLayers[1] = "energy_landscape.in_block.2";
    for (int j = 0; j < EnergyNetwork.BLOCKS; j++) {
      energyLayers[2 + 2 * j] = "energy_landscape.blocks." + j + ".0";
      energyLayers[3 + 2 * j] = "energy_landscape.blocks." + j + ".2";
    }
    energyLayers[e.layerCount() - 2] = "energy_landscape.out_block.0";
    energyLayers[e.layerCount() - 1] = "energy_landscape.out_block.2";
    for (int l = 0; l < e.layerCount(); l++) {
      m.linear(energyLayers[l], e.layerInput(l), e.layerOutput(l), e.weightOffset(l), e.biasOffset(l));
    }
    m.copy("energy_landscape._quadratic_term", new int[] {}, e.cRawOffset());
    // encoder and initial state (spec §4)
    m.transposed("encoder.gru.weight_ih_l0", features, 3 * hh, layout.gruWi);
    m.copy("encoder.gru.bias_ih_l0", new int[] {3 * hh}, layout.gruBi);
    m.transposed("encoder.gru.weight_hh_l0", hh, 3 * hh, layout.gruWh);
    m.copy("encoder.gru.bias_hh_l0", new int[] {3 * hh}, layout.gruBh);
    m.linear("encoder.lin", hh, layout.ctx, layout.ctxW, layout.ctxB);
    m.linear("qz0_net", layout.ctxIn, 2 * n, layout.q0W, layout.q0B);
    m.copy("pz0_mean", new int[] {1, n}, layout.p0Mean);
    m.copy("pz0_logstd", new int[] {1, n}, layout.p0LogStd);
    String control = underdamped ? "control_network" : "f_net";
    m.linear(control + ".0", n + layout.ctxIn, hh, layout.f1W, layout.f1B);
    m.linear(control + ".2", hh, hh, layout.f2W, layout.f2B);
    m.linear(control + ".4", hh, d, layout.f3W, layout.f3B);
    // decoder (spec §5) and the dynamics' constants (spec §3)
    m.linear("projector", d, features, layout.decW, layout.decB);
    m.copy("_beta", new int[] {}, layout.betaRaw);
    if (underdamped) {
      m.copy("_gamma", new int[] {1, d}, layout.gammaRaw);
      m.copy("_i_mass", new int[] {1, d}, layout.minvRaw);
    } else {
      TorchStateDict.Tensor gamma = m.get("gamma", new int[] {1, d});
      for (float g : gamma.values()) {
        if (g != 1f) {
          throw new MalformedFileException(source + ": the overdamped friction gamma is "
              + Arrays.toString(gamma.values()) + "; this project fixes it at 1 (spec §3)");
        }
      }
    }
    for (int i = 0; i < w.length; i++) {
      if (!Float.isFinite(w[i])) {
        throw new MalformedFileException(source + ": weight " + i + " of the mapped model is " + w[i]
            + ", expected a finite value");
      }
    }
    return new ReleasedWeights(config, features, w, source);
  }

  private static TorchStateDict.Tensor tensor(Map<String, TorchStateDict.Tensor> sd, String name, String source)
      throws MalformedFileException {
    TorchStateDict.Tensor t = sd.get(name);
    if (t == null) {
      throw new MalformedFileException(source + " has no tensor '" + name + "'; expected an NLD state dict of the"
          + " authors' FirstOrderLatentSDE / SecondOrderLatentSDE");
    }
    return t;
  }

  /** Copies named tensors into the flat vector, checking their shapes. */
  private record Mapper(Map<String, TorchStateDict.Tensor> sd, String source, float[] w) {
    TorchStateDict.Tensor get(String name, int[] shape) throws MalformedFileException {
      TorchStateDict.Tensor t = tensor(sd, name, source);
      if (!Arrays.equals(t.shape(), shape)) {
        throw new MalformedFileException(source + ": tensor '" + name + "' has shape " + t.shapeText()
            + ", the preset needs " + Arrays.toString(shape));
      }
      return t;
    }

    void copy(String name, int[] shape, int offset) throws MalformedFileException {
      float[] v = get(name, shape).values();
      System.arraycopy(v, 0, w, offset, v.length);
    }

    /** A torch {@code [out, in]} matrix stored here as {@code [in, out]}. */
    void transposed(String name, int in, int out, int offset) throws MalformedFileException {
      float[] v = get(name, new int[] {out, in}).values();
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          w[offset + i * out + o] = v[o * in + i];
        }
      }
    }

    void linear(String module, int in, int out, int weightOffset, int biasOffset) throws MalformedFileException {
      transposed(module + ".weight", in, out, weightOffset);
      copy(module + ".bias", new int[] {out}, biasOffset);
    }
  }

  /** The preset the weights were mapped for. */
  public NldConfig config() {
    return config;
  }

  /** Observation dimension {@code D} (15 in every released model). */
  public int features() {
    return features;
  }

  /** Latent position dimension {@code d}. */
  public int latentDim() {
    return config.latentDim();
  }

  /** The file the weights came from. */
  public String source() {
    return source;
  }

  /** Every weight in the layout of {@link NldNetworks}. */
  public float[] weights() {
    return weights.clone();
  }

  /** The energy's weights in the layout of {@link EnergyNetwork} ({@code c_raw} last). */
  public float[] energyWeights() {
    return Arrays.copyOf(weights, EnergyNetwork.parameterCount(latentDim()));
  }

  /** The released energy in plain Java double precision. */
  public EnergyPotential energy() {
    return new EnergyPotential(latentDim(), energyWeights());
  }

  /** {@code beta = softplus(_beta)}. */
  public double beta() {
    return EnergyNetwork.softplus(weights[new NldNetworks(config, features).betaRaw]);
  }

  /** {@code c = softplus(_quadratic_term)}. */
  public double stiffness() {
    return EnergyNetwork.softplus(weights[new EnergyNetwork(latentDim()).cRawOffset()]);
  }

  /** The whole released model as an {@link NldModel} (no training history; engine records the import). */
  public NldModel toModel() {
    return new NldModel(config, features, weights, List.of(), "imported torch.save state dict", 0);
  }
}

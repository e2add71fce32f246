package org.latentdyn.models.vin;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.latentdyn.models.ModelFolder;
import org.latentdyn.dynamics.ForceField;
import org.latentdyn.dynamics.Potential;
import org.latentdyn.mechanics.ExplicitEuler;
import org.latentdyn.mechanics.InverseMass;
import org.latentdyn.mechanics.PhaseSpaceArray;
import org.latentdyn.mechanics.So2Step;
import org.latentdyn.mechanics.StormerVerlet;
import org.latentdyn.mechanics.VectorField;
import org.latentdyn.mechanics.VelocityVerlet;

/**
 * A fitted phase-space VIN or baseline (VIN spec §2, §5). Forecasts run in plain Java double precision on the
 * exported weights: the VINs roll the {@code org.latentdyn.mechanics} integrators over the learned
 * {@link #potential()} (or SO(2) force), ResRNN and DVAE roll their maps, NN and HNN integrate the learned field
 * with Hipparchus' Dormand-Prince 5(4) at relative tolerance {@value #RELATIVE_TOLERANCE}, all trajectories as one
 * ODE system. Saved as a folder with {@code config.json}, {@code weights.npz} (the flat float32 vector of
 * {@code VinLayout}), {@code history.json} and {@code provenance.json}. Holds no native memory; {@link #close()}
 * is a no-op kept for the estimator-model contract.
 */
public final class VinModel implements AutoCloseable {
  /** Relative tolerance of the NN/HNN forecasts (spec §2: rtol 1e-9). */
  public static final double RELATIVE_TOLERANCE = 1e-9;
  /** Absolute tolerance of the NN/HNN forecasts. */
  public static final double ABSOLUTE_TOLERANCE = 1e-9;


  private final VinConfig config;
  private final VinLayout layout;
  private final float[] weights;
  private final List<VinEpochRecord> history;
  private final double nll;
  private final String engine;

  VinModel(VinConfig config, int dim, int trajectories, float[] weights, List<VinEpochRecord> history, double nll,
      String engine) {
    this.config = config;
    this.layout = new VinLayout(config, dim, trajectories);
    if (weights.length != layout.size) {
      throw new IllegalArgumentException("weights has " + weights.length + " values, the model needs " + layout.size);
    }
    this.weights = weights.clone();
    this.history = List.copyOf(history);
    this.nll = nll;
    this.engine = engine;
  }

  public VinConfig config() {
    return config;
  }

  /** Configuration dimension d (states have 2d coordinates). */
  public int dim() {
    return layout.d;
  }

  /** Number of training trajectories with a fitted initial state (0 for NN and HNN). */
  public int trajectories() {
    return layout.trajectories;
  }

  public List<VinEpochRecord> history() {
    return history;
  }

  /** The engine the model was trained on. */
  public String engine() {
    return engine;
  }

  /** A copy of all weights (flat layout: network, mass, log sigma^2, initial states). */
  public float[] weights() {
    return weights.clone();
  }

  /** The weights widened to double, for the plain-Java exports. */
  private double[] exported() {
    return VinPotential.toDouble(weights, 0, weights.length);
  }

  /** The learned observation noise standard deviation {@code exp(log sigma^2 / 2)}. */
  public double noiseStd() {
    return Math.exp(0.5 * weights[layout.logSigma2]);
  }

  /**
   * The training negative log-likelihood per observed coordinate at the final weights over the full trajectories
   * (derivatives for NN and HNN).
   */
  public double nll() {
    return nll;
  }

  /** The fitted initial states {@code (q_0, p_0)} of the training trajectories, {@code [N][2d]}. */
  public double[][] initialStates() {
    int w = 2 * layout.d;
    double[][] out = new double[layout.trajectories][];
    for (int n = 0; n < out.length; n++) {
      out[n] = VinPotential.toDouble(weights, layout.starts + n * w, w);
    }
    return out;
  }

  /**
   * The learned potential in double precision: {@code U(q)} of VIN-VV and VIN-SV ({@link VinPotential}), or
   * {@code U(theta) = -N(theta)} of VIN-SO(2) with a conservative force.
   *
   * @throws IllegalStateException for the other kinds, which learn no potential
   */
  public Potential potential() {
    return potential(layout, exported());
  }

  static Potential potential(VinLayout layout, double[] w) {
    if (layout.kind.verlet()) {
      return VinPotential.of(layout, w);
    }
    if (layout.kind == VinConfig.Kind.VIN_SO2 && layout.so2Force != VinConfig.So2Force.PAPER) {
      return PlainFields.so2Potential(layout, w);
    }
    throw new IllegalStateException(layout.kind + (layout.kind == VinConfig.Kind.VIN_SO2
        ? " with the PAPER force" : "") + " learns no potential");
  }

  /** The SO(2) force {@code r(theta)} (VIN-SO(2) only). */
  public ForceField so2Force() {
    return so2Force(layout, exported());
  }

  static ForceField so2Force(VinLayout layout, double[] w) {
    if (layout.kind != VinConfig.Kind.VIN_SO2) {
      throw new IllegalStateException(layout.kind + " has no SO(2) force");
    }
    return layout.so2Force == VinConfig.So2Force.PAPER ? PlainFields.so2PaperForce(layout, w) : potential(layout, w);
  }

  /** The learned {@code M^-1 = L L^T} (identity unless the mass was learned). */
  public InverseMass inverseMass() {
    return inverseMass(layout, exported());
  }

  static InverseMass inverseMass(VinLayout layout, double[] w) {
    int d = layout.d;
    if (!layout.learnMass) {
      return InverseMass.identity(d);
    }
    double[] l = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double raw = w[layout.mass + i * d + j];
        l[i * d + j] = i == j ? Math.exp(raw) : raw;
      }
    }
    double[] m = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += l[i * d + k] * l[j * d + k];
        }
        m[i * d + j] = s;
      }
    }
    return InverseMass.full(m);
  }

  /**
   * The learned vector field of NN and HNN, or the free field {@code f} of ResRNN/DVAE, in double precision.
   *
   * @throws IllegalStateException for the VINs (use {@link #potential()})
   */
  public VectorField vectorField() {
    return vectorField(layout, exported());
  }

  static VectorField vectorField(VinLayout layout, double[] w) {
    return switch (layout.kind) {
      case HNN -> PlainFields.hnn(layout, w);
      case NN, RESRNN, DVAE -> PlainFields.mlp(layout, w);
      default -> throw new IllegalStateException(layout.kind + " has no free vector field; use potential()");
    };
  }

  /** The HNN's learned Hamiltonian at {@code (q, p)} (up to an additive constant). */
  public double hamiltonian(double[] state) {
    if (config.kind() != VinConfig.Kind.HNN) {
      throw new IllegalStateException(config.kind() + " has no Hamiltonian network");
    }
    return PlainFields.hamiltonian(layout, exported(), state);
  }

  /**
   * Forecasts from phase-space starts on the grid {@code t_k = k h}, {@code h = config.timeStep()}.
   *
   * @param starts {@code [N][2d]} states {@code (q_0, p_0)} (for VIN-SO(2) {@code (theta_0, pi_0)} with
   *     {@code |h pi_0| < 1})
   * @param steps {@code K >= 0}
   * @return {@code [N, K+1, 2d]}, index 0 the start
   */
  public PhaseSpaceArray forecast(double[][] starts, int steps) {
    return forecast(layout, config.timeStep(), exported(), starts, steps);
  }

  /** {@link #forecast} of the weights {@code w} (double) in {@code layout}. */
  static PhaseSpaceArray forecast(VinLayout layout, double h, double[] w, double[][] starts, int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    int width = 2 * layout.d;
    for (int n = 0; n < starts.length; n++) {
      if (starts[n] == null || starts[n].length != width) {
        throw new IllegalArgumentException("start " + n + " must have " + width + " coordinates (q then p), got "
            + (starts[n] == null ? "null" : starts[n].length));
      }
    }
    return switch (layout.kind) {
      case VIN_VV -> new VelocityVerlet(potential(layout, w), inverseMass(layout, w), h).rollout(starts, steps);
      case VIN_SV -> new StormerVerlet(potential(layout, w), inverseMass(layout, w), h).rollout(starts, steps);
      case VIN_SO2 -> new So2Step(so2Force(layout, w), h, VinNetworks.SO2_EPSILON).rollout(starts, steps);
      case RESRNN -> new ExplicitEuler(vectorField(layout, w), h).rollout(starts, steps);
      case DVAE -> iterate(vectorField(layout, w), starts, steps);
      case NN, HNN -> integrate(vectorField(layout, w), starts, steps, h);
    };
  }

  private static PhaseSpaceArray iterate(VectorField f, double[][] starts, int steps) {
    int w = f.width();
    PhaseSpaceArray out = PhaseSpaceArray.zeros(starts.length, steps + 1, w);
    for (int n = 0; n < starts.length; n++) {
      double[] x = starts[n].clone();
      double[] next = new double[w];
      out.setState(n, 0, x);
      for (int t = 1; t <= steps; t++) {
        f.evaluate(x, next);
        System.arraycopy(next, 0, x, 0, w);
        out.setState(n, t, x);
      }
    }
    return out;
  }

  /** Dormand-Prince 5(4) on all trajectories as one system, restarted at every grid point. */
  static PhaseSpaceArray integrate(VectorField f, double[][] starts, int steps, double h) {
    int w = f.width();
    int n = starts.length;
    PhaseSpaceArray out = PhaseSpaceArray.zeros(n, steps + 1, w);
    if (n == 0) {
      return out;
    }
    OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
      @Override
      public int getDimension() {
        return n * w;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        double[] dy = new double[y.length];
        double[] x = new double[w];
        double[] fx = new double[w];
        for (int b = 0; b < n; b++) {
          System.arraycopy(y, b * w, x, 0, w);
          f.evaluate(x, fx);
          System.arraycopy(fx, 0, dy, b * w, w);
        }
        return dy;
      }
    };
    DormandPrince54Integrator integrator = new DormandPrince54Integrator(1e-12, h, ABSOLUTE_TOLERANCE,
        RELATIVE_TOLERANCE);
    double[] y = new double[n * w];
    for (int b = 0; b < n; b++) {
      System.arraycopy(starts[b], 0, y, b * w, w);
      out.setState(b, 0, starts[b]);
    }
    for (int k = 1; k <= steps; k++) {
      y = integrator.integrate(ode, new ODEState((k - 1) * h, y), k * h).getPrimaryState();
      for (int b = 0; b < n; b++) {
        out.setState(b, k, Arrays.copyOfRange(y, b * w, (b + 1) * w));
      }
    }
    return out;
  }

  /** Writes the model into {@code dir} (created if needed); each file atomically. */
  public void save(Path dir) throws IOException {
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("kind", config.kind().name());
    prov.put("dim", layout.d);
    prov.put("trajectories", layout.trajectories);
    prov.put("nll", nll);
    prov.put("noiseStd", noiseStd());
    prov.put("seed", config.seed());
    prov.put("engine", engine);
    ModelFolder.write(dir, "vin", config, ModelFolder.weights(weights), history, prov);
  }

  /** Loads a model written by {@link #save}. */
  public static VinModel load(Path dir) throws IOException {
    ModelFolder f = ModelFolder.open(dir, "vin", "VinModel");
    return new VinModel(f.config(VinConfig.class), f.number("dim", 0).intValue(), f.number("trajectories", 0)
        .intValue(), f.weights(), f.history(new TypeReference<List<VinEpochRecord>>() {}),
        f.number("nll", Double.NaN).doubleValue(), f.text("engine"));
  }


  @Override
  public void close() {
    // plain-Java weights only; nothing native to free
  }
}

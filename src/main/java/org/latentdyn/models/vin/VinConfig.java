package org.latentdyn.models.vin;

import java.util.Locale;
import org.latentdyn.train.Engine;

/**
 * Hyper-parameters of a phase-space VIN or baseline (VIN spec §2, §4a, §10). Validation names the field and value;
 * the record round-trips through JSON (Jackson).
 *
 * @param kind the dynamics cell or baseline
 * @param hidden width of the one hidden tanh layer (200 for the phase-space experiments)
 * @param timeStep step {@code h} of the cell, equal to the data spacing (0.1 s)
 * @param epochs full-batch Adam steps (2000; the paper keeps the best of 2000, 5000, 10000, a caller's loop)
 * @param learningRate Adam learning rate (1e-3)
 * @param unroll unroll schedule of the rolled-out kinds (GROW, spec §10)
 * @param learnMass learn {@code M^-1 = L L^T} (L lower-triangular, diagonal {@code exp}, started at I); VV and SV
 *     only
 * @param so2Force force network of VIN-SO(2)
 * @param seed seed of the weight initialisation
 * @param engine how a training step is computed: {@link Engine#JAVA} (forward and hand-written reverse pass in
 *     plain Java double precision, {@code FusedVin}; the default, also for configs saved without the field) or
 *     {@link Engine#DJL} (autograd, the reference)
 */
public record VinConfig(Kind kind, int hidden, double timeStep, int epochs, double learningRate, Unroll unroll,
    boolean learnMass, So2Force so2Force, long seed, Engine engine) {

  /** Points of the first unroll window of {@link Unroll#GROW}. */
  public static final int GROW_START = 5;

  /** The models of spec §2 that run on phase-space data. */
  public enum Kind {
    /** Störmer-Verlet VIN, state {@code (q_{t-1}, q_t)} read out as {@code (q, p)} (paper eq. 6). */
    VIN_SV,
    /** Velocity-Verlet VIN, state {@code (q, p)} (paper eqs. 9-10, corrected). */
    VIN_VV,
    /** Lie-group VIN for angles (paper eq. 11). */
    VIN_SO2,
    /** Parameter-tied residual network {@code x + h f(x)} (explicit Euler of a free field). */
    RESRNN,
    /** Feed-forward latent dynamics {@code x_{t+1} = f(x_t)} (the "DVAE" cell of Fig. 5). */
    DVAE,
    /** Free vector field {@code (q, p) -> (qdot, pdot)}, trained on derivatives, forecast by RK45. */
    NN,
    /** Hamiltonian network {@code H(q, p)}, field {@code (dH/dp, -dH/dq)}, trained on derivatives. */
    HNN;

    /** True for the kinds that roll a cell out from a free initial state (everything but NN and HNN). */
    public boolean rolledOut() {
      return this != NN && this != HNN;
    }

    /** True for the variational integrators with a potential {@code U(q)}. */
    public boolean verlet() {
      return this == VIN_SV || this == VIN_VV;
    }
  }

  /** Unroll schedule of training (spec §10). */
  public enum Unroll {
    /** Window grows linearly from {@value VinConfig#GROW_START} points to the full length over half the epochs. */
    GROW,
    /** Every epoch unrolls the full length. */
    FULL
  }

  /**
   * The force {@code r(theta)} of VIN-SO(2) (spec §2). Both sin-output forms are bounded: PAPER has
   * {@code |r| <= 1}, and GRADIENT/TRIG_INPUT have a potential {@code U = -N} of span at most 2. Neither can
   * represent the phase-space pendulum of spec §3a (g = 9.81, energies up to 2.3) exactly; they were made for the
   * pixel VAE, whose latent scale is free.
   */
  public enum So2Force {
    /** {@code r = dN/dtheta}, {@code N = sin(w . tanh(W theta + b) + c)}: the authors' code, conservative. */
    GRADIENT,
    /** {@code r = sin(W2 tanh(W theta + b) + c)}: the paper's literal "sin activations at the last layer". */
    PAPER,
    /** As GRADIENT with {@code (cos theta, sin theta)} as the network input: 2 pi-periodic. */
    TRIG_INPUT
  }

  public VinConfig {
    if (engine == null) {
      engine = Engine.JAVA;
    }
    if (kind == null) {
      throw new IllegalArgumentException("kind must be one of VIN_SV, VIN_VV, VIN_SO2, RESRNN, DVAE, NN, HNN, got null");
    }
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
    }
    if (!(timeStep > 0) || Double.isInfinite(timeStep)) {
      throw new IllegalArgumentException("timeStep must be a finite number > 0, got " + timeStep);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + learningRate);
    }
    if (unroll == null) {
      throw new IllegalArgumentException("unroll must be GROW or FULL, got null");
    }
    if (so2Force == null) {
      throw new IllegalArgumentException("so2Force must be GRADIENT, PAPER or TRIG_INPUT, got null");
    }
    if (learnMass && !kind.verlet()) {
      throw new IllegalArgumentException("learnMass is for VIN_SV and VIN_VV, got kind " + kind);
    }
  }

  /** Spec defaults: width 200, h 0.1, 2000 epochs, lr 1e-3, GROW, M = I, the code's SO(2) force. */
  public static VinConfig defaults(Kind kind, long seed) {
    return new VinConfig(kind, 200, 0.1, 2000, 1e-3, Unroll.GROW, false, So2Force.GRADIENT, seed, Engine.JAVA);
  }

  public VinConfig withKind(Kind v) {
    return new VinConfig(v, hidden, timeStep, epochs, learningRate, unroll, learnMass && v.verlet(), so2Force, seed,
        engine);
  }

  public VinConfig withHidden(int v) {
    return new VinConfig(kind, v, timeStep, epochs, learningRate, unroll, learnMass, so2Force, seed, engine);
  }

  public VinConfig withTimeStep(double v) {
    return new VinConfig(kind, hidden, v, epochs, learningRate, unroll, learnMass, so2Force, seed, engine);
  }

  public VinConfig withEpochs(int v) {
    return new VinConfig(kind, hidden, timeStep, v, learningRate, unroll, learnMass, so2Force, seed, engine);
  }

  public VinConfig withLearningRate(double v) {
    return new VinConfig(kind, hidden, timeStep, epochs, v, unroll, learnMass, so2Force, seed, engine);
  }

  public VinConfig withUnroll(Unroll v) {
    return new VinConfig(kind, hidden, timeStep, epochs, learningRate, v, learnMass, so2Force, seed, engine);
  }

  public VinConfig withLearnMass(boolean v) {
    return new VinConfig(kind, hidden, timeStep, epochs, learningRate, unroll, v, so2Force, seed, engine);
  }

  public VinConfig withSo2Force(So2Force v) {
    return new VinConfig(kind, hidden, timeStep, epochs, learningRate, unroll, learnMass, v, seed, engine);
  }

  public VinConfig withSeed(long v) {
    return new VinConfig(kind, hidden, timeStep, epochs, learningRate, unroll, learnMass, so2Force, v, engine);
  }

  public VinConfig withEngine(Engine v) {
    return new VinConfig(kind, hidden, timeStep, epochs, learningRate, unroll, learnMass, so2Force, seed, v);
  }

  /**
   * Points unrolled in epoch {@code epoch} (0-based) for trajectories of {@code frames} points: FULL always
   * {@code frames}; GROW {@code 5 + round((frames - 5) epoch / (epochs / 2))}, at most {@code frames}.
   */
  public int window(int epoch, int frames) {
    if (unroll == Unroll.FULL || frames <= GROW_START) {
      return frames;
    }
    double half = epochs / 2.0;
    int w = GROW_START + (int) Math.round((frames - GROW_START) * Math.min(1.0, epoch / half));
    return Math.min(frames, w);
  }

  /** Short label, e.g. {@code "vin-vv"}. */
  public String label() {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

package org.latentdyn.mechanics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Noisy phase-space data of VIN spec §3a (paper §4.1, App. C.1; Greydanus-style), and the initial states of the
 * pixel experiment of §3b.
 *
 * <p>Starts have energy {@code E ~ U[0.2, 1]} (mass-spring) or {@code U[1.3, 2.3]} (pendulum, zero at rest).
 * Spring: {@code phi ~ U[0, 2 pi)}, {@code q0 = sqrt(2E/k) cos phi}, {@code p0 = sqrt(2 m E) sin phi}. Pendulum:
 * {@code theta_max = arccos(1 - E/(m g l))}, {@code theta0 = u theta_max} with {@code u ~ U[-1, 1]},
 * {@code p0 = +-sqrt(2 m l^2 (E - m g l (1 - cos theta0)))} with a random sign. Frames {@code t_k = k h} from the
 * DOP853 {@link GroundTruth}; observations add independent {@code N(0, sigma^2)} to every coordinate, and the
 * derivatives {@code (qdot, pdot)} of the true field at the true state get independent noise of their own.
 *
 * <p>Random streams (each derived from the seed on its own): starts, observation noise, derivative noise.
 */
public final class PhaseSpaceData {
  /** Energy band of the mass-spring starts (spec §3a). */
  public static final Band SPRING_BAND = new Band(0.2, 1.0);
  /** Energy band of the pendulum starts (spec §3a). */
  public static final Band PENDULUM_BAND = new Band(1.3, 2.3);

  private PhaseSpaceData() {}

  /**
   * An energy interval.
   *
   * @param low lower end, {@code >= 0}
   * @param high upper end, {@code >= low}
   */
  public record Band(double low, double high) {
    public Band {
      Checks.nonNegative("band low", low);
      Checks.nonNegative("band high", high);
      if (high < low) {
        throw new IllegalArgumentException("band high must be >= low " + low + ", got " + high);
      }
    }

    public boolean contains(double energy) {
      return energy >= low && energy <= high;
    }
  }

  /**
   * The size, noise and seed of a data set.
   *
   * @param trajectories {@code N >= 1}
   * @param frames frames per trajectory {@code T >= 2}
   * @param noise observation noise sd {@code sigma >= 0}
   * @param timeStep frame spacing {@code h > 0}
   * @param seed seed of the starts and noise streams
   */
  public record Options(int trajectories, int frames, double noise, double timeStep, long seed) {
    public Options {
      Checks.atLeast("trajectories", trajectories, 1);
      Checks.atLeast("frames", frames, 2);
      Checks.nonNegative("noise", noise);
      Checks.positive("timeStep", timeStep);
      if ((long) trajectories * frames * 2 > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("trajectories x frames = " + trajectories + " x " + frames
            + " is too large for one array");
      }
    }

    /** The spec §3a defaults: 25 trajectories of 30 frames, sigma = 0.1, h = 0.1. */
    public static Options defaults(long seed) {
      return new Options(25, 30, 0.1, 0.1, seed);
    }

    public Options withTrajectories(int n) {
      return new Options(n, frames, noise, timeStep, seed);
    }

    public Options withFrames(int n) {
      return new Options(trajectories, n, noise, timeStep, seed);
    }

    public Options withNoise(double sigma) {
      return new Options(trajectories, frames, sigma, timeStep, seed);
    }

    public Options withTimeStep(double h) {
      return new Options(trajectories, frames, noise, h, seed);
    }

    public Options withSeed(long s) {
      return new Options(trajectories, frames, noise, timeStep, s);
    }
  }

  /**
   * A generated data set; all arrays {@code [N, T, 2]}.
   *
   * @param system the system simulated
   * @param options size, noise, seed
   * @param observations noisy {@code (q, p)}
   * @param truth noise-free {@code (q, p)}
   * @param derivatives noisy {@code (qdot, pdot)} of the true field at the true state
   * @param energies the energy of each start, {@code [N]}
   */
  public record Result(HamiltonianSystem system, Options options, PhaseSpaceArray observations,
      PhaseSpaceArray truth, PhaseSpaceArray derivatives, double[] energies) {}

  /** {@link #generate(HamiltonianSystem, Options)} with the options spelled out. */
  public static Result generate(HamiltonianSystem system, int trajectories, int frames, double noise,
      double timeStep, long seed) {
    return generate(system, new Options(trajectories, frames, noise, timeStep, seed));
  }

  /**
   * Generates the §3a data set of a {@link Pendulum} or {@link MassSpring}.
   *
   * @throws IllegalArgumentException for another system, or a pendulum whose band reaches {@code 2 m g l}
   */
  public static Result generate(HamiltonianSystem system, Options options) {
    return generate(system, options, energyBandStarts(system, options.trajectories(), options.seed()));
  }

  /**
   * The §3a noise model on trajectories from given starts {@code [trajectories][2]} (e.g. {@link #pixelStarts}
   * for the pixel experiments of §3b).
   */
  public static Result generate(HamiltonianSystem system, Options options, double[][] starts) {
    if (starts.length != options.trajectories()) {
      throw new IllegalArgumentException("starts has " + starts.length + " rows, expected trajectories = "
          + options.trajectories());
    }
    PhaseSpaceArray truth = GroundTruth.trajectories(system, starts, options.frames(), options.timeStep());
    int n = truth.trajectories();
    int frames = truth.frames();
    int width = truth.width();
    PhaseSpaceArray observations = PhaseSpaceArray.zeros(n, frames, width);
    PhaseSpaceArray derivatives = PhaseSpaceArray.zeros(n, frames, width);
    SplittableRandom obsNoise = Streams.of(options.seed(), Streams.OBSERVATION_NOISE);
    SplittableRandom derNoise = Streams.of(options.seed(), Streams.DERIVATIVE_NOISE);
    double sigma = options.noise();
    double[] x = new double[width];
    double[] f = new double[width];
    double[] obs = observations.values();
    double[] der = derivatives.values();
    double[] tru = truth.values();
    for (int b = 0; b < n; b++) {
      for (int t = 0; t < frames; t++) {
        int base = truth.index(b, t, 0);
        System.arraycopy(tru, base, x, 0, width);
        system.vectorField(x, f);
        for (int j = 0; j < width; j++) {
          obs[base + j] = x[j] + sigma * obsNoise.nextGaussian();
          der[base + j] = f[j] + sigma * derNoise.nextGaussian();
        }
      }
    }
    double[] energies = new double[n];
    for (int b = 0; b < n; b++) {
      energies[b] = system.hamiltonian(starts[b]);
    }
    return new Result(system, options, observations, truth, derivatives, energies);
  }

  /** The energy band of §3a for {@code system}. */
  public static Band energyBand(HamiltonianSystem system) {
    if (system instanceof Pendulum) {
      return PENDULUM_BAND;
    }
    if (system instanceof MassSpring) {
      return SPRING_BAND;
    }
    throw new IllegalArgumentException("no energy band for system " + system.name() + "; expected pendulum or"
        + " mass-spring");
  }

  /** {@code N} starts {@code (q0, p0)} drawn by the energy-band rule of §3a from the seed's start stream. */
  public static double[][] energyBandStarts(HamiltonianSystem system, int trajectories, long seed) {
    Checks.atLeast("trajectories", trajectories, 1);
    Band band = energyBand(system);
    SplittableRandom rng = Streams.of(seed, Streams.STARTS);
    double[][] starts = new double[trajectories][];
    for (int i = 0; i < trajectories; i++) {
      double e = band.low() + (band.high() - band.low()) * rng.nextDouble();
      if (system instanceof Pendulum pendulum) {
        double mgl = pendulum.mass() * pendulum.gravity() * pendulum.length();
        if (band.high() >= 2 * mgl) {
          throw new IllegalArgumentException("pendulum energy band up to " + band.high() + " reaches the separatrix"
              + " 2 m g l = " + 2 * mgl + "; expected gravity > " + band.high() / 2 + " with m = l = 1");
        }
        double thetaMax = Math.acos(1 - e / mgl);
        double theta0 = (2 * rng.nextDouble() - 1) * thetaMax;
        double kinetic = Math.max(0, e - pendulum.potentialEnergy(theta0));
        double ml2 = pendulum.mass() * pendulum.length() * pendulum.length();
        double sign = rng.nextBoolean() ? 1 : -1;
        starts[i] = new double[] {theta0, sign * Math.sqrt(2 * ml2 * kinetic)};
      } else {
        MassSpring spring = (MassSpring) system;
        double phi = 2 * Math.PI * rng.nextDouble();
        starts[i] = new double[] {Math.sqrt(2 * e / spring.stiffness()) * Math.cos(phi),
            Math.sqrt(2 * spring.mass() * e) * Math.sin(phi)};
      }
    }
    return starts;
  }

  /**
   * The pixel-experiment starts of §3b (authors' code), as {@code (q0, p0)} rows: pendulum
   * {@code theta0 = +-(pi - U[0.1, pi/2])} (random sign), {@code thetadot0 ~ U[-1, 1]},
   * {@code p0 = m l^2 thetadot0}; spring {@code q0 = +-U[1.0, 1.5]}, {@code qdot0 = +-U[0, 0.5]} (independent
   * signs), {@code p0 = m qdot0}. Use {@link MassSpring#pixels()} (k = 2) for the spring.
   */
  public static double[][] pixelStarts(HamiltonianSystem system, int trajectories, long seed) {
    Checks.atLeast("trajectories", trajectories, 1);
    SplittableRandom rng = Streams.of(seed, Streams.STARTS);
    double[][] starts = new double[trajectories][];
    for (int i = 0; i < trajectories; i++) {
      if (system instanceof Pendulum pendulum) {
        double sign = rng.nextBoolean() ? 1 : -1;
        double theta0 = sign * (Math.PI - (0.1 + (Math.PI / 2 - 0.1) * rng.nextDouble()));
        double thetaDot0 = 2 * rng.nextDouble() - 1;
        starts[i] = new double[] {theta0, pendulum.mass() * pendulum.length() * pendulum.length() * thetaDot0};
      } else if (system instanceof MassSpring spring) {
        double q0 = (rng.nextBoolean() ? 1 : -1) * (1.0 + 0.5 * rng.nextDouble());
        double qDot0 = (rng.nextBoolean() ? 1 : -1) * 0.5 * rng.nextDouble();
        starts[i] = new double[] {q0, spring.mass() * qDot0};
      } else {
        throw new IllegalArgumentException("no pixel-experiment starts for system " + system.name()
            + "; expected pendulum or mass-spring");
      }
    }
    return starts;
  }

  /**
   * Noise-free pixel-experiment trajectories {@code [N, T, 2]} of {@code (q, p)} from {@link #pixelStarts} (§3b:
   * one trajectory of 60 frames at h = 0.1 per trial), for a renderer to draw.
   */
  public static PhaseSpaceArray pixelTrajectories(HamiltonianSystem system, int trajectories, int frames,
      double timeStep, long seed) {
    Checks.atLeast("frames", frames, 1);
    Checks.positive("timeStep", timeStep);
    return GroundTruth.trajectories(system, pixelStarts(system, trajectories, seed), frames, timeStep);
  }

  /** The start rule of {@link #generate} in words, for run provenance. */
  public static String startRule(HamiltonianSystem system) {
    Band band = energyBand(system);
    String e = "E ~ U[" + band.low() + ", " + band.high() + "]";
    if (system instanceof Pendulum) {
      return e + "; theta_max = arccos(1 - E/(m g l)), theta0 = u theta_max, u ~ U[-1, 1];"
          + " p0 = +-sqrt(2 m l^2 (E - m g l (1 - cos theta0))), random sign";
    }
    return e + "; phi ~ U[0, 2 pi), q0 = sqrt(2E/k) cos phi, p0 = sqrt(2 m E) sin phi";
  }

  /** Options, system constants and rules of a data set, for run.json. */
  public static Map<String, Object> describe(HamiltonianSystem system, Options options) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("system", system.name());
    m.put("constants", new LinkedHashMap<>(system.parameters()));
    m.put("hamiltonian", system instanceof Pendulum ? "H = p^2/(2 m l^2) + m g l (1 - cos q), q = theta from the"
        + " downward vertical, p = m l^2 thetadot" : "H = p^2/(2 m) + k q^2/2");
    Band band = energyBand(system);
    m.put("energyBand", new double[] {band.low(), band.high()});
    m.put("starts", startRule(system));
    m.put("trajectories", options.trajectories());
    m.put("frames", options.frames());
    m.put("timeStep", options.timeStep());
    m.put("noise", options.noise());
    m.put("noiseRule", "observations = truth + N(0, noise^2) per coordinate; derivatives = true field at the"
        + " true state + independent N(0, noise^2)");
    m.put("groundTruth", "Hipparchus DormandPrince853, rtol " + GroundTruth.RELATIVE_TOLERANCE + ", atol "
        + GroundTruth.ABSOLUTE_TOLERANCE + ", frames t_k = k h");
    m.put("seed", options.seed());
    return m;
  }
}

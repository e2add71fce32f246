package org.latentdyn.workflow;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.latentdyn.dynamics.ConstantDiffusion;
import org.latentdyn.dynamics.DoubleWell1D;
import org.latentdyn.dynamics.DoubleWell2D;
import org.latentdyn.dynamics.HarmonicPotential;
import org.latentdyn.dynamics.MuellerBrownPotential;
import org.latentdyn.dynamics.ObservationMap;
import org.latentdyn.dynamics.OverdampedLangevin;
import org.latentdyn.dynamics.Potential;
import org.latentdyn.dynamics.ThreeWellDataset;
import org.latentdyn.dynamics.ThreeWellPotential;
import org.latentdyn.dynamics.ThreeWellWarp;

/**
 * The catalogue of systems {@code latentdyn simulate NAME} can generate: overdamped Langevin dynamics
 * (paper Eq. 4-5 with constant diffusion) in a named potential, with default time grid, start point and the
 * map from the true slow variables to the observations.
 */
public enum SimulatedSystem {
  /** Spec dynae.md §6: three wells, observed through the warp (x, y + x^2). */
  THREE_WELL("three-well", ThreeWellDataset.TIME_STEP, ThreeWellDataset.STRIDE) {
    @Override
    public Potential potential() {
      return ThreeWellPotential.defaults();
    }

    @Override
    public double[] start() {
      return ThreeWellPotential.defaults().minima().get(0).position();
    }

    @Override
    public ObservationMap observationMap() {
      return ThreeWellWarp.forward();
    }
  },
  /** U(x) = 3 (x^2 - 1)^2: two states 3 kT apart. */
  DOUBLE_WELL_1D("double-well-1d", 1e-3, 10) {
    @Override
    public Potential potential() {
      return new DoubleWell1D(3.0);
    }

    @Override
    public double[] start() {
      return new double[] {-1.0};
    }
  },
  /** A 3 kT double well in x, harmonic (k = 1) in y. */
  DOUBLE_WELL_2D("double-well-2d", 1e-3, 10) {
    @Override
    public Potential potential() {
      return new DoubleWell2D(3.0, 1.0);
    }

    @Override
    public double[] start() {
      return new double[] {-1.0, 0.0};
    }
  },
  /** The Mueller-Brown potential scaled by 0.05, so its barriers are a few kT. */
  MUELLER_BROWN("mueller-brown", 1e-4, 50) {
    @Override
    public Potential potential() {
      return new MuellerBrownPotential(0.05);
    }

    @Override
    public double[] start() {
      return new double[] {-0.558, 1.442};
    }
  },
  /** A 2-D isotropic Ornstein-Uhlenbeck process, k = 1: closed-form statistics. */
  ORNSTEIN_UHLENBECK("ornstein-uhlenbeck", 1e-3, 10) {
    @Override
    public Potential potential() {
      return HarmonicPotential.isotropic(2, 1.0);
    }

    @Override
    public double[] start() {
      return new double[2];
    }
  };

  private final String label;
  private final double timeStep;
  private final int stride;

  SimulatedSystem(String label, double timeStep, int stride) {
    this.label = label;
    this.timeStep = timeStep;
    this.stride = stride;
  }

  /** The command-line name, e.g. {@code three-well}. */
  public String label() {
    return label;
  }

  /** Default integration step. */
  public double timeStep() {
    return timeStep;
  }

  /** Default number of steps between saved frames. */
  public int stride() {
    return stride;
  }

  /** The potential simulated. */
  public abstract Potential potential();

  /** The default initial state (a minimum of the potential). */
  public abstract double[] start();

  /** The map from the true variables to the observations; identity unless overridden. */
  public ObservationMap observationMap() {
    return null;
  }

  /** The overdamped Langevin SDE with constant isotropic diffusion {@code diffusion} at temperature kT. */
  public OverdampedLangevin sde(double diffusion, double kT) {
    Potential p = potential();
    return new OverdampedLangevin(p, ConstantDiffusion.isotropic(p.dim(), diffusion), kT);
  }

  /** A description for run.json: name, formula, constants, observation map. */
  public Map<String, Object> describe() {
    Potential p = potential();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("system", label);
    m.put("potential", p.name());
    m.put("formula", p.formula());
    m.put("constants", p.parameters());
    ObservationMap map = observationMap();
    m.put("observationMap", map == null ? "identity" : map.toString());
    return m;
  }

  /** Parses a command-line name; the error lists every valid name. */
  public static SimulatedSystem parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (SimulatedSystem s : values()) {
      if (s.label.equals(n)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown system '" + name + "'; expected one of " + labels());
  }

  /** The valid names, comma separated. */
  public static String labels() {
    return Arrays.stream(values()).map(SimulatedSystem::label).collect(Collectors.joining(", "));
  }
}

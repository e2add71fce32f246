package org.latentdyn.workflow;

import java.util.ArrayList;
import java.util.List;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;
import org.latentdyn.dynamics.EulerMaruyama;
import org.latentdyn.dynamics.SimulationOptions;
import org.latentdyn.dynamics.Simulator;
import org.latentdyn.kinetics.CoreTransitionCounts;
import org.latentdyn.kinetics.CoreTransitions;
import org.latentdyn.kinetics.CountMatrix;
import org.latentdyn.kinetics.ImpliedTimescales;
import org.latentdyn.kinetics.KMeans;
import org.latentdyn.kinetics.KMeansModel;
import org.latentdyn.kinetics.MarkovStateModel;
import org.latentdyn.kinetics.MaximumLikelihoodMsm;
import org.latentdyn.md.RamachandranState;
import org.latentdyn.metrics.NearestNeighbours;
import org.latentdyn.models.dynae.DynaeModel;
import org.latentdyn.models.dynae.LearnedLangevin;

/**
 * Kinetics from a learned latent (DynAE paper §4, Fig. 4; spec dynae.md §7): a Markov state model on the latent
 * (k-means microstates, reversible maximum-likelihood transition matrix at lag tau, implied timescales against the
 * lag, rates between metastable states as 1/MFPT), the same estimator on the torsions (cos and sin of phi and
 * psi) as the reference, transition rates of the data by committed-state counting on the Ramachandran regions,
 * and a long simulation of the learned latent Langevin equation (learned f and M, Euler-Maruyama with sub-steps
 * per frame) whose frames are assigned to the same states by their nearest data points, so that its rates can be
 * compared with the data's. States are named {@code beta}, {@code alphaR}, {@code alphaL}; frames in the
 * "other" region belong to no core and keep the last committed state.
 */
public final class Kinetics {
  /** The metastable states, in this order (the Ramachandran regions of the alanine-dipeptide data). */
  public static final List<String> STATES = List.of("beta", "alphaR", "alphaL");

  private Kinetics() {}

  /**
   * Settings.
   *
   * @param lag MSM lag tau in frames
   * @param microstates k-means microstates of each MSM
   * @param lags lags of the implied-timescale curves
   * @param sdeFrames frames of the latent SDE simulation
   * @param substeps Euler-Maruyama steps per frame
   * @param neighbours nearest data points that vote on the state of a simulated frame
   * @param agreement fraction of those neighbours that must share a state for the frame to be in its core (the
   *     rest is the no-core buffer between states, as the "other" region is between the torsion cores)
   * @param blocks contiguous blocks of the block-jackknife error of the implied timescales
   * @param seed seed of k-means, the simulation and the bootstrap
   */
  public record Options(int lag, int microstates, int[] lags, int sdeFrames, int substeps, int neighbours,
      double agreement, int blocks, long seed) {
    public Options {
      atLeast("lag", lag, 1);
      atLeast("microstates", microstates, 2);
      atLeast("sdeFrames", sdeFrames, 2);
      atLeast("substeps", substeps, 1);
      atLeast("neighbours", neighbours, 1);
      atLeast("blocks", blocks, 2);
      if (!(agreement > 0 && agreement <= 1)) {
        throw new IllegalArgumentException("agreement must be in (0, 1], got " + agreement);
      }
      if (lags == null || lags.length == 0) {
        throw new IllegalArgumentException("lags must list at least one lag");
      }
      for (int l : lags) {
        atLeast("every lag", l, 1);
      }
      lags = lags.clone();
    }

    /**
     * Lag 10 frames, 100 microstates, lags 1-50, 200,000 simulated frames at 10 sub-steps, a core needs all of
     * its 10 nearest data points in one state.
     */
    public static Options defaults(long seed) {
      return new Options(10, 100, new int[] {1, 2, 5, 10, 20, 30, 50}, 200_000, 10, 10, 1.0, 10, seed);
    }

    public Options withLag(int v) {
      return new Options(v, microstates, lags, sdeFrames, substeps, neighbours, agreement, blocks, seed);
    }

    public Options withMicrostates(int v) {
      return new Options(lag, v, lags, sdeFrames, substeps, neighbours, agreement, blocks, seed);
    }

    public Options withSdeFrames(int v) {
      return new Options(lag, microstates, lags, v, substeps, neighbours, agreement, blocks, seed);
    }

    public Options withAgreement(double v) {
      return new Options(lag, microstates, lags, sdeFrames, substeps, neighbours, v, blocks, seed);
    }

    public Options withSubsteps(int v) {
      return new Options(lag, microstates, lags, sdeFrames, v, neighbours, agreement, blocks, seed);
    }

    private static void atLeast(String name, int v, int min) {
      if (v < min) {
        throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
      }
    }
  }

  /** A timescale in frames with its block-jackknife standard error. */
  public record Timescale(double frames, double error) {}

  /**
   * The rates of one state pair, in transitions per frame, with standard errors.
   *
   * @param from state name
   * @param to state name
   * @param md committed-state counting on the data's torsions (NaN without them)
   * @param mdError its Poisson error
   * @param mdTransitions transitions counted in the data
   * @param latentMsm 1/MFPT of the latent MSM between the microstates assigned to the states (NaN when a state
   *     has none)
   * @param latentMsmError block-jackknife error of the latent MSM rate
   * @param mdLatentCores committed-state counting on the encoded data with the latent cores the simulation uses
   *     (the same state definition as {@code latentSde}, on the real dynamics)
   * @param mdLatentCoresError its Poisson error
   * @param latentSde committed-state counting on the simulated latent trajectory
   * @param latentSdeError its Poisson error
   * @param latentSdeTransitions transitions counted in the simulation
   */
  public record RateRow(String from, String to, double md, double mdError, long mdTransitions, double latentMsm,
      double latentMsmError, double mdLatentCores, double mdLatentCoresError, double latentSde, double latentSdeError,
      long latentSdeTransitions) {}

  /**
   * The outcome.
   *
   * @param lagFrames the MSM lag
   * @param slowestTimescaleLatent slowest implied timescale of the latent MSM at the lag
   * @param slowestTimescaleAngles the same for the torsion MSM (null without angles)
   * @param timescalesLatent implied timescales of the latent MSM against the lag
   * @param timescalesAngles the same for the torsion MSM (null without angles)
   * @param rates one row per ordered pair of states
   * @param latent the encoded data
   * @param dataStates the state of each data frame (index into {@link #STATES}, -1 for no core); null without
   *     angles
   * @param sde the simulated latent trajectory
   * @param sdeStates the state of each simulated frame by nearest-neighbour vote (-1 for no core)
   * @param escapedFrames simulated frames farther from every data point than the data's own spread allows
   */
  public record Result(int lagFrames, Timescale slowestTimescaleLatent, Timescale slowestTimescaleAngles,
      ImpliedTimescales timescalesLatent, ImpliedTimescales timescalesAngles, List<RateRow> rates, Trajectory latent,
      int[] dataStates, Trajectory sde, int[] sdeStates, int escapedFrames) {}

  /**
   * Runs the analysis.
   *
   * @param data the features the model encodes (several trajectories allowed)
   * @param angles phi and psi in radians, one row per frame of the concatenated data; null for none
   */
  public static Result run(DynaeModel model, Dataset data, Trajectory angles, Options o) {
    Trajectory all = data.concatenated();
    if (angles != null && (angles.frames() != all.frames() || angles.features() < 2)) {
      throw new IllegalArgumentException("angles have shape [" + angles.frames() + ", " + angles.features()
          + "]; expected [" + all.frames() + ", 2] (phi, psi per frame)");
    }
    Trajectory z = model.encode(all);
    int[] lengths = data.lengths();
    // latent MSM
    KMeansModel km = KMeans.fit(z, KMeans.Options.of(o.microstates(), o.seed()));
    int[][] dtrajs = split(km.assign(z), lengths);
    MarkovStateModel msm = MaximumLikelihoodMsm.fit(dtrajs, o.microstates(), MaximumLikelihoodMsm.Options.of(o.lag()));
    ImpliedTimescales itsLatent = ImpliedTimescales.estimate(dtrajs, o.lags(), 3,
        MaximumLikelihoodMsm.Options.of(1));
    Timescale slowLatent = new Timescale(msm.impliedTimescales()[0], jackknife(dtrajs, o, null, null));
    // torsions: MSM on (cos, sin) and committed-state counting on the regions
    Timescale slowAngles = null;
    ImpliedTimescales itsAngles = null;
    int[] states = null;
    CoreTransitionCounts md = null;
    if (angles != null) {
      Trajectory torus = torus(angles);
      KMeansModel ka = KMeans.fit(torus, KMeans.Options.of(o.microstates(), o.seed()));
      int[][] atrajs = split(ka.assign(torus), lengths);
      MarkovStateModel amsm = MaximumLikelihoodMsm.fit(atrajs, o.microstates(),
          MaximumLikelihoodMsm.Options.of(o.lag()));
      itsAngles = ImpliedTimescales.estimate(atrajs, o.lags(), 3, MaximumLikelihoodMsm.Options.of(1));
      slowAngles = new Timescale(amsm.impliedTimescales()[0], jackknife(atrajs, o, null, null));
      states = regions(angles);
      md = CoreTransitions.count(split(states, lengths), STATES, CoreTransitions.Options.of(o.seed()).poissonOnly());
    }
    // latent SDE, its frames assigned to states by their nearest data points
    Trajectory sde = simulate(model, z, o);
    double[] zd = toDouble(z);
    NearestNeighbours nn = NearestNeighbours.of(zd, z.features());
    int[] sdeStates = null;
    CoreTransitionCounts sdeCounts = null;
    CoreTransitionCounts dataCores = null;
    if (states != null) {
      dataCores = CoreTransitions.count(split(vote(nn, states, zd, z.features(), o.neighbours(), o.agreement()),
          lengths), STATES, CoreTransitions.Options.of(o.seed()).poissonOnly());
      sdeStates = vote(nn, states, toDouble(sde), z.features(), o.neighbours(), o.agreement());
      sdeCounts = CoreTransitions.count(new int[][] {sdeStates}, STATES,
          CoreTransitions.Options.of(o.seed()).poissonOnly());
    }
    int escaped = escaped(nn, zd, toDouble(sde), z.features());
    List<RateRow> rows = new ArrayList<>();
    if (states != null) {
      List<int[]> sets = microstateSets(km.assign(z), states, o.microstates());
      for (String from : STATES) {
        for (String to : STATES) {
          if (from.equals(to)) {
            continue;
          }
          int a = STATES.indexOf(from);
          int b = STATES.indexOf(to);
          double msmRate = rate(msm, sets.get(a), sets.get(b));
          double msmError = Double.isNaN(msmRate) ? Double.NaN : jackknife(dtrajs, o, sets.get(a), sets.get(b));
          var mr = md.rate(from, to);
          var sr = sdeCounts.rate(from, to);
          var lr = dataCores.rate(from, to);
          rows.add(new RateRow(from, to, mr.perFrame(), mr.poissonError(), mr.transitions(), msmRate, msmError,
              lr.perFrame(), lr.poissonError(), sr.perFrame(), sr.poissonError(), sr.transitions()));
        }
      }
    }
    return new Result(o.lag(), slowLatent, slowAngles, itsLatent, itsAngles, rows, z, states, sde, sdeStates,
        escaped);
  }

  /** Splits concatenated labels into trajectories of the given lengths. */
  static int[][] split(int[] labels, int[] lengths) {
    int[][] out = new int[lengths.length][];
    int at = 0;
    for (int i = 0; i < lengths.length; i++) {
      out[i] = java.util.Arrays.copyOfRange(labels, at, at + lengths[i]);
      at += lengths[i];
    }
    return out;
  }

  /** (cos phi, sin phi, cos psi, sin psi): the torsions on the torus, for k-means. */
  static Trajectory torus(Trajectory angles) {
    float[] out = new float[angles.frames() * 4];
    for (int i = 0; i < angles.frames(); i++) {
      double phi = angles.get(i, 0);
      double psi = angles.get(i, 1);
      out[4 * i] = (float) Math.cos(phi);
      out[4 * i + 1] = (float) Math.sin(phi);
      out[4 * i + 2] = (float) Math.cos(psi);
      out[4 * i + 3] = (float) Math.sin(psi);
    }
    return Trajectory.wrap(out, angles.frames(), 4);
  }

  /** The state of each frame: index into {@link #STATES}, -1 for the "other" region (no core). */
  static int[] regions(Trajectory angles) {
    int[] s = new int[angles.frames()];
    for (int i = 0; i < s.length; i++) {
      RamachandranState r = RamachandranState.of(angles.get(i, 0), angles.get(i, 1));
      s[i] = STATES.indexOf(r.label());
    }
    return s;
  }

  /** 1/MFPT between the microstates (labels) of two sets, NaN when either has no active state in {@code m}. */
  static double rate(MarkovStateModel m, int[] fromLabels, int[] toLabels) {
    if (!active(m, fromLabels) || !active(m, toLabels)) {
      return Double.NaN;
    }
    return m.rate(m.statesOf(fromLabels), m.statesOf(toLabels));
  }

  private static boolean active(MarkovStateModel m, int[] labels) {
    for (int label : labels) {
      for (int s : m.labels()) {
        if (s == label) {
          return true;
        }
      }
    }
    return false;
  }

  /** Per state, the microstates (labels) whose frames are mostly in that state (frames of no core do not vote). */
  static List<int[]> microstateSets(int[] micro, int[] states, int k) {
    int[][] votes = new int[k][STATES.size()];
    for (int i = 0; i < micro.length; i++) {
      if (states[i] >= 0) {
        votes[micro[i]][states[i]]++;
      }
    }
    List<List<Integer>> members = new ArrayList<>();
    for (int s = 0; s < STATES.size(); s++) {
      members.add(new ArrayList<>());
    }
    for (int c = 0; c < k; c++) {
      int best = -1;
      int most = 0;
      for (int s = 0; s < STATES.size(); s++) {
        if (votes[c][s] > most) {
          most = votes[c][s];
          best = s;
        }
      }
      if (best >= 0) {
        members.get(best).add(c);
      }
    }
    List<int[]> sets = new ArrayList<>();
    for (List<Integer> m : members) {
      sets.add(m.stream().mapToInt(Integer::intValue).toArray());
    }
    return sets;
  }

  /**
   * Block-jackknife standard error over {@code o.blocks()} contiguous blocks of every trajectory: of the slowest
   * implied timescale when {@code from} is null, else of the rate between the two sets of microstates (labels).
   */
  static double jackknife(int[][] dtrajs, Options o, int[] from, int[] to) {
    int b = o.blocks();
    List<int[][]> blocks = new ArrayList<>();
    for (int k = 0; k < b; k++) {
      List<int[]> parts = new ArrayList<>();
      for (int[] t : dtrajs) {
        int lo = (int) ((long) t.length * k / b);
        int hi = (int) ((long) t.length * (k + 1) / b);
        parts.add(java.util.Arrays.copyOfRange(t, lo, hi));
      }
      blocks.add(parts.toArray(new int[0][]));
    }
    double[] values = new double[b];
    for (int leave = 0; leave < b; leave++) {
      List<int[]> kept = new ArrayList<>();
      for (int k = 0; k < b; k++) {
        if (k != leave) {
          kept.addAll(List.of(blocks.get(k)));
        }
      }
      int[][] d = kept.toArray(new int[0][]);
      MarkovStateModel m = MaximumLikelihoodMsm.fit(CountMatrix.count(d, o.lag(), o.microstates()),
          MaximumLikelihoodMsm.Options.of(o.lag()));
      if (from == null) {
        values[leave] = m.impliedTimescales()[0];
      } else {
        values[leave] = rate(m, from, to);
      }
    }
    double mean = 0;
    int n = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        mean += v;
        n++;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    mean /= n;
    double ss = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    return Math.sqrt((n - 1.0) / n * ss);
  }

  /**
   * Simulates the learned latent Langevin equation from the first encoded frame: Euler-Maruyama with
   * {@code substeps} steps per frame; the model's unit of time is its training lag.
   */
  static Trajectory simulate(DynaeModel model, Trajectory z, Options o) {
    LearnedLangevin l = model.langevin();
    double[] x0 = new double[z.features()];
    for (int j = 0; j < x0.length; j++) {
      x0[j] = z.get(0, j);
    }
    double dt = 1.0 / (model.config().lag() * o.substeps());
    return Simulator.simulate(l.sde(), new EulerMaruyama(), x0,
        new SimulationOptions(dt, o.substeps(), 0, o.sdeFrames(), o.seed()));
  }

  /**
   * The state of each query point: the state of at least {@code agreement * k} of its {@code k} nearest data
   * points, else -1 (no core).
   */
  static int[] vote(NearestNeighbours nn, int[] states, double[] queries, int d, int k, double agreement) {
    int needed = (int) Math.ceil(agreement * k - 1e-9);
    int n = queries.length / d;
    int[] out = new int[n];
    double[] q = new double[d];
    int[] count = new int[STATES.size() + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(queries, i * d, q, 0, d);
      java.util.Arrays.fill(count, 0);
      for (int j : nn.query(q, k)) {
        count[states[j] + 1]++;
      }
      int best = 0;
      for (int s = 1; s < count.length; s++) {
        if (count[s] > count[best]) {
          best = s;
        }
      }
      out[i] = count[best] >= needed ? best - 1 : -1;
    }
    return out;
  }

  /**
   * Simulated frames whose nearest data point is farther than the largest nearest-neighbour distance within the
   * data (estimated on a sample): the simulation left the region where the fields were learned.
   */
  static int escaped(NearestNeighbours nn, double[] data, double[] sim, int d) {
    double[] q = new double[d];
    int n = data.length / d;
    double reach = 0;
    int stride = Math.max(1, n / 2000);
    for (int i = 0; i < n; i += stride) {
      System.arraycopy(data, i * d, q, 0, d);
      int[] two = nn.query(q, 2);
      int other = two[0] == i ? two[1] : two[0];
      reach = Math.max(reach, distance(data, other, q, d));
    }
    int out = 0;
    for (int i = 0; i < sim.length / d; i++) {
      System.arraycopy(sim, i * d, q, 0, d);
      if (distance(data, nn.query(q, 1)[0], q, d) > 2 * reach) {
        out++;
      }
    }
    return out;
  }

  private static double distance(double[] data, int row, double[] q, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double e = data[row * d + j] - q[j];
      s += e * e;
    }
    return Math.sqrt(s);
  }

  private static double[] toDouble(Trajectory t) {
    float[] v = t.view();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}

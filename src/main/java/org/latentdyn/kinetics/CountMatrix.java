package org.latentdyn.kinetics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Transition counts {@code C_ij} at a lag {@code tau} (in frames) between the states of one or several discrete
 * trajectories. Row and column {@code i} belong to the original state label {@code symbols()[i]}; after
 * {@link #restrict} or {@link #restrictToLargestConnectedSet()} these are a subset of the labels. Immutable.
 *
 * <p>Sliding-window counting (Prinz et al. 2011, J. Chem. Phys. 134, 174105, Eq. 25 with every frame as a start):
 * {@code C_ij = sum over trajectories, sum over t in [0, n - tau) of 1[s_t = i and s_{t+tau} = j]}, so a trajectory
 * of {@code n} frames gives {@code max(0, n - tau)} counts and no count joins two trajectories. A negative label
 * marks a frame in no state (as in deeptime); pairs with a negative label at either end are skipped.
 */
public final class CountMatrix {
  private final double[][] counts;
  private final int[] symbols;
  private final int lag;

  /**
   * Counts given directly; row {@code i} is state {@code i}.
   *
   * @param counts square, finite, {@code >= 0} (copied)
   * @param lag the lag the counts were taken at, {@code >= 1}
   */
  public CountMatrix(double[][] counts, int lag) {
    this(checked(counts), identity(counts.length), lag, true);
  }

  private CountMatrix(double[][] counts, int[] symbols, int lag, boolean copy) {
    if (lag < 1) {
      throw new IllegalArgumentException("lag must be >= 1, got " + lag);
    }
    this.counts = copy ? deepCopy(counts) : counts;
    this.symbols = symbols;
    this.lag = lag;
  }

  /** Sliding-window counts of one discrete trajectory; the number of states is its largest label + 1. */
  public static CountMatrix count(int[] dtraj, int lag) {
    return count(new int[][] {dtraj}, lag);
  }

  /** Sliding-window counts of several discrete trajectories; the number of states is the largest label + 1. */
  public static CountMatrix count(int[][] dtrajs, int lag) {
    int max = -1;
    for (int[] d : nonNull(dtrajs)) {
      for (int s : d) {
        max = Math.max(max, s);
      }
    }
    if (max < 0) {
      throw new IllegalArgumentException("dtrajs hold no frame in a state (all labels negative or no frames)");
    }
    return count(dtrajs, lag, max + 1);
  }

  /**
   * Sliding-window counts of several discrete trajectories over {@code states} states (labels
   * {@code 0 .. states-1}; negative labels are frames in no state).
   */
  public static CountMatrix count(int[][] dtrajs, int lag, int states) {
    if (lag < 1) {
      throw new IllegalArgumentException("lag must be >= 1, got " + lag);
    }
    if (states < 1) {
      throw new IllegalArgumentException("states must be >= 1, got " + states);
    }
    nonNull(dtrajs);
    double[][] c = new double[states][states];
    int longest = 0;
    for (int k = 0; k < dtrajs.length; k++) {
      int[] d = dtrajs[k];
      longest = Math.max(longest, d.length);
      for (int t = 0; t < d.length; t++) {
        if (d[t] >= states) {
          throw new IllegalArgumentException("dtrajs[" + k + "][" + t + "] = " + d[t] + " is not a state in [0, "
              + states + ")");
        }
      }
      for (int t = 0; t + lag < d.length; t++) {
        int i = d[t];
        int j = d[t + lag];
        if (i >= 0 && j >= 0) {
          c[i][j]++;
        }
      }
    }
    if (longest <= lag) {
      throw new IllegalArgumentException("no trajectory has more than lag " + lag + " frames (the longest has "
          + longest + "), so there is no pair to count");
    }
    return new CountMatrix(c, identity(states), lag, false);
  }

  /** The lag in frames. */
  public int lag() {
    return lag;
  }

  /** Number of states (rows). */
  public int size() {
    return counts.length;
  }

  /** The original label of each row, a copy. */
  public int[] symbols() {
    return symbols.clone();
  }

  /** A copy of the counts, {@code [size][size]}. */
  public double[][] counts() {
    return deepCopy(counts);
  }

  public double count(int from, int to) {
    return counts[from][to];
  }

  /** Counts leaving each state, {@code sum_j C_ij}. */
  public double[] rowSums() {
    double[] out = new double[counts.length];
    for (int i = 0; i < out.length; i++) {
      for (double v : counts[i]) {
        out[i] += v;
      }
    }
    return out;
  }

  /** All counts. */
  public double total() {
    double s = 0;
    for (double v : rowSums()) {
      s += v;
    }
    return s;
  }

  /**
   * The largest strongly connected set of the graph with an edge {@code i -> j} where {@code C_ij > 0} (Tarjan's
   * algorithm): the set on which a Markov model is ergodic. Ties go to the set with more counts inside it, then to
   * the one holding the smallest label.
   */
  public ConnectedSet largestConnectedSet() {
    int[] kept = largestComponent();
    boolean[] in = new boolean[size()];
    for (int i : kept) {
      in[i] = true;
    }
    int[] dropped = new int[size() - kept.length];
    int m = 0;
    for (int i = 0; i < size(); i++) {
      if (!in[i]) {
        dropped[m++] = symbols[i];
      }
    }
    int[] keptSymbols = new int[kept.length];
    for (int a = 0; a < kept.length; a++) {
      keptSymbols[a] = symbols[kept[a]];
    }
    return new ConnectedSet(keptSymbols, dropped, components().size());
  }

  /** The counts among the states of {@link #largestConnectedSet()}. */
  public CountMatrix restrictToLargestConnectedSet() {
    return restrict(largestComponent());
  }

  /**
   * The counts among the given rows of this matrix, in the given order.
   *
   * @param states row indices of this matrix (not labels), distinct, in {@code [0, size())}
   */
  public CountMatrix restrict(int[] states) {
    if (states == null || states.length == 0) {
      throw new IllegalArgumentException("states must name at least one state");
    }
    boolean[] seen = new boolean[size()];
    for (int s : states) {
      if (s < 0 || s >= size()) {
        throw new IllegalArgumentException("state " + s + " is not in [0, " + size() + ")");
      }
      if (seen[s]) {
        throw new IllegalArgumentException("state " + s + " is listed twice");
      }
      seen[s] = true;
    }
    double[][] c = new double[states.length][states.length];
    int[] sym = new int[states.length];
    for (int a = 0; a < states.length; a++) {
      sym[a] = symbols[states[a]];
      for (int b = 0; b < states.length; b++) {
        c[a][b] = counts[states[a]][states[b]];
      }
    }
    return new CountMatrix(c, sym, lag, false);
  }

  /** Row indices of the largest strongly connected component, ascending. */
  private int[] largestComponent() {
    int[] best = null;
    double bestCounts = -1;
    for (int[] comp : components()) {
      double inside = 0;
      for (int i : comp) {
        for (int j : comp) {
          inside += counts[i][j];
        }
      }
      boolean better = best == null || comp.length > best.length
          || (comp.length == best.length && inside > bestCounts)
          || (comp.length == best.length && inside == bestCounts && comp[0] < best[0]);
      if (better) {
        best = comp;
        bestCounts = inside;
      }
    }
    return best;
  }

  /** Strongly connected components (Tarjan 1972, iterative), each sorted ascending. */
  private List<int[]> components() {
    int n = size();
    int[][] adj = new int[n][];
    for (int i = 0; i < n; i++) {
      int deg = 0;
      for (int j = 0; j < n; j++) {
        if (counts[i][j] > 0) {
          deg++;
        }
      }
      adj[i] = new int[deg];
      deg = 0;
      for (int j = 0; j < n; j++) {
        if (counts[i][j] > 0) {
          adj[i][deg++] = j;
        }
      }
    }
    int[] index = new int[n];
    Arrays.fill(index, -1);
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int sp = 0;
    int[] callV = new int[n];
    int[] callE = new int[n];
    int counter = 0;
    List<int[]> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      if (index[s] != -1) {
        continue;
      }
      int csp = 0;
      callV[csp] = s;
      callE[csp++] = 0;
      index[s] = low[s] = counter++;
      stack[sp++] = s;
      onStack[s] = true;
      while (csp > 0) {
        int v = callV[csp - 1];
        int e = callE[csp - 1];
        if (e < adj[v].length) {
          callE[csp - 1]++;
          int w = adj[v][e];
          if (index[w] == -1) {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = true;
            callV[csp] = w;
            callE[csp++] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        } else {
          csp--;
          if (csp > 0) {
            int u = callV[csp - 1];
            low[u] = Math.min(low[u], low[v]);
          }
          if (low[v] == index[v]) {
            int top = sp;
            int w;
            do {
              w = stack[--sp];
              onStack[w] = false;
            } while (w != v);
            int[] comp = Arrays.copyOfRange(stack, sp, top);
            Arrays.sort(comp);
            out.add(comp);
          }
        }
      }
    }
    return out;
  }

  private static int[][] nonNull(int[][] dtrajs) {
    if (dtrajs == null || dtrajs.length == 0) {
      throw new IllegalArgumentException("dtrajs must hold at least one trajectory");
    }
    for (int k = 0; k < dtrajs.length; k++) {
      if (dtrajs[k] == null) {
        throw new IllegalArgumentException("dtrajs[" + k + "] is null");
      }
    }
    return dtrajs;
  }

  private static double[][] checked(double[][] counts) {
    if (counts == null || counts.length == 0) {
      throw new IllegalArgumentException("counts must be a non-empty square matrix");
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == null || counts[i].length != counts.length) {
        throw new IllegalArgumentException("counts row " + i + " has " + (counts[i] == null ? 0 : counts[i].length)
            + " entries, expected " + counts.length + " (a square matrix)");
      }
      for (int j = 0; j < counts.length; j++) {
        if (!(counts[i][j] >= 0) || !Double.isFinite(counts[i][j])) {
          throw new IllegalArgumentException("counts[" + i + "][" + j + "] must be finite and >= 0, got "
              + counts[i][j]);
        }
      }
    }
    return counts;
  }

  static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  static double[][] deepCopy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  @Override
  public String toString() {
    return "CountMatrix[states=" + size() + ", lag=" + lag + ", total=" + total() + "]";
  }
}

package org.latentdyn.kinetics;

import java.util.List;

/**
 * Rates between named metastable states in transitions per frame; {@code perFrame[a][b]} is the rate from state
 * {@code a} to state {@code b}, the diagonal is 0. Produced both by {@link CoreTransitions} (counted on a trajectory)
 * and by {@link MarkovStateModel#rates} (from a model), so the two can be compared entry by entry.
 *
 * @param names state names, distinct
 * @param perFrame {@code [names][names]} rates per frame (copied)
 */
public record RateMatrix(List<String> names, double[][] perFrame) {
  public RateMatrix {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("names must hold at least one state");
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("names must be distinct, got " + names);
    }
    if (perFrame.length != names.size()) {
      throw new IllegalArgumentException("perFrame has " + perFrame.length + " rows, expected one per name ("
          + names.size() + ")");
    }
    double[][] copy = new double[perFrame.length][];
    for (int i = 0; i < perFrame.length; i++) {
      if (perFrame[i].length != names.size()) {
        throw new IllegalArgumentException("perFrame row " + i + " has " + perFrame[i].length
            + " entries, expected " + names.size());
      }
      copy[i] = perFrame[i].clone();
    }
    perFrame = copy;
  }

  @Override
  public double[][] perFrame() {
    return CountMatrix.deepCopy(perFrame);
  }

  /** Rate from {@code from} to {@code to} per frame. */
  public double get(String from, String to) {
    return perFrame[index(from)][index(to)];
  }

  /**
   * The same rates per unit of time, for frames {@code frameTime} apart (e.g. picoseconds per frame gives rates
   * per picosecond).
   */
  public RateMatrix perTime(double frameTime) {
    if (!(frameTime > 0) || !Double.isFinite(frameTime)) {
      throw new IllegalArgumentException("frameTime must be a finite number > 0, got " + frameTime);
    }
    double[][] out = new double[perFrame.length][perFrame.length];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < out.length; j++) {
        out[i][j] = perFrame[i][j] / frameTime;
      }
    }
    return new RateMatrix(names, out);
  }

  /** Position of a state name. */
  public int index(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no state named \"" + name + "\"; states are " + names);
    }
    return i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateMatrix r && names.equals(r.names) && java.util.Arrays.deepEquals(perFrame, r.perFrame);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + java.util.Arrays.deepHashCode(perFrame);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RateMatrix[");
    String sep = "";
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j < names.size(); j++) {
        if (i != j) {
          sb.append(sep).append(names.get(i)).append("->").append(names.get(j)).append('=').append(perFrame[i][j]);
          sep = ", ";
        }
      }
    }
    return sb.append(" per frame]").toString();
  }
}

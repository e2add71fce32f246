package org.latentdyn.kinetics;

import java.util.Arrays;

/**
 * Which states a restriction to the largest strongly connected set kept and which it dropped, by original state
 * label.
 *
 * @param kept labels of the kept states, in the order of the restricted matrix
 * @param dropped labels of the dropped states, ascending
 * @param components number of strongly connected components found (each dropped state lies in one of them)
 */
public record ConnectedSet(int[] kept, int[] dropped, int components) {
  public ConnectedSet {
    kept = kept.clone();
    dropped = dropped.clone();
  }

  @Override
  public int[] kept() {
    return kept.clone();
  }

  @Override
  public int[] dropped() {
    return dropped.clone();
  }

  /** Whether the state with this label was kept. */
  public boolean contains(int label) {
    for (int k : kept) {
      if (k == label) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectedSet c && Arrays.equals(kept, c.kept) && Arrays.equals(dropped, c.dropped)
        && components == c.components;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(kept) + Arrays.hashCode(dropped)) + components;
  }

  @Override
  public String toString() {
    return "ConnectedSet[kept=" + Arrays.toString(kept) + ", dropped=" + Arrays.toString(dropped) + ", components="
        + components + "]";
  }
}

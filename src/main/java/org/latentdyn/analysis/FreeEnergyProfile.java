package org.latentdyn.analysis;

import java.util.Arrays;

/**
 * A 1-D free-energy profile {@code F(x) = -kT log p(x)} from a histogram, built by {@link FreeEnergy#profile};
 * shifted so that the lowest bin is 0, {@code +Infinity} in empty bins.
 *
 * @param kT thermal energy, the unit of {@code values}
 * @param edges bin edges, length {@code bins + 1}
 * @param centers bin centres, length {@code bins}
 * @param values {@code F} per bin
 * @param counts samples per bin
 * @param samples samples inside the range
 * @param outside samples ignored for lying outside the range
 */
public record FreeEnergyProfile(double kT, double[] edges, double[] centers, double[] values, int[] counts,
    int samples, int outside) {

  public FreeEnergyProfile {
    edges = edges.clone();
    centers = centers.clone();
    values = values.clone();
    counts = counts.clone();
  }

  @Override
  public double[] edges() {
    return edges.clone();
  }

  @Override
  public double[] centers() {
    return centers.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public int[] counts() {
    return counts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FreeEnergyProfile p && Double.compare(kT, p.kT) == 0 && Arrays.equals(edges, p.edges)
        && Arrays.equals(values, p.values) && Arrays.equals(counts, p.counts) && samples == p.samples
        && outside == p.outside;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts) * 31 + Arrays.hashCode(edges);
  }

  @Override
  public String toString() {
    return "FreeEnergyProfile[kT=" + kT + ", bins=" + centers.length + ", range=[" + edges[0] + ", "
        + edges[edges.length - 1] + "], samples=" + samples + ", outside=" + outside + "]";
  }
}

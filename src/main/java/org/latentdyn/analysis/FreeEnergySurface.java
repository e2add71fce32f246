package org.latentdyn.analysis;

import java.util.Arrays;

/**
 * A free-energy surface {@code F(x, y) = -kT log p(x, y)} on a regular grid, from a 2-D histogram (paper
 * Fig. 2 and 4), built by {@link FreeEnergy#surface}. Values are shifted so that the lowest bin is 0.
 * Empty bins have {@code F = +Infinity} (no samples: infinitely high free energy).
 *
 * @param kT thermal energy, the unit of {@code values}
 * @param xEdges bin edges along x, length {@code nx + 1}
 * @param xCenters bin centres along x, length {@code nx}
 * @param yEdges bin edges along y, length {@code ny + 1}
 * @param yCenters bin centres along y, length {@code ny}
 * @param values {@code F} per bin, {@code [nx][ny]}, min 0, {@code +Infinity} where empty
 * @param counts samples per bin, {@code [nx][ny]}
 * @param samples samples inside the grid
 * @param outside samples ignored for lying outside the grid
 */
public record FreeEnergySurface(double kT, double[] xEdges, double[] xCenters, double[] yEdges,
    double[] yCenters, double[][] values, int[][] counts, int samples, int outside) {

  public FreeEnergySurface {
    xEdges = xEdges.clone();
    xCenters = xCenters.clone();
    yEdges = yEdges.clone();
    yCenters = yCenters.clone();
    values = FreeEnergy.copy(values);
    counts = FreeEnergy.copy(counts);
  }

  @Override
  public double[] xEdges() {
    return xEdges.clone();
  }

  @Override
  public double[] xCenters() {
    return xCenters.clone();
  }

  @Override
  public double[] yEdges() {
    return yEdges.clone();
  }

  @Override
  public double[] yCenters() {
    return yCenters.clone();
  }

  @Override
  public double[][] values() {
    return FreeEnergy.copy(values);
  }

  @Override
  public int[][] counts() {
    return FreeEnergy.copy(counts);
  }

  /** {@code F} of the bin holding {@code (x, y)}; {@code NaN} outside the grid. */
  public double at(double x, double y) {
    int nx = xCenters.length;
    int ny = yCenters.length;
    int i = new Range(xEdges[0], xEdges[nx]).bin(x, nx);
    int j = new Range(yEdges[0], yEdges[ny]).bin(y, ny);
    return i < 0 || j < 0 ? Double.NaN : values[i][j];
  }

  @Override
  public String toString() {
    return "FreeEnergySurface[kT=" + kT + ", nx=" + xCenters.length + ", ny=" + yCenters.length + ", x=["
        + xEdges[0] + ", " + xEdges[xEdges.length - 1] + "], y=[" + yEdges[0] + ", " + yEdges[yEdges.length - 1]
        + "], samples=" + samples + ", outside=" + outside + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FreeEnergySurface s && Double.compare(kT, s.kT) == 0 && Arrays.equals(xEdges, s.xEdges)
        && Arrays.equals(yEdges, s.yEdges) && Arrays.deepEquals(values, s.values)
        && Arrays.deepEquals(counts, s.counts) && samples == s.samples && outside == s.outside;
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(counts) * 31 + Arrays.hashCode(xEdges) + 17 * Arrays.hashCode(yEdges);
  }
}

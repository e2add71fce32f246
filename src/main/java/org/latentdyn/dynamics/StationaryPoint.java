package org.latentdyn.dynamics;

import java.util.Arrays;

/**
 * A stationary point of a {@link Potential}: position, energy, Morse index (number of negative Hessian
 * eigenvalues: 0 = minimum, 1 = first-order saddle / transition state) and the gradient norm reached.
 *
 * @param position coordinates (defensively copied in and out)
 * @param energy {@code U(position)}
 * @param index number of negative eigenvalues of the Hessian
 * @param gradientNorm Euclidean norm of the gradient at {@code position}
 */
public record StationaryPoint(double[] position, double energy, int index, double gradientNorm) {
  public StationaryPoint {
    position = position.clone();
  }

  @Override
  public double[] position() {
    return position.clone();
  }

  /** Coordinate {@code i} of the position. */
  public double coordinate(int i) {
    return position[i];
  }

  public boolean isMinimum() {
    return index == 0;
  }

  @Override
  public String toString() {
    return "StationaryPoint[position=" + Arrays.toString(position) + ", energy=" + energy + ", index=" + index
        + ", gradientNorm=" + gradientNorm + "]";
  }
}

package org.latentdyn.analysis;

/**
 * Thrown when regular-space clustering would need more than {@code maxCenters} centres. Callers that can
 * adapt (a training loop) may catch it and retry with a larger {@code dMin}.
 */
public final class TooManyCentersException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final int maxCenters;
  private final double dMin;
  private final int pointIndex;

  TooManyCentersException(int maxCenters, double dMin, int pointIndex, int points) {
    super("regular-space clustering reached maxCenters = " + maxCenters + " with dMin = " + dMin
        + " at point " + pointIndex + " of " + points + "; increase dMin or maxCenters");
    this.maxCenters = maxCenters;
    this.dMin = dMin;
    this.pointIndex = pointIndex;
  }

  public int maxCenters() {
    return maxCenters;
  }

  public double dMin() {
    return dMin;
  }

  /** Index of the point that would have become centre number {@code maxCenters + 1}. */
  public int pointIndex() {
    return pointIndex;
  }
}

package org.latentdyn.wells;

import java.util.SplittableRandom;

/** Exact draws from the §13.5 mixture, standing in for posterior codes (which are distributed as exp(-beta E)). */
final class WellsTestData {
  private WellsTestData() {}

  /** {@code n} points {@code [n, dim]} drawn from the mixture law {@code exp(-beta E)} of {@code e}. */
  static double[] mixtureSamples(MixtureEnergy e, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int dim = e.dim();
    double[] out = new double[n * dim];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      int c = 0;
      double cum = e.weight(0);
      while (u >= cum && c < e.components() - 1) {
        c++;
        cum += e.weight(c);
      }
      double[] mu = e.mean(c);
      for (int j = 0; j < dim; j++) {
        out[i * dim + j] = mu[j] + e.sigma(c) * r.nextGaussian();
      }
    }
    return out;
  }
}

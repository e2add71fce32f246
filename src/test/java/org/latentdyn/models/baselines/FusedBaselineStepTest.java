package org.latentdyn.models.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentdyn.data.Dataset;
import org.latentdyn.dynamics.ThreeWellDataset;
import org.latentdyn.nn.SlicedWasserstein;
import org.latentdyn.train.Engine;
import org.latentdyn.train.TrainingListener;

/**
 * The fused plain-Java baseline step, for each baseline: its gradient against central finite differences of its
 * own loss (every weight, on seeded non-zero initial weights, so the encoder's mean, log-variance and the force
 * net all carry gradient), against the DJL autograd step over 20 Adam steps, bit-reproducibility, and whole
 * training on both engines.
 */
class FusedBaselineStepTest {
  static final int F = 3;

  /** A tiny configuration of the named baseline: d 2, widths 6, batch 8, L = 4 directions. */
  static BaselineConfig tiny(String model, Engine engine) {
    return switch (model) {
      case "betavae" -> new BetaVaeConfig(2, 6, 2, 2.0, 1e-3, 8, 1, 0.2, 7, engine, null, null);
      case "swae" -> new SwaeConfig(2, 6, 2, 3.0, 4, 1e-3, 8, 1, 0.2, 7, engine, null, null);
      default -> new SdeVaeConfig(2, 6, 2, 5, 1.5, 0.3, 1e-3, 8, 1, 1, 0.2, 7, engine, null, null);
    };
  }

  record Inputs(float[] x, float[] eps, float[] dirs) {
    static Inputs draw(BaselineConfig c, int features, int b, SplittableRandom r) {
      Objective o = Objective.of(c);
      int rows = (o.pairs() ? 2 : 1) * b;
      float[] x = new float[rows * features];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (2 * r.nextGaussian());
      }
      float[] eps = new float[rows * c.latentDim()];
      o.drawNoise(eps, r);
      float[] dirs = o.projections() > 0 ? SlicedWasserstein.directions(c.latentDim(), o.projections(), r) : null;
      return new Inputs(x, eps, dirs);
    }
  }

  static float[] initialWeights(BaselineConfig c) {
    try (BaselineNetworks net = new BaselineNetworks(F, c, null)) {
      return net.params.toArray();
    }
  }

  static double objective(BaselineConfig c, float[] w, Inputs in, int b) {
    double[] l = new FusedBaselineStep(F, c, w, 1e-3).compute(in.x, b, in.eps, in.dirs, false);
    return l[0] + c.beta() * (l[1] + l[2]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"betavae", "swae", "sdevae"})
  void gradientMatchesCentralFiniteDifferences(String model) {
    BaselineConfig c = tiny(model, Engine.JAVA);
    float[] w = initialWeights(c);
    Inputs in = Inputs.draw(c, F, 8, new SplittableRandom(21));
    FusedBaselineStep s = new FusedBaselineStep(F, c, w, 1e-3);
    s.compute(in.x, 8, in.eps, in.dirs, true);
    float[] g = s.grad.clone();
    double h = 1e-3;
    double worst = 0;
    int nonZero = 0;
    for (int k = 0; k < w.length; k++) {
      float[] up = w.clone();
      float[] down = w.clone();
      up[k] += (float) h;
      down[k] -= (float) h;
      double fd = (objective(c, up, in, 8) - objective(c, down, in, 8)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - g[k]) / (1e-2 + Math.abs(fd)));
      if (Math.abs(g[k]) > 1e-4) {
        nonZero++;
      }
    }
    System.out.printf("%s: %d weights, %d with gradient, worst relative error vs finite differences %.2e%n", model,
        w.length, nonZero, worst);
    assertTrue(worst < 2e-2, model + " gradient vs finite differences, worst relative error " + worst);
    assertTrue(nonZero > w.length / 2, "most weights carry gradient: " + nonZero + " of " + w.length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"betavae", "swae", "sdevae"})
  void fusedStepMatchesTheDjlStep(String model) {
    BaselineConfig c = tiny(model, Engine.DJL);
    SplittableRandom r = new SplittableRandom(5);
    Baselines.Samples none = new Baselines.Samples(new int[0], null);
    try (Baselines.Trainer t = new Baselines.Trainer(F, c, Objective.of(c), null, none, none,
        TrainingListener.NONE)) {
      FusedBaselineStep f = new FusedBaselineStep(F, c, t.params(), c.learningRate());
      double worstLoss = 0;
      for (int step = 1; step <= 20; step++) {
        Inputs in = Inputs.draw(c, F, 8, r);
        double[] a = t.djlStep(in.x, 8, in.eps, in.dirs);
        double[] e = f.step(in.x, 8, in.eps, in.dirs);
        for (int j = 0; j < 3; j++) {
          worstLoss = Math.max(worstLoss, Math.abs(a[j] - e[j]) / Math.max(1e-3, Math.abs(a[j])));
        }
      }
      float[] pa = t.params();
      float[] pe = f.params();
      double diff = 0;
      for (int i = 0; i < pa.length; i++) {
        diff = Math.max(diff, Math.abs(pa[i] - pe[i]));
      }
      System.out.printf("%s: after 20 steps max |w_djl - w_java| %.2e, worst relative loss diff %.2e%n", model, diff,
          worstLoss);
      assertTrue(diff < 1e-4, "weights after 20 steps differ by " + diff);
      assertTrue(worstLoss < 1e-4, "losses differ by " + worstLoss);
      assertEquals(t.adam.steps(), f.adamState().steps());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"betavae", "swae", "sdevae"})
  void stepIsBitReproducibleAndTakesSmallerBatches(String model) {
    BaselineConfig c = tiny(model, Engine.JAVA);
    float[] w = initialWeights(c);
    FusedBaselineStep a = new FusedBaselineStep(F, c, w, 1e-3);
    FusedBaselineStep b = new FusedBaselineStep(F, c, w, 1e-3);
    SplittableRandom r = new SplittableRandom(8);
    for (int step = 0; step < 10; step++) {
      int batch = step == 4 ? 5 : 8;
      Inputs in = Inputs.draw(c, F, batch, r);
      assertArrayEquals(a.step(in.x, batch, in.eps, in.dirs), b.step(in.x, batch, in.eps, in.dirs));
    }
    assertArrayEquals(a.params(), b.params());
    assertArrayEquals(a.adamState().v(), b.adamState().v());
  }

  @ParameterizedTest
  @ValueSource(strings = {"betavae", "swae", "sdevae"})
  void oneEpochTrainsTheSameModelOnBothEngines(String model) {
    ThreeWellDataset data = ThreeWellDataset.generate(2000, 11);
    Dataset d = Dataset.of(data.observations());
    BaselineConfig j = switch (model) {
      case "betavae" -> BetaVaeConfig.defaults(5).withEpochs(1).withBatchSize(64);
      case "swae" -> SwaeConfig.defaults(5).withEpochs(1).withBatchSize(64);
      default -> SdeVaeConfig.defaults(5).withEpochs(1).withBatchSize(64);
    };
    BaselineConfig k = j.withEngine(Engine.DJL);
    try (BaselineModel java = Baselines.fit(d, j, TrainingListener.NONE);
        BaselineModel djl = Baselines.fit(d, k, TrainingListener.NONE)) {
      float[] a = java.encode(data.observations()).toArray();
      float[] b = djl.encode(data.observations()).toArray();
      double diff = 0;
      for (int i = 0; i < a.length; i++) {
        diff = Math.max(diff, Math.abs(a[i] - b[i]));
      }
      System.out.printf("%s, one epoch (%d steps): max |z_java - z_djl| %.2e%n", model, java.history().get(0).steps(),
          diff);
      assertTrue(diff < 1e-3, "latents after one epoch differ by " + diff);
      List<Double> va = List.of(java.history().get(0).validationReconstruction(),
          java.history().get(0).validationPrior());
      List<Double> vb = List.of(djl.history().get(0).validationReconstruction(),
          djl.history().get(0).validationPrior());
      for (int i = 0; i < 2; i++) {
        assertEquals(vb.get(i), va.get(i), 1e-4 * Math.max(1, Math.abs(vb.get(i))), "validation term " + i);
      }
    }
  }
}

package org.latentdyn.models.dynae;

import org.latentdyn.train.Engine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentdyn.nn.SlicedWasserstein;
import org.latentdyn.train.TrainingListener;

/**
 * The fused plain-Java step against finite differences of its own losses, against the DJL autograd step on the
 * same weights and inputs, and for bit-identical reproducibility.
 */
class FusedDynaeStepTest {
  /** features 3, d 2, widths 6 and 5, B = 8, L = 4. */
  static DynaeConfig tiny(boolean referenceJacobian) {
    return new DynaeConfig(2, 6, 3, 5, 2.0, 5, 200, 2.0, 8, 4, 1e-3, 1e-3, 1e-3, 3, 1, 0.2, referenceJacobian, 7,
        Engine.JAVA, false, null, null);
  }

  record Inputs(float[] x, float[] dirs, float[] eps) {
    static Inputs draw(int features, int b, int d, int projections, SplittableRandom r) {
      float[] x = new float[2 * b * features];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      float[] eps = new float[b * d];
      for (int i = 0; i < eps.length; i++) {
        eps[i] = (float) r.nextGaussian();
      }
      return new Inputs(x, SlicedWasserstein.directions(d, projections, r), eps);
    }
  }

  static float[][] initialWeights(int features, DynaeConfig c) {
    try (DynaeNetworks net = new DynaeNetworks(features, c, null, null)) {
      return new float[][] {net.rep.toArray(), net.prior.toArray()};
    }
  }

  @Test
  void gradientsMatchCentralFiniteDifferencesOfTheLosses() {
    int features = 3;
    DynaeConfig c = tiny(false);
    double beta = c.beta();
    float[][] w = initialWeights(features, c);
    Inputs in = Inputs.draw(features, 8, 2, 4, new SplittableRandom(21));
    FusedDynaeStep s = new FusedDynaeStep(features, c, w[0], w[1], 1e-3);
    s.gradients(in.x, 8, beta, in.dirs, in.eps);
    float[] gPrior = s.priorGrad.clone();
    // the prior samples f(z0) + sqrt(2) eps are constants of the representation loss: with a zero force net
    // they are, and finite differences of rec + beta SW then see exactly the loss the gradient is of
    float[] zeroForce = w[1].clone();
    java.util.Arrays.fill(zeroForce, 0, 2 * 5 + 5 + 5 * 5 + 5 + 5 * 2 + 2, 0f);
    s = new FusedDynaeStep(features, c, w[0], zeroForce, 1e-3);
    s.gradients(in.x, 8, beta, in.dirs, in.eps);
    float[] gRep = s.repGrad.clone();
    double h = 1e-3;
    // the representation loss rec + beta SW reaches only rep; the prior loss only prior
    int checked = 0;
    double worst = 0;
    for (int k = 0; k < w[0].length; k++) {
      double fd = (repLoss(features, c, bump(w[0], k, h), zeroForce, in, beta)
          - repLoss(features, c, bump(w[0], k, -h), zeroForce, in, beta)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - gRep[k]) / (1e-2 + Math.abs(fd)));
      checked++;
    }
    assertTrue(worst < 2e-2, "rep gradient vs finite differences, worst relative error " + worst);
    worst = 0;
    int jacobianSensitive = 0;
    FusedDynaeStep ref = new FusedDynaeStep(features, tiny(true), w[0], w[1], 1e-3);
    ref.gradients(in.x, 8, beta, in.dirs, in.eps);
    for (int k = 0; k < w[1].length; k++) {
      double fd = (priorLoss(features, c, w[0], bump(w[1], k, h), in, beta)
          - priorLoss(features, c, w[0], bump(w[1], k, -h), in, beta)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - gPrior[k]) / (1e-2 + Math.abs(fd)));
      if (Math.abs(ref.priorGrad[k] - gPrior[k]) > 1e-3 * (1 + Math.abs(gPrior[k]))) {
        jacobianSensitive++;
      }
      checked++;
    }
    assertTrue(worst < 2e-2, "prior gradient (with the Jacobian term) vs finite differences, worst " + worst);
    assertTrue(jacobianSensitive > 20, "the dM/dz term must reach many diffusion weights: " + jacobianSensitive);
    assertEquals(w[0].length + w[1].length, checked);
  }

  @Test
  void aSeparateReconstructionBatchSplitsTheLossAndItsGradient() {
    int features = 3;
    DynaeConfig c = tiny(false).withUniformReconstruction(true);
    double beta = c.beta();
    float[][] w = initialWeights(features, c);
    SplittableRandom r = new SplittableRandom(22);
    Inputs in = Inputs.draw(features, 8, 2, 4, r);
    float[] xRec = Inputs.draw(features, 8, 2, 4, r).x;
    // known parts: the reconstruction error of the xRec frames alone, the SW and prior losses of the pairs alone
    FusedDynaeStep s = new FusedDynaeStep(features, c, w[0], w[1], 1e-3);
    double[] split = s.gradients(in.x, 8, beta, in.dirs, in.eps, 1, xRec);
    double[] plain = new FusedDynaeStep(features, c, w[0], w[1], 1e-3).gradients(in.x, 8, beta, in.dirs, in.eps);
    double recOfXRec = new FusedDynaeStep(features, c, w[0], w[1], 1e-3).lossSums(xRec, 8)[0] / 8;
    assertEquals(recOfXRec, split[0], 1e-6 * recOfXRec);
    assertTrue(Math.abs(plain[0] - split[0]) > 1e-3 * plain[0], "the reconstruction must change with the frames");
    assertEquals(plain[1], split[1], 1e-9);
    assertEquals(plain[2], split[2], 1e-9);
    // the rep gradient of rec(xRec) alone (beta 0) against central differences of the reconstruction loss
    s = new FusedDynaeStep(features, c, w[0], w[1], 1e-3);
    s.gradients(in.x, 8, 0, in.dirs, in.eps, 1, xRec);
    float[] gRec = s.repGrad.clone();
    double h = 1e-3;
    double worst = 0;
    for (int k = 0; k < w[0].length; k++) {
      double up = new FusedDynaeStep(features, c, bump(w[0], k, h), w[1], 1e-3).lossSums(xRec, 8)[0] / 8;
      double down = new FusedDynaeStep(features, c, bump(w[0], k, -h), w[1], 1e-3).lossSums(xRec, 8)[0] / 8;
      double fd = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - gRec[k]) / (1e-2 + Math.abs(fd)));
    }
    assertTrue(worst < 2e-2, "gradient of the separate reconstruction term vs finite differences, worst " + worst);
    // the SW part of the gradient is the one of the pairs without a separate batch (gradients are additive)
    s.gradients(in.x, 8, beta, in.dirs, in.eps, 1, xRec);
    float[] gSplit = s.repGrad.clone();
    s.gradients(in.x, 8, beta, in.dirs, in.eps, 1, null);
    float[] gPlain = s.repGrad.clone();
    s.gradients(in.x, 8, 0, in.dirs, in.eps, 1, null);
    float[] gPlainRec = s.repGrad.clone();
    double scale = 0;
    double diff = 0;
    for (int k = 0; k < gSplit.length; k++) {
      scale = Math.max(scale, Math.abs(gPlain[k] - gPlainRec[k]));
      diff = Math.max(diff, Math.abs((gSplit[k] - gRec[k]) - (gPlain[k] - gPlainRec[k])));
    }
    assertTrue(scale > 1e-3, "the SW term must reach the encoder: " + scale);
    assertTrue(diff < 1e-5 * scale, "SW part of the gradient differs by " + diff + " (scale " + scale + ")");
  }

  private static float[] bump(float[] w, int k, double h) {
    float[] c = w.clone();
    c[k] += (float) h;
    return c;
  }

  private static double repLoss(int features, DynaeConfig c, float[] rep, float[] prior, Inputs in, double beta) {
    double[] l = new FusedDynaeStep(features, c, rep, prior, 1e-3).gradients(in.x, 8, beta, in.dirs, in.eps);
    return l[0] + beta * l[1];
  }

  private static double priorLoss(int features, DynaeConfig c, float[] rep, float[] prior, Inputs in, double beta) {
    return new FusedDynaeStep(features, c, rep, prior, 1e-3).gradients(in.x, 8, beta, in.dirs, in.eps)[2];
  }

  @Test
  void fusedStepMatchesTheDjlStep() {
    // (reference Jacobian, bins per batch): the grouped SW of binsPerBatch > 1 through both engines too
    // (..., separate uniform reconstruction batch): its frames through both engines too
    for (int[] caseOf : new int[][] {{0, 1, 0}, {1, 1, 0}, {0, 4, 0}, {0, 1, 1}}) {
      boolean referenceJacobian = caseOf[0] == 1;
      int groups = caseOf[1];
      boolean separate = caseOf[2] == 1;
      int features = 2;
      DynaeConfig c = DynaeConfig.defaults(3).withEngine(Engine.DJL)
          .withReferenceJacobian(referenceJacobian).withBinsPerBatch(groups).withUniformReconstruction(separate);
      int b = c.batchSize();
      int d = c.latentDim();
      SplittableRandom r = new SplittableRandom(5);
      try (Dynae.Trainer t = new Dynae.Trainer(features, c, null, null, null, TrainingListener.NONE)) {
        FusedDynaeStep f = new FusedDynaeStep(features, c, t.net.rep.toArray(), t.net.prior.toArray(),
            c.warmupLearningRate());
        double worstLoss = 0;
        for (int step = 1; step <= 20; step++) {
          Inputs in = Inputs.draw(features, b, d, c.projections(), r);
          float[] xRec = separate ? Inputs.draw(features, b, d, c.projections(), r).x : null;
          double[] a = t.djlStep(in.x, b, c.beta(), in.dirs, in.eps, groups, xRec);
          double[] e = f.step(in.x, b, c.beta(), in.dirs, in.eps, groups, xRec);
          for (int j = 0; j < 3; j++) {
            double rel = Math.abs(a[j] - e[j]) / Math.max(1e-3, Math.abs(a[j]));
            worstLoss = Math.max(worstLoss, rel);
            if (step == 1) {
              assertEquals(a[j], e[j], 1e-5 * Math.abs(a[j]), "loss " + j + " of the first step");
            }
          }
          if (step == 1 || step == 20) {
            double dRep = maxAbsDiff(t.net.rep.toArray(), f.rep());
            double dPrior = maxAbsDiff(t.net.prior.toArray(), f.prior());
            System.out.printf("referenceJacobian %s groups %d separate %s step %d: max |rep diff| %.2e,"
                + " max |prior diff| %.2e, worst relative loss diff %.2e%n", referenceJacobian, groups, separate,
                step, dRep, dPrior, worstLoss);
            assertTrue(dRep < 1e-4, "rep weights after " + step + " steps differ by " + dRep);
            assertTrue(dPrior < 1e-4, "prior weights after " + step + " steps differ by " + dPrior);
          }
        }
        assertTrue(worstLoss < 1e-4, "losses over 20 steps, worst relative difference " + worstLoss);
        assertEquals(t.repAdam.steps(), f.repAdamState().steps());
      }
    }
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void fusedStepIsBitReproducibleSerialOrParallel() {
    int features = 2;
    DynaeConfig c = DynaeConfig.defaults(4);
    float[][] w = initialWeights(features, c);
    try (FusedDynaeStep a = new FusedDynaeStep(features, c, w[0], w[1], 1e-3, false);
        FusedDynaeStep b = new FusedDynaeStep(features, c, w[0], w[1], 1e-3, true);
        FusedDynaeStep e = new FusedDynaeStep(features, c, w[0], w[1], 1e-3, true)) {
      SplittableRandom r = new SplittableRandom(8);
      for (int step = 0; step < 30; step++) {
        Inputs in = Inputs.draw(features, c.batchSize(), c.latentDim(), c.projections(), r);
        int batch = step == 7 ? 100 : c.batchSize(); // a smaller batch in between
        double[] la = a.step(in.x, batch, c.beta(), in.dirs, in.eps);
        assertArrayEquals(la, b.step(in.x, batch, c.beta(), in.dirs, in.eps));
        assertArrayEquals(la, e.step(in.x, batch, c.beta(), in.dirs, in.eps));
      }
      assertArrayEquals(a.rep(), b.rep());
      assertArrayEquals(a.prior(), b.prior());
      assertArrayEquals(a.repAdamState().v(), b.repAdamState().v());
      assertArrayEquals(a.priorAdamState().m(), e.priorAdamState().m());
      assertArrayEquals(a.rep(), e.rep());
    }
  }

  @Test
  void encodeAndValidationSumsAgreeWithDjlAndTheStep() {
    int features = 2;
    DynaeConfig c = DynaeConfig.defaults(6);
    int b = c.batchSize();
    SplittableRandom r = new SplittableRandom(12);
    Inputs in = Inputs.draw(features, b, c.latentDim(), c.projections(), r);
    try (DynaeNetworks net = new DynaeNetworks(features, c, null, null);
        FusedDynaeStep f = new FusedDynaeStep(features, c, net.rep.toArray(), net.prior.toArray(), 1e-3)) {
      int rows = 1500; // several chunks and a partial one
      float[] x = new float[rows * features];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (3 * r.nextGaussian());
      }
      float[] expected = net.apply(net.encoder, x, rows);
      assertTrue(maxAbsDiff(expected, f.encode(x, rows)) < 1e-5, "fused encoding equals DJL's");
      double[] sums = f.lossSums(in.x, b);
      double[] losses = f.gradients(in.x, b, c.beta(), in.dirs, in.eps);
      assertEquals(losses[0], sums[0] / b, 1e-12 * sums[0]);
      assertEquals(losses[2], sums[1] / b, 1e-9 * Math.abs(sums[1]));
    }
  }

  @Test
  void warmUpEpochTrainsTheSameModelOnBothEngines() {
    org.latentdyn.dynamics.ThreeWellDataset data = org.latentdyn.dynamics.ThreeWellDataset.generate(3000, 11);
    org.latentdyn.data.Dataset d = org.latentdyn.data.Dataset.of(data.observations());
    DynaeConfig c = DynaeConfig.defaults(5).withEpochs(1).withBatchSize(64);
    try (DynaeModel java = Dynae.fit(d, c, TrainingListener.NONE);
        DynaeModel djl = Dynae.fit(d, c.withEngine(Engine.DJL), TrainingListener.NONE)) {
      float[] a = java.encode(data.observations()).toArray();
      float[] b = djl.encode(data.observations()).toArray();
      double diff = maxAbsDiff(a, b);
      System.out.printf("warm-up epoch (%d steps): max |z_java - z_djl| %.2e%n", java.history().get(0).steps(), diff);
      assertTrue(diff < 1e-4, "latents after the warm-up epoch differ by " + diff);
      assertEquals(djl.history().get(0).validationReconstruction(), java.history().get(0).validationReconstruction(),
          1e-5 * djl.history().get(0).validationReconstruction());
      assertEquals(djl.history().get(0).validationPrior(), java.history().get(0).validationPrior(),
          1e-5 * Math.abs(djl.history().get(0).validationPrior()));
    }
  }
}

package org.latentdyn.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvOptions;

/** The movie budgets: names, the paper's protocol, overrides, validation, and the networks they give a comparison. */
class MovieBudgetTest {
  @Test
  void namesParseCaseInsensitivelyAndThePaperBudgetIsThePapers() {
    assertSame(MovieBudget.PAPER, MovieBudget.named("paper"));
    assertSame(MovieBudget.CPU, MovieBudget.named(" CPU "));
    assertEquals(new MovieBudget("paper", 100_000, 50, 256, ConvOptions.defaults(),
        new MovieBudget.DynaeSettings(5, 10, 1e-3, 1e-4, false)), MovieBudget.PAPER);
    assertEquals("cpu", MovieBudget.CPU.name());
    assertTrue(MovieBudget.CPU.frames() < MovieBudget.PAPER.frames());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MovieBudget.named("gpu"));
    assertEquals("unknown --budget 'gpu'; expected one of [paper, cpu]", e.getMessage());
  }

  @Test
  void explicitValuesOverrideTheBudgetsAndNullsKeepThem() {
    MovieBudget b = MovieBudget.CPU.override(64, null, 16);
    assertEquals(64, b.frames());
    assertEquals(MovieBudget.CPU.epochs(), b.epochs());
    assertEquals(16, b.batchSize());
    assertEquals(MovieBudget.CPU.conv(), b.conv());
    assertEquals("cpu", b.name());
    assertEquals(MovieBudget.PAPER, MovieBudget.PAPER.override(null, null, null));
    assertEquals(3, MovieBudget.PAPER.override(null, 3, null).epochs());
  }

  @Test
  void badValuesNameTheFieldAndTheValue() {
    assertEquals("epochs must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> MovieBudget.CPU.override(null, 0, null)).getMessage());
    assertEquals("batchSize must be >= 2, got 1", assertThrows(IllegalArgumentException.class,
        () -> MovieBudget.CPU.override(null, null, 1)).getMessage());
    assertEquals("frames must be >= 2, got 1", assertThrows(IllegalArgumentException.class,
        () -> MovieBudget.CPU.override(1, null, null)).getMessage());
  }

  @Test
  void aComparisonOnABudgetGetsItsConvNetworksAndBatchOnOneThread() {
    Comparison.Networks n = Comparison.Networks.of(MovieBudget.CPU);
    Comparison.Options o = new Comparison.Options(List.of("dynae", "sdevae"), java.util.Map.of(), 1, 2, 3, 1, n);
    DynaeConfig c = n.apply(DynaeConfig.defaults(1));
    assertEquals(Architecture.CONV, c.architecture());
    assertEquals(MovieBudget.CPU.conv(), c.conv());
    assertEquals(MovieBudget.CPU.batchSize(), c.batchSize());
    assertEquals(5, c.dMin(), "local bins under the CPU budget");
    assertTrue(c.uniformReconstruction(), "the CPU budget reconstructs a uniform minibatch");
    assertEquals(1e-3, c.warmupLearningRate());
    assertEquals(1e-3, c.learningRate());
    assertEquals(10, c.beta(), "beta is the caller's (the budget's is the default of --beta)");
    DynaeConfig paper = Comparison.Networks.of(MovieBudget.PAPER).apply(DynaeConfig.defaults(1));
    assertEquals(DynaeConfig.defaults(1).withEngine(org.latentdyn.train.Engine.DJL),
        paper.withArchitecture(Architecture.MLP).withConv(null),
        "the paper budget keeps DynAE's own settings");
    var s = Comparison.baselineConfig("sdevae", 1, 1, o);
    assertEquals(Architecture.CONV, s.architecture());
    assertEquals(MovieBudget.CPU.batchSize(), s.batchSize());
    assertEquals(3, s.latentDim());
    assertEquals(256, Comparison.baselineConfig("swae", 10, 1, new Comparison.Options(List.of("swae"),
        java.util.Map.of(), 1, 2, 2, 4)).batchSize(), "vector data keeps the model's defaults");
    assertEquals("threads must be 1 for convolutional networks (DJL records gradients process-wide), got 2",
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Options(List.of("dynae"),
            java.util.Map.of(), 1, 2, 2, 2, n)).getMessage());
  }
}

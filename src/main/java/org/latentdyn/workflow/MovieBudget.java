package org.latentdyn.workflow;

import java.util.List;
import java.util.Locale;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.nn.ConvOptions;

/**
 * The training protocol of the convolutional models on image movies (issue 10 part 5; spec dynae.md §2 and §7):
 * how many frames, epochs, the minibatch size and the sizes of the convolutional encoder/decoder. Two are named:
 * <ul>
 *   <li>{@link #PAPER}: 100000 frames, 50 epochs, batch 256, the paper's filters 32, 32, 64, 64 and width 256;
 *   <li>{@link #CPU}: 4000 frames, 10 epochs, batch 64, filters 16, 16, 32, 32 and width 256 (about 600 steps
 *       per run at a quarter of the paper's convolution work per frame), sized so that a four-model, three-seed
 *       comparison runs in under 45 minutes on a 2-core CPU. DynAE trains under it with a single latent bin
 *       ({@code d_min} = {@value #ONE_BIN}) and a warm-up learning rate of 1e-3: in about 600 steps, minibatches drawn
 *       from local bins ({@code d_min} 5) shrink the latent below unit diffusion as the reconstruction improves
 *       (dsprites2, seeds 1-3: relative L_z 0.33-0.63, residual displacement variance 0.3-1.2 against the prior's 2,
 *       falling with more epochs), while one bin keeps the diffusive scale (0.19-0.41; residual variance 1.05-1.5,
 *       seeds 1-2).
 * </ul>
 * Explicit values on the command line override a budget's through {@link #override}; the budget that ran is
 * recorded in run.json. {@code frames} is the number simulated by {@code compare --dataset} and the most frames
 * read from a given movie (its first ones).
 *
 * @param name the budget's name ({@code paper}, {@code cpu})
 * @param frames frames simulated, or the cap on the frames read from a movie
 * @param epochs training epochs per run
 * @param batchSize pairs (DynAE, SDE-VAE) or frames per minibatch
 * @param conv sizes of the convolutional encoder and decoder
 * @param dynaeDMin DynAE's latent bin distance {@code d_min} under this budget
 * @param dynaeWarmupLearningRate DynAE's encoder/decoder learning rate in its warm-up epoch under this budget
 */
public record MovieBudget(String name, int frames, int epochs, int batchSize, ConvOptions conv, double dynaeDMin,
    double dynaeWarmupLearningRate) {
  /** A bin distance beyond any latent's extent: every pair falls in the first bin. */
  public static final double ONE_BIN = 1e6;
  /** The paper's protocol. */
  public static final MovieBudget PAPER = new MovieBudget("paper", 100_000, 50, 256, ConvOptions.defaults(),
      DynaeConfig.defaults(0).dMin(), DynaeConfig.defaults(0).warmupLearningRate());
  /** A CPU-sized protocol. */
  public static final MovieBudget CPU = new MovieBudget("cpu", 4_000, 10, 64,
      new ConvOptions(List.of(16, 16, 32, 32), 256), ONE_BIN, 1e-3);
  /** The named budgets. */
  public static final List<MovieBudget> NAMED = List.of(PAPER, CPU);

  public MovieBudget {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("budget name must not be blank, got '" + name + "'");
    }
    if (frames < 2) {
      throw new IllegalArgumentException("frames must be >= 2, got " + frames);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException("batchSize must be >= 2, got " + batchSize);
    }
    if (conv == null) {
      throw new IllegalArgumentException("conv must be given, got null");
    }
    if (!(dynaeDMin > 0) || !(dynaeWarmupLearningRate > 0)) {
      throw new IllegalArgumentException("dynaeDMin and dynaeWarmupLearningRate must be > 0, got " + dynaeDMin
          + " and " + dynaeWarmupLearningRate);
    }
  }

  /** {@code c} with this budget's DynAE bin distance and warm-up learning rate. */
  public DynaeConfig applyTo(DynaeConfig c) {
    return c.withDMin(dynaeDMin).withLearningRates(c.learningRate(), dynaeWarmupLearningRate,
        c.priorLearningRate());
  }

  /**
   * The budget called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static MovieBudget named(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (MovieBudget b : NAMED) {
      if (b.name().equals(n)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown --budget '" + name + "'; expected one of "
        + NAMED.stream().map(MovieBudget::name).toList());
  }

  /** This budget with the given values in place of its own; a null keeps the budget's value. */
  public MovieBudget override(Integer frames, Integer epochs, Integer batchSize) {
    return new MovieBudget(name, frames == null ? this.frames : frames, epochs == null ? this.epochs : epochs,
        batchSize == null ? this.batchSize : batchSize, conv, dynaeDMin, dynaeWarmupLearningRate);
  }
}

package org.latentdyn.workflow;

import java.util.List;
import java.util.Locale;
import org.latentdyn.models.dynae.DynaeConfig;
import org.latentdyn.nn.ConvOptions;

/**
 * The training protocol of the convolutional models on image movies (issue 10 part 5; spec dynae.md §2 and §7):
 * how many frames, epochs, the minibatch size, the sizes of the convolutional encoder/decoder, and DynAE's
 * settings under it. Two are named:
 * <ul>
 *   <li>{@link #PAPER}: 100000 frames, 50 epochs, batch 256, the paper's filters 32, 32, 64, 64 and width 256, and
 *       DynAE as in the paper (d_min 5, beta 10, learning rate 1e-3, warm-up 1e-4, single-bin minibatches);
 *   <li>{@link #CPU}: 16000 frames, 4 epochs, batch 64, filters 16, 16, 32, 32 and width 256 (about 800 steps per
 *       run at a quarter of the paper's convolution work per frame), sized so that a four-model, three-seed
 *       comparison runs in under 45 minutes on a 2-core CPU. In so few steps, single-bin minibatches make DynAE's
 *       decoder chase the current bin: the latent shrinks below unit diffusion (d_min 5) or warps (one bin).
 *       DynAE therefore takes its reconstruction term on a separate uniform minibatch
 *       ({@link DynaeConfig#uniformReconstruction()}), keeps local bins (d_min 5) for the sliced-Wasserstein term,
 *       weights it with beta 100, and trains at the paper's rate 1e-3 from the warm-up on. {@code compare --dataset
 *       dsprites2 --budget cpu --seeds 3} at 3e-4 after the warm-up: relative L_z 0.12 +- 0.07, against 0.29 +- 0.11
 *       for one bin on 4000 frames x 10 epochs (the previous CPU budget); 1e-3 throughout keeps the latent at unit
 *       diffusion (seed 1: dsprites2 0.044 against 0.069, dsprites3 0.326 against 0.367, both reconstructing better).
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
 * @param dynae DynAE's settings under this budget
 */
public record MovieBudget(String name, int frames, int epochs, int batchSize, ConvOptions conv, DynaeSettings dynae) {
  /** The paper's protocol. */
  public static final MovieBudget PAPER = new MovieBudget("paper", 100_000, 50, 256, ConvOptions.defaults(),
      DynaeSettings.of(DynaeConfig.defaults(0)));
  /** A CPU-sized protocol. */
  public static final MovieBudget CPU = new MovieBudget("cpu", 16_000, 4, 64,
      new ConvOptions(List.of(16, 16, 32, 32), 256), new DynaeSettings(5, 100, 1e-3, 1e-3, true));
  /** The named budgets. */
  public static final List<MovieBudget> NAMED = List.of(PAPER, CPU);

  /**
   * DynAE's settings under a budget.
   *
   * @param dMin latent bin distance
   * @param beta weight of the sliced-Wasserstein term (the default of {@code --beta} for DynAE)
   * @param learningRate encoder/decoder learning rate after the warm-up
   * @param warmupLearningRate encoder/decoder learning rate in the warm-up epoch
   * @param uniformReconstruction reconstruction on a separate uniform minibatch
   *     ({@link DynaeConfig#uniformReconstruction()})
   */
  public record DynaeSettings(double dMin, double beta, double learningRate, double warmupLearningRate,
      boolean uniformReconstruction) {
    public DynaeSettings {
      if (!(dMin > 0) || !(beta >= 0) || !(learningRate > 0) || !(warmupLearningRate > 0)) {
        throw new IllegalArgumentException("DynAE budget settings must be positive (beta >= 0), got dMin " + dMin
            + ", beta " + beta + ", learningRate " + learningRate + ", warmupLearningRate " + warmupLearningRate);
      }
    }

    /** The settings of {@code c}. */
    public static DynaeSettings of(DynaeConfig c) {
      return new DynaeSettings(c.dMin(), c.beta(), c.learningRate(), c.warmupLearningRate(), c.uniformReconstruction());
    }
  }

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
    if (dynae == null) {
      throw new IllegalArgumentException("dynae settings must be given, got null");
    }
  }

  /**
   * {@code c} with this budget's DynAE bin distance, learning rates and reconstruction minibatch; the beta of
   * {@code c} is kept (callers take {@link DynaeSettings#beta()} as the default of their beta option).
   */
  public DynaeConfig applyTo(DynaeConfig c) {
    return c.withDMin(dynae.dMin()).withLearningRates(dynae.learningRate(), dynae.warmupLearningRate(),
        c.priorLearningRate()).withUniformReconstruction(dynae.uniformReconstruction());
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
        batchSize == null ? this.batchSize : batchSize, conv, dynae);
  }
}

package org.latentdyn.models.dynae;

import org.latentdyn.nn.Architecture;
import org.latentdyn.nn.ConvOptions;
import org.latentdyn.train.Engine;

/**
 * Hyper-parameters of the dynamics-constrained autoencoder (spec dynae.md §2-4; paper Algorithm 1). Defaults
 * are the paper's three-well settings. Validation names the field and value.
 *
 * @param latentDim latent dimension d
 * @param hiddenWidth width of the encoder/decoder hidden layers (32)
 * @param hiddenLayers hidden layers of encoder and decoder (3)
 * @param fieldWidth width of the force and diffusion nets' two hidden layers (32)
 * @param beta weight of the sliced-Wasserstein regulariser in Eq. 3 (10)
 * @param dMin minimum centre distance of the latent regular-space binning (5)
 * @param maxBins cap on the number of bins; reaching it is an error (200)
 * @param gamma well-tempered resampling exponent, Eq. 13 (2)
 * @param batchSize pairs per minibatch B (256)
 * @param projections sliced-Wasserstein directions L (50)
 * @param learningRate Adam learning rate of the encoder/decoder (1e-3)
 * @param warmupLearningRate encoder/decoder learning rate in the warm-up epoch 0 (1e-4)
 * @param priorLearningRate Adam learning rate of the force and diffusion nets (1e-3)
 * @param epochs epochs including the warm-up (50)
 * @param lag frames between the two members of a pair (1)
 * @param validationFraction fraction of pairs held out (0.2)
 * @param referenceJacobian true: no gradient through dM/dz into the diffusion net (the reference code's behaviour)
 * @param seed seed of all random streams
 * @param engine how a training step is computed: {@link Engine#JAVA} (fused plain-Java step, the default) or
 *     {@link Engine#DJL} (autograd on PyTorch, the reference); both give the same numbers up to float rounding
 * @param standardize train on {@code (x - mean) / s} with the data's feature means and one scale {@code s} (the
 *     root mean per-feature variance), kept in the model so that encode and decode take raw data. The balance of
 *     the reconstruction loss (Eq. 3, in squared data units) against the sliced-Wasserstein term (latent units)
 *     depends on the data's units; one common scale keeps the geometry of the features (false by default; the
 *     command line turns it on for data whose mean variance is far from 1, such as coordinates in nm)
 * @param architecture {@link Architecture#MLP} for vector frames (hiddenWidth and hiddenLayers apply) or
 *     {@link Architecture#CONV} for image frames {@code [C, 64, 64]} given flattened (conv applies); chosen by the
 *     caller from the data's frame shape ({@link Architecture#forFrameShape}); null means MLP. CONV always trains
 *     on {@link Engine#DJL}: a JAVA engine is replaced by DJL here, so the stored config says what ran
 * @param conv sizes of the convolutional encoder/decoder (null: the paper's, {@link ConvOptions#defaults()})
 * @param binsPerBatch latent bins per minibatch after the warm-up: 1 is Algorithm 1 (every minibatch from one bin);
 *     k > 1 fills each minibatch with k sub-batches of {@code batchSize / k} pairs, each from one bin, and averages
 *     the k within-bin sliced-Wasserstein distances, so the constraint still compares transition densities
 *     within a bin while the reconstruction term sees k regions of the latent per step instead of one (0, in
 *     files written before this field, means 1)
 * @param uniformReconstruction after the warm-up, take the reconstruction term of Eq. 3 on a second minibatch of
 *     {@code batchSize} pairs drawn uniformly (with replacement) from all training pairs, while the
 *     sliced-Wasserstein term keeps the single-bin minibatch of Algorithm 1. With single-bin minibatches the
 *     reconstruction term sees one small region of the latent per step, so on image movies the decoder chases the
 *     current bin and the encoder drifts (the latent shrinks or warps within a short training); the uniform batch
 *     gives every step the reconstruction gradient of the whole data while the dynamical constraint still compares
 *     transition densities within a bin. One more encoder and decoder pass per step; false (the paper's
 *     Algorithm 1) by default and in files written before this field
 */
public record DynaeConfig(int latentDim, int hiddenWidth, int hiddenLayers, int fieldWidth, double beta, double dMin,
    int maxBins, double gamma, int batchSize, int projections, double learningRate, double warmupLearningRate,
    double priorLearningRate, int epochs, int lag, double validationFraction, boolean referenceJacobian, long seed,
    Engine engine, boolean standardize, Architecture architecture, ConvOptions conv, int binsPerBatch,
    boolean uniformReconstruction) {


  public DynaeConfig {
    if (binsPerBatch == 0) {
      binsPerBatch = 1;
    }
    if (architecture == null) {
      architecture = Architecture.MLP;
    }
    if (conv == null) {
      conv = ConvOptions.defaults();
    }
    if (engine == null) {
      engine = Engine.JAVA;
    }
    if (architecture == Architecture.CONV) {
      engine = Engine.DJL; // the fused step has hand-written backward passes for the MLPs only
    }
    atLeast("latentDim", latentDim, 1);
    atLeast("hiddenWidth", hiddenWidth, 1);
    atLeast("hiddenLayers", hiddenLayers, 1);
    atLeast("fieldWidth", fieldWidth, 1);
    nonNegative("beta", beta);
    positive("dMin", dMin);
    atLeast("maxBins", maxBins, 1);
    if (!(gamma >= 1)) {
      throw new IllegalArgumentException("gamma must be >= 1, got " + gamma);
    }
    atLeast("batchSize", batchSize, 2);
    atLeast("projections", projections, 1);
    atLeast("binsPerBatch", binsPerBatch, 1);
    if (batchSize % binsPerBatch != 0 || batchSize / binsPerBatch < 2) {
      throw new IllegalArgumentException("binsPerBatch must divide batchSize " + batchSize + " into sub-batches of at"
          + " least 2 pairs, got " + binsPerBatch);
    }
    positive("learningRate", learningRate);
    positive("warmupLearningRate", warmupLearningRate);
    positive("priorLearningRate", priorLearningRate);
    atLeast("epochs", epochs, 1);
    atLeast("lag", lag, 1);
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
    }
  }

  /** A config with one bin per minibatch (Algorithm 1). */
  public DynaeConfig(int latentDim, int hiddenWidth, int hiddenLayers, int fieldWidth, double beta, double dMin,
      int maxBins, double gamma, int batchSize, int projections, double learningRate, double warmupLearningRate,
      double priorLearningRate, int epochs, int lag, double validationFraction, boolean referenceJacobian, long seed,
      Engine engine, boolean standardize, Architecture architecture, ConvOptions conv) {
    this(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize, projections,
        learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction, referenceJacobian, seed,
        engine, standardize, architecture, conv, 1, false);
  }

  /** The paper's three-well settings with the given seed. */
  public static DynaeConfig defaults(long seed) {
    return new DynaeConfig(2, 32, 3, 32, 10.0, 5.0, 200, 2.0, 256, 50, 1e-3, 1e-4, 1e-3, 50, 1, 0.2, false, seed,
        Engine.JAVA, false, Architecture.MLP, ConvOptions.defaults(), 1, false);
  }

  public DynaeConfig withLatentDim(int v) {
    return new DynaeConfig(v, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize, projections,
        learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction, referenceJacobian, seed,
        engine, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withEpochs(int v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, v, lag, validationFraction, referenceJacobian,
        seed, engine, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withBeta(double v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, v, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, engine, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withDMin(double v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, v, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, engine, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  /** With another cap on the number of latent bins (reaching it is an error). */
  public DynaeConfig withMaxBins(int v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, v, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, engine, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withLag(int v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, v, validationFraction,
        referenceJacobian, seed, engine, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withBatchSize(int v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, v,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, engine, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withEngine(Engine v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, v, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withReferenceJacobian(boolean v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction, v, seed,
        engine, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withSeed(long v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, v, engine, standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  private static void atLeast(String name, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
    }
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
    }
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
    }
  }

  public DynaeConfig withStandardize(boolean v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, engine, v, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withArchitecture(Architecture v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, engine, standardize, v, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withConv(ConvOptions v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, engine, standardize, architecture, v, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withBinsPerBatch(int v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, engine, standardize, architecture, conv, v, uniformReconstruction);
  }

  /** The learning rates (encoder/decoder, its warm-up epoch, force and diffusion nets) replaced. */
  public DynaeConfig withLearningRates(double rate, double warmupRate, double priorRate) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, rate, warmupRate, priorRate, epochs, lag, validationFraction, referenceJacobian, seed, engine,
        standardize, architecture, conv, binsPerBatch, uniformReconstruction);
  }

  public DynaeConfig withUniformReconstruction(boolean v) {
    return new DynaeConfig(latentDim, hiddenWidth, hiddenLayers, fieldWidth, beta, dMin, maxBins, gamma, batchSize,
        projections, learningRate, warmupLearningRate, priorLearningRate, epochs, lag, validationFraction,
        referenceJacobian, seed, engine, standardize, architecture, conv, binsPerBatch, v);
  }
}

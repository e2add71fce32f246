package org.latentdyn.models.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.SplittableRandom;
import org.latentdyn.nn.SlicedWasserstein;
import org.latentdyn.nn.Tensors;

/**
 * The per-model loss of a baseline; everything else (batches, Adam, validation, history) is shared by
 * {@link Baselines}. A minibatch is {@code x [rows, features]}: {@code b} single frames, or for pair models
 * {@code 2b} rows with the first frames X_t in rows {@code [0, b)} and the second frames X_{t+lag} in
 * {@code [b, 2b)}. Each loss returns three scalars (reconstruction, regulariser, prior), all means over the
 * batch; the trained objective is {@code reconstruction + beta (regulariser + prior)}. Norms ||.||² sum over
 * features or latent dimensions.
 */
abstract sealed class Objective {
  final BaselineConfig c;

  Objective(BaselineConfig c) {
    this.c = c;
  }

  static Objective of(BaselineConfig c) {
    if (c instanceof BetaVaeConfig) {
      return new BetaVae(c);
    }
    if (c instanceof SwaeConfig) {
      return new Swae(c);
    }
    return new SdeVae((SdeVaeConfig) c);
  }

  /** True if a sample is a lagged pair (two frames), false for single frames. */
  abstract boolean pairs();

  /** Sliced-Wasserstein directions per step, 0 for none. */
  int projections() {
    return 0;
  }

  /** Fills the noise of one batch, {@code [rows, d]} (rows = b or 2b). */
  void drawNoise(float[] noise, SplittableRandom r) {
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) r.nextGaussian();
    }
  }

  /** (reconstruction, regulariser, prior) for batch {@code x}, noise {@code eps [rows, d]}, directions {@code [d, L]}. */
  abstract NDArray[] losses(BaselineNetworks net, NDArray x, int b, NDArray eps, NDArray dirs);

  /** Mean over the batch of ||psi(z) - x||² (summed over features and, for pairs, over both frames). */
  static NDArray reconstruction(BaselineNetworks net, NDArray z, NDArray x, int b) {
    return Tensors.over(net.decoder.forward(net.params, z).sub(x).square().sum(), b);
  }

  static NDArray columns(NDArray h, long from, long to) {
    return h.get(new NDIndex().addAllDim().addSliceDim(from, to));
  }

  static NDArray rows(NDArray h, long from, long to) {
    return h.get(new NDIndex().addSliceDim(from, to));
  }

  /**
   * Closed-form KL(N(mu, exp(logVar)) || N(0, 1/nu I)) per sample, summed over the d dimensions:
   * {@code 1/2 sum_i [ nu exp(logVar_i) + nu mu_i² - 1 - ln nu - logVar_i ]}, {@code [rows]}. nu = 1 is the
   * standard normal prior of the beta-VAE.
   */
  static NDArray klToIsotropic(NDArray mu, NDArray logVar, double nu) {
    float n = (float) nu;
    return Tensors.times(Tensors.times(logVar.exp(), n).add(Tensors.times(mu.square(), n)).sub(logVar)
        .sub((float) (1 + Math.log(nu))).sum(new int[] {1}), 0.5f);
  }

  /**
   * beta-VAE (Higgins et al. 2017; spec §8) on single frames. Encoder output h = phi(X) = (mu, logVar), each
   * {@code [b, d]}; z = mu + exp(logVar / 2) eps with eps ~ N(0, I);
   * <pre>
   *   L = mean_b ||psi(z) - X||²  +  beta mean_b 1/2 sum_i [ exp(logVar_i) + mu_i² - 1 - logVar_i ]
   * </pre>
   * (reconstruction, regulariser = the KL to N(0, I), prior = 0).
   */
  static final class BetaVae extends Objective {
    BetaVae(BaselineConfig c) {
      super(c);
    }

    @Override
    boolean pairs() {
      return false;
    }

    @Override
    NDArray[] losses(BaselineNetworks net, NDArray x, int b, NDArray eps, NDArray dirs) {
      int d = c.latentDim();
      NDArray h = net.encode(x);
      NDArray mu = columns(h, 0, d);
      NDArray logVar = columns(h, d, 2L * d);
      NDArray z = mu.add(Tensors.times(logVar, 0.5f).exp().mul(eps));
      NDArray rec = reconstruction(net, z, x, b);
      NDArray kl = Tensors.over(klToIsotropic(mu, logVar, 1.0).sum(), b);
      return new NDArray[] {rec, kl, kl.zerosLike()};
    }
  }

  /**
   * Sliced-Wasserstein autoencoder (Kolouri et al. 2019; spec §8) on single frames, deterministic encoder
   * z = phi(X):
   * <pre>
   *   L = mean_b ||psi(z) - X||²  +  beta SW(z, z~),   z~ ~ Uniform[-1, 1]^d (b samples)
   * </pre>
   * with SW the squared sliced Wasserstein distance of spec §3 over L fresh seeded directions (regulariser = SW,
   * prior = 0).
   */
  static final class Swae extends Objective {
    Swae(BaselineConfig c) {
      super(c);
    }

    @Override
    boolean pairs() {
      return false;
    }

    @Override
    int projections() {
      return ((SwaeConfig) c).projections();
    }

    /** Prior samples z~, uniform in [-1, 1]^d. */
    @Override
    void drawNoise(float[] noise, SplittableRandom r) {
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) r.nextDouble(-1.0, 1.0);
      }
    }

    @Override
    NDArray[] losses(BaselineNetworks net, NDArray x, int b, NDArray prior, NDArray dirs) {
      NDArray z = net.encode(x);
      NDArray rec = reconstruction(net, z, x, b);
      NDArray sw = SlicedWasserstein.distance(z, prior, dirs);
      return new NDArray[] {rec, sw, sw.zerosLike()};
    }
  }

  /**
   * SDE-VAE (Hasan et al. 2021, "Identifying latent stochastic differential equations"; spec §8) on lagged
   * pairs. The encoder gives (mu_0, logVar_0) for X_t and (mu_1, logVar_1) for X_{t+1}; z_k = mu_k +
   * exp(logVar_k / 2) eps_k with independent eps_k ~ N(0, I); f is the force net. With one reparameterised
   * sample per pair (a single-sample Monte-Carlo estimate of the expectation over q), the loss is
   * <pre>
   *   L = mean_b ( ||psi(z_0) - X_t||² + ||psi(z_1) - X_{t+1}||² )
   *     + beta mean_b [ KL(q(z_t|X_t) || N(0, 1/nu I))                                   (regulariser)
   *                     + 1/2 ||z_1 - z_0 - f(z_0)||² + d/2 ln(2 pi)                        (-log N(z_1; z_0 + f(z_0), I))
   *                     - ( 1/2 sum_i logVar_1,i + d/2 (1 + ln(2 pi)) ) ]                    (- H(q(z_{t+1}|X_{t+1})))
   * </pre>
   * where KL = 1/2 sum_i [ nu exp(logVar_0,i) + nu mu_0,i² - 1 - ln nu - logVar_0,i ]. The two ln(2 pi) terms
   * cancel, so prior = mean_b 1/2 [ ||z_1 - z_0 - f(z_0)||² - sum_i logVar_1,i - d ]. Gradients reach the
   * encoder, decoder and force net (trained jointly, one Adam). The transition has unit covariance per lag.
   */
  static final class SdeVae extends Objective {
    final double nu;

    SdeVae(SdeVaeConfig c) {
      super(c);
      this.nu = c.nu();
    }

    @Override
    boolean pairs() {
      return true;
    }

    @Override
    NDArray[] losses(BaselineNetworks net, NDArray x, int b, NDArray eps, NDArray dirs) {
      int d = c.latentDim();
      NDArray h = net.encode(x);
      NDArray mu = columns(h, 0, d);
      NDArray logVar = columns(h, d, 2L * d);
      NDArray z = mu.add(Tensors.times(logVar, 0.5f).exp().mul(eps));
      NDArray rec = reconstruction(net, z, x, b);
      NDArray kl = Tensors.over(klToIsotropic(rows(mu, 0, b), rows(logVar, 0, b), nu).sum(), b);
      NDArray z0 = rows(z, 0, b);
      NDArray z1 = rows(z, b, 2L * b);
      NDArray r = z1.sub(z0).sub(net.force.forward(net.params, z0));
      NDArray prior = Tensors.times(Tensors.over(r.square().sub(rows(logVar, b, 2L * b)).sum(), b).sub((float) d),
          0.5f);
      return new NDArray[] {rec, kl, prior};
    }
  }
}

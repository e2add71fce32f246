package org.latentdyn.dynamics;

/**
 * The Ornstein–Uhlenbeck process: {@link OverdampedLangevin} in a {@link HarmonicPotential} with
 * {@link ConstantDiffusion}, {@code dx_i = -(D_i k_i / kT)(x_i - mu_i) dt + sqrt(2 D_i) dW_i}. Coordinates are
 * independent; each relaxes at rate {@code lambda_i = D_i k_i / kT} and has the closed-form statistics given
 * here, which tests use as known answers.
 */
public final class OrnsteinUhlenbeck implements Sde {
  private final HarmonicPotential potential;
  private final ConstantDiffusion diffusion;
  private final double kT;
  private final OverdampedLangevin langevin;

  public OrnsteinUhlenbeck(HarmonicPotential potential, ConstantDiffusion diffusion, double kT) {
    this.potential = potential;
    this.diffusion = diffusion;
    this.kT = kT;
    this.langevin = new OverdampedLangevin(potential, diffusion, kT);
  }

  /** Isotropic process in {@code dim} dimensions centred at the origin. */
  public static OrnsteinUhlenbeck isotropic(int dim, double stiffness, double diffusion, double kT) {
    return new OrnsteinUhlenbeck(HarmonicPotential.isotropic(dim, stiffness), ConstantDiffusion.isotropic(dim,
        diffusion), kT);
  }

  public HarmonicPotential potential() {
    return potential;
  }

  public ConstantDiffusion diffusionField() {
    return diffusion;
  }

  public double kT() {
    return kT;
  }

  /** Relaxation rate {@code lambda_i = D_i k_i / kT}. */
  public double rate(int i) {
    return diffusion.coefficient(i) * potential.stiffness(i) / kT;
  }

  /** {@code E[x_i(t) | x_i(0) = x0] = mu_i + (x0 - mu_i) exp(-lambda_i t)}. */
  public double mean(int i, double x0, double t) {
    return potential.centre(i) + (x0 - potential.centre(i)) * Math.exp(-rate(i) * t);
  }

  /** {@code Var[x_i(t) | x_i(0) fixed] = (kT / k_i)(1 - exp(-2 lambda_i t))}. */
  public double variance(int i, double t) {
    return stationaryVariance(i) * -Math.expm1(-2 * rate(i) * t);
  }

  /** Boltzmann variance {@code kT / k_i}. */
  public double stationaryVariance(int i) {
    return kT / potential.stiffness(i);
  }

  /** Stationary autocorrelation {@code corr(x_i(t), x_i(t + tau)) = exp(-lambda_i tau)}. */
  public double autocorrelation(int i, double lagTime) {
    return Math.exp(-rate(i) * Math.abs(lagTime));
  }

  @Override
  public int dim() {
    return potential.dim();
  }

  @Override
  public void drift(double[] x, double[] out) {
    langevin.drift(x, out);
  }

  @Override
  public void diffusion(double[] x, double[] out) {
    langevin.diffusion(x, out);
  }

  @Override
  public void driftAndDiffusion(double[] x, double[] drift, double[] noise) {
    langevin.driftAndDiffusion(x, drift, noise);
  }

  @Override
  public boolean isAdditiveNoise() {
    return true;
  }
}

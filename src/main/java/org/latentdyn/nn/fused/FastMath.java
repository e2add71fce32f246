package org.latentdyn.nn.fused;

/** Vectorisable float elementary functions for the fused kernels. */
public final class FastMath {
  private static final float CLAMP = 7.90531110763549805f;
  private static final float A1 = 4.89352455891786e-03f;
  private static final float A3 = 6.37261928875436e-04f;
  private static final float A5 = 1.48572235717979e-05f;
  private static final float A7 = 5.12229709037114e-08f;
  private static final float A9 = -8.60467152213735e-11f;
  private static final float A11 = 2.00018790482477e-13f;
  private static final float A13 = -2.76076847742355e-16f;
  private static final float B0 = 4.89352518554385e-03f;
  private static final float B2 = 2.26843463243900e-03f;
  private static final float B4 = 1.18534705686654e-04f;
  private static final float B6 = 1.19825839466702e-06f;

  private FastMath() {}

  /**
   * In-place tanh of {@code v[0, n)}: the clamped 13/6 rational approximation used by Eigen (and PyTorch's
   * fast paths), relative error below 1e-6 over the reals.
   */
  public static void tanh(float[] v, int n) {
    for (int t = 0; t < n; t++) {
      float c = Math.max(-CLAMP, Math.min(CLAMP, v[t]));
      float x2 = c * c;
      float p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1) * c;
      float q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
      v[t] = p / q;
    }
  }

  /** Scalar form of {@link #tanh(float[], int)}. */
  public static float tanh(float x) {
    float c = Math.max(-CLAMP, Math.min(CLAMP, x));
    float x2 = c * c;
    float p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1) * c;
    float q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
    return p / q;
  }
}

package org.latentdyn.movies.io;

/**
 * One axis of an area-averaging resize from {@code in} to {@code out} samples: output sample {@code o} covers the
 * input interval {@code [o s, (o + 1) s)} with {@code s = in / out} and is the mean of the input samples over it,
 * each weighted by its overlap (so whole-number ratios give exact block means, and upsampling repeats samples).
 */
final class AreaResize {
  private final int out;
  private final int[] first;
  private final float[][] weights;

  AreaResize(int in, int out) {
    this.out = out;
    this.first = new int[out];
    this.weights = new float[out][];
    double s = (double) in / out;
    for (int o = 0; o < out; o++) {
      double a = o * s;
      double b = (o + 1) * s;
      int i0 = (int) Math.floor(a);
      int i1 = Math.min(in - 1, (int) Math.ceil(b) - 1);
      first[o] = i0;
      float[] w = new float[i1 - i0 + 1];
      for (int i = i0; i <= i1; i++) {
        double overlap = Math.min(b, i + 1) - Math.max(a, i);
        w[i - i0] = (float) (Math.max(0, overlap) / s);
      }
      weights[o] = w;
    }
  }

  /**
   * Resizes along one axis: for each of {@code lines} lines (input line start {@code inOffset + l * inLine},
   * output line start {@code outOffset + l * outLine}), samples {@code inStride} apart in the input become samples
   * {@code outStride} apart in the output.
   */
  void apply(float[] src, int inOffset, int inLine, int inStride, float[] dst, int outOffset, int outLine,
      int outStride, int lines) {
    for (int l = 0; l < lines; l++) {
      int si = inOffset + l * inLine;
      int so = outOffset + l * outLine;
      for (int o = 0; o < out; o++) {
        float[] w = weights[o];
        double acc = 0;
        int i = si + first[o] * inStride;
        for (float wk : w) {
          acc += wk * src[i];
          i += inStride;
        }
        dst[so + o * outStride] = (float) acc;
      }
    }
  }
}

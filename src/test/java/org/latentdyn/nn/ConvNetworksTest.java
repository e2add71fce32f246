package org.latentdyn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Shapes, parameter counts, initialisation and gradients of the convolutional encoder/decoder. */
class ConvNetworksTest {
  private static final ConvOptions SMALL = new ConvOptions(List.of(4, 4, 8, 8), 32);

  @Test
  void paperSizesHaveTheHandCountedParameters() {
    ConvEncoder e = new ConvEncoder(1, 2, ConvOptions.defaults(), 0);
    // conv 1->32, 32->32, 32->64, 64->64 (kernel 4x4 + bias), 1x1 64->16, linear 256->2
    int enc = (32 * 1 * 16 + 32) + (32 * 32 * 16 + 32) + (64 * 32 * 16 + 64) + (64 * 64 * 16 + 64) + (16 * 64 + 16)
        + (256 * 2 + 2);
    assertEquals(116946, enc);
    assertEquals(enc, e.parameterCount());
    ConvDecoder d = new ConvDecoder(2, 1, ConvOptions.defaults(), enc);
    // linear 2->256, 256->1024, deconv 64->64, 64->32, 32->32, 32->1
    int dec = (2 * 256 + 256) + (256 * 1024 + 1024) + (64 * 64 * 16 + 64) + (64 * 32 * 16 + 32) + (32 * 32 * 16 + 32)
        + (32 * 1 * 16 + 1);
    assertEquals(379265, dec);
    assertEquals(dec, d.parameterCount());
    assertEquals(4096, e.inputDim());
    assertEquals(4096, d.outputDim());
    assertEquals(3 * 4096, new ConvEncoder(3, 2, ConvOptions.defaults(), 0).inputDim());
  }

  @Test
  void outputShapesForOneAndThreeChannels() {
    for (int channels : new int[] {1, 3}) {
      ConvEncoder e = new ConvEncoder(channels, 3, ConvOptions.defaults(), 0);
      ConvDecoder d = new ConvDecoder(3, channels, ConvOptions.defaults(), e.parameterCount());
      float[] w = new float[e.parameterCount() + d.parameterCount()];
      SplittableRandom r = new SplittableRandom(1);
      e.initialise(w, r);
      d.initialise(w, r);
      int b = 2;
      try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, w)) {
        NDArray x = m.randomUniform(0f, 1f, new Shape(b, (long) channels * 4096));
        NDArray z = e.forward(p, x);
        assertEquals(new Shape(b, 3), z.getShape());
        NDArray y = d.forward(p, z);
        assertEquals(new Shape(b, (long) channels * 4096), y.getShape());
        assertTrue(Float.isFinite(y.sum().getFloat()));
      }
    }
  }

  @Test
  void transposedConvolutionMatchesItsDefinition() {
    // PyTorch conv_transpose2d, stride 2, padding 1, kernel 4: input (iy, ix) adds in[i] * W[i, o, ky, kx] at
    // output (2 iy - 1 + ky, 2 ix - 1 + kx)
    int b = 2;
    int cin = 3;
    int cout = 2;
    int h = 3;
    int w = 4;
    SplittableRandom r = new SplittableRandom(11);
    float[] x = new float[b * cin * h * w];
    float[] k = new float[cin * cout * 16];
    float[] bias = new float[cout];
    for (float[] a : new float[][] {x, k, bias}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
      }
    }
    double[] expected = new double[b * cout * 2 * h * 2 * w];
    for (int n = 0; n < b; n++) {
      for (int o = 0; o < cout; o++) {
        for (int y = 0; y < 2 * h; y++) {
          for (int xx = 0; xx < 2 * w; xx++) {
            expected[((n * cout + o) * 2 * h + y) * 2 * w + xx] = bias[o];
          }
        }
        for (int i = 0; i < cin; i++) {
          for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
              for (int ky = 0; ky < 4; ky++) {
                for (int kx = 0; kx < 4; kx++) {
                  int y = 2 * iy - 1 + ky;
                  int xx = 2 * ix - 1 + kx;
                  if (y >= 0 && y < 2 * h && xx >= 0 && xx < 2 * w) {
                    expected[((n * cout + o) * 2 * h + y) * 2 * w + xx] +=
                        x[((n * cin + i) * h + iy) * w + ix] * k[((i * cout + o) * 4 + ky) * 4 + kx];
                  }
                }
              }
            }
          }
        }
      }
    }
    try (NDManager m = NeuralEngine.newManager()) {
      NDArray y = ConvDecoder.transposedConvolution(m.create(x, new Shape(b, cin, h, w)),
          m.create(k, new Shape(cin, cout, 4, 4)), m.create(bias, new Shape(cout)));
      assertEquals(new Shape(b, cout, 2 * h, 2 * w), y.getShape());
      float[] got = y.toFloatArray();
      for (int i = 0; i < got.length; i++) {
        assertEquals(expected[i], got[i], 1e-4, "output " + i);
      }
    }
  }

  @Test
  void initialisationIsSeededAndBoundedByFanIn() {
    ConvEncoder e = new ConvEncoder(1, 2, ConvOptions.defaults(), 0);
    float[] a = new float[e.parameterCount()];
    float[] b = new float[e.parameterCount()];
    e.initialise(a, new SplittableRandom(5));
    e.initialise(b, new SplittableRandom(5));
    assertArrayEquals(a, b);
    // first layer: fan-in 1 * 4 * 4 = 16, bound 0.25; second: 32 * 16, bound 1/sqrt(512)
    double max1 = 0;
    for (int k = 0; k < 544; k++) {
      max1 = Math.max(max1, Math.abs(a[k]));
    }
    assertTrue(max1 <= 0.25 && max1 > 0.2, "first-layer bound 0.25, max " + max1);
    double max2 = 0;
    for (int k = 544; k < 544 + 16416; k++) {
      max2 = Math.max(max2, Math.abs(a[k]));
    }
    assertTrue(max2 <= 1 / Math.sqrt(512) && max2 > 0.9 / Math.sqrt(512), "second-layer max " + max2);
  }

  @Test
  void badSizesAreRejectedWithTheValue() {
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
        () -> new ConvOptions(List.of(32, 32, 64, 64), 250));
    assertTrue(w.getMessage().contains("250"), w.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ConvOptions.channelsOf(4000));
    assertEquals(3, ConvOptions.channelsOf(3 * 4096));
    assertEquals(Architecture.CONV, Architecture.forFrameShape(3, 64, 64));
    assertEquals(Architecture.MLP, Architecture.forFrameShape(10));
    assertThrows(IllegalArgumentException.class, () -> Architecture.forFrameShape(1, 32, 32));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    for (int channels : new int[] {1, 3}) {
      ConvEncoder e = new ConvEncoder(channels, 2, SMALL, 0);
      ConvDecoder d = new ConvDecoder(2, channels, SMALL, e.parameterCount());
      float[] w = new float[e.parameterCount() + d.parameterCount()];
      SplittableRandom r = new SplittableRandom(3);
      e.initialise(w, r);
      d.initialise(w, r);
      int b = 2;
      int f = channels * 4096;
      float[] x = new float[b * f];
      float[] q = new float[b * f];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextDouble();
        q[i] = (float) r.nextGaussian();
      }
      float[] grad;
      try (NDManager m = NeuralEngine.newManager(); ParameterVector p = new ParameterVector(m, w)) {
        try (GradientCollector gc = NeuralEngine.get().newGradientCollector()) {
          gc.backward(loss(e, d, p, m, x, q, b, f));
        }
        grad = p.gradient(m).toFloatArray();
      }
      // a few weights in every layer: the first kernel and bias values of each block
      int[] probes = probes(channels, e.parameterCount());
      // small steps: a bias feeds many ReLUs, so a large step crosses kinks; float32 noise bounds it from below
      double h = 2e-3;
      for (int k : probes) {
        float[] wp = w.clone();
        float[] wm = w.clone();
        wp[k] += (float) h;
        wm[k] -= (float) h;
        double fd;
        try (NDManager m = NeuralEngine.newManager(); ParameterVector pp = new ParameterVector(m, wp);
            ParameterVector pm = new ParameterVector(m, wm)) {
          fd = ((double) loss(e, d, pp, m, x, q, b, f).getFloat() - loss(e, d, pm, m, x, q, b, f).getFloat()) / (2 * h);
        }
        assertEquals(fd, grad[k], 3e-3 + 0.02 * Math.abs(fd), channels + " channels, weight " + k);
      }
    }
  }

  /** Indices of the first few weights and the first bias of every layer of encoder then decoder. */
  private static int[] probes(int c, int encCount) {
    int[][] blocks = {
        {4 * c * 16, 4}, {4 * 4 * 16, 4}, {8 * 4 * 16, 8}, {8 * 8 * 16, 8}, {2 * 8, 2}, {32 * 2, 2}, // encoder
        {2 * 32, 32}, {32 * 128, 128}, {8 * 8 * 16, 8}, {8 * 4 * 16, 4}, {4 * 4 * 16, 4}, {4 * c * 16, c}};
    int[] out = new int[blocks.length * 3];
    int p = 0;
    int i = 0;
    for (int[] blk : blocks) {
      out[i++] = p;
      out[i++] = p + blk[0] / 2;
      out[i++] = p + blk[0]; // the first bias
      p += blk[0] + blk[1];
    }
    assertEquals(encCount, sizeOf(blocks, 6));
    return out;
  }

  private static int sizeOf(int[][] blocks, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += blocks[i][0] + blocks[i][1];
    }
    return s;
  }

  /** L = sum(q * psi(phi(x))) + sum(phi(x)^2): reaches every weight of both networks. */
  private static NDArray loss(ConvEncoder e, ConvDecoder d, ParameterVector p, NDManager m, float[] x, float[] q,
      int b, int f) {
    NDArray xs = Tensors.owned(m, x, new Shape(b, f));
    NDArray qs = Tensors.owned(m, q, new Shape(b, f));
    NDArray z = e.forward(p, xs);
    return d.forward(p, z).mul(qs).sum().add(z.square().sum());
  }
}

package org.latentdyn.movies.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.nio.file.Path;
import org.latentdyn.data.io.DType;
import org.latentdyn.data.io.MalformedFileException;

/** Shared pixel conversions and checks of the movie sources. */
final class Pixels {
  private Pixels() {}

  /** The divisor that maps integer pixels to [0, 1] (1 for floats or without scaling). */
  static float integerDivisor(Path file, DType t, boolean scaleIntegers) throws MalformedFileException {
    if (!NpySource.supports(t)) {
      throw new MalformedFileException(file + ": dtype " + t.numpyName()
          + " is not a movie pixel type; expected uint8, uint16, float32 or float64");
    }
    if (!scaleIntegers || t.isFloating()) {
      return 1f;
    }
    return t == DType.UINT8 ? 255f : 65535f;
  }

  static String scaleText(DType t, float divisor) {
    if (divisor == 1f) {
      return "none (values as stored)";
    }
    return "divided by " + (t == DType.UINT8 ? 255 : 65535) + " (" + t.numpyName() + " maximum)";
  }

  static void checkDims(Path file, int frames, int channels, int height, int width) throws MalformedFileException {
    if (frames < 1 || height < 1 || width < 1) {
      throw new MalformedFileException(file + ": the movie is empty (" + frames + " frames of " + width + "x"
          + height + ")");
    }
    if (channels != 1 && channels != 3) {
      throw new MalformedFileException(file + ": frames have " + channels + " channels; expected 1 (grey) or 3"
          + " (RGB)");
    }
  }

  /** Colour channels of a decoded image: 3 for palette and colour images, else 1 (alpha is dropped). */
  static int channels(BufferedImage img) {
    if (img.getColorModel() instanceof IndexColorModel) {
      return 3;
    }
    return img.getColorModel().getNumColorComponents() >= 3 ? 3 : 1;
  }

  /** Bits per sample of the first band (for run.json). */
  static int bits(BufferedImage img) {
    return img.getSampleModel().getSampleSize(0);
  }

  /**
   * Copies an image into {@code dst [channels, height, width]}: integer samples divided by {@code 2^bits - 1} if
   * {@code scale}, float samples as they are; palette images through their colour table (8 bits).
   */
  static void toFloats(BufferedImage img, int channels, float[] dst, boolean scale) {
    int w = img.getWidth();
    int h = img.getHeight();
    int plane = w * h;
    if (img.getColorModel() instanceof IndexColorModel) {
      float s = scale ? 255f : 1f;
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          int argb = img.getRGB(c, r);
          int p = r * w + c;
          dst[p] = ((argb >> 16) & 0xFF) / s;
          dst[plane + p] = ((argb >> 8) & 0xFF) / s;
          dst[2 * plane + p] = (argb & 0xFF) / s;
        }
      }
      return;
    }
    Raster raster = img.getRaster();
    int type = raster.getDataBuffer().getDataType();
    boolean floating = type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE;
    float[] band = new float[plane];
    for (int b = 0; b < channels; b++) {
      raster.getSamples(0, 0, w, h, b, band);
      float s = 1f;
      if (scale && !floating) {
        int bits = raster.getSampleModel().getSampleSize(b);
        s = (float) ((1L << bits) - 1);
      }
      for (int p = 0; p < plane; p++) {
        dst[b * plane + p] = band[p] / s;
      }
    }
  }
}

package org.latentdyn.mechanics;

/** Debugging aid: ASCII art of a square 0/1 frame ('#' on, '.' off), row 0 at the top. Not used for asserts. */
final class PixelRendererAscii {
  private PixelRendererAscii() {}

  static String art(float[] frame) {
    int size = (int) Math.round(Math.sqrt(frame.length));
    StringBuilder out = new StringBuilder();
    for (int row = 0; row < size; row++) {
      for (int col = 0; col < size; col++) {
        out.append(frame[row * size + col] > 0.5f ? '#' : '.');
      }
      out.append('\n');
    }
    return out.toString();
  }
}

package org.latentdyn.nn;

/**
 * Which encoder/decoder pair a model uses (spec dynae.md §2): fully connected networks for vector frames
 * {@code [frames, features]}, convolutional ones ({@link ConvEncoder}, {@link ConvDecoder}) for image frames
 * {@code [frames, channels, 64, 64]}.
 */
public enum Architecture {
  /** ReLU MLPs features -> width x layers -> d and back. */
  MLP,
  /** Strided convolutions down to d and transposed convolutions back (64x64 frames). */
  CONV;

  /**
   * The architecture for frames of the given shape (without the frame axis): {@link #CONV} for
   * {@code [channels, 64, 64]}, {@link #MLP} for {@code [features]}.
   *
   * @throws IllegalArgumentException for image frames that are not 64x64, or other ranks
   */
  public static Architecture forFrameShape(int... frameShape) {
    if (frameShape.length == 1) {
      return MLP;
    }
    if (frameShape.length == 3) {
      if (frameShape[1] != ConvOptions.IMAGE_SIDE || frameShape[2] != ConvOptions.IMAGE_SIDE) {
        throw new IllegalArgumentException("image frames are " + frameShape[1] + "x" + frameShape[2]
            + "; the convolutional networks expect " + ConvOptions.IMAGE_SIDE + "x" + ConvOptions.IMAGE_SIDE
            + " (resize the movie)");
      }
      return CONV;
    }
    throw new IllegalArgumentException("frames must be [features] or [channels, height, width], got rank "
        + frameShape.length);
  }
}

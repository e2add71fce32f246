package org.latentdyn.nn;

import java.util.List;

/**
 * Sizes of the convolutional encoder/decoder (spec dynae.md §2, paper Table S2). The encoder applies one
 * convolution (kernel 4, stride 2, padding 1, ReLU) per entry of {@code filters}, halving the 64x64 frame each
 * time (to 4x4 with the paper's four), then a 1x1 convolution to {@code width / (side * side)} channels so that
 * the flattened map has {@code width} values, then a linear map to d. The decoder mirrors it: d -> width (ReLU)
 * -> {@code filters.last * side * side} (ReLU), reshape, then transposed convolutions through the filters in
 * reverse order to the data's channels, ReLU between them and a linear output.
 *
 * @param filters output channels of the strided convolutions, in encoder order (paper: 32, 32, 64, 64)
 * @param width size of the flattened bottleneck and of the decoder's first hidden layer (256); a multiple of
 *     {@code side * side} where {@code side = 64 / 2^filters.size()}
 */
public record ConvOptions(List<Integer> filters, int width) {
  /** Height and width of the frames the networks take. */
  public static final int IMAGE_SIDE = 64;

  public ConvOptions {
    if (filters == null || filters.isEmpty() || filters.size() > 6) {
      throw new IllegalArgumentException("filters must list 1 to 6 channel counts, got " + filters);
    }
    for (Integer f : filters) {
      if (f == null || f < 1) {
        throw new IllegalArgumentException("filters must be >= 1, got " + filters);
      }
    }
    filters = List.copyOf(filters);
    int side = IMAGE_SIDE >> filters.size();
    if (width < 1 || width % (side * side) != 0) {
      throw new IllegalArgumentException("width must be a positive multiple of " + side * side + " (the " + side + "x"
          + side + " map after " + filters.size() + " stride-2 convolutions), got " + width);
    }
  }

  /** The paper's sizes: filters 32, 32, 64, 64 and width 256. */
  public static ConvOptions defaults() {
    return new ConvOptions(List.of(32, 32, 64, 64), 256);
  }

  /** Side of the feature map after the strided convolutions. */
  public int side() {
    return IMAGE_SIDE >> filters.size();
  }

  /** Channels of the 1x1 reduction. */
  public int reducedChannels() {
    return width / (side() * side());
  }

  /** Values per frame of {@code channels} channels. */
  public static int frameSize(int channels) {
    return channels * IMAGE_SIDE * IMAGE_SIDE;
  }

  /**
   * The channels of frames with {@code features} values.
   *
   * @throws IllegalArgumentException when {@code features} is not a whole number of 64x64 channels
   */
  public static int channelsOf(int features) {
    int plane = IMAGE_SIDE * IMAGE_SIDE;
    if (features < plane || features % plane != 0) {
      throw new IllegalArgumentException("the convolutional networks need frames of C x " + IMAGE_SIDE + " x "
          + IMAGE_SIDE + " values; got " + features + " features per frame");
    }
    return features / plane;
  }
}

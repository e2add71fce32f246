package org.latentdyn.movies;

import java.util.List;
import java.util.Map;

/**
 * A seeded stream of image frames {@code [channels, SIZE, SIZE]} with values in {@code [0, 1]} and their ground
 * truth {@code [factors]}. {@link #next} renders the current state and then advances the dynamics, so frame 0 shows
 * the initial state. Same seed, same frames.
 */
public interface MovieGenerator {
  /** Frame height and width in pixels. */
  int SIZE = 64;

  /** The name used on the command line, for example {@code dsprites3}. */
  String name();

  /** 1 (grey) or 3 (RGB). */
  int channels();

  /** The names of the ground-truth columns in order. */
  List<String> truthColumns();

  /**
   * Writes the current frame into {@code frame[offset ...]} ({@code channels * SIZE * SIZE} values, C order) and
   * its ground truth into {@code truth[0 ...]}, then advances one step.
   */
  void next(float[] frame, int offset, float[] truth);

  /** The parameters of the generator for run.json. */
  Map<String, Object> describe();

  /** Markdown lines for the output README: how the frames are made and what each truth column means. */
  String readme();
}

package org.latentdyn.kinetics;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Fixed-size blocks of points processed in parallel. Partial results are kept per chunk and reduced in chunk
 * order by the caller, so results do not depend on the number of threads.
 */
final class Chunks {
  static final int SIZE = 8192;

  private Chunks() {}

  static int count(int n) {
    return (n + SIZE - 1) / SIZE;
  }

  static int start(int chunk) {
    return chunk * SIZE;
  }

  static int end(int chunk, int n) {
    return Math.min(n, (chunk + 1) * SIZE);
  }

  /** Runs {@code body} for every chunk of {@code n} points, in parallel where there are several. */
  static void forEach(int n, IntConsumer body) {
    int chunks = count(n);
    if (chunks <= 1) {
      for (int c = 0; c < chunks; c++) {
        body.accept(c);
      }
    } else {
      IntStream.range(0, chunks).parallel().forEach(body);
    }
  }
}

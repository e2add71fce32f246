package org.latentdyn.analysis;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Centres in a uniform spatial hash grid over the first {@code g = min(dim, 4)} coordinates, with cell size
 * {@code radius * (1 + 1e-6)} (the margin keeps rounding in {@code floor(x / cell)} from moving a point two
 * cells away). Distances in those coordinates bound full distances from below, so every centre within
 * {@code radius} of a point lies in the {@code 3^g} cells around the point's cell, whatever {@code dim} is.
 * Cells are hashed to 64-bit keys; two cells that share a key only share a candidate list, and every
 * candidate's true distance is checked, so collisions cost time, never correctness.
 */
final class CenterGrid {
  private static final int MAX_GRID_DIMS = 4;

  private final int dim;
  private final int gridDims;
  private final double radius;
  private final double invCell;
  private final long[][] neighbourOffsets;
  private final ConcurrentHashMap<Integer, long[][]> rings = new ConcurrentHashMap<>();

  private double[] centers;
  private int count;
  private int[] next;

  // open-addressing map: cell key -> index of the most recent centre in that cell (or -1)
  private long[] keys;
  private int[] heads;
  private int used;

  private final long[] cellScratch;

  CenterGrid(int dim, double radius, int capacityHint) {
    this.dim = dim;
    this.gridDims = Math.min(dim, MAX_GRID_DIMS);
    this.radius = radius;
    this.invCell = 1.0 / (radius * (1 + 1e-6));
    this.neighbourOffsets = offsets(gridDims, 1);
    int cap = Math.max(16, capacityHint);
    this.centers = new double[cap * dim];
    this.next = new int[cap];
    int tableSize = Integer.highestOneBit(Math.max(16, cap * 2) - 1) << 1;
    this.keys = new long[tableSize];
    this.heads = new int[tableSize];
    Arrays.fill(heads, -1);
    this.cellScratch = new long[gridDims];
  }

  int count() {
    return count;
  }

  double[] centers() {
    return Arrays.copyOf(centers, count * dim);
  }

  /** Whether some centre lies within squared distance {@code r2} (inclusive) of point {@code p[off..]}. */
  boolean anyWithin(double[] p, int off, double r2) {
    long[] c = cellOf(p, off, cellScratch);
    for (long[] o : neighbourOffsets) {
      for (int k = head(key(c, o)); k >= 0; k = next[k]) {
        if (dist2(p, off, k) <= r2) {
          return true;
        }
      }
    }
    return false;
  }

  /** Adds point {@code p[off..]} as a new centre and returns its index. */
  int add(double[] p, int off) {
    if (count == next.length) {
      int cap = next.length * 2;
      centers = Arrays.copyOf(centers, cap * dim);
      next = Arrays.copyOf(next, cap);
    }
    int k = count++;
    System.arraycopy(p, off, centers, k * dim, dim);
    long key = key(cellOf(p, off, cellScratch), null);
    int slot = slot(key);
    if (heads[slot] < 0) {
      keys[slot] = key;
      used++;
    }
    next[k] = heads[slot];
    heads[slot] = k;
    if (used * 2 > keys.length) {
      rehash();
    }
    return k;
  }

  /**
   * Index of the nearest centre to point {@code p[off..]}, ties to the lower index. Searches Chebyshev rings
   * of cells outwards until no unseen cell can hold a closer centre; falls back to a scan of all centres
   * once a ring would hold more cells than there are centres.
   */
  int nearest(double[] p, int off) {
    long[] c = cellOf(p, off, new long[gridDims]);
    int best = -1;
    double bestD2 = Double.POSITIVE_INFINITY;
    for (int r = 0; ; r++) {
      long blockCells = pow(2L * r + 1, gridDims);
      if (r >= 2 && blockCells > 4L * count + 64) {
        return nearestBruteForce(p, off);
      }
      long[][] ring = r == 0 ? new long[][] {new long[gridDims]}
          : r == 1 ? neighbourOffsets : rings.computeIfAbsent(r, rr -> offsets(gridDims, rr));
      for (long[] o : ring) {
        if (r == 1 && isZero(o)) {
          continue;
        }
        for (int k = head(key(c, o)); k >= 0; k = next[k]) {
          double d2 = dist2(p, off, k);
          if (d2 < bestD2 || (d2 == bestD2 && k < best)) {
            bestD2 = d2;
            best = k;
          }
        }
      }
      double reach = r * radius; // every centre outside rings 0..r is at least this far (cell > radius)
      if (best >= 0 && bestD2 < reach * reach) {
        return best;
      }
    }
  }

  private int nearestBruteForce(double[] p, int off) {
    int best = 0;
    double bestD2 = Double.POSITIVE_INFINITY;
    for (int k = 0; k < count; k++) {
      double d2 = dist2(p, off, k);
      if (d2 < bestD2) {
        bestD2 = d2;
        best = k;
      }
    }
    return best;
  }

  private double dist2(double[] p, int off, int k) {
    int base = k * dim;
    double s = 0;
    for (int j = 0; j < dim; j++) {
      double t = p[off + j] - centers[base + j];
      s += t * t;
    }
    return s;
  }

  private long[] cellOf(double[] p, int off, long[] out) {
    for (int j = 0; j < gridDims; j++) {
      out[j] = (long) Math.floor(p[off + j] * invCell);
    }
    return out;
  }

  private long key(long[] c, long[] offset) {
    long h = 0x9E3779B97F4A7C15L;
    for (int j = 0; j < gridDims; j++) {
      long v = offset == null ? c[j] : c[j] + offset[j];
      h = (h ^ v) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return h;
  }

  private int head(long key) {
    int mask = keys.length - 1;
    for (int s = (int) key & mask; ; s = (s + 1) & mask) {
      if (heads[s] < 0) {
        return -1;
      }
      if (keys[s] == key) {
        return heads[s];
      }
    }
  }

  private int slot(long key) {
    int mask = keys.length - 1;
    int s = (int) key & mask;
    while (heads[s] >= 0 && keys[s] != key) {
      s = (s + 1) & mask;
    }
    return s;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldHeads = heads;
    keys = new long[oldKeys.length * 2];
    heads = new int[oldKeys.length * 2];
    Arrays.fill(heads, -1);
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldHeads[s] >= 0) {
        int t = slot(oldKeys[s]);
        keys[t] = oldKeys[s];
        heads[t] = oldHeads[s];
      }
    }
  }

  private static boolean isZero(long[] o) {
    for (long v : o) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  private static long pow(long base, int exp) {
    long r = 1;
    for (int i = 0; i < exp; i++) {
      r *= base;
    }
    return r;
  }

  /**
   * Offsets with Chebyshev norm {@code <= 1} (for {@code r == 1}, zero offset first) or exactly {@code r}
   * (for {@code r >= 2}).
   */
  private static long[][] offsets(int g, int r) {
    int side = 2 * r + 1;
    int total = (int) pow(side, g);
    long[][] all = new long[total][];
    int n = 0;
    if (r == 1) {
      all[n++] = new long[g];
    }
    for (int idx = 0; idx < total; idx++) {
      long[] o = new long[g];
      int rest = idx;
      int norm = 0;
      for (int j = 0; j < g; j++) {
        o[j] = (rest % side) - r;
        rest /= side;
        norm = Math.max(norm, (int) Math.abs(o[j]));
      }
      if (r == 1 ? norm != 0 : norm == r) {
        all[n++] = o;
      }
    }
    return Arrays.copyOf(all, n);
  }
}

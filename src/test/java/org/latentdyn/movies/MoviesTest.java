package org.latentdyn.movies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each movie's factors read back from its frames; the factor walk's stationary law; determinism and ranges. */
class MoviesTest {
  private static final int N = MovieGenerator.SIZE * MovieGenerator.SIZE;

  @Test
  void reflectionFoldsEveryIntegerOntoTheGrid() {
    assertEquals(0, FactorWalk.reflect(-1, 6));
    assertEquals(1, FactorWalk.reflect(-2, 6));
    assertEquals(5, FactorWalk.reflect(6, 6));
    assertEquals(4, FactorWalk.reflect(7, 6));
    assertEquals(0, FactorWalk.reflect(12, 6));
    assertEquals(0, FactorWalk.reflect(0, 1));
    assertEquals(0, FactorWalk.reflect(-7, 1));
    FactorWalk wild = new FactorWalk(6, 40, new SplittableRandom(1));
    for (int i = 0; i < 20_000; i++) {
      int k = wild.step();
      assertTrue(k >= 0 && k < 6, "index " + k);
    }
  }

  @Test
  void walksFromTheEdgeBecomeUniform() {
    // many independent walks started at index 0; after a few mixing times the end points are uniform
    checkUniform(6, 1.0, 300, 12_000);
    checkUniform(32, 3.0, 800, 12_000);
  }

  private static void checkUniform(int levels, double sd, int steps, int walks) {
    SplittableRandom root = new SplittableRandom(7);
    long[] counts = new long[levels];
    for (int w = 0; w < walks; w++) {
      FactorWalk walk = new FactorWalk(levels, sd, root.split(), 0);
      for (int s = 0; s < steps; s++) {
        walk.step();
      }
      counts[walk.index()]++;
    }
    double expected = (double) walks / levels;
    double chi2 = 0;
    for (long c : counts) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    // p = 0.001 critical values: 20.5 for 5 degrees of freedom, 61.1 for 31
    double critical = levels == 6 ? 20.5 : 61.1;
    assertTrue(chi2 < critical, "chi-square " + chi2 + " for " + Arrays.toString(counts));
    double se = Math.sqrt(expected * (1 - 1.0 / levels));
    for (long c : counts) {
      assertTrue(Math.abs(c - expected) < 4.5 * se, "count " + c + " vs " + expected + " +- " + se);
    }
  }

  @Test
  void oneLongWalkVisitsEveryLevelEqually() {
    // a single walk: per-level frequency within 5 standard errors from batch means (correlated samples)
    FactorWalk walk = new FactorWalk(6, 1.0, new SplittableRandom(3));
    int batches = 100;
    int perBatch = 4_000;
    double[][] freq = new double[batches][6];
    for (int b = 0; b < batches; b++) {
      for (int s = 0; s < perBatch; s++) {
        freq[b][walk.step()] += 1.0 / perBatch;
      }
    }
    for (int k = 0; k < 6; k++) {
      double mean = 0;
      for (double[] f : freq) {
        mean += f[k] / batches;
      }
      double var = 0;
      for (double[] f : freq) {
        var += (f[k] - mean) * (f[k] - mean) / (batches - 1);
      }
      double se = Math.sqrt(var / batches);
      assertTrue(Math.abs(mean - 1.0 / 6) < 5 * se + 1e-3, "level " + k + ": " + mean + " +- " + se);
    }
  }

  @Test
  void heartCentroidIsAtItsPosition() {
    for (boolean withScale : new boolean[] {false, true}) {
      DSprites g = new DSprites(new DSprites.Options(withScale, 3, TruthUnits.VALUE, 11));
      float[] frame = new float[N];
      float[] truth = new float[withScale ? 3 : 2];
      for (int f = 0; f < 20; f++) {
        g.next(frame, 0, truth);
        double[] c = centroid(frame, 0);
        double x = truth[withScale ? 1 : 0];
        double y = truth[withScale ? 2 : 1];
        assertEquals(DSprites.pixel(x), c[0], 0.05, "column of frame " + f);
        assertEquals(DSprites.pixel(y), c[1], 0.05, "row of frame " + f);
        if (withScale) {
          assertEquals(Heart.area(truth[0]), sum(frame, 0, N), 0.02 * Heart.area(truth[0]));
        }
      }
    }
  }

  @Test
  void indexTruthIsTheGridIndexOfTheValueTruth() {
    for (String name : List.of("dsprites2", "dsprites3", "shapes3d-like")) {
      MovieGenerator byIndex = Movies.generator(name, 2.0, 21);
      MovieGenerator byValue = Movies.generator(name, 2.0, TruthUnits.VALUE, 21);
      List<Factor> grids = name.startsWith("shapes")
          ? List.of(Shapes3dLike.FLOOR_HUE, Shapes3dLike.WALL_HUE, Shapes3dLike.OBJECT_HUE, Shapes3dLike.SCALE,
              Shapes3dLike.ORIENTATION)
          : name.equals("dsprites3") ? List.of(DSprites.SCALE, DSprites.POS_X, DSprites.POS_Y)
          : List.of(DSprites.POS_X, DSprites.POS_Y);
      int c = byIndex.channels();
      float[] f1 = new float[c * N];
      float[] f2 = new float[c * N];
      float[] t1 = new float[grids.size()];
      float[] t2 = new float[grids.size()];
      for (int f = 0; f < 30; f++) {
        byIndex.next(f1, 0, t1);
        byValue.next(f2, 0, t2);
        assertArrayEquals(f1, f2, name + " frame " + f + " depends on the truth units");
        for (int k = 0; k < grids.size(); k++) {
          int i = Math.round(t1[k]);
          assertEquals(i, t1[k], 0.0, name + " column " + k + " is not an index");
          assertTrue(i >= 0 && i < grids.get(k).levels());
          assertEquals(grids.get(k).value(i), t2[k], 1e-6, name + " column " + k + " frame " + f);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> TruthUnits.named("pixels"));
    assertEquals(TruthUnits.VALUE, TruthUnits.named(" Value "));
  }

  @Test
  void heartAreaGrowsWithScale() {
    double last = 0;
    for (double s : DSprites.SCALE.values()) {
      float[] img = new float[N];
      Heart.draw(img, 0, 64, 32, 32, s, 1f);
      double area = sum(img, 0, N);
      assertEquals(Heart.area(s), area, 0.02 * area, "scale " + s);
      assertEquals(s * s / 0.25, area / Heart.area(0.5), 0.05, "area ratio at scale " + s);
      assertTrue(area > last);
      last = area;
    }
  }

  @Test
  void blobCentroidIsItsCentre() {
    double[] clean = new double[N];
    DnaBlob.renderSpot(clean, 23.3, 40.8, 100, 3.5, 2, 0.7);
    double[] exact = centroid(toFloat(clean), 0);
    assertEquals(23.3, exact[0], 0.02);
    assertEquals(40.8, exact[1], 0.02);

    DnaBlob g = new DnaBlob(DnaBlob.Options.defaults(1.5, 5));
    float[] frame = new float[N];
    float[] truth = new float[2];
    for (int f = 0; f < 30; f++) {
      g.next(frame, 0, truth);
      float[] sorted = frame.clone();
      Arrays.sort(sorted);
      float background = sorted[N / 2];
      // localise as one would a real spot: the brightest 3x3 box, then the background-subtracted centroid of the
      // pixels within 10 px of it
      int best = 0;
      double bestSum = -1;
      for (int r = 1; r < 63; r++) {
        for (int c = 1; c < 63; c++) {
          double box = 0;
          for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
              box += frame[(r + dr) * 64 + c + dc];
            }
          }
          if (box > bestSum) {
            bestSum = box;
            best = r * 64 + c;
          }
        }
      }
      float[] signal = new float[N];
      for (int i = 0; i < N; i++) {
        int dr = i / 64 - best / 64;
        int dc = i % 64 - best % 64;
        signal[i] = dr * dr + dc * dc <= 100 ? frame[i] - background : 0;
      }
      double[] cc = centroid(signal, 0);
      assertEquals(truth[0], cc[0], 1.0, "x of frame " + f);
      assertEquals(truth[1], cc[1], 1.0, "y of frame " + f);
      assertTrue(truth[0] >= 10 && truth[0] <= 54 && truth[1] >= 10 && truth[1] <= 54);
    }
  }

  @Test
  void floorWallAndObjectHuesReadBack() {
    Shapes3dLike g = new Shapes3dLike(new Shapes3dLike.Options(2, TruthUnits.VALUE, 13));
    float[] frame = new float[3 * N];
    float[] truth = new float[5];
    for (int f = 0; f < 20; f++) {
      g.next(frame, 0, truth);
      assertEquals(truth[0], hue(frame, 62, 3), 1e-3, "floor hue of frame " + f);
      assertEquals(truth[0], hue(frame, 50, 60), 1e-3, "floor hue of frame " + f);
      assertEquals(truth[1], hue(frame, 5, 32), 1e-3, "wall hue of frame " + f);
      assertEquals(truth[1], hue(frame, 20, 2), 1e-3, "side wall hue of frame " + f);
      // the ray through the projected box centre hits the box
      double hs = 0.3 * truth[3];
      int row = (int) Math.floor(Shapes3dLike.CY + Shapes3dLike.F * (1 - hs) / Shapes3dLike.OBJECT_Z);
      assertEquals(truth[2], hue(frame, row, 32), 1e-3, "object hue of frame " + f);
    }
  }

  @Test
  void objectCoversMorePixelsAtLargerScale() {
    int last = 0;
    for (double s : Shapes3dLike.SCALE.values()) {
      float[] frame = new float[3 * N];
      Shapes3dLike.render(frame, 0, 0.0, 0.3, 0.6, s, 10);
      int count = 0;
      for (int p = 0; p < N; p++) {
        // blue-ish (object hue 0.6) pixels
        if (frame[2 * N + p] > frame[p] && frame[2 * N + p] > frame[N + p]) {
          count++;
        }
      }
      assertTrue(count > last, "scale " + s + ": " + count + " object pixels, not more than " + last);
      last = count;
    }
    float[] a = new float[3 * N];
    float[] b = new float[3 * N];
    Shapes3dLike.render(a, 0, 0.0, 0.3, 0.6, 1, -30);
    Shapes3dLike.render(b, 0, 0.0, 0.3, 0.6, 1, 30);
    assertFalse(Arrays.equals(a, b), "orientation changes the image");
  }

  @Test
  void sameSeedSameFramesAndValuesInUnitRange() {
    for (String name : Movies.NAMES) {
      float[] a = frames(Movies.generator(name, null, 4), 30);
      float[] b = frames(Movies.generator(name, null, 4), 30);
      float[] c = frames(Movies.generator(name, null, 5), 30);
      assertArrayEquals(a, b, name);
      assertFalse(Arrays.equals(a, c), name + ": another seed gives another movie");
      for (float v : a) {
        assertTrue(v >= 0 && v <= 1, name + ": value " + v);
      }
    }
  }

  @Test
  void badOptionsNameTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Movies.generator("dsprites3", -1.0, 1));
    assertEquals("stepSd must be a finite number >= 0, got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Movies.generator("dsprites4", null, 1));
    assertTrue(e.getMessage().contains("dsprites4") && e.getMessage().contains("shapes3d-like"), e.getMessage());
  }

  private static float[] frames(MovieGenerator g, int n) {
    int len = g.channels() * N;
    float[] out = new float[n * len];
    float[] truth = new float[g.truthColumns().size()];
    for (int i = 0; i < n; i++) {
      g.next(out, i * len, truth);
    }
    return out;
  }

  private static double hue(float[] frame, int row, int col) {
    int p = row * 64 + col;
    return Shapes3dLike.rgbToHue(frame[p], frame[N + p], frame[2 * N + p]);
  }

  private static double[] centroid(float[] img, int offset) {
    double s = 0;
    double sx = 0;
    double sy = 0;
    for (int r = 0; r < 64; r++) {
      for (int c = 0; c < 64; c++) {
        double v = img[offset + r * 64 + c];
        s += v;
        sx += v * (c + 0.5);
        sy += v * (r + 0.5);
      }
    }
    return new double[] {sx / s, sy / s};
  }

  private static double sum(float[] img, int offset, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += img[offset + i];
    }
    return s;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}

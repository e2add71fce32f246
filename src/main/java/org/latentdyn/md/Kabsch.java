package org.latentdyn.md;

import java.util.Arrays;
import org.latentdyn.data.Trajectory;

/**
 * Optimal superposition of a frame of {@code n} atoms onto a reference: the proper rotation {@code R}
 * ({@code det R = +1}) and translation {@code t} that minimise the weighted squared deviation
 * {@code sum_i w_i ||R x_i + t - y_i||^2} over the fit atoms (Kabsch 1976, Acta Cryst. A32:922).
 *
 * <p>Solved with unit quaternions (Horn 1987, J. Opt. Soc. Am. A 4:629; the key matrix of Theobald 2005,
 * Acta Cryst. A61:478, Eq. 6): with centred coordinates and {@code S_ab = sum_i w_i x'_ia y'_ib}, the optimal
 * rotation is the one of the eigenvector of the largest eigenvalue {@code lambda} of the symmetric 4x4 matrix
 * {@code N(S)}, and the minimum is {@code G_x + G_y - 2 lambda}. A quaternion always describes a proper
 * rotation, so a mirror image is never reflected back (where SVD-based Kabsch needs the {@code sign(det)}
 * correction). {@code lambda} is found as in QCP (Theobald 2005; Liu, Agrafiotis &amp; Theobald 2010,
 * J. Comput. Chem. 31:1561), by Newton's method on the characteristic polynomial, and the eigenvector as a
 * column of the adjugate of {@code N - lambda I}; when {@code lambda} is (nearly) degenerate (collinear
 * atoms), where that column vanishes, cyclic Jacobi rotations give the eigenvector instead.
 *
 * <p>Frames are flat arrays of {@code 3n} coordinates {@code x0, y0, z0, x1, ...}; a trajectory is
 * {@code [frames, 3n]} row-major, frame {@code f} at offset {@code 3 n f}. The transform is fitted on the
 * fit atoms and applied to all atoms; the aligned frame lies where the reference lies. The RMSD is the
 * weighted RMSD over the fit atoms after superposition, {@code sqrt(sum_i w_i ||R x_i + t - y_i||^2 /
 * sum_i w_i)}, in the units of the coordinates. An instance is immutable and thread-safe; the bulk methods
 * allocate nothing per frame.
 */
public final class Kabsch {
  private static final int MAX_SWEEPS = 50;

  private final int atoms;
  private final int[] fit;
  private final double[] weights;
  private final double totalWeight;
  private final double[] reference;
  private final double[] referenceCentroid;
  private final double referenceSquares;

  /**
   * What is fitted.
   *
   * @param atoms indices of the fit atoms, distinct, {@code >= 0}; {@code null} for all atoms
   * @param weights one non-negative weight per fit atom (same order as {@code atoms}, or as the atoms of the
   *     frame when {@code atoms} is {@code null}), with a positive sum; {@code null} for equal weights
   * @param removeMean for {@link #align(Trajectory, int, Options)} only: subtract the mean of every aligned
   *     coordinate over the frames, leaving the fluctuations about the mean structure
   */
  public record Options(int[] atoms, double[] weights, boolean removeMean) {
    /** All atoms, equal weights, mean kept. */
    public static final Options DEFAULT = new Options(null, null, false);

    public Options {
      if (atoms != null) {
        if (atoms.length == 0) {
          throw new IllegalArgumentException("atoms must name at least one fit atom, got none");
        }
        int[] sorted = atoms.clone();
        Arrays.sort(sorted);
        if (sorted[0] < 0) {
          throw new IllegalArgumentException("atoms must be >= 0, got " + sorted[0]);
        }
        for (int i = 1; i < sorted.length; i++) {
          if (sorted[i] == sorted[i - 1]) {
            throw new IllegalArgumentException("atoms must be distinct, got " + sorted[i] + " twice");
          }
        }
        atoms = atoms.clone();
      }
      if (weights != null) {
        if (atoms != null && weights.length != atoms.length) {
          throw new IllegalArgumentException("weights has length " + weights.length
              + ", expected one per fit atom = " + atoms.length);
        }
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
          if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
            throw new IllegalArgumentException("weights[" + i + "] must be finite and >= 0, got " + weights[i]);
          }
          sum += weights[i];
        }
        if (!(sum > 0)) {
          throw new IllegalArgumentException("weights must have a positive sum, got " + sum);
        }
        weights = weights.clone();
      }
    }

    /** A copy of the fit atoms, or {@code null} for all. */
    @Override
    public int[] atoms() {
      return atoms == null ? null : atoms.clone();
    }

    /** A copy of the weights, or {@code null} for equal weights. */
    @Override
    public double[] weights() {
      return weights == null ? null : weights.clone();
    }

    public Options withAtoms(int... newAtoms) {
      return new Options(newAtoms, weights, removeMean);
    }

    public Options withWeights(double... newWeights) {
      return new Options(atoms, newWeights, removeMean);
    }

    public Options withRemoveMean(boolean newRemoveMean) {
      return new Options(atoms, weights, newRemoveMean);
    }
  }

  /**
   * A fitted superposition {@code x -> R x + t}.
   *
   * @param rotation {@code R}, row-major 3x3, proper ({@code det R = +1})
   * @param translation {@code t}
   * @param rmsd weighted RMSD over the fit atoms after superposition
   */
  public record Superposition(double[] rotation, double[] translation, double rmsd) {
    public Superposition {
      if (rotation == null || rotation.length != 9) {
        throw new IllegalArgumentException("rotation must hold 9 values (row-major 3x3), got "
            + (rotation == null ? "null" : rotation.length));
      }
      if (translation == null || translation.length != 3) {
        throw new IllegalArgumentException("translation must hold 3 values, got "
            + (translation == null ? "null" : translation.length));
      }
      rotation = rotation.clone();
      translation = translation.clone();
    }

    @Override
    public double[] rotation() {
      return rotation.clone();
    }

    @Override
    public double[] translation() {
      return translation.clone();
    }

    /** {@code R x + t} for every atom of {@code xyz} ({@code 3n} values), as a new array. */
    public double[] apply(double[] xyz) {
      checkFrame("xyz", xyz);
      double[] out = new double[xyz.length];
      for (int i = 0; i < xyz.length; i += 3) {
        double x = xyz[i];
        double y = xyz[i + 1];
        double z = xyz[i + 2];
        out[i] = rotation[0] * x + rotation[1] * y + rotation[2] * z + translation[0];
        out[i + 1] = rotation[3] * x + rotation[4] * y + rotation[5] * z + translation[1];
        out[i + 2] = rotation[6] * x + rotation[7] * y + rotation[8] * z + translation[2];
      }
      return out;
    }
  }

  private Kabsch(double[] ref, Options options) {
    checkFrame("reference", ref);
    for (int i = 0; i < ref.length; i++) {
      if (!Double.isFinite(ref[i])) {
        throw new IllegalArgumentException("reference has a non-finite value " + ref[i] + " at atom " + i / 3
            + ", coordinate " + i % 3);
      }
    }
    if (options == null) {
      throw new IllegalArgumentException("options must not be null; use Kabsch.Options.DEFAULT");
    }
    atoms = ref.length / 3;
    int[] a = options.atoms();
    if (a == null) {
      a = new int[atoms];
      for (int i = 0; i < atoms; i++) {
        a[i] = i;
      }
    }
    for (int i : a) {
      if (i >= atoms) {
        throw new IllegalArgumentException("fit atom " + i + " is out of range: the reference has " + atoms
            + " atoms");
      }
    }
    double[] w = options.weights();
    if (w == null) {
      w = new double[a.length];
      Arrays.fill(w, 1.0);
    } else if (w.length != a.length) {
      throw new IllegalArgumentException("weights has length " + w.length + ", expected one per fit atom = "
          + a.length);
    }
    fit = a;
    weights = w;
    double tw = 0;
    double[] c = new double[3];
    for (int i = 0; i < a.length; i++) {
      tw += w[i];
      for (int k = 0; k < 3; k++) {
        c[k] += w[i] * ref[3 * a[i] + k];
      }
    }
    totalWeight = tw;
    for (int k = 0; k < 3; k++) {
      c[k] /= tw;
    }
    referenceCentroid = c;
    reference = new double[3 * a.length];
    double g = 0;
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < 3; k++) {
        double v = ref[3 * a[i] + k] - c[k];
        reference[3 * i + k] = v;
        g += w[i] * v * v;
      }
    }
    referenceSquares = g;
  }

  /** Superposes onto {@code reference} ({@code 3n} coordinates, copied), all atoms, equal weights. */
  public static Kabsch onto(double[] reference) {
    return new Kabsch(reference, Options.DEFAULT);
  }

  /** As {@link #onto(double[])} for float coordinates. */
  public static Kabsch onto(float[] reference) {
    return new Kabsch(toDouble("reference", reference), Options.DEFAULT);
  }

  /**
   * Superposes onto {@code reference} ({@code 3n} coordinates, copied) over the fit atoms and weights of
   * {@code options}.
   *
   * @throws IllegalArgumentException when {@code reference} is not {@code 3n} finite values or a fit atom is
   *     out of range
   */
  public static Kabsch onto(double[] reference, Options options) {
    return new Kabsch(reference, options);
  }

  /** As {@link #onto(double[], Options)} for float coordinates. */
  public static Kabsch onto(float[] reference, Options options) {
    return new Kabsch(toDouble("reference", reference), options);
  }

  /** Atoms per frame {@code n}. */
  public int atoms() {
    return atoms;
  }

  /** The optimal superposition of {@code frame} ({@code 3n} values) onto the reference. */
  public Superposition fit(double[] frame) {
    checkLength("frame", frame == null ? -1 : frame.length);
    Work w = new Work(fit.length);
    gather(frame, 0, w);
    solve(w);
    return new Superposition(w.r, w.t, w.rmsd);
  }

  /** As {@link #fit(double[])} for float coordinates. */
  public Superposition fit(float[] frame) {
    checkLength("frame", frame == null ? -1 : frame.length);
    Work w = new Work(fit.length);
    gather(frame, 0, w);
    solve(w);
    return new Superposition(w.r, w.t, w.rmsd);
  }

  /** The RMSD of {@code frame} ({@code 3n} values) from the reference after optimal superposition. */
  public double rmsd(double[] frame) {
    return fit(frame).rmsd();
  }

  /** As {@link #rmsd(double[])} for float coordinates. */
  public double rmsd(float[] frame) {
    return fit(frame).rmsd();
  }

  /** {@code frame} ({@code 3n} values) superposed onto the reference, as a new array. */
  public double[] aligned(double[] frame) {
    double[] out = frame.clone();
    alignInPlace(out, 0);
    return out;
  }

  /** As {@link #aligned(double[])} for float coordinates. */
  public float[] aligned(float[] frame) {
    float[] out = frame.clone();
    alignInPlace(out, 0);
    return out;
  }

  /**
   * Superposes frame {@code frame} of the flat array {@code frames} ({@code [frames, 3n]}) onto the reference,
   * in place.
   *
   * @return the RMSD after superposition
   */
  public double alignInPlace(float[] frames, int frame) {
    checkFrameIndex(frames == null ? -1 : frames.length, frame);
    Work w = new Work(fit.length);
    return alignOne(frames, frame, w);
  }

  /** As {@link #alignInPlace(float[], int)} for double coordinates. */
  public double alignInPlace(double[] frames, int frame) {
    checkFrameIndex(frames == null ? -1 : frames.length, frame);
    Work w = new Work(fit.length);
    gather(frames, frame * 3 * atoms, w);
    solve(w);
    apply(w, frames, frame * 3 * atoms);
    return w.rmsd;
  }

  /**
   * Superposes every frame of {@code frames} ({@code [frames, 3n]}, flat) onto the reference, in place, with
   * no allocation per frame.
   *
   * @return the RMSD of each frame after superposition
   */
  public double[] alignAll(float[] frames) {
    int stride = 3 * atoms;
    if (frames == null || frames.length % stride != 0) {
      throw new IllegalArgumentException("frames has length " + (frames == null ? "null" : frames.length)
          + ", not a multiple of 3n = " + stride);
    }
    int count = frames.length / stride;
    double[] rmsd = new double[count];
    Work w = new Work(fit.length);
    for (int f = 0; f < count; f++) {
      rmsd[f] = alignOne(frames, f, w);
    }
    return rmsd;
  }

  /**
   * Every frame of {@code xyz} ({@code [frames, 3n]}) superposed onto its frame {@code referenceFrame}, as a
   * new trajectory; with {@link Options#removeMean()} the mean of every coordinate over the frames is then
   * subtracted.
   */
  public static Trajectory align(Trajectory xyz, int referenceFrame, Options options) {
    if (xyz == null) {
      throw new IllegalArgumentException("xyz must not be null");
    }
    if (referenceFrame < 0 || referenceFrame >= xyz.frames()) {
      throw new IllegalArgumentException("referenceFrame must be in [0, " + xyz.frames() + "), got "
          + referenceFrame);
    }
    Kabsch k = onto(xyz.frame(referenceFrame), options);
    float[] values = xyz.toArray();
    k.alignAll(values);
    if (options.removeMean()) {
      removeMean(values, xyz.features());
    }
    return Trajectory.wrap(values, xyz.frames(), xyz.features());
  }

  /**
   * Subtracts from every column of the flat array {@code frames} ({@code [frames, features]}) its mean over
   * the frames, in place (sums in double).
   *
   * @return the subtracted means, length {@code features} (for aligned frames, the mean structure)
   */
  public static double[] removeMean(float[] frames, int features) {
    if (features < 1 || frames.length == 0 || frames.length % features != 0) {
      throw new IllegalArgumentException("frames has length " + frames.length
          + ", expected a positive multiple of features = " + features);
    }
    int count = frames.length / features;
    double[] mean = new double[features];
    for (int f = 0; f < count; f++) {
      int o = f * features;
      for (int j = 0; j < features; j++) {
        mean[j] += frames[o + j];
      }
    }
    for (int j = 0; j < features; j++) {
      mean[j] /= count;
    }
    for (int f = 0; f < count; f++) {
      int o = f * features;
      for (int j = 0; j < features; j++) {
        frames[o + j] = (float) (frames[o + j] - mean[j]);
      }
    }
    return mean;
  }

  // ---------------------------------------------------------------- core

  /** Per-call scratch, so that an instance stays immutable and thread-safe. */
  private static final class Work {
    final double[] x;
    final double[] n = new double[16];
    final double[] v = new double[16];
    final double[] q = new double[4];
    final double[] eigenvectors = new double[16];
    final double[] r = new double[9];
    final double[] t = new double[3];
    double rmsd;

    Work(int fitAtoms) {
      x = new double[3 * fitAtoms];
    }
  }

  private double alignOne(float[] frames, int frame, Work w) {
    int o = frame * 3 * atoms;
    gather(frames, o, w);
    solve(w);
    double[] r = w.r;
    double[] t = w.t;
    for (int i = o, end = o + 3 * atoms; i < end; i += 3) {
      double x = frames[i];
      double y = frames[i + 1];
      double z = frames[i + 2];
      frames[i] = (float) (r[0] * x + r[1] * y + r[2] * z + t[0]);
      frames[i + 1] = (float) (r[3] * x + r[4] * y + r[5] * z + t[1]);
      frames[i + 2] = (float) (r[6] * x + r[7] * y + r[8] * z + t[2]);
    }
    return w.rmsd;
  }

  private void apply(Work w, double[] frames, int o) {
    double[] r = w.r;
    double[] t = w.t;
    for (int i = o, end = o + 3 * atoms; i < end; i += 3) {
      double x = frames[i];
      double y = frames[i + 1];
      double z = frames[i + 2];
      frames[i] = r[0] * x + r[1] * y + r[2] * z + t[0];
      frames[i + 1] = r[3] * x + r[4] * y + r[5] * z + t[1];
      frames[i + 2] = r[6] * x + r[7] * y + r[8] * z + t[2];
    }
  }

  private void gather(float[] frames, int o, Work w) {
    double[] x = w.x;
    for (int i = 0; i < fit.length; i++) {
      int s = o + 3 * fit[i];
      x[3 * i] = frames[s];
      x[3 * i + 1] = frames[s + 1];
      x[3 * i + 2] = frames[s + 2];
    }
  }

  private void gather(double[] frames, int o, Work w) {
    double[] x = w.x;
    for (int i = 0; i < fit.length; i++) {
      int s = o + 3 * fit[i];
      x[3 * i] = frames[s];
      x[3 * i + 1] = frames[s + 1];
      x[3 * i + 2] = frames[s + 2];
    }
  }

  /** Fits the gathered fit-atom coordinates {@code w.x}: fills {@code w.r}, {@code w.t}, {@code w.rmsd}. */
  private void solve(Work w) {
    double[] x = w.x;
    int m = fit.length;
    double cx = 0;
    double cy = 0;
    double cz = 0;
    for (int i = 0; i < m; i++) {
      double wi = weights[i];
      cx += wi * x[3 * i];
      cy += wi * x[3 * i + 1];
      cz += wi * x[3 * i + 2];
    }
    cx /= totalWeight;
    cy /= totalWeight;
    cz /= totalWeight;
    double sxx = 0, sxy = 0, sxz = 0, syx = 0, syy = 0, syz = 0, szx = 0, szy = 0, szz = 0;
    double gx = 0;
    for (int i = 0; i < m; i++) {
      double wi = weights[i];
      double ux = x[3 * i] - cx;
      double uy = x[3 * i + 1] - cy;
      double uz = x[3 * i + 2] - cz;
      gx += wi * (ux * ux + uy * uy + uz * uz);
      double px = wi * ux;
      double py = wi * uy;
      double pz = wi * uz;
      double qx = reference[3 * i];
      double qy = reference[3 * i + 1];
      double qz = reference[3 * i + 2];
      sxx += px * qx;
      sxy += px * qy;
      sxz += px * qz;
      syx += py * qx;
      syy += py * qy;
      syz += py * qz;
      szx += pz * qx;
      szy += pz * qy;
      szz += pz * qz;
    }
    // Horn (1987) Eq. 43 / Theobald (2005) Eq. 6: N(S), whose top eigenvector is the rotation x -> y.
    double[] n = w.n;
    n[0] = sxx + syy + szz;
    n[1] = syz - szy;
    n[2] = szx - sxz;
    n[3] = sxy - syx;
    n[5] = sxx - syy - szz;
    n[6] = sxy + syx;
    n[7] = szx + sxz;
    n[10] = -sxx + syy - szz;
    n[11] = syz + szy;
    n[15] = -sxx - syy + szz;
    n[4] = n[1];
    n[8] = n[2];
    n[12] = n[3];
    n[9] = n[6];
    n[13] = n[7];
    n[14] = n[11];
    double[] q = w.q;
    topEigenvector(n, 0.5 * (gx + referenceSquares), w);
    double q0 = q[0];
    double q1 = q[1];
    double q2 = q[2];
    double q3 = q[3];
    double norm = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
    q0 /= norm;
    q1 /= norm;
    q2 /= norm;
    q3 /= norm;
    double[] r = w.r;
    r[0] = q0 * q0 + q1 * q1 - q2 * q2 - q3 * q3;
    r[1] = 2 * (q1 * q2 - q0 * q3);
    r[2] = 2 * (q1 * q3 + q0 * q2);
    r[3] = 2 * (q1 * q2 + q0 * q3);
    r[4] = q0 * q0 - q1 * q1 + q2 * q2 - q3 * q3;
    r[5] = 2 * (q2 * q3 - q0 * q1);
    r[6] = 2 * (q1 * q3 - q0 * q2);
    r[7] = 2 * (q2 * q3 + q0 * q1);
    r[8] = q0 * q0 - q1 * q1 - q2 * q2 + q3 * q3;
    double[] t = w.t;
    t[0] = referenceCentroid[0] - (r[0] * cx + r[1] * cy + r[2] * cz);
    t[1] = referenceCentroid[1] - (r[3] * cx + r[4] * cy + r[5] * cz);
    t[2] = referenceCentroid[2] - (r[6] * cx + r[7] * cy + r[8] * cz);
    // The residual directly, not G_x + G_y - 2 lambda, so that a perfect fit gives an RMSD at rounding level.
    double e = 0;
    for (int i = 0; i < m; i++) {
      double px = x[3 * i] - cx;
      double py = x[3 * i + 1] - cy;
      double pz = x[3 * i + 2] - cz;
      double dx = r[0] * px + r[1] * py + r[2] * pz - reference[3 * i];
      double dy = r[3] * px + r[4] * py + r[5] * pz - reference[3 * i + 1];
      double dz = r[6] * px + r[7] * py + r[8] * pz - reference[3 * i + 2];
      e += weights[i] * (dx * dx + dy * dy + dz * dz);
    }
    w.rmsd = Math.sqrt(e / totalWeight);
  }


  /**
   * The eigenvector of the largest eigenvalue of the traceless symmetric {@code n} into {@code w.q}, as in
   * QCP (Theobald 2005; Liu, Agrafiotis &amp; Theobald 2010, J. Comput. Chem. 31:1561): Newton's method on the
   * characteristic polynomial {@code l^4 + c2 l^2 + c1 l + c0} from the upper bound {@code e0 = (G_x + G_y) / 2},
   * then the largest column of the adjugate of {@code n - l I}, which is parallel to the eigenvector when
   * {@code l} is simple. When it is (nearly) degenerate, the adjugate vanishes and Jacobi is used instead.
   */
  private static void topEigenvector(double[] n, double e0, Work w) {
    double tr2 = 0;
    for (int i = 0; i < 16; i++) {
      tr2 += n[i] * n[i];
    }
    double tr3 = 0;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double nij2 = 0;
        for (int k = 0; k < 4; k++) {
          nij2 += n[4 * i + k] * n[4 * k + j];
        }
        tr3 += nij2 * n[4 * j + i];
      }
    }
    double c2 = -0.5 * tr2;
    double c1 = -tr3 / 3;
    double c0 = det4(n);
    double l = e0;
    for (int it = 0; it < 50; it++) {
      double l2 = l * l;
      double p = (l2 + c2) * l2 + c1 * l + c0;
      double dp = (4 * l2 + 2 * c2) * l + c1;
      if (dp == 0) {
        break;
      }
      double step = p / dp;
      l -= step;
      if (Math.abs(step) <= 1e-15 * e0) {
        break;
      }
    }
    double[] a = w.v;
    for (int i = 0; i < 16; i++) {
      a[i] = n[i];
    }
    a[0] -= l;
    a[5] -= l;
    a[10] -= l;
    a[15] -= l;
    double best = -1;
    double[] q = w.q;
    for (int col = 0; col < 4; col++) {
      double c0v = cofactor(a, 0, col);
      double c1v = cofactor(a, 1, col);
      double c2v = cofactor(a, 2, col);
      double c3v = cofactor(a, 3, col);
      double norm = c0v * c0v + c1v * c1v + c2v * c2v + c3v * c3v;
      if (norm > best) {
        best = norm;
        q[0] = c0v;
        q[1] = c1v;
        q[2] = c2v;
        q[3] = c3v;
      }
    }
    double e3 = e0 * e0 * e0;
    if (!(best >= 1e-12 * e3 * e3)) { // |adj column| < 1e-6 e0^3: lambda (nearly) degenerate
      System.arraycopy(n, 0, a, 0, 16);
      double[] v = w.eigenvectors;
      jacobi(a, v);
      int top = 0;
      for (int k = 1; k < 4; k++) {
        if (a[5 * k] > a[5 * top]) {
          top = k;
        }
      }
      for (int k = 0; k < 4; k++) {
        q[k] = v[4 * k + top];
      }
    }
  }

  /** The cofactor {@code (-1)^(i+j) det(minor(a, i, j))} of the 4x4 row-major {@code a}. */
  private static double cofactor(double[] a, int i, int j) {
    int r0 = i == 0 ? 1 : 0;
    int r1 = i <= 1 ? 2 : 1;
    int r2 = i <= 2 ? 3 : 2;
    int k0 = j == 0 ? 1 : 0;
    int k1 = j <= 1 ? 2 : 1;
    int k2 = j <= 2 ? 3 : 2;
    double d = a[4 * r0 + k0] * (a[4 * r1 + k1] * a[4 * r2 + k2] - a[4 * r1 + k2] * a[4 * r2 + k1])
        - a[4 * r0 + k1] * (a[4 * r1 + k0] * a[4 * r2 + k2] - a[4 * r1 + k2] * a[4 * r2 + k0])
        + a[4 * r0 + k2] * (a[4 * r1 + k0] * a[4 * r2 + k1] - a[4 * r1 + k1] * a[4 * r2 + k0]);
    return ((i + j) & 1) == 0 ? d : -d;
  }

  /** The determinant of the 4x4 row-major {@code a}, by expansion along row 0. */
  static double det4(double[] a) {
    return a[0] * cofactor(a, 0, 0) + a[1] * cofactor(a, 0, 1) + a[2] * cofactor(a, 0, 2)
        + a[3] * cofactor(a, 0, 3);
  }

  /**
   * Cyclic Jacobi eigen-decomposition of the symmetric 4x4 {@code a} (row-major, overwritten: its diagonal
   * ends as the eigenvalues); the columns of {@code v} become the eigenvectors.
   */
  static void jacobi(double[] a, double[] v) {
    Arrays.fill(v, 0.0);
    v[0] = v[5] = v[10] = v[15] = 1.0;
    double scale = 0;
    for (int i = 0; i < 16; i++) {
      scale += a[i] * a[i];
    }
    if (scale == 0) {
      return;
    }
    double tol = scale * 1e-32;
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < 3; p++) {
        for (int q = p + 1; q < 4; q++) {
          off += a[4 * p + q] * a[4 * p + q];
        }
      }
      if (off <= tol) {
        return;
      }
      for (int p = 0; p < 3; p++) {
        for (int q = p + 1; q < 4; q++) {
          double apq = a[4 * p + q];
          if (apq == 0) {
            continue;
          }
          double theta = (a[5 * q] - a[5 * p]) / (2 * apq);
          double t = (theta >= 0 ? 1.0 : -1.0) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < 4; k++) {
            if (k != p && k != q) {
              double akp = a[4 * k + p];
              double akq = a[4 * k + q];
              double np = c * akp - s * akq;
              double nq = s * akp + c * akq;
              a[4 * k + p] = np;
              a[4 * p + k] = np;
              a[4 * k + q] = nq;
              a[4 * q + k] = nq;
            }
          }
          a[5 * p] -= t * apq;
          a[5 * q] += t * apq;
          a[4 * p + q] = 0;
          a[4 * q + p] = 0;
          for (int k = 0; k < 4; k++) {
            double vkp = v[4 * k + p];
            double vkq = v[4 * k + q];
            v[4 * k + p] = c * vkp - s * vkq;
            v[4 * k + q] = s * vkp + c * vkq;
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- checks

  private static void checkFrame(String name, double[] xyz) {
    if (xyz == null || xyz.length == 0 || xyz.length % 3 != 0) {
      throw new IllegalArgumentException(name + " must hold 3n > 0 coordinates (x, y, z per atom), got length "
          + (xyz == null ? "null" : xyz.length));
    }
  }

  private static double[] toDouble(String name, float[] xyz) {
    if (xyz == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    double[] out = new double[xyz.length];
    for (int i = 0; i < xyz.length; i++) {
      out[i] = xyz[i];
    }
    return out;
  }

  private void checkLength(String name, int length) {
    if (length != 3 * atoms) {
      throw new IllegalArgumentException(name + " has " + (length < 0 ? "no" : String.valueOf(length))
          + " coordinates, expected 3n = " + 3 * atoms + " as in the reference");
    }
  }

  private void checkFrameIndex(int length, int frame) {
    int stride = 3 * atoms;
    if (length < 0 || length % stride != 0) {
      throw new IllegalArgumentException("frames has length " + length + ", not a multiple of 3n = " + stride);
    }
    if (frame < 0 || frame >= length / stride) {
      throw new IllegalArgumentException("frame must be in [0, " + length / stride + "), got " + frame);
    }
  }
}

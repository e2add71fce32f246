package org.latentdyn.workflow;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.latentdyn.data.io.FeatureFolder;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyRowWriter;
import org.latentdyn.md.Dihedrals;
import org.latentdyn.md.FrameReader;
import org.latentdyn.md.FrameReaders;
import org.latentdyn.md.Kabsch;
import org.latentdyn.md.MultiFileReader;
import org.latentdyn.md.PdbReader;
import org.latentdyn.md.Topology;

/**
 * Turns molecular-dynamics trajectories into the features a model learns from (spec datasets.md "Molecular
 * dynamics"; DynAE paper §4): the Cartesian coordinates of a selection of atoms, every frame superposed (Kabsch)
 * onto a reference, optionally minus their mean; or the pairwise distances of the selection; or the backbone
 * torsions as (sin, cos). The backbone torsions phi and psi, found from the topology by atom names, are written
 * beside them as the ground truth. Frames are streamed file by file, so memory does not grow with the length of
 * the trajectories.
 */
public final class Featurize {
  private Featurize() {}

  /** What each row of {@code features.npy} holds. */
  public enum Features {
    /** x, y, z of the selected atoms in nm, after alignment: {@code [frames, 3 x atoms]}. */
    COORDINATES,
    /** distances between every pair of selected atoms in nm: {@code [frames, atoms (atoms - 1) / 2]}. */
    DISTANCES,
    /** sin and cos of every backbone torsion of the topology: {@code [frames, 2 x torsions]}. */
    DIHEDRALS
  }

  /**
   * Settings.
   *
   * @param selection atoms to keep ({@code heavy}, {@code backbone}, {@code all}, {@code name CA,CB},
   *     {@code index 0,4-8})
   * @param align {@code first} (the first frame), {@code none}, or the path of a PDB whose first model is the
   *     reference (same atoms as the topology)
   * @param removeMean subtract the mean over all frames from every feature
   * @param features what to compute
   */
  public record Options(String selection, String align, boolean removeMean, Features features) {
    public Options {
      if (selection == null || selection.isBlank()) {
        throw new IllegalArgumentException("selection must name atoms, got '" + selection + "'");
      }
      if (align == null || align.isBlank()) {
        throw new IllegalArgumentException("align must be first, none or a PDB path, got '" + align + "'");
      }
      if (features == null) {
        features = Features.COORDINATES;
      }
    }

    /** Heavy atoms, aligned to the first frame, mean kept, coordinates. */
    public static Options defaults() {
      return new Options("heavy", "first", false, Features.COORDINATES);
    }
  }

  /**
   * The outcome.
   *
   * @param frames frames written
   * @param columns features per frame
   * @param atoms topology indices of the selected atoms
   * @param selected the selected atoms (their own topology, in order)
   * @param reference the reference coordinates of the selected atoms, nm
   * @param ranges frame range of each input file
   * @param torsions the backbone torsions written to {@code dihedrals.npy} (empty when none was found)
   * @param meanRmsd mean RMSD to the reference after alignment, nm (NaN without alignment)
   * @param seconds wall time
   */
  public record Result(long frames, int columns, int[] atoms, Topology selected, float[] reference,
      List<FeatureFolder.Range> ranges, List<Topology.Dihedral> torsions, double meanRmsd, double seconds) {}

  /**
   * Streams {@code trajectories} (in order, each with the topology's atom count) into {@code out("features.npy")}
   * and, when the topology has a backbone, {@code out("dihedrals.npy")} (phi, psi, ... in radians).
   *
   * @param out the path each named output file is to be written to
   */
  public static Result run(Path topologyFile, List<Path> trajectories, Options o, Function<String, Path> out)
      throws IOException {
    long t0 = System.nanoTime();
    if (trajectories.isEmpty()) {
      throw new IllegalArgumentException("no trajectory given; expected at least one --traj file");
    }
    Topology topology = PdbReader.readTopology(topologyFile);
    int[] atoms = topology.select(o.selection());
    List<Topology.Dihedral> torsions = topology.backboneDihedrals();
    if (o.features() == Features.DIHEDRALS && torsions.isEmpty()) {
      throw new IllegalArgumentException("topology " + topologyFile + " has no backbone torsion (no residue with"
          + " C(i-1), N, CA, C, N(i+1) by atom name); expected a peptide or protein for --features dihedrals");
    }
    int n = atoms.length;
    int columns = switch (o.features()) {
      case COORDINATES -> 3 * n;
      case DISTANCES -> n * (n - 1) / 2;
      case DIHEDRALS -> 2 * torsions.size();
    };
    if (columns == 0) {
      throw new IllegalArgumentException("selection '" + o.selection() + "' keeps " + n + " atom(s); "
          + o.features().name().toLowerCase(Locale.ROOT) + " need at least 2");
    }
    float[] reference = null;
    if (!o.align().equals("none") && !o.align().equals("first")) {
      try (FrameReader r = FrameReaders.open(Path.of(o.align()))) {
        if (r.atoms() != topology.size()) {
          throw new IllegalArgumentException("--align " + o.align() + " has " + r.atoms() + " atoms, the topology "
              + topologyFile + " has " + topology.size());
        }
        float[] all = new float[3 * r.atoms()];
        if (!r.next(all)) {
          throw new IllegalArgumentException("--align " + o.align() + " holds no coordinates");
        }
        reference = select(all, atoms, null);
      }
    }
    boolean align = !o.align().equals("none") && o.features() == Features.COORDINATES;
    Kabsch kabsch = reference == null ? null : Kabsch.onto(reference);
    float[] frame = new float[3 * topology.size()];
    float[] sel = new float[3 * n];
    float[] row = new float[columns];
    float[] angles = new float[torsions.size()];
    double rmsdSum = 0;
    List<FeatureFolder.Range> ranges = new ArrayList<>();
    try (MultiFileReader reader = MultiFileReader.open(trajectories, topology);
        NpyRowWriter features = new NpyRowWriter(out.apply(FeatureFolder.FEATURES), columns);
        NpyRowWriter dihedrals = torsions.isEmpty() ? null : new NpyRowWriter(out.apply("dihedrals.npy"),
            torsions.size())) {
      while (reader.next(frame)) {
        select(frame, atoms, sel);
        if (reference == null) {
          reference = sel.clone();
          kabsch = Kabsch.onto(reference);
        }
        switch (o.features()) {
          case COORDINATES -> {
            if (align) {
              rmsdSum += kabsch.alignInPlace(sel, 0);
            }
            System.arraycopy(sel, 0, row, 0, columns);
          }
          case DISTANCES -> distances(sel, n, row);
          case DIHEDRALS -> {
            for (int k = 0; k < torsions.size(); k++) {
              Topology.Dihedral t = torsions.get(k);
              double a = Dihedrals.dihedral(frame, t.a(), t.b(), t.c(), t.d());
              row[2 * k] = (float) Math.sin(a);
              row[2 * k + 1] = (float) Math.cos(a);
            }
          }
          default -> throw new IllegalStateException();
        }
        features.write(row, 0);
        if (dihedrals != null) {
          for (int k = 0; k < torsions.size(); k++) {
            Topology.Dihedral t = torsions.get(k);
            angles[k] = (float) Dihedrals.dihedral(frame, t.a(), t.b(), t.c(), t.d());
          }
          dihedrals.write(angles, 0);
        }
      }
      if (features.rows() == 0) {
        throw new IllegalArgumentException("the trajectories " + trajectories + " hold no frame");
      }
      for (MultiFileReader.FileRange r : reader.ranges()) {
        ranges.add(new FeatureFolder.Range(r.file(), r.firstFrame(), r.frames()));
      }
      features.commit();
      if (dihedrals != null) {
        dihedrals.commit();
      }
    }
    long frames = ranges.stream().mapToLong(FeatureFolder.Range::frames).sum();
    if (o.removeMean()) {
      subtractColumnMeans(out.apply(FeatureFolder.FEATURES));
    }
    return new Result(frames, columns, atoms, topology.subset(atoms), reference, ranges, torsions,
        align ? rmsdSum / frames : Double.NaN, (System.nanoTime() - t0) / 1e9);
  }

  /** Copies the coordinates of {@code atoms} out of a full frame. */
  private static float[] select(float[] frame, int[] atoms, float[] out) {
    float[] o = out != null ? out : new float[3 * atoms.length];
    for (int k = 0; k < atoms.length; k++) {
      System.arraycopy(frame, 3 * atoms[k], o, 3 * k, 3);
    }
    return o;
  }

  private static void distances(float[] xyz, int n, float[] row) {
    int c = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dx = xyz[3 * i] - xyz[3 * j];
        double dy = xyz[3 * i + 1] - xyz[3 * j + 1];
        double dz = xyz[3 * i + 2] - xyz[3 * j + 2];
        row[c++] = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
    }
  }

  /** Subtracts each column's mean in place, through a memory map (two passes, bounded memory). */
  static void subtractColumnMeans(Path npy) throws IOException {
    Npy.Header h = Npy.readHeader(npy);
    int cols = h.shape()[1];
    long rows = h.shape()[0];
    try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      double[] mean = new double[cols];
      long rowsPerChunk = Math.max(1, (1 << 26) / (4L * cols));
      for (int pass = 0; pass < 2; pass++) {
        for (long start = 0; start < rows; start += rowsPerChunk) {
          long m = Math.min(rowsPerChunk, rows - start);
          MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, h.dataOffset() + 4 * start * cols,
              4 * m * cols);
          FloatBuffer f = map.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
          for (int i = 0; i < m * cols; i++) {
            int j = (int) (i % cols);
            if (pass == 0) {
              mean[j] += f.get(i);
            } else {
              f.put(i, (float) (f.get(i) - mean[j]));
            }
          }
          map.force();
        }
        if (pass == 0) {
          for (int j = 0; j < cols; j++) {
            mean[j] /= rows;
          }
        }
      }
    }
  }
}

package org.latentdyn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Several trajectories with the same number of features, each with an optional name (its source, such as
 * a file name). Frames are also addressed by a <em>global index</em>: the frames of trajectory 0, then of
 * trajectory 1, and so on, as in {@link #concatenated()}. Immutable; trajectories are immutable and shared.
 */
public final class Dataset {
  private final List<Trajectory> trajectories;
  private final List<String> names;
  private final int[] offsets;
  private final int features;

  private Dataset(List<Trajectory> trajectories, List<String> names) {
    if (trajectories.isEmpty()) {
      throw new IllegalArgumentException("a dataset needs at least one trajectory, got 0");
    }
    if (names.size() != trajectories.size()) {
      throw new IllegalArgumentException("names has " + names.size() + " entries, expected one per trajectory ("
          + trajectories.size() + ")");
    }
    for (int i = 0; i < trajectories.size(); i++) {
      if (trajectories.get(i) == null) {
        throw new IllegalArgumentException("trajectory " + i + " is null");
      }
    }
    this.trajectories = Collections.unmodifiableList(new ArrayList<>(trajectories));
    this.names = Collections.unmodifiableList(new ArrayList<>(names));
    this.features = trajectories.get(0).features();
    this.offsets = new int[trajectories.size() + 1];
    long total = 0;
    for (int i = 0; i < trajectories.size(); i++) {
      Trajectory t = trajectories.get(i);
      if (t.features() != features) {
        throw new IllegalArgumentException(label(i) + " has " + t.features() + " features, expected "
            + features + " like " + label(0));
      }
      offsets[i] = (int) total;
      total += t.frames();
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("dataset holds more than " + Integer.MAX_VALUE
            + " frames in all (at " + label(i) + ")");
      }
    }
    offsets[trajectories.size()] = (int) total;
  }

  /** A dataset of unnamed trajectories. */
  public static Dataset of(Trajectory... trajectories) {
    return of(Arrays.asList(trajectories));
  }

  /** A dataset of unnamed trajectories. */
  public static Dataset of(List<Trajectory> trajectories) {
    return new Dataset(trajectories, Collections.nCopies(trajectories.size(), null));
  }

  /**
   * A dataset of named trajectories.
   *
   * @param names one per trajectory; an entry may be null for "no name"
   */
  public static Dataset of(List<Trajectory> trajectories, List<String> names) {
    return new Dataset(trajectories, names);
  }

  /** The same trajectories with new names (one per trajectory, entries may be null). */
  public Dataset withNames(List<String> newNames) {
    return new Dataset(trajectories, newNames);
  }

  /** Number of trajectories. */
  public int trajectoryCount() {
    return trajectories.size();
  }

  public Trajectory trajectory(int i) {
    return trajectories.get(i);
  }

  /** The trajectories, unmodifiable. */
  public List<Trajectory> trajectories() {
    return trajectories;
  }

  /** The name (source) of trajectory {@code i}, if it has one. */
  public Optional<String> name(int i) {
    return Optional.ofNullable(names.get(i));
  }

  /** "trajectory 2" or "trajectory 2 ('run-b.npy')", for messages. */
  public String label(int i) {
    String n = names.get(i);
    return n == null ? "trajectory " + i : "trajectory " + i + " ('" + n + "')";
  }

  /** Features per frame, the same for every trajectory. */
  public int features() {
    return features;
  }

  /** Frames of all trajectories together. */
  public int totalFrames() {
    return offsets[offsets.length - 1];
  }

  /** Frames of trajectory {@code i}. */
  public int frames(int i) {
    return trajectories.get(i).frames();
  }

  /** Frames of each trajectory, in order. */
  public int[] lengths() {
    int[] out = new int[trajectories.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = trajectories.get(i).frames();
    }
    return out;
  }

  /** Global index of the first frame of trajectory {@code i}. */
  public int offset(int i) {
    if (i < 0 || i >= trajectories.size()) {
      throw new IndexOutOfBoundsException("trajectory " + i + " is not within [0, " + trajectories.size() + ")");
    }
    return offsets[i];
  }

  /** Global index of {@code frame} of {@code trajectory}. */
  public int globalIndex(int trajectory, int frame) {
    int n = frames(trajectory);
    if (frame < 0 || frame >= n) {
      throw new IndexOutOfBoundsException("frame " + frame + " is not within [0, " + n + ") of " + label(trajectory));
    }
    return offsets[trajectory] + frame;
  }

  /** A frame by trajectory and frame within it. */
  public record FrameRef(int trajectory, int frame) {}

  /** The trajectory and local frame of a global frame index. */
  public FrameRef locate(int globalFrame) {
    int t = trajectoryOf(globalFrame);
    return new FrameRef(t, globalFrame - offsets[t]);
  }

  /** The trajectory holding a global frame index. */
  public int trajectoryOf(int globalFrame) {
    if (globalFrame < 0 || globalFrame >= totalFrames()) {
      throw new IndexOutOfBoundsException("global frame " + globalFrame + " is not within [0, " + totalFrames() + ")");
    }
    int pos = Arrays.binarySearch(offsets, 0, trajectories.size(), globalFrame);
    if (pos >= 0) {
      // Several offsets can be equal only for empty trajectories, which Trajectory forbids.
      return pos;
    }
    return -pos - 2;
  }

  /** One value by global frame index. */
  public float get(int globalFrame, int feature) {
    FrameRef r = locate(globalFrame);
    return trajectories.get(r.trajectory()).get(r.frame(), feature);
  }

  /** A copy of one frame by global index. */
  public float[] frame(int globalFrame) {
    float[] out = new float[features];
    gather(new int[] {globalFrame}, 0, 1, out, 0);
    return out;
  }

  /** The frames at the given global indices, row-major {@code [indices.length, features]}. */
  public float[] gather(int[] globalFrames) {
    float[] out = new float[globalFrames.length * features];
    gather(globalFrames, 0, globalFrames.length, out, 0);
    return out;
  }

  /**
   * Copies the frames {@code globalFrames[from .. from+count)} into {@code out} from {@code outOffset},
   * row-major; for building minibatches without allocation.
   */
  public void gather(int[] globalFrames, int from, int count, float[] out, int outOffset) {
    if (out.length - outOffset < (long) count * features) {
      throw new IllegalArgumentException("out has room for " + (out.length - outOffset) + " values from offset "
          + outOffset + ", need " + ((long) count * features));
    }
    for (int k = 0; k < count; k++) {
      int g = globalFrames[from + k];
      int t = trajectoryOf(g);
      System.arraycopy(trajectories.get(t).view(), (g - offsets[t]) * features, out, outOffset + k * features,
          features);
    }
  }

  /**
   * All frames in global order as one trajectory {@code [totalFrames, features]}. The single trajectory
   * itself when there is one; otherwise a new copy on each call.
   */
  public Trajectory concatenated() {
    if (trajectories.size() == 1) {
      return trajectories.get(0);
    }
    long size = (long) totalFrames() * features;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("concatenation of " + size + " values does not fit in one array");
    }
    float[] all = new float[(int) size];
    for (int i = 0; i < trajectories.size(); i++) {
      float[] v = trajectories.get(i).view();
      System.arraycopy(v, 0, all, offsets[i] * features, v.length);
    }
    return Trajectory.wrap(all, totalFrames(), features);
  }

  @Override
  public String toString() {
    return "Dataset[trajectories=" + trajectories.size() + ", totalFrames=" + totalFrames() + ", features="
        + features + "]";
  }
}

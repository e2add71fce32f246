package org.latentdyn.md;

import org.latentdyn.data.io.MalformedFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.latentdyn.data.Dataset;
import org.latentdyn.data.Trajectory;

/**
 * The frames of several trajectory files of one system, read in order as one stream, with the frame range of
 * each file (for {@code trajectories.json}, so that lagged pairs never cross from one file to the next). On
 * opening, every file is checked to have the expected atom count.
 */
public final class MultiFileReader implements FrameReader {

  /**
   * The frames of one file within the concatenation.
   *
   * @param file the file as given
   * @param firstFrame index of its first frame among all frames read
   * @param frames its number of frames, at least 1
   */
  public record FileRange(String file, int firstFrame, int frames) {
    public FileRange {
      if (firstFrame < 0 || frames < 1) {
        throw new IllegalArgumentException("frame range of " + file + " must have firstFrame >= 0 and frames >= 1,"
            + " got " + firstFrame + " and " + frames);
      }
    }
  }

  /**
   * Frames read from several files.
   *
   * @param coordinates {@code [frames, 3 * atoms]} in nm, the files one after the other
   * @param ranges the frame range of each file, in order, tiling the frames
   */
  public record Frames(Trajectory coordinates, List<FileRange> ranges) {
    public Frames {
      ranges = List.copyOf(ranges);
      int next = 0;
      for (FileRange r : ranges) {
        if (r.firstFrame() != next) {
          throw new IllegalArgumentException("range of " + r.file() + " starts at frame " + r.firstFrame()
              + ", expected " + next);
        }
        next += r.frames();
      }
      if (next != coordinates.frames()) {
        throw new IllegalArgumentException("ranges cover " + next + " frames, coordinates have "
            + coordinates.frames());
      }
    }

    /** One trajectory per file, named by the file. */
    public Dataset toDataset() {
      List<Trajectory> parts = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (FileRange r : ranges) {
        parts.add(coordinates.slice(r.firstFrame(), r.firstFrame() + r.frames()));
        names.add(r.file());
      }
      return Dataset.of(parts, names);
    }
  }

  private final List<Path> files;
  private final int atoms;
  private final String expected;
  private final List<FileRange> ranges = new ArrayList<>();
  private FrameReader current;
  private int file;
  private int read;

  private MultiFileReader(List<Path> files, int atoms, String expected) throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no trajectory file given; expected at least one");
    }
    this.files = List.copyOf(files);
    this.atoms = atoms;
    this.expected = expected;
    for (Path p : this.files) {
      try (FrameReader r = FrameReaders.open(p)) {
        check(r);
      }
    }
    current = check(FrameReaders.open(this.files.get(0)));
  }

  /**
   * Opens the files for reading in order; each must have {@code topology.size()} atoms.
   *
   * @throws IllegalArgumentException naming the first file whose atom count differs, and both counts
   */
  public static MultiFileReader open(List<Path> files, Topology topology) throws IOException {
    return new MultiFileReader(files, topology.size(), "the topology has");
  }

  /** Opens the files for reading in order; each must have {@code atoms} atoms. */
  public static MultiFileReader open(List<Path> files, int atoms) throws IOException {
    return new MultiFileReader(files, atoms, "expected");
  }

  /**
   * Reads all frames of the files, keeping the atoms {@code atoms} of {@code topology}, with each file's frame
   * range.
   *
   * @throws IllegalArgumentException if a file's atom count is not the topology's, or an index is out of range
   * @throws IOException if a file has no frame, or on malformed content
   */
  public static Frames read(List<Path> files, Topology topology, int[] atoms) throws IOException {
    try (MultiFileReader r = open(files, topology)) {
      Trajectory t = FrameReaders.read(r, atoms);
      return new Frames(t, r.ranges());
    }
  }

  @Override
  public int atoms() {
    return atoms;
  }

  @Override
  public boolean next(float[] xyzNm) throws IOException {
    while (current != null) {
      if (current.next(xyzNm)) {
        read++;
        return true;
      }
      int frames = current.framesRead();
      if (frames == 0) {
        throw new MalformedFileException(current.source() + " has no frame");
      }
      ranges.add(new FileRange(current.source(), read - frames, frames));
      current.close();
      current = null;
      file++;
      if (file < files.size()) {
        current = check(FrameReaders.open(files.get(file)));
      }
    }
    return false;
  }

  /** The frame ranges of the files read to their end so far. */
  public List<FileRange> ranges() {
    return List.copyOf(ranges);
  }

  @Override
  public int framesRead() {
    return read;
  }

  @Override
  public String source() {
    return current != null ? current.source() : files.get(files.size() - 1).toString();
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  private FrameReader check(FrameReader r) throws IOException {
    if (r.atoms() != atoms) {
      r.close();
      throw new IllegalArgumentException(r.source() + " has " + r.atoms() + " atoms, " + expected + " " + atoms);
    }
    return r;
  }
}

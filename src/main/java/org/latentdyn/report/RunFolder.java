package org.latentdyn.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.latentdyn.data.Trajectory;
import org.latentdyn.data.io.AtomicFiles;
import org.latentdyn.data.io.Npy;
import org.latentdyn.data.io.NpyArray;

/**
 * An output folder that appears complete or not at all. Files are written into a hidden staging folder beside
 * the target; {@link #commit()} moves them into place (the whole folder in one rename when the target does not
 * exist yet, else file by file, each move atomic). Closing without committing deletes the staging folder, so a
 * failed run leaves nothing half-written behind.
 */
public final class RunFolder implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private final List<String> files = new ArrayList<>();
  private boolean committed;

  private RunFolder(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Opens a staging area for {@code target}.
   *
   * @throws IllegalArgumentException if {@code target} exists and is not a directory
   */
  public static RunFolder open(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IllegalArgumentException("output " + target + " exists and is not a directory; expected a folder path");
    }
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    Path staging = AtomicFiles.createUnique(parent, "." + abs.getFileName() + ".partial-", "", true);
    return new RunFolder(abs, staging);
  }

  /** The final location of the folder. */
  public Path target() {
    return target;
  }

  /** The staged path of a file {@code name} (may contain '/'); parent folders are created. */
  public Path path(String name) {
    requireOpen();
    Path p = staging.resolve(name).normalize();
    if (!p.startsWith(staging)) {
      throw new IllegalArgumentException("file name " + name + " leaves the output folder");
    }
    try {
      Files.createDirectories(p.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!files.contains(name)) {
      files.add(name);
    }
    return p;
  }

  /** A staged sub-folder {@code name}, created and moved into place as a whole on commit. */
  public Path directory(String name) throws IOException {
    Path p = path(name + "/.keep").getParent();
    files.remove(name + "/.keep");
    if (!files.contains(name)) {
      files.add(name);
    }
    return p;
  }

  public void writeText(String name, String text) throws IOException {
    Files.writeString(path(name), text, StandardCharsets.UTF_8);
  }

  public void writeBytes(String name, byte[] bytes) throws IOException {
    Files.write(path(name), bytes);
  }

  /** Writes {@code value} as indented JSON. */
  public void writeJson(String name, Object value) throws IOException {
    writeText(name, Json.write(value) + "\n");
  }

  /** Writes a trajectory as a float32 {@code .npy} array {@code [frames, features]}. */
  public void writeArray(String name, Trajectory trajectory) throws IOException {
    Npy.write(path(name), trajectory);
  }

  /** Writes an array as {@code .npy}. */
  public void writeArray(String name, NpyArray array) throws IOException {
    Npy.write(path(name), array);
  }

  /** Writes a chart as PNG. */
  public void writePng(String name, XYChart chart) throws IOException {
    writeBytes(name, Figures.png(chart));
  }

  /** Names of the files written so far, in order. */
  public List<String> files() {
    return List.copyOf(files);
  }

  /** Moves every staged file into the target folder. */
  public void commit() throws IOException {
    requireOpen();
    if (!Files.exists(target)) {
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        return;
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        // fall through to file-by-file moves
      }
    }
    Files.createDirectories(target);
    for (String name : files) {
      Path from = staging.resolve(name);
      if (!Files.exists(from)) {
        continue;
      }
      Path to = target.resolve(name);
      Files.createDirectories(to.getParent());
      if (Files.isDirectory(from) && Files.isDirectory(to)) {
        deleteRecursively(to); // a re-run replaces a sub-folder (such as model/) as a whole
      }
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    committed = true;
    deleteRecursively(staging);
  }

  /** Deletes the staging folder unless {@link #commit()} has run. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      committed = true;
      deleteRecursively(staging);
    }
  }

  private void requireOpen() {
    if (committed) {
      throw new IllegalStateException("run folder " + target + " is already committed or closed");
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    AtomicFiles.deleteTree(dir);
  }
}

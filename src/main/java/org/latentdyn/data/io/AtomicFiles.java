package org.latentdyn.data.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers see either the old content or the complete new content, never a half
 * written file: the content goes to a temporary file in the target's directory (named
 * {@code .<name>.<random>.tmp}), is flushed to disk, and is then renamed onto the target with
 * {@link StandardCopyOption#ATOMIC_MOVE} (falling back to a plain replacing move where the file system
 * has no atomic rename). If the writer throws, the temporary file is deleted and the target is left as it
 * was. Missing parent directories are created.
 */
public final class AtomicFiles {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int BUFFER = 1 << 16;

  private AtomicFiles() {}

  /** Writes content to a stream; may throw anything, which aborts the write. */
  @FunctionalInterface
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Writes content to a file given by path (for libraries that open the file themselves). */
  @FunctionalInterface
  public interface PathWriter {
    void write(Path temporaryFile) throws IOException;
  }

  /**
   * Writes {@code target} atomically through an output stream. The stream is buffered; the writer must not
   * close it (closing is harmless).
   */
  public static void write(Path target, StreamWriter writer) throws IOException {
    writeWithPath(target, tmp -> {
      try (FileOutputStream file = new FileOutputStream(tmp.toFile());
          OutputStream out = new BufferedOutputStream(file, BUFFER)) {
        writer.write(out);
        out.flush();
        file.getFD().sync();
      }
    });
  }

  /**
   * Writes {@code target} atomically by letting {@code writer} create the content at a temporary path in
   * the same directory. The temporary file exists (empty) when the writer is called; the writer may
   * overwrite or replace it.
   */
  public static void writeWithPath(Path target, PathWriter writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = createUnique(dir, "." + abs.getFileName() + ".", ".tmp", false);
    try {
      writer.write(tmp);
      if (!Files.exists(tmp)) {
        throw new IOException("writer for " + target + " did not create its temporary file " + tmp);
      }
      sync(tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (Throwable t) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        t.addSuppressed(suppressed);
      }
      throw t;
    }
  }

  /**
   * Creates a new empty file (or folder) with a unique name in {@code dir}. Unlike
   * {@link Files#createTempFile}, it gets the process's default permissions (umask), so the file keeps
   * ordinary permissions after it is renamed into place.
   */
  public static Path createUnique(Path dir, String prefix, String suffix, boolean directory) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path p = dir.resolve(prefix + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36)
          + suffix);
      try {
        return directory ? Files.createDirectory(p) : Files.createFile(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static void sync(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    } catch (IOException e) {
      // Best effort: some file systems refuse fsync on a fresh handle; the rename still orders the write.
    }
  }

  /** Writes a UTF-8 string atomically. */
  public static void writeString(Path target, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    write(target, out -> out.write(bytes));
  }

  /** Writes {@code value} as indented JSON (Jackson) atomically. */
  public static void writeJson(Path target, Object value) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(value);
    write(target, out -> out.write(bytes));
  }

  /** Deletes {@code dir} and everything below it; nothing happens if it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<Path> listing() throws IOException {
    try (var s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void writerThatThrowsMidwayLeavesNoFileAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("out.bin");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
      out.write(new byte[100_000]);
      throw new IOException("disk on fire");
    }));
    assertEquals("disk on fire", e.getMessage());
    assertFalse(Files.exists(target));
    assertEquals(List.of(), listing());
    assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
      out.write(1);
      throw new IllegalStateException("bug");
    }));
    assertEquals(List.of(), listing());
  }

  @Test
  void failedWriteKeepsThePreviousContent() throws IOException {
    Path target = dir.resolve("keep.txt");
    AtomicFiles.writeString(target, "old");
    assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
      out.write("new, half".getBytes());
      throw new IOException("stop");
    }));
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), listing());
  }

  @Test
  void failingArrayWriterLeavesNothing() throws IOException {
    Path target = dir.resolve("bad.h5");
    // rank 0 is refused before any file is created; a failing npz key is refused likewise
    assertThrows(IllegalArgumentException.class,
        () -> Hdf5.write(target, "/x", NpyArray.ofFloats(new float[] {1})));
    assertThrows(IllegalArgumentException.class,
        () -> Npz.write(dir.resolve("bad.npz"), Map.of("", NpyArray.ofFloats(new float[] {1}))));
    assertEquals(List.of(), listing());
  }

  @Test
  void writesJsonAndCreatesParentDirectories() throws IOException {
    Path target = dir.resolve("sub/dir/shape.json");
    AtomicFiles.writeJson(target, Map.of("shape", List.of(60000, 30)));
    assertEquals("{\"shape\":[60000,30]}", Files.readString(target).replaceAll("\\s", ""));
    try (var s = Files.list(target.getParent())) {
      assertEquals(List.of(target), s.toList());
    }
  }
}

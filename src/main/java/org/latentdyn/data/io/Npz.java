package org.latentdyn.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives: a zip file with one {@code <key>.npy} entry per array, as
 * {@code numpy.savez} (stored entries) and {@code numpy.savez_compressed} (deflated entries) write them.
 * Keys are the entry names without {@code .npy}; maps keep the archive's entry order.
 */
public final class Npz {
  private Npz() {}

  /** Reads every array of the archive, in entry order. */
  public static Map<String, NpyArray> read(Path path) throws IOException {
    Map<String, NpyArray> out = new LinkedHashMap<>();
    try (ZipFile zip = open(path)) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        String key = keyOf(path, e);
        out.put(key, readEntry(path, zip, e, key));
      }
    }
    return out;
  }

  /** The entry of array {@code key} ({@code key.npy} or {@code key}); an error listing the keys if there is none. */
  private static ZipEntry entry(ZipFile zip, Path path, String key) throws IOException {
    ZipEntry e = zip.getEntry(key + ".npy");
    if (e == null) {
      e = zip.getEntry(key);
    }
    if (e == null || e.isDirectory()) {
      throw new IllegalArgumentException(path.getFileName() + " has no array '" + key + "'; it holds "
          + keys(zip, path));
    }
    return e;
  }

  /**
   * Reads one array of the archive.
   *
   * @throws IllegalArgumentException if the archive has no array {@code key}; the message lists the keys
   */
  public static NpyArray read(Path path, String key) throws IOException {
    try (ZipFile zip = open(path)) {
      ZipEntry e = entry(zip, path, key);
      return readEntry(path, zip, e, key);
    }
  }

  /**
   * The header (dtype and shape) of one array, without reading its data.
   *
   * @throws IllegalArgumentException if the archive has no array {@code key}; the message lists the keys
   */
  public static Npy.Header header(Path path, String key) throws IOException {
    try (ZipFile zip = open(path)) {
      ZipEntry e = entry(zip, path, key);
      try (InputStream in = zip.getInputStream(e)) {
        return Npy.readHeader(Channels.newChannel(in), path.getFileName() + ":" + key);
      }
    }
  }

  /** The keys of the archive, in entry order. */
  public static List<String> keys(Path path) throws IOException {
    try (ZipFile zip = open(path)) {
      return keys(zip, path);
    }
  }

  private static List<String> keys(ZipFile zip, Path path) throws IOException {
    List<String> keys = new ArrayList<>();
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry e = entries.nextElement();
      if (!e.isDirectory()) {
        keys.add(keyOf(path, e));
      }
    }
    return keys;
  }

  private static ZipFile open(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    try {
      return new ZipFile(path.toFile());
    } catch (java.util.zip.ZipException e) {
      throw new MalformedFileException(path.getFileName() + ": not a valid .npz (zip) archive: " + e.getMessage(), e);
    }
  }

  private static String keyOf(Path path, ZipEntry e) throws IOException {
    String name = e.getName();
    if (!name.endsWith(".npy")) {
      throw new MalformedFileException(path.getFileName() + ": entry '" + name + "' is not an .npy array");
    }
    return name.substring(0, name.length() - 4);
  }

  private static NpyArray readEntry(Path path, ZipFile zip, ZipEntry e, String key) throws IOException {
    try (InputStream in = zip.getInputStream(e)) {
      return Npy.read(Channels.newChannel(in), path.getFileName() + ":" + key);
    }
  }

  /** Writes the arrays atomically as an uncompressed archive (like {@code numpy.savez}). */
  public static void write(Path path, Map<String, NpyArray> arrays) throws IOException {
    write(path, arrays, false);
  }

  /** Writes the arrays atomically as a deflated archive (like {@code numpy.savez_compressed}). */
  public static void writeCompressed(Path path, Map<String, NpyArray> arrays) throws IOException {
    write(path, arrays, true);
  }

  private static void write(Path path, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
    for (String key : arrays.keySet()) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("npz keys must be non-empty, got '" + key + "'");
      }
    }
    AtomicFiles.write(path, out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      for (Map.Entry<String, NpyArray> a : arrays.entrySet()) {
        byte[] bytes = Npy.toBytes(a.getValue());
        ZipEntry entry = new ZipEntry(a.getKey() + ".npy");
        // a fixed time stamp (1980-01-01, the zip epoch): the same arrays give the same bytes whenever written
        entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
        if (compressed) {
          entry.setMethod(ZipEntry.DEFLATED);
        } else {
          CRC32 crc = new CRC32();
          crc.update(bytes);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(bytes.length);
          entry.setCompressedSize(bytes.length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
      }
      zip.finish();
    });
  }
}

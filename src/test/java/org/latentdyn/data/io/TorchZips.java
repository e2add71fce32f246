package org.latentdyn.data.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small {@code torch.save}-style zip state dicts for tests, the pickle assembled opcode by opcode (protocol
 * 2, as PyTorch writes it), so the reader is tested without PyTorch or any released file.
 */
public final class TorchZips {
  /** A tensor entry: a view {@code (offset, size, stride)} of the float32 storage {@code key}. */
  public record Entry(String name, String key, int offset, int[] size, int[] stride) {}

  private final Map<String, float[]> storages = new LinkedHashMap<>();
  private final List<Entry> entries = new ArrayList<>();

  /** Adds a storage. */
  public TorchZips storage(String key, float[] values) {
    storages.put(key, values.clone());
    return this;
  }

  /** Adds a view of a storage. */
  public TorchZips view(String name, String key, int offset, int[] size, int[] stride) {
    entries.add(new Entry(name, key, offset, size.clone(), stride.clone()));
    return this;
  }

  /** Adds a contiguous tensor with its own storage (named after the entry count). */
  public TorchZips tensor(String name, float[] values, int... size) {
    String key = Integer.toString(storages.size());
    storage(key, values);
    int[] stride = new int[size.length];
    int s = 1;
    for (int i = size.length - 1; i >= 0; i--) {
      stride[i] = s;
      s *= size[i];
    }
    return view(name, key, 0, size, stride);
  }

  /** The pickle bytes. */
  public byte[] pickle() {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(0x80);
    p.write(2);
    global(p, "collections", "OrderedDict");
    p.write('q');
    p.write(0);
    p.write(')');
    p.write('R');
    p.write('q');
    p.write(1);
    p.write('(');
    boolean first = true;
    for (Entry e : entries) {
      unicode(p, e.name());
      if (first) {
        global(p, "torch._utils", "_rebuild_tensor_v2");
        p.write('q');
        p.write(2);
        first = false;
      } else {
        p.write('h');
        p.write(2);
      }
      p.write('(');
      p.write('(');
      unicode(p, "storage");
      global(p, "torch", "FloatStorage");
      unicode(p, e.key());
      unicode(p, "cpu");
      integer(p, storages.get(e.key()).length);
      p.write('t');
      p.write('Q');
      integer(p, e.offset());
      tuple(p, e.size());
      tuple(p, e.stride());
      p.write(0x89);
      p.write('h');
      p.write(0);
      p.write(')');
      p.write('R');
      p.write('t');
      p.write('R');
    }
    p.write('u');
    // the state dict's _metadata attribute, set by BUILD
    p.write('}');
    unicode(p, "_metadata");
    p.write('h');
    p.write(0);
    p.write(')');
    p.write('R');
    p.write('s');
    p.write('b');
    p.write('.');
    return p.toByteArray();
  }

  /** Writes the zip with {@link #pickle()}. */
  public Path write(Path path) throws IOException {
    return write(path, pickle());
  }

  /** Writes the zip with the given pickle bytes. */
  public Path write(Path path, byte[] pickle) throws IOException {
    try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("archive/data.pkl"));
      zip.write(pickle);
      zip.closeEntry();
      for (Map.Entry<String, float[]> s : storages.entrySet()) {
        zip.putNextEntry(new ZipEntry("archive/data/" + s.getKey()));
        ByteBuffer b = ByteBuffer.allocate(4 * s.getValue().length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(s.getValue());
        zip.write(b.array());
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("archive/version"));
      zip.write("3\n".getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
    }
    return path;
  }

  private static void global(ByteArrayOutputStream p, String module, String name) {
    p.write('c');
    p.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static void unicode(ByteArrayOutputStream p, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    p.write('X');
    p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
    p.writeBytes(b);
  }

  private static void integer(ByteArrayOutputStream p, int v) {
    if (v < 256) {
      p.write('K');
      p.write(v);
    } else if (v < 65536) {
      p.write('M');
      p.write(v & 0xff);
      p.write(v >>> 8);
    } else {
      p.write('J');
      p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }
  }

  private static void tuple(ByteArrayOutputStream p, int[] v) {
    switch (v.length) {
      case 0 -> p.write(')');
      case 1 -> {
        integer(p, v[0]);
        p.write(0x85);
      }
      case 2 -> {
        integer(p, v[0]);
        integer(p, v[1]);
        p.write(0x86);
      }
      default -> {
        p.write('(');
        for (int x : v) {
          integer(p, x);
        }
        p.write('t');
      }
    }
  }
}

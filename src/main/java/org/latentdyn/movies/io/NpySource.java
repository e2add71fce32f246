package org.latentdyn.movies.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.data.io.DType;
import org.latentdyn.data.io.MalformedFileException;
import org.latentdyn.data.io.Npy;

/**
 * An {@code .npy} movie read through memory maps: a window of whole frames (at most {@code windowBytes}) is mapped
 * at a time and moved along as frames outside it are asked for, so a movie larger than memory streams by minibatch.
 */
final class NpySource implements FrameSource {
  private final Path file;
  private final FileChannel channel;
  private final Npy.Header header;
  private final int frames;
  private final int channels;
  private final int height;
  private final int width;
  private final long frameBytes;
  private final long framesPerWindow;
  private final float divisor;
  private MappedByteBuffer window;
  private long windowStart = -1;
  private long windowFrames;

  NpySource(Path file, boolean scaleIntegers, long windowBytes) throws IOException {
    this.file = file;
    this.header = Npy.readHeader(file);
    int[] shape = header.shape();
    if (shape.length != 3 && shape.length != 4) {
      throw new MalformedFileException(file + ": a movie is [frames, height, width] or [frames, channels, height,"
          + " width], got shape " + java.util.Arrays.toString(shape));
    }
    this.divisor = Pixels.integerDivisor(file, header.dtype(), scaleIntegers);
    this.frames = shape[0];
    this.channels = shape.length == 4 ? shape[1] : 1;
    this.height = shape[shape.length - 2];
    this.width = shape[shape.length - 1];
    Pixels.checkDims(file, frames, channels, height, width);
    this.frameBytes = (long) channels * height * width * header.dtype().itemSize();
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    long need = header.dataOffset() + frameBytes * frames;
    if (channel.size() < need) {
      channel.close();
      throw new MalformedFileException(file + ": holds " + channel.size() + " bytes, fewer than the " + need
          + " that shape " + java.util.Arrays.toString(shape) + " of " + header.dtype().numpyName() + " needs");
    }
    this.framesPerWindow = Math.max(1, Math.min(windowBytes, Integer.MAX_VALUE) / frameBytes);
    if (frameBytes > Integer.MAX_VALUE) {
      channel.close();
      throw new MalformedFileException(file + ": one frame of " + frameBytes + " bytes is too large to map");
    }
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "npy (memory-mapped)");
    m.put("dtype", header.dtype().numpyName());
    m.put("pixelScale", Pixels.scaleText(header.dtype(), divisor));
    return m;
  }

  @Override
  public Shape shape() {
    return new Shape(frames, channels, height, width);
  }

  @Override
  public void read(int frame, float[] dst) throws IOException {
    if (window == null || frame < windowStart || frame >= windowStart + windowFrames) {
      unmap();
      windowStart = frame;
      windowFrames = Math.min(framesPerWindow, frames - frame);
      window = channel.map(FileChannel.MapMode.READ_ONLY, header.dataOffset() + frameBytes * frame,
          frameBytes * windowFrames);
      window.order(header.byteOrder());
    }
    ByteBuffer b = window.duplicate().order(header.byteOrder());
    b.position((int) ((frame - windowStart) * frameBytes));
    int n = channels * height * width;
    switch (header.dtype()) {
      case UINT8 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = (b.get() & 0xFF) / divisor;
        }
      }
      case UINT16 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = (b.getShort() & 0xFFFF) / divisor;
        }
      }
      case FLOAT32 -> b.asFloatBuffer().get(dst, 0, n);
      case FLOAT64 -> {
        java.nio.DoubleBuffer d = b.asDoubleBuffer();
        for (int i = 0; i < n; i++) {
          dst[i] = (float) d.get();
        }
      }
      default -> throw new IllegalStateException("unsupported dtype " + header.dtype());
    }
  }

  @Override
  public void close() throws IOException {
    unmap();
    channel.close();
  }

  /**
   * Releases the current window now rather than at garbage collection, so that the pages of earlier windows do not
   * pile up in the resident set while a long movie streams (through {@code sun.misc.Unsafe.invokeCleaner}, module
   * jdk.unsupported; where that is unavailable the window is left to the collector). No view of the window
   * outlives {@link #read}.
   */
  private void unmap() {
    MappedByteBuffer w = window;
    window = null;
    if (w != null && CLEANER != null) {
      try {
        CLEANER.invoke(UNSAFE, w);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // leave it to the garbage collector
      }
    }
  }

  private static final Object UNSAFE;
  private static final java.lang.reflect.Method CLEANER;

  static {
    Object unsafe = null;
    java.lang.reflect.Method cleaner = null;
    try {
      Class<?> c = Class.forName("sun.misc.Unsafe");
      java.lang.reflect.Field f = c.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      unsafe = f.get(null);
      cleaner = c.getMethod("invokeCleaner", ByteBuffer.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      unsafe = null;
      cleaner = null;
    }
    UNSAFE = unsafe;
    CLEANER = cleaner;
  }

  static boolean supports(DType t) {
    return t == DType.UINT8 || t == DType.UINT16 || t == DType.FLOAT32 || t == DType.FLOAT64;
  }
}

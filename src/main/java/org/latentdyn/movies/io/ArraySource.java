package org.latentdyn.movies.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentdyn.data.io.DType;
import org.latentdyn.data.io.MalformedFileException;
import org.latentdyn.data.io.NpyArray;

/** A movie held in memory (an {@code .npz} member: zip entries cannot be memory-mapped). */
final class ArraySource implements FrameSource {
  private final String name;
  private final NpyArray array;
  private final int frames;
  private final int channels;
  private final int height;
  private final int width;
  private final float divisor;
  private final Object data;

  ArraySource(Path file, String name, NpyArray array, boolean scaleIntegers) throws MalformedFileException {
    this.name = name;
    this.array = array;
    this.data = array.toPrimitiveArray();
    int[] shape = array.shape();
    if (shape.length != 3 && shape.length != 4) {
      throw new MalformedFileException(name + ": a movie is [frames, height, width] or [frames, channels, height,"
          + " width], got shape " + java.util.Arrays.toString(shape));
    }
    this.divisor = Pixels.integerDivisor(Path.of(name), array.dtype(), scaleIntegers);
    this.frames = shape[0];
    this.channels = shape.length == 4 ? shape[1] : 1;
    this.height = shape[shape.length - 2];
    this.width = shape[shape.length - 1];
    Pixels.checkDims(Path.of(name), frames, channels, height, width);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "npz (in memory)");
    m.put("dtype", array.dtype().numpyName());
    m.put("pixelScale", Pixels.scaleText(array.dtype(), divisor));
    return m;
  }

  @Override
  public Shape shape() {
    return new Shape(frames, channels, height, width);
  }

  @Override
  public void read(int frame, float[] dst) {
    int n = channels * height * width;
    int base = frame * n;
    DType t = array.dtype();
    for (int i = 0; i < n; i++) {
      dst[i] = switch (t) {
        case UINT8 -> (((byte[]) data)[base + i] & 0xFF) / divisor;
        case UINT16 -> (((short[]) data)[base + i] & 0xFFFF) / divisor;
        case FLOAT32 -> ((float[]) data)[base + i];
        default -> (float) ((double[]) data)[base + i];
      };
    }
  }

  @Override
  public void close() {}
}

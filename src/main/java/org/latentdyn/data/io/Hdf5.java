package org.latentdyn.data.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentdyn.data.Trajectory;

/**
 * Reads and writes numeric HDF5 datasets by path (for example {@code "/group/data"}) through the pure-Java
 * jHDF library.
 *
 * <p>Reading maps HDF5 integers and floats onto {@link DType}: signed 8/16/32/64-bit integers to
 * INT8/INT16/INT32/INT64, unsigned 8 and 16 bit to UINT8/UINT16, unsigned 32 bit to INT64, 32/64-bit floats
 * to FLOAT32/FLOAT64 and HDF5 bitfields to BOOL; unsigned 64-bit integers, strings, compounds and other types
 * are refused with a message naming the file, the dataset and its type.
 *
 * <p>Writing (jHDF 0.9 writes contiguous, uncompressed datasets) keeps every dtype except the unsigned ones,
 * which HDF5-through-jHDF cannot write: UINT8 is written as int16 and UINT16 as int32, with values unchanged.
 * Groups on a dataset's path are created. Files are written atomically ({@link AtomicFiles}).
 */
public final class Hdf5 {
  private Hdf5() {}

  /** Reads the dataset at {@code datasetPath} (leading {@code /} optional). */
  public static NpyArray read(Path file, String datasetPath) throws IOException {
    requireExists(file);
    String source = file.getFileName() + ":" + datasetPath;
    try (HdfFile hdf = new HdfFile(file)) {
      Node node;
      try {
        node = hdf.getByPath(datasetPath);
      } catch (HdfException e) {
        throw new IllegalArgumentException(file.getFileName() + " has no dataset '" + datasetPath
            + "'; datasets are " + datasets(hdf), e);
      }
      if (!(node instanceof Dataset ds)) {
        throw new IllegalArgumentException(source + " is a " + node.getType().name().toLowerCase()
            + ", not a dataset; datasets are " + datasets(hdf));
      }
      return toArray(ds, source);
    } catch (HdfException e) {
      throw new MalformedFileException(source + ": " + e.getMessage(), e);
    }
  }

  /** Reads a dataset as a trajectory ({@code [frames, features]}, or {@code [frames]} as one feature). */
  public static Trajectory readTrajectory(Path file, String datasetPath) throws IOException {
    NpyArray a = read(file, datasetPath);
    try {
      return a.toTrajectory();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file.getFileName() + ":" + datasetPath + ": " + e.getMessage(), e);
    }
  }

  /** The paths of every dataset in the file (for example {@code "/group/data"}), sorted. */
  public static List<String> datasets(Path file) throws IOException {
    requireExists(file);
    try (HdfFile hdf = new HdfFile(file)) {
      return datasets(hdf);
    } catch (HdfException e) {
      throw new MalformedFileException(file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static List<String> datasets(Group group) {
    List<String> out = new ArrayList<>();
    collect(group, out);
    java.util.Collections.sort(out);
    return out;
  }

  private static void collect(Group group, List<String> out) {
    for (Node n : group) {
      if (n instanceof Dataset) {
        out.add(n.getPath().startsWith("/") ? n.getPath() : "/" + n.getPath());
      } else if (n instanceof Group g) {
        collect(g, out);
      }
    }
  }

  private static NpyArray toArray(Dataset ds, String source) throws IOException {
    if (ds.isCompound() || ds.isVariableLength()) {
      throw new MalformedFileException(source + ": compound and variable-length datasets are not supported");
    }
    if (ds.isEmpty()) {
      throw new MalformedFileException(source + ": dataset has no data (empty dataspace)");
    }
    int[] shape = ds.isScalar() ? new int[0] : ds.getDimensions();
    DataType type = ds.getDataType();
    Object flat = ds.isScalar() ? scalarArray(ds.getData()) : ds.getDataFlat();
    if (type instanceof FixedPoint fp) {
      int bits = fp.getSize() * 8;
      if (fp.isSigned()) {
        return switch (bits) {
          case 8 -> NpyArray.wrap(DType.INT8, flat, shape);
          case 16 -> NpyArray.wrap(DType.INT16, flat, shape);
          case 32 -> NpyArray.wrap(DType.INT32, flat, shape);
          case 64 -> NpyArray.wrap(DType.INT64, flat, shape);
          default -> throw new MalformedFileException(source + ": signed " + bits + "-bit integers are not supported");
        };
      }
      switch (bits) {
        case 8: {
          int[] v = (int[]) flat;
          byte[] b = new byte[v.length];
          for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
          }
          return NpyArray.wrap(DType.UINT8, b, shape);
        }
        case 16: {
          int[] v = (int[]) flat;
          short[] s = new short[v.length];
          for (int i = 0; i < v.length; i++) {
            s[i] = (short) v[i];
          }
          return NpyArray.wrap(DType.UINT16, s, shape);
        }
        case 32:
          return NpyArray.wrap(DType.INT64, flat, shape);
        default:
          throw new MalformedFileException(source + ": unsigned " + bits + "-bit integers are not supported");
      }
    }
    if (type instanceof FloatingPoint) {
      if (flat instanceof float[]) {
        return NpyArray.wrap(DType.FLOAT32, flat, shape);
      } else if (flat instanceof double[]) {
        return NpyArray.wrap(DType.FLOAT64, flat, shape);
      }
    }
    if (flat instanceof boolean[] bools) {
      byte[] b = new byte[bools.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (bools[i] ? 1 : 0);
      }
      return NpyArray.wrap(DType.BOOL, b, shape);
    }
    throw new MalformedFileException(source + ": HDF5 type " + type.getClass().getSimpleName() + " (Java "
        + ds.getJavaType().getSimpleName() + ") is not supported; expected integers or floats");
  }

  private static Object scalarArray(Object boxed) {
    if (boxed.getClass().isArray()) {
      return boxed;
    }
    Object out = Array.newInstance(primitiveOf(boxed), 1);
    Array.set(out, 0, boxed);
    return out;
  }

  private static Class<?> primitiveOf(Object boxed) {
    if (boxed instanceof Float) {
      return float.class;
    } else if (boxed instanceof Double) {
      return double.class;
    } else if (boxed instanceof Integer) {
      return int.class;
    } else if (boxed instanceof Long) {
      return long.class;
    } else if (boxed instanceof Short) {
      return short.class;
    } else if (boxed instanceof Byte) {
      return byte.class;
    } else if (boxed instanceof Boolean) {
      return boolean.class;
    }
    throw new IllegalArgumentException("unsupported scalar type " + boxed.getClass().getName());
  }

  // ---------------------------------------------------------------- writing

  /** Writes one dataset atomically to a new file. */
  public static void write(Path file, String datasetPath, NpyArray array) throws IOException {
    Map<String, NpyArray> one = new LinkedHashMap<>();
    one.put(datasetPath, array);
    write(file, one);
  }

  /**
   * Writes datasets atomically to a new file (replacing an existing one); keys are dataset paths such as
   * {@code "/group/data"}.
   */
  public static void write(Path file, Map<String, NpyArray> datasets) throws IOException {
    for (Map.Entry<String, NpyArray> e : datasets.entrySet()) {
      if (e.getValue().rank() == 0) {
        throw new IllegalArgumentException("dataset '" + e.getKey() + "' is rank 0; write a rank >= 1 array");
      }
      if (segments(e.getKey()).isEmpty()) {
        throw new IllegalArgumentException("dataset path '" + e.getKey() + "' names no dataset");
      }
    }
    AtomicFiles.writeWithPath(file, tmp -> {
      try (WritableHdfFile hdf = HdfFile.write(tmp)) {
        Map<String, WritableGroup> groups = new HashMap<>();
        for (Map.Entry<String, NpyArray> e : datasets.entrySet()) {
          List<String> parts = segments(e.getKey());
          WritableGroup g = hdf;
          StringBuilder prefix = new StringBuilder();
          for (String part : parts.subList(0, parts.size() - 1)) {
            prefix.append('/').append(part);
            WritableGroup parent = g;
            g = groups.computeIfAbsent(prefix.toString(), k -> parent.putGroup(part));
          }
          g.putDataset(parts.get(parts.size() - 1), nested(e.getValue()));
        }
      } catch (HdfException e) {
        throw new IOException(file.getFileName() + ": writing HDF5 failed: " + e.getMessage(), e);
      }
    });
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** The array as a nested Java array of its shape, in the element type jHDF writes. */
  private static Object nested(NpyArray a) {
    Object flat = switch (a.dtype()) {
      case BOOL -> {
        byte[] b = (byte[]) a.data();
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
          out[i] = b[i] != 0;
        }
        yield out;
      }
      case UINT8 -> {
        short[] out = new short[a.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = (short) a.getLong(i);
        }
        yield out;
      }
      case UINT16 -> {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = (int) a.getLong(i);
        }
        yield out;
      }
      default -> a.data();
    };
    int[] shape = a.shape();
    return reshape(flat, shape, 0, 0);
  }

  private static Object reshape(Object flat, int[] shape, int axis, int offset) {
    if (axis == shape.length - 1) {
      Object row = Array.newInstance(flat.getClass().getComponentType(), shape[axis]);
      System.arraycopy(flat, offset, row, 0, shape[axis]);
      return row;
    }
    int stride = 1;
    for (int k = axis + 1; k < shape.length; k++) {
      stride *= shape[k];
    }
    Class<?> rowType = flat.getClass().getComponentType();
    for (int k = axis + 1; k < shape.length; k++) {
      rowType = rowType.arrayType();
    }
    Object out = Array.newInstance(rowType, shape[axis]);
    for (int i = 0; i < shape[axis]; i++) {
      Array.set(out, i, reshape(flat, shape, axis + 1, offset + i * stride));
    }
    return out;
  }

  private static void requireExists(Path file) throws NoSuchFileException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(null, null, "HDF5 file " + file + " does not exist");
    }
  }
}

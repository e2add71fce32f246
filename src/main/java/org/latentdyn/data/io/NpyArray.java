package org.latentdyn.data.io;

import java.util.Arrays;
import java.util.Objects;
import org.latentdyn.data.Trajectory;

/**
 * An n-dimensional array as NumPy stores it: a {@link DType}, a shape and the elements in C (row-major)
 * order. A value type: immutable, factories copy their input, accessors return copies, and
 * {@link #equals} compares dtype, shape and elements.
 *
 * <p>A rank-0 array (shape {@code []}) holds one element. Sizes above {@code Integer.MAX_VALUE - 8}
 * elements are refused, since one Java array holds the data.
 */
public final class NpyArray {
  private final DType dtype;
  private final int[] shape;
  private final Object data;

  private NpyArray(DType dtype, int[] shape, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }

  /**
   * An array of {@code dtype} holding {@code data} (copied), which must be the primitive array class of
   * {@link DType#storage()} with exactly {@code product(shape)} elements.
   */
  public static NpyArray of(DType dtype, Object data, int... shape) {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(data, "data");
    return wrap(dtype, copyOf(data), shape.clone());
  }

  /** A FLOAT32 array (values copied). */
  public static NpyArray ofFloats(float[] values, int... shape) {
    return of(DType.FLOAT32, values, shape);
  }

  /** A FLOAT64 array (values copied). */
  public static NpyArray ofDoubles(double[] values, int... shape) {
    return of(DType.FLOAT64, values, shape);
  }

  /** An INT32 array (values copied). */
  public static NpyArray ofInts(int[] values, int... shape) {
    return of(DType.INT32, values, shape);
  }

  /** An INT64 array (values copied). */
  public static NpyArray ofLongs(long[] values, int... shape) {
    return of(DType.INT64, values, shape);
  }

  /** A FLOAT32 array of shape {@code [frames, features]} with the trajectory's values. */
  public static NpyArray of(Trajectory trajectory) {
    return wrap(DType.FLOAT32, trajectory.toArray(), new int[] {trajectory.frames(), trajectory.features()});
  }

  /** Takes ownership of {@code data} and {@code shape} without copying; validates. */
  static NpyArray wrap(DType dtype, Object data, int[] shape) {
    if (!dtype.storage().isInstance(data)) {
      throw new IllegalArgumentException("data for dtype " + dtype.numpyName() + " must be "
          + dtype.storage().getSimpleName() + ", got " + data.getClass().getSimpleName());
    }
    long size = sizeOf(shape);
    int length = java.lang.reflect.Array.getLength(data);
    if (size != length) {
      throw new IllegalArgumentException("data has " + length + " elements, shape " + Arrays.toString(shape)
          + " needs " + size);
    }
    return new NpyArray(dtype, shape, data);
  }

  /**
   * The number of elements of {@code shape}.
   *
   * @throws IllegalArgumentException if a dimension is negative or the product exceeds what one Java array
   *     holds
   */
  static long sizeOf(int[] shape) {
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
      }
      size *= d;
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape)
            + " has more elements than one Java array holds (" + (Integer.MAX_VALUE - 8) + ")");
      }
    }
    return size;
  }

  private static Object copyOf(Object data) {
    if (data instanceof float[] a) {
      return a.clone();
    } else if (data instanceof double[] a) {
      return a.clone();
    } else if (data instanceof int[] a) {
      return a.clone();
    } else if (data instanceof long[] a) {
      return a.clone();
    } else if (data instanceof short[] a) {
      return a.clone();
    } else if (data instanceof byte[] a) {
      return a.clone();
    }
    throw new IllegalArgumentException("data must be a primitive array, got " + data.getClass().getName());
  }

  public DType dtype() {
    return dtype;
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Size of dimension {@code axis}. */
  public int dim(int axis) {
    return shape[axis];
  }

  /** Number of elements. */
  public int size() {
    return java.lang.reflect.Array.getLength(data);
  }

  /** The backing primitive array, not copied; for writers in this package. */
  Object data() {
    return data;
  }

  /** A copy of the backing primitive array (its class is {@link DType#storage()}). */
  public Object toPrimitiveArray() {
    return copyOf(data);
  }

  /** Element {@code index} (C order) as a double; exact for every dtype except INT64 beyond 2^53. */
  public double getDouble(int index) {
    return switch (dtype) {
      case BOOL, INT8 -> ((byte[]) data)[index];
      case UINT8 -> ((byte[]) data)[index] & 0xFF;
      case INT16 -> ((short[]) data)[index];
      case UINT16 -> ((short[]) data)[index] & 0xFFFF;
      case INT32 -> ((int[]) data)[index];
      case INT64 -> ((long[]) data)[index];
      case FLOAT32 -> ((float[]) data)[index];
      case FLOAT64 -> ((double[]) data)[index];
    };
  }

  /** Element {@code index} (C order) as a long; only for integer and bool dtypes. */
  public long getLong(int index) {
    return switch (dtype) {
      case BOOL, INT8 -> ((byte[]) data)[index];
      case UINT8 -> ((byte[]) data)[index] & 0xFF;
      case INT16 -> ((short[]) data)[index];
      case UINT16 -> ((short[]) data)[index] & 0xFFFF;
      case INT32 -> ((int[]) data)[index];
      case INT64 -> ((long[]) data)[index];
      case FLOAT32, FLOAT64 -> throw new IllegalStateException(
          "array has dtype " + dtype.numpyName() + ", not an integer dtype");
    };
  }

  /** All elements as floats (C order); float64 and large int64 values are rounded to nearest float. */
  public float[] toFloatArray() {
    if (data instanceof float[] a) {
      return a.clone();
    }
    float[] out = new float[size()];
    if (data instanceof double[] a) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) a[i];
      }
    } else {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) getDouble(i);
      }
    }
    return out;
  }

  /** All elements as doubles (C order). */
  public double[] toDoubleArray() {
    if (data instanceof double[] a) {
      return a.clone();
    }
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getDouble(i);
    }
    return out;
  }

  /**
   * All elements as ints (C order). Only for integer and bool dtypes.
   *
   * @throws IllegalStateException for floating dtypes, or for an INT64 value outside the int range
   */
  public int[] toIntArray() {
    requireInteger("toIntArray");
    if (data instanceof int[] a) {
      return a.clone();
    }
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      long v = getLong(i);
      if (v != (int) v) {
        throw new IllegalStateException("element " + i + " = " + v + " does not fit in an int");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /**
   * All elements as longs (C order). Only for integer and bool dtypes.
   *
   * @throws IllegalStateException for floating dtypes
   */
  public long[] toLongArray() {
    requireInteger("toLongArray");
    long[] out = new long[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getLong(i);
    }
    return out;
  }

  private void requireInteger(String what) {
    if (dtype.isFloating()) {
      throw new IllegalStateException(what + " needs an integer or bool dtype, array has "
          + dtype.numpyName() + "; use toDoubleArray or toFloatArray");
    }
  }

  /**
   * This array as a trajectory {@code [frames, features]}: a 2-D array {@code [n, d]} gives n frames of d
   * features, a 1-D array {@code [n]} gives n frames of one feature. Values are converted to float.
   *
   * @throws IllegalArgumentException for other ranks or an empty dimension
   */
  public Trajectory toTrajectory() {
    if (shape.length != 1 && shape.length != 2) {
      throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " has rank "
          + shape.length + ", expected rank 2 [frames, features] or rank 1 [frames]");
    }
    int frames = shape[0];
    int features = shape.length == 2 ? shape[1] : 1;
    if (frames < 1 || features < 1) {
      throw new IllegalArgumentException("array of shape " + Arrays.toString(shape)
          + " is empty; a trajectory needs at least one frame and one feature");
    }
    return Trajectory.wrap(toFloatArray(), frames, features);
  }

  /**
   * The same elements with another shape of the same size. One dimension may be {@code -1}, inferred
   * as in NumPy.
   */
  public NpyArray reshape(int... newShape) {
    int[] s = newShape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException("reshape " + Arrays.toString(newShape) + " has more than one -1");
        }
        infer = i;
      } else {
        if (s[i] < 0) {
          throw new IllegalArgumentException("reshape " + Arrays.toString(newShape) + " has a negative dimension");
        }
        known *= s[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || size() % known != 0) {
        throw new IllegalArgumentException("cannot reshape " + size() + " elements to " + Arrays.toString(newShape));
      }
      s[infer] = (int) (size() / known);
    }
    if (sizeOf(s) != size()) {
      throw new IllegalArgumentException("cannot reshape array of shape " + Arrays.toString(shape) + " ("
          + size() + " elements) to " + Arrays.toString(newShape));
    }
    return new NpyArray(dtype, s, data);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NpyArray other) || dtype != other.dtype || !Arrays.equals(shape, other.shape)) {
      return false;
    }
    return Arrays.deepEquals(new Object[] {data}, new Object[] {other.data});
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
  }

  @Override
  public String toString() {
    return "NpyArray[dtype=" + dtype.numpyName() + ", shape=" + Arrays.toString(shape) + "]";
  }
}

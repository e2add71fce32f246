package org.latentdyn.data.io;

import java.util.Arrays;
import java.util.Locale;

/**
 * Element types of {@link NpyArray}, named as NumPy names them. Each type is held in memory by one Java
 * primitive array: {@code BOOL}, {@code INT8} and {@code UINT8} by {@code byte[]} (bool as 0/1, uint8 read
 * with {@code & 0xFF}), {@code INT16} and {@code UINT16} by {@code short[]} (uint16 read with
 * {@code & 0xFFFF}), {@code INT32} by {@code int[]}, {@code INT64} by {@code long[]}, {@code FLOAT32} by
 * {@code float[]} and {@code FLOAT64} by {@code double[]}.
 */
public enum DType {
  BOOL('b', 1, byte[].class),
  INT8('i', 1, byte[].class),
  UINT8('u', 1, byte[].class),
  INT16('i', 2, short[].class),
  UINT16('u', 2, short[].class),
  INT32('i', 4, int[].class),
  INT64('i', 8, long[].class),
  FLOAT32('f', 4, float[].class),
  FLOAT64('f', 8, double[].class);

  private final char kind;
  private final int itemSize;
  private final Class<?> storage;

  DType(char kind, int itemSize, Class<?> storage) {
    this.kind = kind;
    this.itemSize = itemSize;
    this.storage = storage;
  }

  /** Bytes per element. */
  public int itemSize() {
    return itemSize;
  }

  /** The Java primitive array class that holds values of this type. */
  public Class<?> storage() {
    return storage;
  }

  /** True for FLOAT32 and FLOAT64. */
  public boolean isFloating() {
    return kind == 'f';
  }

  /**
   * The NumPy type string without byte order, for example {@code "f4"}, {@code "i8"}, {@code "u1"},
   * {@code "b1"}.
   */
  public String numpyCode() {
    return "" + kind + itemSize;
  }

  /** Lower-case NumPy name, for example {@code "float32"}. */
  public String numpyName() {
    return this == BOOL ? "bool" : name().toLowerCase(Locale.ROOT);
  }

  /**
   * The type for a NumPy kind character and item size ({@code 'f', 4} is FLOAT32).
   *
   * @throws IllegalArgumentException if NumPy has no such type or this library does not read it
   */
  public static DType fromNumpy(char kind, int itemSize) {
    char k = kind == '?' ? 'b' : kind;
    for (DType t : values()) {
      if (t.kind == k && t.itemSize == itemSize) {
        return t;
      }
    }
    throw new IllegalArgumentException("dtype '" + kind + itemSize + "' is not supported; supported: "
        + Arrays.toString(Arrays.stream(values()).map(DType::numpyCode).toArray()));
  }
}

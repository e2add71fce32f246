package org.latentdyn.data.io;

import java.util.Arrays;
import java.util.List;
import org.latentdyn.data.Trajectory;

/**
 * A numeric table: named columns and {@code [rows, columns]} doubles in row-major order. Immutable; the
 * constructor copies, accessors copy.
 */
public final class CsvTable {
  private final List<String> columns;
  private final int rows;
  private final double[] values;

  /**
   * @param columns column names (at least one)
   * @param values row-major values, length a multiple of the number of columns (copied)
   */
  public CsvTable(List<String> columns, double[] values) {
    this(List.copyOf(columns), values.clone(), true);
  }

  private CsvTable(List<String> columns, double[] values, boolean validated) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("columns must hold at least one name, got 0");
    }
    if (values.length % columns.size() != 0) {
      throw new IllegalArgumentException("values has length " + values.length + ", not a multiple of "
          + columns.size() + " columns");
    }
    this.columns = columns;
    this.values = values;
    this.rows = values.length / columns.size();
  }

  /** A table from rows {@code [rows][columns]}. */
  public static CsvTable ofRows(List<String> columns, double[][] rows) {
    int c = columns.size();
    double[] v = new double[rows.length * c];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != c) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + c
            + " (one per column)");
      }
      System.arraycopy(rows[i], 0, v, i * c, c);
    }
    return new CsvTable(List.copyOf(columns), v, true);
  }

  /** Takes ownership of {@code values}. */
  static CsvTable wrap(List<String> columns, double[] values) {
    return new CsvTable(List.copyOf(columns), values, true);
  }

  public List<String> columns() {
    return columns;
  }

  public int rowCount() {
    return rows;
  }

  public int columnCount() {
    return columns.size();
  }

  public double get(int row, int column) {
    return values[row * columns.size() + column];
  }

  /** A copy of one row. */
  public double[] row(int row) {
    int c = columns.size();
    return Arrays.copyOfRange(values, row * c, (row + 1) * c);
  }

  /** A copy of one column. */
  public double[] column(int column) {
    int c = columns.size();
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = values[i * c + column];
    }
    return out;
  }

  /**
   * A copy of the column named {@code name}.
   *
   * @throws IllegalArgumentException if there is no such column; the message lists the columns
   */
  public double[] column(String name) {
    int j = columns.indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("no column '" + name + "'; columns are " + columns);
    }
    return column(j);
  }

  /** A copy of the row-major values. */
  public double[] toArray() {
    return values.clone();
  }

  /** A copy as {@code double[rows][columns]}. */
  public double[][] toRows() {
    double[][] out = new double[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = row(i);
    }
    return out;
  }

  /** The values as a FLOAT64 array of shape {@code [rows, columns]}. */
  public NpyArray toNpyArray() {
    return NpyArray.wrap(DType.FLOAT64, values.clone(), new int[] {rows, columns.size()});
  }

  /** The table as a trajectory: one frame per row, one feature per column (values rounded to float). */
  public Trajectory toTrajectory() {
    if (rows == 0) {
      throw new IllegalArgumentException("table has no rows; a trajectory needs at least one frame");
    }
    float[] v = new float[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) values[i];
    }
    return Trajectory.wrap(v, rows, columns.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvTable t && columns.equals(t.columns) && Arrays.equals(values, t.values);
  }

  @Override
  public int hashCode() {
    return 31 * columns.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "CsvTable[rows=" + rows + ", columns=" + columns + "]";
  }
}

package org.latentdyn.data.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.latentdyn.data.Trajectory;

/**
 * Numeric CSV with one header row of column names.
 *
 * <p>Reading: the first non-blank line is the header; a leading {@code #} on it is dropped (as
 * {@code numpy.savetxt(header=...)} and OpenMM's reporters write it). Later blank lines and lines starting
 * with {@code #} are skipped. Fields may be double-quoted ({@code ""} escapes a quote) and are trimmed.
 * Values are decimal numbers; {@code nan}, {@code inf}, {@code -inf} (any case) and Java's
 * {@code NaN}/{@code Infinity} are accepted. A field that is not a number, or a row with the wrong number of
 * fields, is an {@link IOException} naming the file, the line (1-based) and the column.
 *
 * <p>Writing: comma separated, header first, values in shortest round-trip form ({@code nan}, {@code inf},
 * {@code -inf} for non-finite values), atomically ({@link AtomicFiles}).
 */
public final class Csv {
  private Csv() {}

  /** Reads a comma-separated file. */
  public static CsvTable read(Path path) throws IOException {
    return read(path, ',');
  }

  /** Reads a file whose fields are separated by {@code delimiter}. */
  public static CsvTable read(Path path, char delimiter) throws IOException {
    String source = path.getFileName().toString();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      List<String> columns = null;
      double[] values = new double[1024];
      int n = 0;
      int lineNo = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        String t = line.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (columns == null) {
          if (t.startsWith("#")) {
            t = t.substring(1).strip();
          }
          columns = split(t, delimiter, source, lineNo);
          continue;
        }
        if (t.startsWith("#")) {
          continue;
        }
        List<String> fields = split(t, delimiter, source, lineNo);
        if (fields.size() != columns.size()) {
          throw new MalformedFileException(source + " line " + lineNo + ": " + fields.size() + " fields, expected "
              + columns.size() + " (one per header column)");
        }
        if (n + fields.size() > values.length) {
          values = Arrays.copyOf(values, Math.max(values.length * 2, n + fields.size()));
        }
        for (int j = 0; j < fields.size(); j++) {
          values[n++] = parse(fields.get(j), source, lineNo, j, columns.get(j));
        }
      }
      if (columns == null) {
        throw new MalformedFileException(source + " is empty; expected a header row of column names");
      }
      return CsvTable.wrap(columns, Arrays.copyOf(values, n));
    }
  }

  private static double parse(String field, String source, int lineNo, int column, String name)
      throws IOException {
    String f = field.strip();
    switch (f.toLowerCase(java.util.Locale.ROOT)) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    try {
      if (f.isEmpty() || f.endsWith("d") || f.endsWith("D") || f.endsWith("f") || f.endsWith("F")) {
        throw new NumberFormatException();
      }
      return Double.parseDouble(f);
    } catch (NumberFormatException e) {
      throw new MalformedFileException(source + " line " + lineNo + ", column " + (column + 1) + " ('" + name + "'): '"
          + field + "' is not a number");
    }
  }

  /** Splits one line into fields, honouring double quotes. */
  static List<String> split(String line, char delimiter, String source, int lineNo) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.toString().isBlank()) {
        quoted = true;
        wasQuoted = true;
        cur.setLength(0);
      } else if (c == delimiter) {
        out.add(wasQuoted ? cur.toString() : cur.toString().strip());
        cur.setLength(0);
        wasQuoted = false;
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new MalformedFileException(source + " line " + lineNo + ": unterminated quoted field");
    }
    out.add(wasQuoted ? cur.toString() : cur.toString().strip());
    return out;
  }

  /** Writes a table atomically. */
  public static void write(Path path, CsvTable table) throws IOException {
    int c = table.columnCount();
    double[] v = table.toArray();
    writeRows(path, table.columns(), table.rowCount(), (row, sb) -> {
      for (int j = 0; j < c; j++) {
        sb.append(j == 0 ? "" : ",").append(format(v[row * c + j]));
      }
    });
  }

  /** Writes rows {@code [rows][columns]} under the given header atomically. */
  public static void write(Path path, List<String> columns, double[][] rows) throws IOException {
    write(path, CsvTable.ofRows(columns, rows));
  }

  /** Writes a trajectory, one row per frame, values in float shortest form. */
  public static void write(Path path, List<String> columns, Trajectory trajectory) throws IOException {
    int f = trajectory.features();
    if (columns.size() != f) {
      throw new IllegalArgumentException("columns has " + columns.size() + " names, trajectory has " + f
          + " features");
    }
    float[] v = trajectory.view();
    writeRows(path, columns, trajectory.frames(), (row, sb) -> {
      for (int j = 0; j < f; j++) {
        float x = v[row * f + j];
        sb.append(j == 0 ? "" : ",").append(Float.isFinite(x) ? Float.toString(x) : format(x));
      }
    });
  }

  private interface RowFormatter {
    void append(int row, StringBuilder sb);
  }

  private static void writeRows(Path path, List<String> columns, int rows, RowFormatter fmt)
      throws IOException {
    AtomicFiles.write(path, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < columns.size(); j++) {
        sb.append(j == 0 ? "" : ",").append(quote(columns.get(j)));
      }
      sb.append('\n');
      for (int i = 0; i < rows; i++) {
        fmt.append(i, sb);
        sb.append('\n');
        if (sb.length() > 1 << 16) {
          w.write(sb.toString());
          sb.setLength(0);
        }
      }
      w.write(sb.toString());
      w.flush();
    });
  }

  private static String quote(String name) {
    if (name.indexOf(',') >= 0 || name.indexOf('"') >= 0 || name.indexOf('\n') >= 0 || name.startsWith("#")
        || !name.equals(name.strip())) {
      return '"' + name.replace("\"", "\"\"") + '"';
    }
    return name;
  }

  private static String format(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    } else if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    return Double.toString(x);
  }
}

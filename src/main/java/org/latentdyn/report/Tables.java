package org.latentdyn.report;

import java.util.List;
import java.util.Locale;

/** Readable text tables (Markdown pipe tables that also read well in a terminal). */
public final class Tables {
  private Tables() {}

  /** A Markdown table with columns padded to equal width; the first row is the header. */
  public static String markdown(List<List<String>> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    int cols = rows.get(0).size();
    int[] w = new int[cols];
    for (List<String> r : rows) {
      for (int c = 0; c < cols; c++) {
        w[c] = Math.max(w[c], Math.max(3, r.get(c).length()));
      }
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      s.append('|');
      for (int c = 0; c < cols; c++) {
        String v = rows.get(i).get(c);
        s.append(' ').append(c == 0 ? pad(v, w[c], false) : pad(v, w[c], true)).append(" |");
      }
      s.append('\n');
      if (i == 0) {
        s.append('|');
        for (int c = 0; c < cols; c++) {
          s.append(' ').append(c == 0 ? "-".repeat(w[c]) : "-".repeat(w[c] - 1) + ":").append(" |");
        }
        s.append('\n');
      }
    }
    return s.toString();
  }

  /** A number in a compact, locale-independent form (4 significant digits). */
  public static String num(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e5)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String pad(String v, int w, boolean right) {
    String fill = " ".repeat(Math.max(0, w - v.length()));
    return right ? fill + v : v + fill;
  }
}

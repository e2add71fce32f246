package org.latentdyn.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained {@code index.html} that links a run's figures, tables and files. Plain HTML, no scripts,
 * so it opens anywhere, including offline.
 */
public final class HtmlReport {
  private final String title;
  private final StringBuilder body = new StringBuilder();
  private final List<String> links = new ArrayList<>();

  public HtmlReport(String title) {
    this.title = title;
  }

  public HtmlReport paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  public HtmlReport heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  /** A table; the first row is the header. */
  public HtmlReport table(List<List<String>> rows) {
    body.append("<table>\n");
    for (int r = 0; r < rows.size(); r++) {
      String cell = r == 0 ? "th" : "td";
      body.append("<tr>");
      for (String v : rows.get(r)) {
        body.append('<').append(cell).append('>').append(escape(v)).append("</").append(cell).append('>');
      }
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /** An image with a caption, linked to the file itself. */
  public HtmlReport figure(String file, String caption) {
    body.append("<figure><a href=\"").append(escape(file)).append("\"><img src=\"").append(escape(file))
        .append("\" alt=\"").append(escape(caption)).append("\"></a><figcaption>").append(escape(caption))
        .append("</figcaption></figure>\n");
    return this;
  }

  /** A link in the "Files" list at the end of the page. */
  public HtmlReport file(String file, String description) {
    links.add("<li><a href=\"" + escape(file) + "\">" + escape(file) + "</a> " + escape(description) + "</li>");
    return this;
  }

  public String render() {
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
        .append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
            + "th{background:#eee}figure{display:inline-block;margin:0.5em}img{max-width:520px}"
            + "figcaption{font-size:90%;color:#444}</style></head><body>\n");
    s.append("<h1>").append(escape(title)).append("</h1>\n").append(body);
    if (!links.isEmpty()) {
      s.append("<h2>Files</h2>\n<ul>\n").append(String.join("\n", links)).append("\n</ul>\n");
    }
    s.append("</body></html>\n");
    return s.toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

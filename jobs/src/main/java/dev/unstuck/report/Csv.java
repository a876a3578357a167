package dev.unstuck.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * RFC 4180 CSV: a header of column names, CRLF line ends, a field quoted when it holds a comma, a quote, a line
 * break or surrounding spaces, quotes doubled inside; null is an empty field. Spreadsheets, pandas and
 * PostgreSQL's {@code COPY ... CSV HEADER} read it back unchanged.
 */
public final class Csv {
  private Csv() {}

  public static void write(Table table, Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(table, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static void write(Table table, Writer out) throws IOException {
    line(table.columns(), out);
    for (List<Object> row : table.rows()) {
      line(row, out);
    }
  }

  public static String toString(Table table) {
    java.io.StringWriter out = new java.io.StringWriter();
    try {
      write(table, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void line(List<?> values, Writer out) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(values.get(i)));
    }
    out.write("\r\n");
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof Double d ? number(d) : value.toString();
    // an empty string is quoted so that it reads back as '' and an empty field as null (as COPY CSV does)
    boolean quote = text.isEmpty()
        || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
            || Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1));
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /** Doubles as PostgreSQL prints them: NaN and Infinity spelled out, no trailing ".0" on integers lost. */
  private static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return Double.toString(d);
  }
}

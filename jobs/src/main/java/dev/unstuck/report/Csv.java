package dev.unstuck.report;

import dev.unstuck.db.Table;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The results folder's CSVs, written by Apache Commons CSV as RFC 4180: a header of column names,
 * CRLF line ends, every value quoted and null an empty unquoted field - the one convention that
 * keeps null and the empty string apart, as PostgreSQL's {@code COPY ... CSV HEADER} does.
 * Spreadsheets, pandas and COPY read it back unchanged.
 */
public final class Csv {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).build();

  private Csv() {}

  public static void write(Table table, Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(table, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static void write(Table table, Writer out) throws IOException {
    CSVPrinter printer =
        new CSVPrinter(
            out, FORMAT.builder().setHeader(table.columns().toArray(String[]::new)).build());
    for (List<Object> row : table.rows()) {
      printer.printRecord(row.stream().map(Csv::text).toList());
    }
    printer.flush(); // the writer is the caller's to close
  }

  public static String toString(Table table) {
    StringWriter out = new StringWriter();
    try {
      write(table, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Doubles as PostgreSQL prints them: NaN and Infinity spelled out. */
  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double d && Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return value.toString();
  }
}

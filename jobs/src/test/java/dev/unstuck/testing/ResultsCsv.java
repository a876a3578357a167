package dev.unstuck.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * A CSV file of a results folder ({@code fix_outcome.csv}, {@code run_diagnosis.csv}) read back
 * with Apache Commons CSV: header row, quoted fields (the evidence column spans lines); an empty
 * unquoted field is null.
 */
public final class ResultsCsv {
  // ALL_NON_NULL makes the parser tell a quoted "" (an empty string) from an empty unquoted field
  // (null)
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setNullString("")
          .setQuoteMode(QuoteMode.ALL_NON_NULL)
          .build();

  private ResultsCsv() {}

  /**
   * Every row as column name -> text (null for an empty field); an empty list when the file does
   * not exist.
   */
  public static List<Map<String, String>> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return rows(in);
    }
  }

  /** As {@link #read}, from the text of a file. */
  public static List<Map<String, String>> parse(String text) throws IOException {
    return rows(new StringReader(text));
  }

  private static List<Map<String, String>> rows(Reader in) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (CSVParser parser = FORMAT.parse(in)) {
      for (CSVRecord record : parser) {
        Map<String, String> row = new HashMap<>();
        parser
            .getHeaderNames()
            .forEach(column -> row.put(column, record.isSet(column) ? record.get(column) : null));
        rows.add(row);
      }
    }
    return rows;
  }
}

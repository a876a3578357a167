package dev.unstuck.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Files shaped like the ones users have, written from the real wine data (178 rows, 13
 * measurements, 3 classes; src/test/resources/data/wine.csv.gz): a label called label, class,
 * target or y; string and numeric labels; an id column; categorical text; missing cells and "n/a";
 * quoted commas; ';' separators; CRLF with a byte order mark; gzip; no header with the label first;
 * Latin-1.
 */
public final class RealShapedFiles {
  public static final Path WINE =
      Path.of("src", "test", "resources", "data", "wine.csv.gz").toAbsolutePath();
  private static final String[] CULTIVARS = {"barolo", "grignolino", "barbera"};
  private static final String[] REGIONS = {"Piedmont, Italy", "Alba", "Asti, Piedmont"};
  private static final String[] LATIN1_REGIONS = {"Rh\u00f4ne", "C\u00f4te d'Or", "Alba"};

  private final Path folder;
  private final List<String> header;
  private final List<String[]> rows;

  public RealShapedFiles(Path folder) {
    this.folder = folder;
    List<String> lines = readGzip(WINE);
    this.header = Arrays.asList(lines.get(0).split(","));
    this.rows = lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
  }

  /** wine as it is: gzip, header, the class in a column called label. */
  public Path labelNamedLabel() {
    return WINE;
  }

  /** The class as a word in a column called class. */
  public Path stringClassLabels() {
    return write("class.csv", table(List.of(), "class", r -> CULTIVARS[cls(r)], ","), "\n", false);
  }

  /** An id column first (unique numbers), the numeric class in y last. */
  public Path numericIdAndY() {
    List<String> lines = new ArrayList<>();
    lines.add("id," + String.join(",", features()) + ",y");
    for (int i = 0; i < rows.size(); i++) {
      lines.add(
          (1000 + i) + "," + String.join(",", measurements(rows.get(i))) + "," + cls(rows.get(i)));
    }
    return write("id-y.csv", lines, "\n", false);
  }

  /** A text id per row ("W-0001"): free text, which cannot be encoded. */
  public Path textIdAndTarget() {
    List<String> lines = new ArrayList<>();
    lines.add("id,target," + String.join(",", features()));
    for (int i = 0; i < rows.size(); i++) {
      lines.add(
          String.format(
              "W-%04d,%d,%s", i, cls(rows.get(i)), String.join(",", measurements(rows.get(i)))));
    }
    return write("text-id.csv", lines, "\n", false);
  }

  /** A categorical region whose values hold commas, so they are quoted. */
  public Path quotedCategories() {
    List<String> lines = new ArrayList<>();
    lines.add("region," + String.join(",", features()) + ",target");
    for (int i = 0; i < rows.size(); i++) {
      lines.add(
          "\""
              + REGIONS[i % 3]
              + "\","
              + String.join(",", measurements(rows.get(i)))
              + ","
              + cls(rows.get(i)));
    }
    return write("quoted.csv", lines, "\n", false);
  }

  /**
   * Missing cells in f3 (every 10th row empty) and "n/a" in f5 (every 12th row): 18 + 15 bad cells
   * in two columns.
   */
  public Path missingCellsAndPlaceholders() {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", header));
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i).clone();
      if (i % 10 == 0) {
        row[3] = "";
      }
      if (i % 12 == 0) {
        row[5] = "n/a";
      }
      lines.add(String.join(",", row));
    }
    return write("missing.csv", lines, "\n", false);
  }

  /** ';' between fields, as spreadsheets write in much of Europe. */
  public Path semicolons() {
    return write(
        "semicolons.csv", table(List.of(), "label", r -> String.valueOf(cls(r)), ";"), "\n", false);
  }

  /** Windows line ends and a UTF-8 byte order mark, the label first. */
  public Path crlfWithByteOrderMark() {
    List<String> lines = new ArrayList<>();
    lines.add("\uFEFFlabel," + String.join(",", features()));
    rows.forEach(r -> lines.add(cls(r) + "," + String.join(",", measurements(r))));
    return write("crlf-bom.csv", lines, "\r\n", false);
  }

  /** No header, the label in the first column, gzip. */
  public Path headerlessLabelFirst() {
    List<String> lines = new ArrayList<>();
    rows.forEach(r -> lines.add(cls(r) + "," + String.join(",", measurements(r))));
    return write("headerless.csv.gz", lines, "\n", true);
  }

  /** 1,000 rows of 500 classes, two rows each: nothing a stratified split could hold out at 0.2. */
  public Path fiveHundredClasses() {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", features()) + ",product");
    for (int i = 0; i < 1000; i++) {
      lines.add(String.join(",", measurements(rows.get(i % rows.size()))) + ",p" + (i % 500));
    }
    return write("products.csv", lines, "\n", false);
  }

  /**
   * Saved as Latin-1 (ISO-8859-1), as spreadsheets in western Europe still write CSV: the first
   * column, "région", names the wine's region ("Rhône", "Côte d'Or", "Alba"); each accented letter
   * is one byte that is not UTF-8, the first on line 1 (the header's é).
   */
  public Path latin1() {
    List<String> lines = new ArrayList<>();
    lines.add("r\u00e9gion," + String.join(",", features()) + ",label");
    for (int i = 0; i < rows.size(); i++) {
      lines.add(
          LATIN1_REGIONS[i % 3]
              + ","
              + String.join(",", measurements(rows.get(i)))
              + ","
              + cls(rows.get(i)));
    }
    return write("latin1.csv", lines, "\n", false, StandardCharsets.ISO_8859_1);
  }

  private List<String> features() {
    return header.subList(0, header.size() - 1);
  }

  private static List<String> measurements(String[] row) {
    return Arrays.asList(row).subList(0, row.length - 1);
  }

  private static int cls(String[] row) {
    return Integer.parseInt(row[row.length - 1].strip());
  }

  private List<String> table(
      List<String> extra, String labelName, Function<String[], String> label, String sep) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(sep, features()) + sep + labelName);
    rows.forEach(r -> lines.add(String.join(sep, measurements(r)) + sep + label.apply(r)));
    return lines;
  }

  private Path write(String name, List<String> lines, String lineEnd, boolean gzip) {
    return write(name, lines, lineEnd, gzip, StandardCharsets.UTF_8);
  }

  private Path write(
      String name, List<String> lines, String lineEnd, boolean gzip, Charset charset) {
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve(name);
      byte[] bytes = (String.join(lineEnd, lines) + lineEnd).getBytes(charset);
      if (gzip) {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
          out.write(bytes);
        }
      } else {
        Files.write(file, bytes);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> readGzip(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

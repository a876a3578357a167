package dev.unstuck.spec;

import java.util.List;

/**
 * Where the data is and how to read it.
 *
 * @param path any URI Spark reads; relative paths resolve against the spec file's folder
 * @param label column name, or for header-less CSV a 0-based column index or "last"
 * @param features columns to use; empty means every other column
 * @param validation held-out fraction, stratified by label
 * @param splitSeed seed of the train/validation split, shared by every run so they are comparable
 * @param delimiter the CSV field separator, one character (",", ";", a tab)
 * @param encoding the CSV file's character set, a Java charset name as Spark's CSV reader takes it
 *     (UTF-8 unless the file was saved in another, e.g. windows-1252 by a spreadsheet)
 * @param shape [height, width, channels] when each row's features are an image's pixels; empty for
 *     plain rows
 * @param limit read only the first this many rows (0: every row), e.g. a subset of a large image
 *     set
 * @param labels the labels file of {@code idx} data (resolved path); null for every other format
 */
public record DataSpec(
    String path,
    DataFormat format,
    boolean header,
    String label,
    List<String> features,
    double validation,
    long splitSeed,
    NonFinitePolicy nonFinite,
    String delimiter,
    String encoding,
    List<Integer> shape,
    long limit,
    String labels) {

  public static final String COMMA = ",";
  public static final String UTF_8 = "UTF-8";

  public DataSpec {
    features = List.copyOf(features);
    shape = List.copyOf(shape);
  }

  /** Plain rows, every one of them. */
  public DataSpec(
      String path,
      DataFormat format,
      boolean header,
      String label,
      List<String> features,
      double validation,
      long splitSeed,
      NonFinitePolicy nonFinite,
      String delimiter,
      String encoding) {
    this(
        path,
        format,
        header,
        label,
        features,
        validation,
        splitSeed,
        nonFinite,
        delimiter,
        encoding,
        List.of(),
        0,
        null);
  }

  /** Comma-separated, as most files are. */
  public DataSpec(
      String path,
      DataFormat format,
      boolean header,
      String label,
      List<String> features,
      double validation,
      long splitSeed,
      NonFinitePolicy nonFinite) {
    this(path, format, header, label, features, validation, splitSeed, nonFinite, COMMA, UTF_8);
  }

  /** Read as UTF-8 unless said otherwise. */
  public boolean utf8() {
    return encoding.equals(UTF_8);
  }
}

package dev.unstuck.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import dev.unstuck.spec.DataFormat;
import dev.unstuck.spec.DataSpec;
import dev.unstuck.text.NotUtf8;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A CSV read as UTF-8 that is not: Spark turns every byte it cannot decode into U+FFFD and reads
 * on, so a Latin-1 file trains with "Rh\uFFFDne" for "Rhône" and a header that matches no column
 * the spec names. Found by that character in the header or any text cell, then placed in the file
 * (byte and line) for the message.
 */
final class Utf8Check {
  static final char REPLACEMENT = '\uFFFD';

  /**
   * The search for the byte reads at most this much of a file: it only makes the message more
   * exact.
   */
  private static final long MAX_SCANNED = 256L << 20;

  private Utf8Check() {}

  /**
   * @throws DataException naming the file, where it stops being UTF-8, and the two ways out
   */
  static void check(SparkSession spark, Dataset<Row> raw, DataSpec spec) {
    if (spec.format() != DataFormat.CSV || !spec.utf8()) {
      return;
    }
    String[] names = raw.columns();
    Dataset<Row> rows =
        raw.toDF(IntStream.range(0, names.length).mapToObj(i -> "c" + i).toArray(String[]::new));
    List<String> text =
        Arrays.stream(rows.schema().fields())
            .filter(f -> f.dataType() == DataTypes.StringType)
            .map(StructField::name)
            .toList();
    Optional<Column> replaced =
        text.stream().map(c -> col(c).contains(String.valueOf(REPLACEMENT))).reduce(Column::or);
    boolean inHeader = Arrays.stream(names).anyMatch(n -> n.indexOf(REPLACEMENT) >= 0);
    List<Row> firstBadRow =
        replaced.isEmpty()
            ? List.of()
            : rows.filter(replaced.get()).select(input_file_name()).limit(1).collectAsList();
    if (!inHeader && firstBadRow.isEmpty()) {
      return;
    }
    String file =
        firstBadRow.isEmpty()
            ? Arrays.stream(raw.inputFiles()).sorted().findFirst().orElse(spec.path())
            : firstBadRow.get(0).getString(0);
    String shown = shown(file, spec.path());
    String where;
    try {
      where =
          locate(spark.sparkContext().hadoopConfiguration(), file)
              .map(b -> " (" + b.where() + ")")
              .orElse(" (Spark read bytes it could not decode)");
    } catch (IOException
        | RuntimeException e) { // the message without the place is still the right one
      where = " (Spark read bytes it could not decode)";
    }
    throw new DataException(
        "data.path: "
            + shown
            + " is not UTF-8"
            + where
            + ": save it as UTF-8, or set "
            + "data.encoding to the character set it was saved in, e.g. data.encoding: windows-1252 (what spreadsheets "
            + "in western Europe save)");
  }

  /** The first byte that is not UTF-8, decompressing as Spark does (by the file's extension). */
  private static Optional<NotUtf8> locate(Configuration hadoop, String file) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(URI.create(file));
    FileSystem fs = path.getFileSystem(hadoop);
    CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(path);
    try (InputStream in = codec == null ? fs.open(path) : codec.createInputStream(fs.open(path))) {
      return NotUtf8.find(in, MAX_SCANNED);
    }
  }

  /** A local file as the user wrote its path; anything else as Spark names it. */
  private static String shown(String file, String specPath) {
    try {
      URI uri = URI.create(file);
      if ("file".equals(uri.getScheme())) {
        Path local = Path.of(uri);
        return local.equals(Path.of(specPath).toAbsolutePath()) ? specPath : local.toString();
      }
    } catch (IllegalArgumentException e) {
      // not a URI Java can turn into a path: show it as it is
    }
    return file;
  }
}

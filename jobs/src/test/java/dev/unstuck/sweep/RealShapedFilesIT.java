package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.InProcessKafka;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.RealShapedFiles;
import dev.unstuck.testing.SweepSpecFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sweep job on files shaped like users' files (issue 9): each one trains, or stops before
 * training with one line naming the column or setting and exit code 4.
 */
class RealShapedFilesIT {
  static InProcessKafka kafka;
  static SparkSession spark;
  @TempDir static Path dir;
  static RealShapedFiles files;

  @BeforeAll
  static void start() {
    spark = LocalSpark.session();
    kafka = InProcessKafka.start();
    files = new RealShapedFiles(dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  /**
   * What the sweep job printed and returned for a one-epoch sweep on {@code data} (the YAML under
   * data:).
   */
  record Outcome(int exit, String out, String err) {
    List<String> errorLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  static Outcome sweep(String name, String data) {
    Path spec =
        SweepSpecFiles.write(
            dir,
            name + ".yaml",
            """
        name: %s
        data:
        %s
        model:
          hidden: [8]
          activation: relu
        training:
          optimizer: adam
          learningRate: 0.01
          normalizeInputs: standard
          epochs: 1
          seeds: 1
          workers: 1
        fixes:
          - l2: [1e-4]
        """
                .formatted(name, data.indent(2).stripTrailing()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new SweepJob())
              .execute("--spec", spec.toString(), "--bootstrap-servers", kafka.bootstrapServers());
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    Outcome outcome =
        new Outcome(
            exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.println(name + ": exit " + exit + "\n" + outcome.out() + outcome.err());
    return outcome;
  }

  static void trains(Outcome outcome) {
    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("2 runs").contains("0 failed");
    assertThat(outcome.err()).doesNotContain("Exception", "\tat ");
  }

  static void stopsWithOneLine(Outcome outcome, String line) {
    assertThat(outcome.exit()).as(outcome.err()).isEqualTo(SweepJob.BAD_DATA);
    assertThat(outcome.errorLines())
        .singleElement()
        .asString()
        .startsWith("unstuck: ")
        .contains(line);
    assertThat(outcome.out()).doesNotContain("runs in");
  }

  @Test
  void aLabelColumnCalledLabelInAGzipFile() {
    trains(sweep("label", "path: " + files.labelNamedLabel() + "\nlabel: label"));
  }

  @Test
  void stringClassLabelsInAColumnCalledClass() {
    trains(sweep("class", "path: " + files.stringClassLabels() + "\nlabel: class"));
  }

  @Test
  void aNumericIdColumnAndAColumnCalledY() {
    trains(sweep("id-y", "path: " + files.numericIdAndY() + "\nlabel: y"));
  }

  @Test
  void aTextIdColumnIsNamedAndTheSweepStops() {
    stopsWithOneLine(
        sweep("text-id", "path: " + files.textIdAndTarget() + "\nlabel: target"),
        "feature column 'id' is text with 178 distinct values in 178 rows");
  }

  @Test
  void quotedCategoriesWithCommas() {
    trains(sweep("quoted", "path: " + files.quotedCategories() + "\nlabel: target"));
  }

  @Test
  void missingCellsAndNaPlaceholdersTrainAndAreCountedByColumn() {
    // the cells are counted and named by the loader (DatasetLoaderIT); NaN inputs may make the runs
    // diverge, which
    // is what data.nonFinite: report is for - the diagnosis calls it a data-pipeline error
    Outcome outcome =
        sweep("missing", "path: " + files.missingCellsAndPlaceholders() + "\nlabel: label");
    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("2 runs in").contains("0 failed");
  }

  @Test
  void semicolonsWithDataDelimiter() {
    trains(sweep("semicolons", "path: " + files.semicolons() + "\nlabel: label\ndelimiter: ';'"));
  }

  @Test
  void semicolonsWithoutDataDelimiterNameTheSetting() {
    stopsWithOneLine(
        sweep("semicolons-unsaid", "path: " + files.semicolons() + "\nlabel: label"),
        "the header looks ';'-separated: set data.delimiter: ';'");
  }

  @Test
  void crlfAndAByteOrderMarkWithTheLabelFirst() {
    trains(sweep("crlf-bom", "path: " + files.crlfWithByteOrderMark() + "\nlabel: label"));
  }

  @Test
  void aHeaderlessGzipFileWithTheLabelFirst() {
    trains(
        sweep("headerless", "path: " + files.headerlessLabelFirst() + "\nheader: false\nlabel: 0"));
  }

  @Test
  void aSparkWrittenFolderOfPartFiles() {
    Path parts = dir.resolve("data").resolve("parts");
    spark
        .read()
        .option("header", true)
        .option("inferSchema", true)
        .csv(RealShapedFiles.WINE.toString())
        .repartition(3)
        .write()
        .option("header", true)
        .csv(parts.toString());
    trains(sweep("parts", "path: " + parts + "\nlabel: label"));
  }

  @Test
  void parquetWithAColumnCalledLabel() {
    Path parquet = dir.resolve("data").resolve("wine.parquet");
    spark
        .read()
        .option("header", true)
        .option("inferSchema", true)
        .csv(RealShapedFiles.WINE.toString())
        .write()
        .parquet(parquet.toString());
    trains(sweep("parquet", "path: " + parquet + "\nformat: parquet\nlabel: label"));
  }

  @Test
  void fiveHundredClassesOnAThousandRowsStopBeforeTraining() {
    stopsWithOneLine(
        sweep("products", "path: " + files.fiveHundredClasses() + "\nlabel: product"),
        "data.validation: 0.2 leaves the validation split empty");
  }

  @Test
  void aLatin1FileIsNamedAsNotUtf8WithTheWayOut() {
    Path file = files.latin1();
    stopsWithOneLine(
        sweep("latin1", "path: " + file + "\nlabel: label"),
        "data.path: "
            + file
            + " is not UTF-8 (byte 0xE9 on line 1): save it as UTF-8, or set data.encoding");
  }

  @Test
  void aLatin1FileTrainsWithDataEncoding() {
    trains(
        sweep("latin1-declared", "path: " + files.latin1() + "\nlabel: label\nencoding: latin1"));
  }

  // A newcomer's other data mistakes: one line each, exit 4, before training

  @Test
  void aFolderWithNoDataFiles() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("data").resolve("nothing-here"));
    stopsWithOneLine(
        sweep("empty-folder", "path: " + empty + "\nlabel: label"),
        "data.path: " + empty + " is a folder with no data files in it");
  }

  @Test
  void aFileOfZeroBytes() throws Exception {
    Path file = Files.write(dir.resolve("data").resolve("zero.csv"), new byte[0]);
    stopsWithOneLine(
        sweep("zero-bytes", "path: " + file + "\nlabel: label"),
        "data.path: " + file + " is empty");
  }

  @Test
  void aHeaderWithoutRows() throws Exception {
    Path file = Files.writeString(dir.resolve("data").resolve("header.csv"), "f0,f1,label\n");
    stopsWithOneLine(
        sweep("header-only", "path: " + file + "\nlabel: label"),
        "data.path: " + file + " has a header (f0, f1, label) but no rows");
  }

  @Test
  void aLabelColumnThatDoesNotExist() {
    stopsWithOneLine(
        sweep("no-such-label", "path: " + files.stringClassLabels() + "\nlabel: cultivar"),
        "data.label: no column 'cultivar' in " + files.stringClassLabels());
  }
}

package dev.unstuck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.spec.DataFormat;
import dev.unstuck.spec.DataSpec;
import dev.unstuck.spec.NonFinitePolicy;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.RealShapedFiles;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading and encoding real and broken datasets with Spark: every data error names its column and
 * row count.
 */
class DatasetLoaderIT {
  static SparkSession spark;

  @BeforeAll
  static void spark() {
    spark = LocalSpark.session();
  }

  static DataSpec csv(Path path, boolean header, String label, NonFinitePolicy nonFinite) {
    return new DataSpec(
        path.toString(), DataFormat.CSV, header, label, List.of(), 0.2, 7, nonFinite);
  }

  @Test
  void churnIsEncodedWithStringLabelsAndOneHotCategories() {
    EncodedData data =
        DatasetLoader.load(
            spark,
            csv(
                SweepSpecFiles.DATA.resolve("churn.csv.gz"),
                true,
                "churn",
                NonFinitePolicy.REPORT));

    assertThat(data.classLabels()).containsExactly("no", "yes");
    assertThat(data.rows().count()).isEqualTo(5000);
    // 15 numeric columns + one-hot state (51 values), area_code (3), two yes/no plans (2 each),
    // each + 1 "unseen"
    assertThat(data.numFeatures()).isGreaterThan(15 + 51);
    assertThat(data.featureNames()).contains("state", "total_day_minutes").doesNotContain("churn");
  }

  @Test
  void headerlessDigitsTakeTheLastColumnAsLabel() {
    EncodedData data =
        DatasetLoader.load(
            spark,
            csv(
                SweepSpecFiles.DATA.resolve("digits.csv.gz"),
                false,
                "last",
                NonFinitePolicy.REPORT));

    assertThat(data.numFeatures()).isEqualTo(64);
    assertThat(data.numClasses()).isEqualTo(10);
    assertThat(data.rows().count()).isEqualTo(1797);
  }

  @Test
  void parquetAndLibsvmAreReadToo(@TempDir Path dir) throws Exception {
    EncodedData churn =
        DatasetLoader.load(
            spark,
            csv(
                SweepSpecFiles.DATA.resolve("churn.csv.gz"),
                true,
                "churn",
                NonFinitePolicy.REPORT));
    Path parquet = dir.resolve("churn.parquet");
    spark
        .read()
        .option("header", true)
        .option("inferSchema", true)
        .csv(SweepSpecFiles.DATA.resolve("churn.csv.gz").toString())
        .write()
        .parquet(parquet.toString());
    EncodedData fromParquet =
        DatasetLoader.load(
            spark,
            new DataSpec(
                parquet.toString(),
                DataFormat.PARQUET,
                true,
                "churn",
                List.of(),
                0.2,
                7,
                NonFinitePolicy.REPORT));
    assertThat(fromParquet.numFeatures()).isEqualTo(churn.numFeatures());
    assertThat(fromParquet.rows().count()).isEqualTo(5000);

    Path libsvm =
        Files.writeString(
            dir.resolve("tiny.libsvm"), "1 1:0.5 3:2.0\n0 2:1.5\n1 1:0.1 2:0.2 3:0.3\n0 3:4\n");
    EncodedData fromLibsvm =
        DatasetLoader.load(
            spark,
            new DataSpec(
                libsvm.toString(),
                DataFormat.LIBSVM,
                false,
                "label",
                List.of(),
                0.2,
                7,
                NonFinitePolicy.REPORT));
    assertThat(fromLibsvm.numFeatures()).isEqualTo(3);
    assertThat(fromLibsvm.classLabels()).containsExactly("0.0", "1.0");
  }

  @Test
  void theSplitIsStratifiedDisjointAndSeeded() {
    EncodedData data =
        DatasetLoader.load(
            spark,
            csv(
                SweepSpecFiles.DATA.resolve("churn.csv.gz"),
                true,
                "churn",
                NonFinitePolicy.REPORT));
    StratifiedSplit.Split split = StratifiedSplit.split(data.rows(), 0.2, 7);

    long train = split.train().count();
    long validation = split.validation().count();
    assertThat(train + validation).isEqualTo(5000);
    ClassCounts validationCounts = ClassCounts.of(split.validation(), 2);
    ClassCounts trainCounts = ClassCounts.of(split.train(), 2);
    // 707 churners of 5000: floor(0.2 x 707) = 141 held out, floor(0.2 x 4293) = 858
    assertThat(validationCounts.counts()).containsExactly(858, 141);
    assertThat(trainCounts.counts()).containsExactly(4293 - 858, 707 - 141);
    StratifiedSplit.Split again = StratifiedSplit.split(data.rows(), 0.2, 7);
    assertThat(again.validation().collectAsList())
        .containsExactlyInAnyOrderElementsOf(split.validation().collectAsList());
  }

  /** Test data under src/test/resources/data (surefire runs in the jobs/ folder). */
  static final Path TEST_DATA = Path.of("src", "test", "resources", "data").toAbsolutePath();

  @Test
  void aLabelColumnNamedLabelIsTheUsersColumn() {
    // wine.csv.gz: f0..f12, then the class in a column called "label", as many real files have it
    EncodedData data =
        DatasetLoader.load(
            spark, csv(TEST_DATA.resolve("wine.csv.gz"), true, "label", NonFinitePolicy.REPORT));

    assertThat(data.classLabels()).containsExactly("0", "1", "2");
    assertThat(data.numFeatures()).isEqualTo(13);
    assertThat(ClassCounts.of(data.rows(), 3).counts()).containsExactly(59, 71, 48);
  }

  @Test
  void userColumnsMayBearAnyInternalNameOrADot(@TempDir Path dir) throws Exception {
    StringBuilder csv =
        new StringBuilder(
            "features,prediction,weight,colour__index,sepal.length,label_index,target\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i)
          .append(',')
          .append(i % 3)
          .append(',')
          .append(0.5 * i)
          .append(',')
          .append(i % 2 == 0 ? "red" : "blue")
          .append(',')
          .append(i / 10.0)
          .append(',')
          .append(i % 5)
          .append(',')
          .append(i % 2 == 0 ? "yes" : "no")
          .append('\n');
    }
    Path file = Files.writeString(dir.resolve("x.csv"), csv);
    EncodedData data = DatasetLoader.load(spark, csv(file, true, "target", NonFinitePolicy.REPORT));

    assertThat(data.classLabels()).containsExactly("no", "yes");
    assertThat(data.featureNames())
        .containsExactly(
            "features", "prediction", "weight", "colour__index", "sepal.length", "label_index");
    // five numbers + one-hot colour (2 values + 1 unseen)
    assertThat(data.numFeatures()).isEqualTo(5 + 3);
    assertThat(data.rows().columns()).containsExactly(EncodedData.FEATURES, EncodedData.LABEL);
  }

  @Test
  void aMissingLabelColumnIsNamedWithTheColumnsThatExist(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a,b,target\n1,2,x\n3,4,y\n");
    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(file, true, "label", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("no column 'label'")
        .hasMessageContaining("a, b, target");
  }

  @Test
  void aLabelWithOneClassIsRefused(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a,b,y\n1,2,same\n3,4,same\n5,6,same\n");
    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("label column 'y' has a single class ('same') in all 3 rows");
  }

  @Test
  void missingLabelsAreCounted(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a,y\n1,p\n2,\n3,q\n4,\n");
    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("label column 'y' is empty in 2 of 4 rows");
  }

  @Test
  void freeTextThatCannotBeEncodedIsNamedWithItsCounts(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("note,y\n");
    for (int i = 0; i < 120; i++) {
      csv.append("comment number ").append(i).append(',').append(i % 2).append('\n');
    }
    Path file = Files.writeString(dir.resolve("x.csv"), csv);
    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("feature column 'note' is text with 120 distinct values in 120 rows")
        .hasMessageContaining("120 rows not numeric");
  }

  @Test
  void nanFeaturesAreKeptAndCountedByDefault(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a,b,y\n1,NaN,p\n2,,q\n3,4,p\n5,6,q\n");
    EncodedData data = DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.REPORT));

    assertThat(data.rows().count()).isEqualTo(4);
    assertThat(InputStats.of(data.rows(), data.numFeatures()).nonFinite()).isEqualTo(2);
  }

  @Test
  void textInANumericColumnIsReadAsMissingAndBadCellsAreCountedByColumn(@TempDir Path dir) {
    // wine with f3 empty in 18 rows and "n/a" in f5 in 15 rows (issue 9, defect 6)
    Path file = new RealShapedFiles(dir).missingCellsAndPlaceholders();
    EncodedData data = DatasetLoader.load(spark, csv(file, true, "label", NonFinitePolicy.REPORT));

    assertThat(data.numFeatures())
        .as("f5 stays one number, not one-hot encoded text")
        .isEqualTo(13);
    assertThat(data.notices())
        .containsExactly(
            "feature column 'f5' holds numbers and 15 text cells ('n/a'): the text is read as missing",
            "data.nonFinite: report - 33 feature cells are missing, NaN or infinite in 2 columns: f3 (18), f5 (15); "
                + "kept as NaN, so the diagnosis reports a data-pipeline error (data.nonFinite: drop removes those rows, "
                + "fail stops here)");
    assertThat(
            DatasetLoader.load(spark, csv(file, true, "label", NonFinitePolicy.DROP))
                .rows()
                .count())
        .isEqualTo(178 - 30); // 18 + 15 rows, of which rows 0, 60 and 120 have both
  }

  @Test
  void nanFeaturesCanBeDroppedOrRefused(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a,b,y\n1,NaN,p\n2,,q\n3,4,p\n5,6,q\n");

    assertThat(DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.DROP)).rows().count())
        .isEqualTo(2);
    assertThatThrownBy(() -> DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.FAIL)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(
            "feature column 'b' has 2 rows with a missing, NaN or infinite value");
  }

  // ----------------------------------------------------------------------------------------------------------
  // Files that are not UTF-8 (issue 9, defect 8)

  static DataSpec csv(Path path, String label, String encoding) {
    return new DataSpec(
        path.toString(),
        DataFormat.CSV,
        true,
        label,
        List.of(),
        0.2,
        7,
        NonFinitePolicy.REPORT,
        DataSpec.COMMA,
        encoding);
  }

  /** Latin-1 text cells under an ASCII header: the first bad byte is the ô of "Rhône" on line 3. */
  @Test
  void latin1TextCellsAreNamedByByteAndLine(@TempDir Path dir) throws Exception {
    Path file =
        Files.write(
            dir.resolve("x.csv"),
            "a,city,y\n1,Alba,p\n2,Rhône,q\n3,Alba,p\n4,Rhône,q\n"
                .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "data.path: "
                + file
                + " is not UTF-8 (byte 0xF4 on line 3): save it as UTF-8, or set "
                + "data.encoding to the character set it was saved in, e.g. data.encoding: windows-1252 (what "
                + "spreadsheets in western Europe save)");
  }

  /** In a folder of part files the message names the part that is not UTF-8, found by Spark. */
  @Test
  void inAFolderThePartThatIsNotUtf8IsNamed(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("parts"));
    Files.writeString(folder.resolve("part-0.csv"), "a,city,y\n1,Alba,p\n2,Asti,q\n");
    Path latin1 =
        Files.write(
            folder.resolve("part-1.csv"),
            "a,city,y\n3,Alba,p\n4,Alba,q\n5,Côte,p\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(folder, true, "y", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("data.path: " + latin1 + " is not UTF-8 (byte 0xF4 on line 4)");
  }

  /**
   * With data.encoding the same bytes are read as the words they are: in the header, features and
   * labels.
   */
  @Test
  void dataEncodingReadsLatin1AsWritten(@TempDir Path dir) throws Exception {
    Path file =
        Files.write(
            dir.resolve("x.csv"),
            "région,a,cépage\nRhône,1,syrah\nCôte,2,pinot\nRhône,3,syrah\nCôte,4,pinot\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    EncodedData data = DatasetLoader.load(spark, csv(file, "cépage", "ISO-8859-1"));

    assertThat(data.featureNames()).containsExactly("région", "a");
    assertThat(data.classLabels()).containsExactly("pinot", "syrah");
    // région one-hot: Côte, Rhône + unseen; a as a number
    assertThat(data.numFeatures()).isEqualTo(1 + 3);
  }

  @Test
  void latin1InAGzipFileIsFoundInTheDecompressedText(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x.csv.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("a,b,y\n1,2,p\n3,4,q\n5,6,ré\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("data.path: " + file + " is not UTF-8 (byte 0xE9 on line 4)");
  }

  // ----------------------------------------------------------------------------------------------------------
  // A newcomer's other mistakes: one line each

  @Test
  void aFolderWithoutAnyFileIsNamed(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(empty, true, "y", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessage("data.path: " + empty + " is a folder with no data files in it");
  }

  @Test
  void aFileOfZeroBytesIsNamedAsEmpty(@TempDir Path dir) throws Exception {
    Path file = Files.createFile(dir.resolve("x.csv"));
    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessage("data.path: " + file + " is empty");
  }

  @Test
  void aHeaderWithoutRowsIsNamed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a,b,y\n");
    assertThatThrownBy(
            () -> DatasetLoader.load(spark, csv(file, true, "y", NonFinitePolicy.REPORT)))
        .isInstanceOf(DataException.class)
        .hasMessage("data.path: " + file + " has a header (a, b, y) but no rows");
  }
}

package dev.unstuck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unstuck.spec.DataFormat;
import dev.unstuck.spec.DataSpec;
import dev.unstuck.spec.NonFinitePolicy;
import dev.unstuck.testing.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.format: idx}: hand-written IDX files with known pixels, the real Fashion-MNIST, and
 * broken files.
 */
class IdxFilesIT {
  static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
  static SparkSession spark;

  @BeforeAll
  static void spark() {
    spark = LocalSpark.session();
  }

  static DataSpec idx(Path images, Path labels, List<Integer> shape, long limit) {
    return new DataSpec(
        images.toString(),
        DataFormat.IDX,
        true,
        null,
        List.of(),
        0.2,
        7,
        NonFinitePolicy.REPORT,
        DataSpec.COMMA,
        DataSpec.UTF_8,
        shape,
        limit,
        labels.toString());
  }

  /** An IDX file of unsigned bytes: magic 0x0000 08 <dims>, each dimension, then the bytes. */
  static void write(Path file, boolean gzip, int[] dims, byte[] values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x0800 | dims.length);
    for (int dim : dims) {
      out.writeInt(dim);
    }
    out.write(values);
    out.flush();
    try (OutputStream file_ =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      file_.write(bytes.toByteArray());
    }
  }

  /** Three 2x2 images (pixels 0, 51, 255, ...) labelled 7, 3, 7. */
  static DataSpec threeImages(Path dir, boolean gzip) throws IOException {
    Path images = dir.resolve("tiny-images-idx3-ubyte" + (gzip ? ".gz" : ""));
    Path labels = dir.resolve("tiny-labels-idx1-ubyte" + (gzip ? ".gz" : ""));
    write(
        images,
        gzip,
        new int[] {3, 2, 2},
        new byte[] {0, 51, (byte) 255, 102, 1, 2, 3, 4, (byte) 204, 0, 0, 0});
    write(labels, gzip, new int[] {3}, new byte[] {7, 3, 7});
    return idx(images, labels, List.of(2, 2, 1), 0);
  }

  @Test
  void pixelsAreScaledTo0To1AndLabelsIndexedInNumericOrder(@TempDir Path dir) throws IOException {
    for (boolean gzip : new boolean[] {true, false}) {
      EncodedData data = DatasetLoader.load(spark, threeImages(dir, gzip));

      assertThat(data.numFeatures()).isEqualTo(4);
      assertThat(data.classLabels()).containsExactly("3", "7");
      List<Row> rows = data.rows().collectAsList();
      assertThat(((Vector) rows.get(0).getAs(EncodedData.FEATURES)).toArray())
          .containsExactly(0, 51 / 255.0, 1, 102 / 255.0);
      assertThat(((Vector) rows.get(2).getAs(EncodedData.FEATURES)).toArray())
          .containsExactly(0.8, 0, 0, 0);
      assertThat(rows).extracting(row -> row.getDouble(1)).containsExactly(1.0, 0.0, 1.0);
    }
  }

  @Test
  void theRealFashionMnistTestSetWithALimit() {
    assumeTrue(
        Files.exists(FASHION.resolve("t10k-images-idx3-ubyte.gz")),
        "apt-get install dataset-fashion-mnist");
    EncodedData data =
        DatasetLoader.load(
            spark,
            idx(
                FASHION.resolve("t10k-images-idx3-ubyte.gz"),
                FASHION.resolve("t10k-labels-idx1-ubyte.gz"),
                List.of(28, 28, 1),
                100));

    // read independently with Python's gzip + struct: header (2051, 10000, 28, 28), labels 9, 2, 1,
    // 1, 6, ...;
    // the first image's pixels sum to 33456, its pixel 400 is 1; the first 100 labels hold all ten
    // classes
    assertThat(data.rows().count()).isEqualTo(100);
    assertThat(data.numFeatures()).isEqualTo(784);
    assertThat(data.classLabels())
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    List<Row> first = data.rows().limit(5).collectAsList();
    assertThat(first).extracting(row -> row.getDouble(1)).containsExactly(9.0, 2.0, 1.0, 1.0, 6.0);
    double[] pixels = ((Vector) first.get(0).getAs(EncodedData.FEATURES)).toArray();
    assertThat(Arrays.stream(pixels).sum() * 255).isCloseTo(33456, within(1e-6));
    assertThat(pixels[400]).isEqualTo(1 / 255.0);
  }

  @Test
  void aShapeThatIsNotTheImagesOwnIsRefused(@TempDir Path dir) throws IOException {
    DataSpec spec = threeImages(dir, true);
    DataSpec wrong =
        new DataSpec(
            spec.path(),
            DataFormat.IDX,
            true,
            null,
            List.of(),
            0.2,
            7,
            NonFinitePolicy.REPORT,
            DataSpec.COMMA,
            DataSpec.UTF_8,
            List.of(1, 4, 1),
            0,
            spec.labels());

    assertThatThrownBy(() -> DatasetLoader.load(spark, wrong))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "data.shape: [1, 4, 1] but the images in "
                + spec.path()
                + " are 2x2 with 1 channel(s):"
                + " data.shape: [2, 2, 1]");
  }

  @Test
  void labelsThatDoNotMatchTheImagesAreRefused(@TempDir Path dir) throws IOException {
    DataSpec spec = threeImages(dir, false);
    write(Path.of(spec.labels()), false, new int[] {2}, new byte[] {1, 2});

    assertThatThrownBy(() -> DatasetLoader.load(spark, spec))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "data.labels: "
                + spec.labels()
                + " has 2 labels but data.path "
                + spec.path()
                + " has 3 images");
  }

  @Test
  void aTruncatedFileSaysWhereItEnds(@TempDir Path dir) throws IOException {
    DataSpec spec = threeImages(dir, false);
    write(Path.of(spec.path()), false, new int[] {3, 2, 2}, new byte[] {1, 2, 3, 4, 5, 6});

    assertThatThrownBy(() -> DatasetLoader.load(spark, spec))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "data.path: "
                + spec.path()
                + " ends after 1 of the 3 items its header declares"
                + " (a truncated download?)");
  }

  @Test
  void aCsvGivenAsIdxIsNotAnIdxFile(@TempDir Path dir) throws IOException {
    DataSpec spec = threeImages(dir, false);
    Files.writeString(Path.of(spec.path()), "a,b\n1,2\n");

    assertThatThrownBy(() -> DatasetLoader.load(spark, spec))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "data.path: "
                + spec.path()
                + " is not an idx file (it starts with 0x612c620a, an idx file with"
                + " 0x0000 then its element type and dimensions)");
  }

  @Test
  void aShapeWhoseProductIsNotTheColumnCountIsRefusedForCsvToo(@TempDir Path dir)
      throws IOException {
    Path csv = dir.resolve("pixels.csv");
    Files.writeString(csv, "p0,p1,p2,p3,p4,label\n0,1,2,3,4,a\n4,3,2,1,0,b\n1,1,1,1,1,a\n");
    DataSpec spec =
        new DataSpec(
            csv.toString(),
            DataFormat.CSV,
            true,
            "label",
            List.of(),
            0.2,
            7,
            NonFinitePolicy.REPORT,
            DataSpec.COMMA,
            DataSpec.UTF_8,
            List.of(2, 2, 1),
            0,
            null);

    assertThatThrownBy(() -> DatasetLoader.load(spark, spec))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "data.shape: [2, 2, 1] is 4 values per row, but " + csv + " has 5 feature columns");
  }

  @Test
  void aLimitReadsTheFirstRowsOfACsv(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "x,label\n1,a\n2,b\n3,a\n4,b\n5,a\n");
    DataSpec spec =
        new DataSpec(
            csv.toString(),
            DataFormat.CSV,
            true,
            "label",
            List.of(),
            0.2,
            7,
            NonFinitePolicy.REPORT,
            DataSpec.COMMA,
            DataSpec.UTF_8,
            List.of(),
            3,
            null);

    assertThat(DatasetLoader.load(spark, spec).rows().count()).isEqualTo(3);
  }
}

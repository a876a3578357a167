package dev.unstuck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.Resampling;
import dev.unstuck.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A variant's data treatments against hand computations: scaling fitted on the training split only
 * and applied to both splits; resampling that changes the training split only.
 */
class VariantRowsIT {
  private static final StructType SCHEMA =
      new StructType()
          .add(EncodedData.FEATURES, SQLDataTypes.VectorType())
          .add(EncodedData.LABEL, DataTypes.DoubleType);
  private final SparkSession spark = LocalSpark.session();

  private Dataset<Row> rows(double[][] features, double[] labels) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      rows.add(RowFactory.create(Vectors.dense(features[i]), labels[i]));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static double[] first(Dataset<Row> rows) {
    return ((Vector) rows.collectAsList().get(0).get(0)).toArray();
  }

  private StratifiedSplit.Split smallSplit() {
    return new StratifiedSplit.Split(
        rows(new double[][] {{1, 10}, {3, 20}, {5, 60}}, new double[] {0, 0, 1}),
        rows(new double[][] {{7, 30}}, new double[] {1}));
  }

  @Test
  void standardScalingUsesTheTrainingSplitsMeanAndSampleStandardDeviation() {
    VariantRows.Rows scaled =
        VariantRows.prepare(
            smallSplit(),
            InputNormalization.STANDARD,
            Resampling.NONE,
            new ClassCounts(new long[] {2, 1}),
            1);

    // column 0: mean 3, sample sd sqrt((4 + 0 + 4) / 2) = 2; column 1: mean 30, sd sqrt((400 + 100
    // + 900) / 2)
    double sd1 = Math.sqrt(700);
    assertThat(first(scaled.train())).containsExactly(new double[] {-1, -20 / sd1}, within(1e-12));
    // the validation row by the training split's statistics, not its own (it has one row: its own
    // sd is 0)
    assertThat(first(scaled.validation())).containsExactly(new double[] {2, 0}, within(1e-12));
  }

  @Test
  void minMaxScalingMapsTheTrainingRangeToZeroOneAndLeavesValidationOutsideItUnclipped() {
    VariantRows.Rows scaled =
        VariantRows.prepare(
            smallSplit(),
            InputNormalization.MINMAX,
            Resampling.NONE,
            new ClassCounts(new long[] {2, 1}),
            1);

    assertThat(first(scaled.train())).containsExactly(new double[] {0, 0}, within(1e-12));
    // (7 - 1) / (5 - 1) = 1.5 and (30 - 10) / (60 - 10) = 0.4
    assertThat(first(scaled.validation())).containsExactly(new double[] {1.5, 0.4}, within(1e-12));
  }

  private Dataset<Row> imbalanced() {
    int majority = 200;
    int minority = 20;
    double[][] features = new double[majority + minority][];
    double[] labels = new double[majority + minority];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i < majority ? 0 : 1;
      features[i] = new double[] {i};
    }
    return rows(features, labels);
  }

  private static long count(Dataset<Row> rows, double label) {
    return rows.filter(rows.col(EncodedData.LABEL).equalTo(label)).count();
  }

  @Test
  void oversamplingBringsEveryClassUpToTheLargestByDrawingWithReplacement() {
    Dataset<Row> train = imbalanced();
    Dataset<Row> resampled =
        VariantRows.resample(
            train, Resampling.OVERSAMPLE, new ClassCounts(new long[] {200, 20}), 7);

    assertThat(count(resampled, 0)).as("the largest class is kept as it is").isEqualTo(200);
    // 20 originals plus a with-replacement draw of 180 expected rows (Poisson, sd about 13): within
    // 4 sd of 200
    assertThat(count(resampled, 1)).isBetween(200L - 54, 200L + 54);
    assertThat(resampled.filter(resampled.col(EncodedData.LABEL).equalTo(1.0)).distinct().count())
        .as("only minority rows, every original kept")
        .isEqualTo(20);
  }

  @Test
  void undersamplingBringsEveryClassDownToTheSmallestAndClassWeightsLeaveTheRowsAlone() {
    Dataset<Row> train = imbalanced();
    ClassCounts counts = new ClassCounts(new long[] {200, 20});

    Dataset<Row> under = VariantRows.resample(train, Resampling.UNDERSAMPLE, counts, 7);
    assertThat(count(under, 1)).isEqualTo(20);
    // each majority row kept with probability 0.1: 20 expected, sd about 4.2; within 4 sd
    assertThat(count(under, 0)).isBetween(20L - 17, 20L + 17);

    assertThat(VariantRows.resample(train, Resampling.CLASS_WEIGHTS, counts, 7).count())
        .isEqualTo(220);
  }
}

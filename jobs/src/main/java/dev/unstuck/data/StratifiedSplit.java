package dev.unstuck.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Seeded train/validation split that keeps every class's share: within each class, rows are ordered
 * by a seeded random number and the first {@code fraction} of them are held out.
 */
public final class StratifiedSplit {
  private StratifiedSplit() {}

  /**
   * @param marked the rows with their side marked, kept (local checkpoint) so that both sides are
   *     cut from one draw of the random numbers; null for a split made otherwise
   */
  public record Split(Dataset<Row> train, Dataset<Row> validation, Dataset<Row> marked) {
    public Split(Dataset<Row> train, Dataset<Row> validation) {
      this(train, validation, null);
    }

    /** A split of these two sides, cut from the same marked rows. */
    public Split withSides(Dataset<Row> train, Dataset<Row> validation) {
      return new Split(train, validation, marked);
    }

    /** Drops whatever the split keeps on the executors: both sides and the marked rows. */
    public void unpersist() {
      train.unpersist();
      validation.unpersist();
      // a local checkpoint is an RDD the Dataset reads, not a cached Dataset: Dataset.unpersist
      // does not reach it
      if (marked != null && marked.logicalPlan() instanceof LogicalRDD checkpoint) {
        checkpoint.rdd().unpersist(false);
      }
    }
  }

  public static Split split(Dataset<Row> rows, double fraction, long seed) {
    WindowSpec byClass = Window.partitionBy(col(EncodedData.LABEL));
    Dataset<Row> ranked =
        rows.withColumn("__r", rand(seed))
            .withColumn("__rank", row_number().over(byClass.orderBy(col("__r"))))
            .withColumn("__n", count(lit(1)).over(byClass))
            .withColumn("__validation", col("__rank").leq(col("__n").multiply(fraction)))
            .drop("__r", "__rank", "__n")
            .localCheckpoint(); // rand() must be evaluated once, or train and validation could
    // overlap
    return new Split(
        ranked.filter(col("__validation").equalTo(false)).drop("__validation"),
        ranked.filter(col("__validation")).drop("__validation"),
        ranked);
  }
}

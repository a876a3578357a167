package dev.unstuck.sweep;

import dev.unstuck.data.EncodedData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spark rows (features vector, class index) as DL4J DataSets: minibatches for training, one set for
 * measuring.
 */
public final class DataSetConversion {
  private static final String SHUFFLE_KEY = "__unstuck_shuffle_key";

  private DataSetConversion() {}

  /**
   * Minibatches of {@code batchSize} examples in the rows' order over {@code partitions}
   * partitions.
   */
  public static JavaRDD<DataSet> minibatches(
      Dataset<Row> rows, int numClasses, int batchSize, int partitions) {
    return rows.select(EncodedData.FEATURES, EncodedData.LABEL)
        .javaRDD()
        .repartition(partitions)
        .mapPartitions(partition -> batches(partition, numClasses, batchSize));
  }

  /**
   * One epoch's training minibatches for data-parallel training: every row gets a random key seeded
   * by {@code epochSeed}, which sends it to one of {@code partitions} workers and orders it within
   * that worker, so the rows are reshuffled across and within workers every epoch (the same on
   * every re-run). DL4J persists them (it counts them before it trains on them); the caller
   * unpersists them after the epoch.
   */
  public static JavaRDD<DataSet> shuffledMinibatches(
      Dataset<Row> rows, int numClasses, int batchSize, int partitions, long epochSeed) {
    return rows.select(EncodedData.FEATURES, EncodedData.LABEL)
        .withColumn(SHUFFLE_KEY, functions.rand(epochSeed))
        .repartition(partitions, functions.col(SHUFFLE_KEY))
        .sortWithinPartitions(SHUFFLE_KEY)
        .select(EncodedData.FEATURES, EncodedData.LABEL)
        .javaRDD()
        .mapPartitions(partition -> batches(partition, numClasses, batchSize));
  }

  /** All rows in one DataSet, for driver-side measurement of small splits. */
  public static DataSet collect(Dataset<Row> rows, int numClasses) {
    return toDataSet(
        rows.select(EncodedData.FEATURES, EncodedData.LABEL).collectAsList(), numClasses);
  }

  private static Iterator<DataSet> batches(Iterator<Row> partition, int numClasses, int batchSize) {
    List<DataSet> batches = new ArrayList<>();
    List<Row> batch = new ArrayList<>(batchSize);
    while (partition.hasNext()) {
      batch.add(partition.next());
      if (batch.size() == batchSize) {
        batches.add(toDataSet(batch, numClasses));
        batch = new ArrayList<>(batchSize);
      }
    }
    if (!batch.isEmpty()) {
      batches.add(toDataSet(batch, numClasses));
    }
    return batches.iterator();
  }

  static DataSet toDataSet(List<Row> rows, int numClasses) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows to convert");
    }
    int width = ((Vector) rows.get(0).get(0)).size();
    float[][] features = new float[rows.size()][width];
    float[][] labels = new float[rows.size()][numClasses];
    for (int i = 0; i < rows.size(); i++) {
      double[] values = ((Vector) rows.get(i).get(0)).toArray();
      for (int j = 0; j < width; j++) {
        features[i][j] = (float) values[j];
      }
      labels[i][(int) rows.get(i).getDouble(1)] = 1f;
    }
    INDArray x = Nd4j.create(features).castTo(DataType.FLOAT);
    INDArray y = Nd4j.create(labels).castTo(DataType.FLOAT);
    return new DataSet(x, y);
  }
}

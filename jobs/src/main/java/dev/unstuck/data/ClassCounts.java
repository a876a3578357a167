package dev.unstuck.data;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Examples per class (index = class index). */
public record ClassCounts(long[] counts) {

  public static ClassCounts of(Dataset<Row> rows, int numClasses) {
    long[] counts = new long[numClasses];
    List<Row> grouped = rows.groupBy(col(EncodedData.LABEL)).count().collectAsList();
    for (Row row : grouped) {
      counts[(int) row.getDouble(0)] = row.getLong(1);
    }
    return new ClassCounts(counts);
  }

  public long total() {
    return Arrays.stream(counts).sum();
  }

  public long max() {
    return Arrays.stream(counts).max().orElse(0);
  }

  public long minPresent() {
    return Arrays.stream(counts).filter(c -> c > 0).min().orElse(0);
  }

  /** Share of the most frequent class: the accuracy of always guessing it. */
  public double majorityRate() {
    return total() == 0 ? 0 : max() / (double) total();
  }

  /** Weights N / (K * n_c), so every class contributes equally to the loss. */
  public double[] balancingWeights() {
    double total = total();
    return Arrays.stream(counts)
        .mapToDouble(c -> c == 0 ? 1.0 : total / (counts.length * (double) c))
        .toArray();
  }
}

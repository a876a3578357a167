package dev.unstuck.data;

import static org.apache.spark.sql.functions.col;

import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.Resampling;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The data treatments a fix can change, applied to one variant's copy of the split: input scaling
 * is fitted on the training split only and applied to both; resampling changes the training split
 * only.
 */
public final class VariantRows {
  private VariantRows() {}

  public record Rows(Dataset<Row> train, Dataset<Row> validation) {}

  public static Rows prepare(
      StratifiedSplit.Split split,
      InputNormalization normalization,
      Resampling resampling,
      ClassCounts trainCounts,
      long seed) {
    Dataset<Row> train = split.train();
    Dataset<Row> validation = split.validation();
    if (normalization != InputNormalization.NONE) {
      Model<?> scaler =
          normalization == InputNormalization.STANDARD
              ? new StandardScaler()
                  .setWithMean(true)
                  .setWithStd(true)
                  .setInputCol(EncodedData.FEATURES)
                  .setOutputCol("scaled")
                  .fit(train)
              : new MinMaxScaler()
                  .setInputCol(EncodedData.FEATURES)
                  .setOutputCol("scaled")
                  .fit(train);
      train = swapScaled(scaler.transform(train));
      validation = swapScaled(scaler.transform(validation));
    }
    return new Rows(resample(train, resampling, trainCounts, seed), validation);
  }

  private static Dataset<Row> swapScaled(Dataset<Row> rows) {
    return rows.drop(EncodedData.FEATURES)
        .withColumnRenamed("scaled", EncodedData.FEATURES)
        .select(EncodedData.FEATURES, EncodedData.LABEL);
  }

  /** Oversample every class up to the largest, or undersample every class down to the smallest. */
  static Dataset<Row> resample(
      Dataset<Row> train, Resampling resampling, ClassCounts counts, long seed) {
    if (resampling != Resampling.OVERSAMPLE && resampling != Resampling.UNDERSAMPLE) {
      return train; // NONE, or CLASS_WEIGHTS which reweights the loss instead of the rows
    }
    List<Dataset<Row>> parts = new ArrayList<>();
    long[] perClass = counts.counts();
    for (int c = 0; c < perClass.length; c++) {
      if (perClass[c] == 0) {
        continue;
      }
      Dataset<Row> rows = train.filter(col(EncodedData.LABEL).equalTo((double) c));
      if (resampling == Resampling.OVERSAMPLE) {
        long extra = counts.max() - perClass[c];
        parts.add(rows);
        if (extra > 0) {
          parts.add(rows.sample(true, extra / (double) perClass[c], seed + c));
        }
      } else {
        double keep = counts.minPresent() / (double) perClass[c];
        parts.add(keep >= 1 ? rows : rows.sample(false, keep, seed + c));
      }
    }
    return parts.stream().reduce(Dataset::union).orElse(train);
  }
}

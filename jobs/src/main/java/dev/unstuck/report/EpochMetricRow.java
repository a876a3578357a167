package dev.unstuck.report;

import java.util.Map;

/** The part of an {@code epoch_metric} row the report charts. */
public record EpochMetricRow(
    String runId,
    String variantId,
    int seed,
    int epoch,
    Double trainLoss,
    Double valLoss,
    Double valBalancedAccuracy,
    Double majorityClassRate) {

  public static EpochMetricRow of(Map<String, Object> row) {
    return new EpochMetricRow(
        Values.string(row.get("run_id")),
        Values.string(row.get("variant_id")),
        Values.integer(row.get("seed"), 0),
        Values.integer(row.get("epoch"), 0),
        Values.number(row.get("train_loss")),
        Values.number(row.get("val_loss")),
        Values.number(row.get("val_balanced_accuracy")),
        Values.number(row.get("majority_class_rate")));
  }
}

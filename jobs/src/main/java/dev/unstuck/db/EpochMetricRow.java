package dev.unstuck.db;

import java.sql.ResultSet;
import java.sql.SQLException;

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

  /** The row {@code rs} stands on. */
  static EpochMetricRow read(ResultSet rs) throws SQLException {
    return new EpochMetricRow(
        rs.getString("run_id"),
        rs.getString("variant_id"),
        rs.getInt("seed"),
        rs.getInt("epoch"),
        Columns.nullableDouble(rs, "train_loss"),
        Columns.nullableDouble(rs, "val_loss"),
        Columns.nullableDouble(rs, "val_balanced_accuracy"),
        Columns.nullableDouble(rs, "majority_class_rate"));
  }
}

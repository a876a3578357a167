package dev.unstuck.stream;

import static org.apache.spark.sql.functions.col;

import dev.unstuck.db.EpochRow;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * The results tables' row of a decoded telemetry record, read from the telemetry query's Spark
 * rows.
 */
final class EpochRows {
  private static final String T = TelemetryDecoding.TELEMETRY + ".";

  /** The telemetry fields {@link #columns()} reads. */
  static final List<String> FIELDS =
      List.of(
          "sweepId",
          "executionId",
          "runId",
          "variantId",
          "fixFamily",
          "fixParams",
          "seed",
          "epoch",
          "totalEpochs",
          "timestampMs",
          "epochWallTimeMs",
          "status",
          "errorMessage",
          "trainLoss",
          "valLoss",
          "trainAccuracy",
          "trainBalancedAccuracy",
          "valAccuracy",
          "valBalancedAccuracy",
          "valMacroF1",
          "majorityClassRate",
          "learningRate",
          "nonFinite",
          "maxAbsFeatureMean");

  /** The projection of a decoded row that {@link #of(Row, int)} reads. */
  static Column[] columns() {
    return new Column[] {
      col(T + "sweepId"),
      col(T + "executionId"),
      col(T + "runId"),
      col(T + "variantId"),
      col(T + "fixFamily"),
      col(T + "fixParams"),
      col(T + "seed"),
      col(T + "epoch"),
      col(T + "totalEpochs"),
      col(T + "timestampMs"),
      col(T + "epochWallTimeMs"),
      col(T + "status"),
      col(T + "errorMessage"),
      col(T + "trainLoss"),
      col(T + "valLoss"),
      col(T + "trainAccuracy"),
      col(T + "trainBalancedAccuracy"),
      col(T + "valAccuracy"),
      col(T + "valBalancedAccuracy"),
      col(T + "valMacroF1"),
      col(T + "majorityClassRate"),
      col(T + "learningRate"),
      col(T + "nonFinite.loss")
          .plus(col(T + "nonFinite.gradients"))
          .plus(col(T + "nonFinite.parameters"))
          .plus(col(T + "nonFinite.inputs"))
          .as("nonFiniteCount"),
      col(T + "maxAbsFeatureMean")
    };
  }

  /** Reads a row of {@link #columns()}, starting at column {@code from}. */
  static EpochRow of(Row r, int from) {
    int i = from;
    return new EpochRow(
        r.getString(i++),
        r.getString(i++),
        r.getString(i++),
        r.getString(i++),
        r.getString(i++),
        r.isNullAt(i) ? Map.of() : r.<String, String>getJavaMap(i),
        r.getInt(++i),
        r.getInt(++i),
        r.getInt(++i),
        r.getLong(++i),
        r.getLong(++i),
        r.getString(++i),
        r.getString(++i),
        d(r, ++i),
        d(r, ++i),
        d(r, ++i),
        d(r, ++i),
        d(r, ++i),
        d(r, ++i),
        d(r, ++i),
        d(r, ++i),
        d(r, ++i),
        r.isNullAt(++i) ? 0 : r.getLong(i),
        d(r, ++i));
  }

  private EpochRows() {}

  private static Double d(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }
}

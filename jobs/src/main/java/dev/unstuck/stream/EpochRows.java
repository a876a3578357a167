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

  /**
   * The telemetry fields {@link #columns()} reads, in its order: each is one column, but for {@code
   * nonFinite}, whose counts are summed into one.
   */
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
    return FIELDS.stream()
        .map(field -> field.equals("nonFinite") ? nonFiniteCount() : col(T + field))
        .toArray(Column[]::new);
  }

  private static Column nonFiniteCount() {
    return col(T + "nonFinite.loss")
        .plus(col(T + "nonFinite.gradients"))
        .plus(col(T + "nonFinite.parameters"))
        .plus(col(T + "nonFinite.inputs"))
        .as("nonFiniteCount");
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

package dev.unstuck.stream;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/** One decoded telemetry record as the {@code run}, {@code sweep} and {@code epoch_metric} tables need it. */
public record EpochRow(
    String sweepId,
    String executionId,
    String runId,
    String variantId,
    String fixFamily,
    String fixParams,
    int seed,
    int epoch,
    int totalEpochs,
    long timestampMs,
    long epochWallTimeMs,
    String status,
    String errorMessage,
    Double trainLoss,
    Double valLoss,
    Double trainAccuracy,
    Double trainBalancedAccuracy,
    Double valAccuracy,
    Double valBalancedAccuracy,
    Double valMacroF1,
    Double majorityClassRate,
    Double learningRate,
    long nonFiniteCount,
    Double maxAbsFeatureMean) {

  private static final String T = TelemetryDecoding.TELEMETRY + ".";

  /** The projection of a decoded row that {@link #of(Row)} reads. */
  public static Column[] columns() {
    return new Column[] {
        col(T + "sweepId"), col(T + "executionId"), col(T + "runId"), col(T + "variantId"), col(T + "fixFamily"),
        col(T + "fixParams"),
        col(T + "seed"), col(T + "epoch"), col(T + "totalEpochs"), col(T + "timestampMs"),
        col(T + "epochWallTimeMs"), col(T + "status"), col(T + "errorMessage"), col(T + "trainLoss"),
        col(T + "valLoss"), col(T + "trainAccuracy"), col(T + "trainBalancedAccuracy"), col(T + "valAccuracy"),
        col(T + "valBalancedAccuracy"), col(T + "valMacroF1"), col(T + "majorityClassRate"),
        col(T + "learningRate"),
        col(T + "nonFinite.loss").plus(col(T + "nonFinite.gradients")).plus(col(T + "nonFinite.parameters"))
            .plus(col(T + "nonFinite.inputs")).as("nonFiniteCount"),
        col(T + "maxAbsFeatureMean")};
  }

  /** Reads a row of {@link #columns()}, starting at column {@code from}. */
  public static EpochRow of(Row r, int from) {
    int i = from;
    return new EpochRow(r.getString(i++), r.getString(i++), r.getString(i++), r.getString(i++), r.getString(i++),
        params(r.isNullAt(i) ? Map.of() : r.<String, String>getJavaMap(i)), r.getInt(++i), r.getInt(++i),
        r.getInt(++i), r.getLong(++i), r.getLong(++i), r.getString(++i), r.getString(++i), d(r, ++i), d(r, ++i),
        d(r, ++i), d(r, ++i), d(r, ++i), d(r, ++i), d(r, ++i), d(r, ++i), d(r, ++i),
        r.isNullAt(++i) ? 0 : r.getLong(i), d(r, ++i));
  }

  public boolean terminal() {
    return !"RUNNING".equals(status);
  }

  /** A fix's settings as the tables show them: {@code key=value} pairs, sorted, comma separated. */
  public static String params(Map<String, String> params) {
    return new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static Double d(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }
}

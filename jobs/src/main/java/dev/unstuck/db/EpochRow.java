package dev.unstuck.db;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One decoded telemetry record as the {@code run}, {@code sweep} and {@code epoch_metric} tables
 * need it (the stream job reads it from its Spark rows: {@code stream/EpochRows}).
 */
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

  public boolean terminal() {
    return !"RUNNING".equals(status);
  }

  /** A fix's settings as the tables show them: {@code key=value} pairs, sorted, comma separated. */
  public static String params(Map<String, String> params) {
    return new TreeMap<>(params)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
  }
}

package dev.unstuck.db;

import java.util.Map;

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
    Map<String, String> fixParams,
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

  public EpochRow {
    fixParams = Map.copyOf(fixParams);
  }

  public boolean terminal() {
    return !"RUNNING".equals(status);
  }
}

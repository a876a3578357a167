package dev.unstuck.testing;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.LayerStats;
import dev.unstuck.avro.NonFiniteCounts;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.LayerMetrics;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.fix.PlannedRun;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Synthetic runs as the telemetry records a training job would publish: the inverse of {@code
 * TelemetryMapper.toMetrics}, so {@code toMetrics(record(run, epoch))} gives {@code epoch} back.
 * NaN stays NaN (a diverged loss); nothing is null.
 *
 * <pre>{@code
 * List<EpochTelemetry> records = Telemetry.run("churn", "lr-x0.1", "LEARNING_RATE", 2)
 *     .records(Curves.healthy().build());
 * }</pre>
 */
public final class Telemetry {
  /** Timestamp of epoch 1; each later epoch is one second later. */
  public static final long START_MS = 1_700_000_000_000L;

  private final String sweepId;
  private final String variantId;
  private final String fixFamily;
  private final Map<String, String> fixParams;
  private final int seed;

  private Telemetry(
      String sweepId, String variantId, String fixFamily, Map<String, String> fixParams, int seed) {
    this.sweepId = sweepId;
    this.variantId = variantId;
    this.fixFamily = fixFamily;
    this.fixParams = fixParams;
    this.seed = seed;
  }

  /** Records of one run; {@code fixFamily} is e.g. BASELINE or LEARNING_RATE. */
  public static Telemetry run(String sweepId, String variantId, String fixFamily, int seed) {
    return new Telemetry(sweepId, variantId, fixFamily, Map.of(), seed);
  }

  /** Records of one planned run of a sweep plan. */
  public static Telemetry run(PlannedRun run) {
    return new Telemetry(
        run.sweepId(),
        run.variant().id(),
        run.variant().family().name(),
        run.variant().params(),
        run.seed());
  }

  /** The run id, {@code <sweep>/<variant>/seed-<n>}. */
  public String runId() {
    return PlannedRun.runId(sweepId, variantId, seed);
  }

  /** One record per epoch; totalEpochs is the number of epochs given. */
  public List<EpochTelemetry> records(List<EpochMetrics> epochs) {
    return epochs.stream().map(e -> record(e, epochs.size())).toList();
  }

  /** One epoch's record. */
  public EpochTelemetry record(EpochMetrics e, int totalEpochs) {
    return EpochTelemetry.newBuilder()
        .setSweepId(sweepId)
        .setRunId(runId())
        .setVariantId(variantId)
        .setFixFamily(fixFamily)
        .setFixParams(fixParams)
        .setSeed(seed)
        .setEpoch(e.epoch())
        .setTotalEpochs(totalEpochs)
        .setTimestampMs(START_MS + 1000L * e.epoch())
        .setEpochWallTimeMs(1000)
        .setStatus(RunStatus.valueOf(e.status().name()))
        .setErrorMessage(e.status() == TrainingStatus.DIVERGED ? "loss became NaN" : null)
        .setNumClasses(e.numClasses())
        .setTrainExamples(1000)
        .setLearningRate(0.1)
        .setTrainLoss(e.trainLoss())
        .setValLoss(e.valLoss())
        .setTrainAccuracy(e.trainAccuracy())
        .setTrainBalancedAccuracy(e.trainBalancedAccuracy())
        .setValAccuracy(e.valAccuracy())
        .setValBalancedAccuracy(e.valBalancedAccuracy())
        .setValMacroF1(e.valBalancedAccuracy())
        .setValPerClassRecall(e.valPerClassRecall())
        .setClassLabels(IntStream.range(0, e.numClasses()).mapToObj(i -> "class-" + i).toList())
        .setMajorityClassRate(e.majorityClassRate())
        .setLayers(e.layers().stream().map(Telemetry::layer).toList())
        .setNonFinite(
            NonFiniteCounts.newBuilder()
                .setLoss(e.nonFinite().loss())
                .setGradients(e.nonFinite().gradients())
                .setParameters(e.nonFinite().parameters())
                .setInputs(e.nonFinite().inputs())
                .build())
        .setMaxAbsFeatureMean(e.maxAbsFeatureMean())
        .setMaxFeatureStd(e.maxFeatureStd())
        .build();
  }

  /** One layer's statistics. */
  public static LayerStats layer(LayerMetrics l) {
    return LayerStats.newBuilder()
        .setIndex(l.index())
        .setKind(l.kind())
        .setActivation(l.activation())
        .setUnits(l.units())
        .setGradientNorm(l.gradientNorm())
        .setMeanAbsGradient(l.meanAbsGradient())
        .setUpdateRatio(l.updateRatio())
        .setWeightMean(l.weightMean())
        .setWeightStd(l.weightStd())
        .setDeadFraction(l.deadFraction())
        .setSaturatedFraction(l.saturatedFraction())
        .build();
  }
}

package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.NonFiniteCounts;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.TrainingStatus;

/** Builds a run's EpochTelemetry records: one per epoch, and the terminal one. */
final class TelemetryRecords {
  private final RunLabel run;
  private final TrainingLayout layout;
  private DataFacts inputs;

  TelemetryRecords(RunLabel run, TrainingLayout layout) {
    this.run = run;
    this.layout = layout;
  }

  /**
   * The data the run trains on; until known (data preparation failed), records carry no data facts.
   */
  void describe(DataFacts value) {
    this.inputs = value;
  }

  EpochTelemetry epoch(
      int epoch,
      double learningRate,
      long wallMs,
      Measurement m,
      TrainingStatus status,
      String error) {
    NonFiniteCounts nonFinite =
        new NonFiniteCounts(
            m.nonFinite().getLoss(),
            m.nonFinite().getGradients(),
            m.nonFinite().getParameters(),
            inputs.inputStats().nonFinite());
    return base(epoch, status, error)
        .setEpochWallTimeMs(wallMs)
        .setLearningRate(learningRate)
        .setTrainLoss(m.trainLoss())
        .setValLoss(m.valLoss())
        .setTrainAccuracy(m.trainAccuracy())
        .setTrainBalancedAccuracy(m.trainBalancedAccuracy())
        .setValAccuracy(m.valAccuracy())
        .setValBalancedAccuracy(m.valBalancedAccuracy())
        .setValMacroF1(m.valMacroF1())
        .setValPerClassRecall(m.valPerClassRecall())
        .setLayers(m.layers())
        .setNonFinite(nonFinite)
        .build();
  }

  /**
   * The run's last record: the last epoch's measurements (when there was one) under the terminal
   * status, so a consumer that sees only this record still knows how the run ended and where it
   * stood.
   */
  EpochTelemetry terminal(
      EpochTelemetry lastEpoch, int epoch, TrainingStatus status, String message) {
    EpochTelemetry.Builder builder =
        lastEpoch == null
            ? base(epoch, status, message)
            : EpochTelemetry.newBuilder(lastEpoch).setTimestampMs(System.currentTimeMillis());
    return builder.setStatus(RunStatus.valueOf(status.name())).setErrorMessage(message).build();
  }

  private EpochTelemetry.Builder base(int epoch, TrainingStatus status, String error) {
    EpochTelemetry.Builder builder =
        EpochTelemetry.newBuilder()
            .setSweepId(run.sweepId())
            .setExecutionId(run.executionId())
            .setRunId(run.runId())
            .setVariantId(run.variantId())
            .setFixFamily(run.fixFamily())
            .setFixParams(run.fixParams())
            .setSeed(run.seed())
            .setEpoch(epoch)
            .setTotalEpochs(run.totalEpochs())
            .setPlannedSeeds(run.plannedSeeds())
            .setTrainingMode(layout.mode())
            .setWorkers(layout.workers())
            .setGlobalBatchSize(layout.globalBatchSize())
            .setAveragingFrequency(layout.averagingFrequency())
            .setTimestampMs(System.currentTimeMillis())
            .setStatus(RunStatus.valueOf(status.name()))
            .setErrorMessage(error);
    if (inputs == null) {
      return builder;
    }
    return builder
        .setNumClasses(inputs.numClasses())
        .setClassLabels(inputs.classLabels())
        .setTrainExamples(inputs.trainExamples())
        .setMajorityClassRate(inputs.majorityClassRate())
        .setMaxAbsFeatureMean(inputs.inputStats().maxAbsMean())
        .setMaxFeatureStd(inputs.inputStats().maxStd())
        .setNonFinite(new NonFiniteCounts(0L, 0L, 0L, inputs.inputStats().nonFinite()));
  }
}

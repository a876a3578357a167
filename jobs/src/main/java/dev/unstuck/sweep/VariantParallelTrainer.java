package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.fix.PlannedRun;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.kafka.TelemetrySinks;
import dev.unstuck.spec.Resampling;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.TrainingSpec;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Variant-parallel training: every run trained whole inside one Spark task with plain DL4J, so a
 * run behaves exactly as the user's single-process training would; many runs at once fill the
 * cluster's cores. The task publishes its epochs itself; the driver learns the outcome when the
 * task ends.
 */
final class VariantParallelTrainer implements RunTrainer {
  private final JavaSparkContext spark;
  private final TelemetrySinks sinks;
  private final TelemetrySink driverSink;
  private final TrainingSettings settings;

  /** One broadcast per prepared data treatment, shared by the variants and seeds that use it. */
  private final Map<VariantInputs, Broadcast<LocalSplits>> broadcasts =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /**
   * @param sinks opened in each task, to publish its run's epochs
   * @param driverSink for runs whose task never started (their data could not be prepared)
   */
  VariantParallelTrainer(
      JavaSparkContext spark,
      TelemetrySinks sinks,
      TelemetrySink driverSink,
      TrainingSettings settings) {
    this.spark = spark;
    this.sinks = sinks;
    this.driverSink = driverSink;
    this.settings = settings;
  }

  @Override
  public TrainedRun train(PlannedRun run, Supplier<VariantInputs> data, RunProgress progress) {
    RunLabel label = RunLabel.of(run);
    RunConfig config = run.variant().config();
    TrainingSpec training = config.training();
    TrainingLayout layout = TrainingLayout.variantParallel(training.batchSize());
    EpochLoop onDriver = new EpochLoop(driverSink, progress);
    WholeRunTask task;
    try {
      VariantInputs inputs = data.get();
      task =
          new WholeRunTask(
              label,
              layout,
              training,
              NetworkFactory.network(
                  config,
                  inputs.numFeatures(),
                  inputs.numClasses(),
                  run.seed(),
                  training.resample() == Resampling.CLASS_WEIGHTS ? inputs.classWeights() : null),
              inputs.facts(),
              broadcast(inputs),
              sinks,
              settings.nativeThreads());
    } catch (Exception | OutOfMemoryError e) {
      return onDriver.failedToStart(label, layout, e);
    }
    spark.setJobGroup(
        run.runId(), run.runId() + ": " + training.epochs() + " epochs in one task", false);
    try {
      TrainedRun trained =
          TrainedRun.fromBytes(
              spark
                  .parallelize(List.of(run.runId()), 1)
                  .map(ignored -> task.call())
                  .collect()
                  .get(0));
      for (EpochTelemetry record : trained.telemetry()) {
        progress.epochDone(
            record.getRunId(),
            record.getEpoch(),
            record.getTotalEpochs(),
            record.getTrainLoss(),
            TrainingStatus.valueOf(record.getStatus().name()));
      }
      return trained;
    } catch (Exception e) {
      // the task itself was lost (executor gone, task not serializable, ...): the run's end is told
      // from here
      return onDriver.failedToStart(label, layout, e);
    } finally {
      spark.clearJobGroup();
    }
  }

  private Broadcast<LocalSplits> broadcast(VariantInputs inputs) {
    if (!inputs.wholeOnDriver()) {
      throw new IllegalStateException(
          "the training split ("
              + inputs.trainExamples()
              + " rows) is too large to "
              + "train whole in one task: use training.parallelism: data");
    }
    synchronized (broadcasts) {
      return broadcasts.computeIfAbsent(
          inputs, in -> spark.broadcast(new LocalSplits(in.train(), in.validation(), in.probe())));
    }
  }

  @Override
  public void close() {
    broadcasts.values().forEach(b -> b.destroy());
    broadcasts.clear();
  }
}

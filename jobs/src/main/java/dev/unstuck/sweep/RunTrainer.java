package dev.unstuck.sweep;

import dev.unstuck.fix.PlannedRun;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.kafka.TelemetrySinks;
import dev.unstuck.spec.Parallelism;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;

/** Trains one run in one training mode and reports it; never throws for a run's own failure. */
interface RunTrainer extends AutoCloseable {
  /**
   * @param data the run's inputs, prepared inside the run so a data problem fails this run, not the
   *     sweep
   */
  TrainedRun train(PlannedRun run, Supplier<VariantInputs> data, RunProgress progress);

  /** Releases what the trainer holds on the cluster for the sweep; nothing by default. */
  @Override
  default void close() {}

  /** The sweep's trainer for its training mode. */
  static RunTrainer of(
      Parallelism.Mode mode,
      JavaSparkContext spark,
      TelemetrySinks sinks,
      TelemetrySink driverSink,
      TrainingSettings settings) {
    return mode == Parallelism.Mode.DATA
        ? new DataParallelTrainer(spark, driverSink, settings)
        : new VariantParallelTrainer(spark, sinks, driverSink, settings);
  }
}

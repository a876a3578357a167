package dev.unstuck.sweep;

import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.kafka.TelemetrySinks;
import dev.unstuck.spec.Parallelism;
import org.apache.spark.api.java.JavaSparkContext;

/** The sweep's run trainer for its training mode, and what it holds on the cluster until the sweep ends. */
final class Trainers implements AutoCloseable {
  private final RunTrainer trainer;
  private final AutoCloseable resources;

  Trainers(JavaSparkContext spark, Parallelism.Mode mode, TelemetrySinks sinks, TelemetrySink driverSink,
      TrainingSettings settings) {
    if (mode == Parallelism.Mode.DATA) {
      trainer = new DataParallelTrainer(spark, driverSink, settings);
      resources = () -> { };
    } else {
      VariantParallelTrainer variantParallel = new VariantParallelTrainer(spark, sinks, driverSink, settings);
      trainer = variantParallel;
      resources = variantParallel;
    }
  }

  RunTrainer trainer() {
    return trainer;
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not release the sweep's broadcasts", e);
    }
  }
}

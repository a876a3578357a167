package dev.unstuck.sweep;

import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.kafka.TelemetrySinks;
import dev.unstuck.spec.TrainingSpec;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a Spark task needs to train one run whole: the network (DL4J's JSON), the run's splits
 * (a broadcast), and where to publish each epoch's telemetry - from the executor, live, as the
 * epochs end.
 */
final class WholeRunTask implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(WholeRunTask.class);
  private final RunLabel label;
  private final TrainingLayout layout;
  private final TrainingSpec training;
  private final NetworkDefinition network;
  private final DataFacts facts;
  private final Broadcast<LocalSplits> splits;
  private final TelemetrySinks sinks;
  private final int nativeThreads;

  WholeRunTask(
      RunLabel label,
      TrainingLayout layout,
      TrainingSpec training,
      NetworkDefinition network,
      DataFacts facts,
      Broadcast<LocalSplits> splits,
      TelemetrySinks sinks,
      int nativeThreads) {
    this.label = label;
    this.layout = layout;
    this.training = training;
    this.network = network;
    this.facts = facts;
    this.splits = splits;
    this.sinks = sinks;
    this.nativeThreads = nativeThreads;
  }

  /**
   * Runs in the task: trains every epoch, publishing as it goes, and returns the run's outcome and
   * records.
   */
  byte[] call() {
    long start = System.currentTimeMillis();
    NativeThreads.limit(nativeThreads);
    try (TelemetrySink sink = sinks.open()) {
      TrainedRun run =
          new EpochLoop(sink, RunProgress.NONE)
              .run(
                  label,
                  layout,
                  training,
                  () -> {
                    LocalSplits data = splits.value();
                    // dropout and noise draw from ND4J's per-thread generator: seed it, or the run
                    // depends on the thread's past
                    Nd4j.getRandom().setSeed(label.seed());
                    return new SingleProcessTrainee(
                        network,
                        data.train(),
                        data.validation(),
                        data.probe(),
                        facts,
                        training.batchSize(),
                        label.seed());
                  });
      sink.flush(); // the task succeeds only once its telemetry is acknowledged
      LOG.info(
          "{} trained in its task in {} ms", label.runId(), System.currentTimeMillis() - start);
      return run.toBytes();
    }
  }
}

package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's epochs, whatever the training mode: set the epoch's learning rate, fit one epoch,
 * measure, publish, stop on divergence or early stopping. Whatever happens, the run ends with a
 * terminal record: FINISHED, DIVERGED (NaN/Inf) or FAILED (an exception or out of memory) - one
 * run's failure never ends the sweep, except an exhausted Java heap, which is recorded and then
 * thrown on ({@link MemoryExhaustion}).
 */
final class EpochLoop {
  private static final Logger LOG = LoggerFactory.getLogger(EpochLoop.class);

  /** One run's network and data in one training mode. */
  interface Trainee {
    DataFacts facts();

    /** The network as it stands now (data-parallel: the averaged one). */
    TrainableNetwork network();

    /** One pass over the training split, in this epoch's order. */
    void fitEpoch(int epoch);

    Measurement measure(Map<Integer, INDArray> weightsBefore);
  }

  /** Prepares a run's trainee; may throw, which fails the run. */
  interface Preparation {
    Trainee prepare() throws Exception;
  }

  private final TelemetrySink sink;
  private final RunProgress progress;

  EpochLoop(TelemetrySink sink, RunProgress progress) {
    this.sink = sink;
    this.progress = progress;
  }

  TrainedRun run(
      RunLabel label, TrainingLayout layout, TrainingSpec training, Preparation preparation) {
    TelemetryRecords records = new TelemetryRecords(label, layout);
    List<EpochTelemetry> published = new ArrayList<>();
    int epoch = 0;
    EpochTelemetry last = null;
    try {
      Trainee trainee = preparation.prepare();
      records.describe(trainee.facts());
      EarlyStopping earlyStopping = new EarlyStopping(training.earlyStopping());
      for (epoch = 1; epoch <= training.epochs(); epoch++) {
        double rate =
            training.lrSchedule().rateAt(training.learningRate(), epoch, training.epochs());
        if (rate != training.learningRate()) {
          trainee.network().setLearningRate(rate);
        }
        Map<Integer, INDArray> before = EpochProbe.snapshotWeights(trainee.network());
        long start = System.currentTimeMillis();
        trainee.fitEpoch(epoch);
        long wall = System.currentTimeMillis() - start;
        Measurement measurement = trainee.measure(before);
        LOG.info(
            "{} epoch {}/{} ({}): fit {} ms, {} examples/s; measured in {} ms",
            label.runId(),
            epoch,
            training.epochs(),
            layout.mode(),
            wall,
            String.format("%.0f", trainee.facts().trainExamples() * 1000.0 / Math.max(1, wall)),
            System.currentTimeMillis() - start - wall);
        last = records.epoch(epoch, rate, wall, measurement, TrainingStatus.RUNNING, null);
        publish(last, published);
        progress.epochDone(
            label.runId(),
            epoch,
            training.epochs(),
            measurement.trainLoss(),
            TrainingStatus.RUNNING);
        if (measurement.diverged()) {
          return finish(
              label,
              records,
              last,
              TrainingStatus.DIVERGED,
              epoch,
              "loss or weights became NaN/Inf at epoch " + epoch,
              published);
        }
        if (earlyStopping.shouldStop(measurement.valBalancedAccuracy())) {
          return finish(
              label,
              records,
              last,
              TrainingStatus.FINISHED,
              epoch,
              "early stopping: no better validation metric for "
                  + training.earlyStopping()
                  + " epochs",
              published);
        }
      }
      return finish(
          label, records, last, TrainingStatus.FINISHED, training.epochs(), null, published);
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      return failed(label, records, last, epoch, e, published);
    }
  }

  /** A run that failed before its loop could start (its data or task never came up). */
  TrainedRun failedToStart(RunLabel label, TrainingLayout layout, Throwable error) {
    return failed(label, new TelemetryRecords(label, layout), null, 0, error, new ArrayList<>());
  }

  private TrainedRun failed(
      RunLabel label,
      TelemetryRecords records,
      EpochTelemetry last,
      int epoch,
      Throwable error,
      List<EpochTelemetry> published) {
    Optional<MemoryExhaustion> memory =
        error instanceof OutOfMemoryError oom
            ? Optional.of(MemoryExhaustion.of(oom))
            : Optional.empty();
    String message =
        error.getClass().getSimpleName()
            + ": "
            + error.getMessage()
            + memory.map(m -> " - " + m.advice()).orElse("");
    LOG.warn("{} failed at epoch {}: {}", label.runId(), epoch, message, error);
    TrainedRun failed =
        finish(label, records, last, TrainingStatus.FAILED, epoch, message, published);
    if (memory.equals(Optional.of(MemoryExhaustion.HEAP))) {
      throw (OutOfMemoryError) error; // recorded; carrying on in a JVM whose heap ran out is not
    }
    return failed;
  }

  private TrainedRun finish(
      RunLabel label,
      TelemetryRecords records,
      EpochTelemetry last,
      TrainingStatus status,
      int epoch,
      String message,
      List<EpochTelemetry> published) {
    publish(records.terminal(last, epoch, status, message), published);
    progress.epochDone(
        label.runId(),
        epoch,
        label.totalEpochs(),
        last == null ? null : last.getTrainLoss(),
        status);
    return new TrainedRun(
        new RunOutcome(label.runId(), status, last == null ? 0 : last.getEpoch(), message),
        published);
  }

  private void publish(EpochTelemetry record, List<EpochTelemetry> published) {
    published.add(record);
    sink.publish(record);
  }
}

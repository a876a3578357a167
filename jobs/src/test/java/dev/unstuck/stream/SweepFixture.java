package dev.unstuck.stream;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.NonFiniteCounts;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.testing.Curves;
import dev.unstuck.testing.Telemetry;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.RecordKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A sweep's telemetry as the sweep job publishes it (common's {@code Curves} and {@code
 * Telemetry}): per run one RUNNING record per epoch, then a terminal record repeating the last
 * epoch's metrics; runs interleaved epoch by epoch as concurrent training sends them.
 *
 * <p>{@link #standard(String)}: a baseline that does not learn (NOT_LEARNING, SLOW_CONVERGENCE), a
 * learning-rate fix that learns (resolves both), an L2 fix that does not (resolves nothing), 2
 * seeds, 8 epochs; plus a batch-norm fix whose seed 1 crashed inside its first epoch.
 */
public final class SweepFixture {
  public static final int SEEDS = 2;
  public static final int EPOCHS = 8;

  /** Records in publishing order. */
  public final List<EpochTelemetry> records;

  /** Run id -> its records. */
  public final Map<String, List<EpochTelemetry>> byRun;

  private SweepFixture(List<EpochTelemetry> records) {
    this.records = List.copyOf(records);
    Map<String, List<EpochTelemetry>> runs = new LinkedHashMap<>();
    records.forEach(r -> runs.computeIfAbsent(r.getRunId(), id -> new ArrayList<>()).add(r));
    this.byRun = runs;
  }

  public static SweepFixture standard(String sweepId) {
    Map<Telemetry, List<EpochMetrics>> runs = new LinkedHashMap<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      runs.put(
          Telemetry.run(sweepId, "baseline", "BASELINE", seed),
          Curves.flatAtChance().epochs(EPOCHS).build());
      runs.put(
          Telemetry.run(sweepId, "lr-x0.1", "LEARNING_RATE", seed),
          Curves.healthy().epochs(EPOCHS).build());
      runs.put(
          Telemetry.run(sweepId, "l2-1e-4", "REGULARISATION", seed),
          Curves.flatAtChance().epochs(EPOCHS).build());
    }
    List<EpochTelemetry> records = new ArrayList<>();
    records.add(crashedInFirstEpoch(Telemetry.run(sweepId, "batchnorm", "NORMALISATION", 1)));
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      for (Map.Entry<Telemetry, List<EpochMetrics>> run : runs.entrySet()) {
        EpochTelemetry record = run.getKey().record(run.getValue().get(epoch - 1), EPOCHS);
        if (record.getStatus() == RunStatus.RUNNING) {
          records.add(record);
        } else {
          records.add(
              EpochTelemetry.newBuilder(record)
                  .setStatus(RunStatus.RUNNING)
                  .setErrorMessage(null)
                  .build());
          records.add(record);
        }
      }
    }
    return new SweepFixture(records);
  }

  /** The same telemetry as execution {@code executionId} of the sweep published it. */
  public SweepFixture inExecution(String executionId) {
    return new SweepFixture(
        records.stream()
            .map(r -> EpochTelemetry.newBuilder(r).setExecutionId(executionId).build())
            .toList());
  }

  /**
   * The one record of a run whose preparation failed (its data or network never came up: {@code
   * sweep/EpochLoop}): epoch 0, a status, no data facts and no metrics.
   */
  static EpochTelemetry failedAtStart(Telemetry run) {
    EpochTelemetry any = run.record(Curves.healthy().epochs(1).lastEpoch(), EPOCHS);
    return EpochTelemetry.newBuilder()
        .setSweepId(any.getSweepId())
        .setRunId(any.getRunId())
        .setVariantId(any.getVariantId())
        .setFixFamily(any.getFixFamily())
        .setSeed(any.getSeed())
        .setEpoch(0)
        .setTotalEpochs(EPOCHS)
        .setTimestampMs(Telemetry.START_MS)
        .setStatus(RunStatus.FAILED)
        .setErrorMessage("IllegalArgumentException: data.label: no column 'churn'")
        .build();
  }

  /**
   * The one record of a run that crashed inside epoch 1, as {@code sweep/EpochLoop} publishes it:
   * the epoch it was in (1), the data facts it had prepared, the error as {@code Class: message},
   * and nothing measured.
   */
  static EpochTelemetry crashedInFirstEpoch(Telemetry run) {
    EpochTelemetry measured = run.record(Curves.healthy().epochs(1).lastEpoch(), EPOCHS);
    return EpochTelemetry.newBuilder(failedAtStart(run))
        .setEpoch(1)
        .setNumClasses(measured.getNumClasses())
        .setClassLabels(measured.getClassLabels())
        .setTrainExamples(measured.getTrainExamples())
        .setMajorityClassRate(measured.getMajorityClassRate())
        .setMaxAbsFeatureMean(measured.getMaxAbsFeatureMean())
        .setMaxFeatureStd(measured.getMaxFeatureStd())
        .setNonFinite(new NonFiniteCounts(0L, 0L, 0L, measured.getNonFinite().getInputs()))
        .setErrorMessage("OutOfMemoryError: Java heap space")
        .build();
  }

  /** Distinct (run, epoch) pairs: the rows epoch_metric ends with. */
  public long distinctEpochs() {
    return records.stream().map(r -> r.getRunId() + "#" + r.getEpoch()).distinct().count();
  }

  /**
   * Publishes {@code records} (idempotent producer, acks=all), keyed as the sweep job keys them.
   */
  public static void produce(String bootstrap, String topic, List<EpochTelemetry> records) {
    produce(bootstrap, topic, records, Codecs.TELEMETRY::encode);
  }

  /**
   * As {@link #produce(String, String, List)}, each record encoded by {@code encoder} (e.g. an
   * older release's).
   */
  public static void produce(
      String bootstrap,
      String topic,
      List<EpochTelemetry> records,
      Function<EpochTelemetry, byte[]> encoder) {
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      for (EpochTelemetry r : records) {
        producer.send(new ProducerRecord<>(topic, RecordKeys.telemetry(r), encoder.apply(r)));
      }
      producer.flush();
    }
  }

  /** Publishes raw bytes under {@code key}. */
  public static void produceRaw(String bootstrap, String topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}

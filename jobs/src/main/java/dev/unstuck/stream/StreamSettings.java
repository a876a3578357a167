package dev.unstuck.stream;

import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.kafka.KafkaSettings;
import java.time.Duration;

/**
 * Where the diagnosis stream reads and writes, and how often.
 *
 * @param kafka brokers and pass-through client properties (source and sinks alike)
 * @param telemetryTopic topic read (EpochTelemetry)
 * @param diagnosisTopic topic written (RunDiagnosis, FixVerdict)
 * @param deadLetterTopic where undecodable telemetry goes, with a reason header
 * @param startingOffsets Kafka source's starting offsets when no checkpoint exists (earliest /
 *     latest / JSON)
 * @param trigger micro-batch interval
 * @param stateTimeout a sweep without telemetry this long is dropped from the state
 * @param checkpoint checkpoint root; each query keeps its own folder under it
 * @param maxRecordsPerTrigger cap on records per micro-batch (0 = none)
 */
public record StreamSettings(
    KafkaSettings kafka,
    String telemetryTopic,
    String diagnosisTopic,
    String deadLetterTopic,
    String startingOffsets,
    Duration trigger,
    Duration stateTimeout,
    String checkpoint,
    long maxRecordsPerTrigger,
    Thresholds thresholds) {

  /** With the default thresholds. */
  public StreamSettings(
      KafkaSettings kafka,
      String telemetryTopic,
      String diagnosisTopic,
      String deadLetterTopic,
      String startingOffsets,
      Duration trigger,
      Duration stateTimeout,
      String checkpoint,
      long maxRecordsPerTrigger) {
    this(
        kafka,
        telemetryTopic,
        diagnosisTopic,
        deadLetterTopic,
        startingOffsets,
        trigger,
        stateTimeout,
        checkpoint,
        maxRecordsPerTrigger,
        Thresholds.DEFAULTS);
  }

  public StreamSettings {
    if (stateTimeout.isZero() || stateTimeout.isNegative()) {
      throw new IllegalArgumentException("state timeout must be positive, got " + stateTimeout);
    }
  }

  /** Checkpoint folder of one query. */
  public String checkpointOf(String query) {
    return checkpoint.endsWith("/") ? checkpoint + query : checkpoint + "/" + query;
  }
}

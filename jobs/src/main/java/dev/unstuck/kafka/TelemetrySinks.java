package dev.unstuck.kafka;

import java.io.Serializable;

/**
 * Opens telemetry sinks wherever a run is trained: on the driver, or inside the Spark task that
 * trains a whole run, which publishes its epochs from the executor as they happen. Serializable, to
 * travel with the task.
 */
public interface TelemetrySinks extends Serializable {
  TelemetrySink open();

  /** Kafka, with the sweep's client settings. */
  static TelemetrySinks kafka(KafkaSettings kafka, String topic) {
    return new KafkaSinks(kafka, topic);
  }

  /** Sinks that publish to {@code topic} on the Kafka cluster {@code kafka}. */
  record KafkaSinks(KafkaSettings kafka, String topic) implements TelemetrySinks {
    @Override
    public TelemetrySink open() {
      return new KafkaTelemetrySink(kafka, topic);
    }
  }
}

package dev.unstuck.kafka;

import dev.unstuck.avro.EpochTelemetry;

/** Where epoch telemetry goes. Production: {@link KafkaTelemetrySink}. */
public interface TelemetrySink extends AutoCloseable {

  /** Sends one record; may return before it is acknowledged. */
  void publish(EpochTelemetry record);

  /** Blocks until everything published so far is acknowledged; throws if any record was lost. */
  void flush();

  @Override
  void close();
}

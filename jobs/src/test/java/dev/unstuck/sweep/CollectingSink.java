package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.kafka.TelemetrySink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory telemetry sink for tests that check what the sweep measured, not how Kafka carries it. */
final class CollectingSink implements TelemetrySink {
  final List<EpochTelemetry> records = new CopyOnWriteArrayList<>();

  @Override
  public void publish(EpochTelemetry record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}

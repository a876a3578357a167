package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.kafka.TelemetrySinks;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory telemetry sinks for tests that check what the sweep measured, not how Kafka carries it.
 * Spark tasks that train whole runs open their sinks from a serialized copy of this object; in the
 * test JVM's local Spark they all write into the one list kept here under the copy's id.
 */
final class CollectingSink implements TelemetrySinks {
  private static final Map<String, List<EpochTelemetry>> COLLECTED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  final transient List<EpochTelemetry> records;

  CollectingSink() {
    records = COLLECTED.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>());
  }

  @Override
  public TelemetrySink open() {
    List<EpochTelemetry> target = COLLECTED.get(id);
    return new TelemetrySink() {
      @Override
      public void publish(EpochTelemetry record) {
        target.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}

package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.kafka.TelemetrySink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Passes telemetry on and keeps a copy, so the driver can diagnose the baseline it just trained. */
final class RecordingSink implements TelemetrySink {
  private final TelemetrySink next;
  private final List<EpochTelemetry> records = new CopyOnWriteArrayList<>();

  RecordingSink(TelemetrySink next) {
    this.next = next;
  }

  List<EpochTelemetry> records() {
    return List.copyOf(records);
  }

  @Override
  public void publish(EpochTelemetry record) {
    records.add(record);
    next.publish(record);
  }

  @Override
  public void flush() {
    next.flush();
  }

  /** The sink it wraps belongs to the caller, who closes it. */
  @Override
  public void close() {}
}

package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.WireFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A run's outcome and every telemetry record it published, in order. */
public record TrainedRun(RunOutcome outcome, List<EpochTelemetry> telemetry) {

  public TrainedRun {
    telemetry = List.copyOf(telemetry);
  }

  /**
   * The run as bytes a Spark task can return whatever the serializer (Kryo cannot build records).
   */
  public byte[] toBytes() {
    List<byte[]> records = telemetry.stream().map(Codecs.TELEMETRY::encode).toList();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new Wire(outcome, new ArrayList<>(records)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the outcome of " + outcome.runId(), e);
    }
    return bytes.toByteArray();
  }

  public static TrainedRun fromBytes(byte[] bytes) {
    Wire wire;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      wire = (Wire) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("a task's run outcome did not deserialise", e);
    }
    List<EpochTelemetry> records = new ArrayList<>();
    for (byte[] record : wire.telemetry()) {
      try {
        records.add(Codecs.TELEMETRY.decode(record));
      } catch (WireFormatException e) {
        throw new IllegalStateException(
            "a run's telemetry did not decode with the schema it was encoded by", e);
      }
    }
    return new TrainedRun(wire.outcome(), records);
  }

  /** Telemetry in its own wire encoding: Avro records are not Java-serializable. */
  private record Wire(RunOutcome outcome, ArrayList<byte[]> telemetry) implements Serializable {}
}

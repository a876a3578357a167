package dev.unstuck.stream;

import java.io.Serializable;

/**
 * One valid telemetry record on its way into the per-sweep state: the sweep it belongs to (the grouping key) and
 * the record as it came off Kafka (Avro single-object bytes, fingerprint already checked). A Spark bean.
 */
public class TelemetryPayload implements Serializable {
  private static final long serialVersionUID = 1L;

  private String sweepId;
  private byte[] payload;

  public TelemetryPayload() {}

  public TelemetryPayload(String sweepId, byte[] payload) {
    this.sweepId = sweepId;
    this.payload = payload;
  }

  public String getSweepId() {
    return sweepId;
  }

  public void setSweepId(String sweepId) {
    this.sweepId = sweepId;
  }

  public byte[] getPayload() {
    return payload;
  }

  public void setPayload(byte[] payload) {
    this.payload = payload;
  }
}

package dev.unstuck.stream;

import dev.unstuck.wire.RecordKeys;
import java.io.Serializable;

/**
 * One valid telemetry record on its way into the state of its sweep's execution: the sweep and
 * execution it belongs to ({@link #stateKey()}, the grouping key) and the record as it came off
 * Kafka (Avro single-object bytes, fingerprint already checked). A Spark bean.
 */
public class TelemetryPayload implements Serializable {
  private static final long serialVersionUID = 1L;

  private String sweepId;
  private String executionId = "";
  private byte[] payload;

  public TelemetryPayload() {}

  public TelemetryPayload(String sweepId, String executionId, byte[] payload) {
    this.sweepId = sweepId;
    this.executionId = executionId;
    this.payload = payload;
  }

  /** The state this record folds into: one per execution of a sweep. */
  public String stateKey() {
    return RecordKeys.sweepExecution(sweepId, executionId);
  }

  public String getSweepId() {
    return sweepId;
  }

  public void setSweepId(String sweepId) {
    this.sweepId = sweepId;
  }

  public String getExecutionId() {
    return executionId;
  }

  public void setExecutionId(String executionId) {
    this.executionId = executionId;
  }

  public byte[] getPayload() {
    return payload;
  }

  public void setPayload(byte[] payload) {
    this.payload = payload;
  }
}

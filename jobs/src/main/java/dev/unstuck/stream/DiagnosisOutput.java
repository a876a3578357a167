package dev.unstuck.stream;

import java.io.Serializable;

/**
 * One record the stateful step emits: a {@code RunDiagnosis} (key: execution and run) or a {@code
 * FixVerdict} row (key: execution, sweep, fix and baseline symptom; {@code wire/RecordKeys}),
 * already in the wire format of the {@code unstuck.diagnosis} topic, or a stored telemetry record
 * the state could not read back ({@link #DEAD_LETTER}, key: execution and sweep, with its {@link
 * #getReason() reason}) for the dead-letter topic. The database writer decodes the same bytes, so
 * Kafka and PostgreSQL always say the same thing. A Spark bean.
 */
public class DiagnosisOutput implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@link #getKind()} of a run diagnosis. */
  public static final String RUN_DIAGNOSIS = "RUN_DIAGNOSIS";

  /** {@link #getKind()} of a fix verdict row. */
  public static final String FIX_VERDICT = "FIX_VERDICT";

  /**
   * {@link #getKind()} of a telemetry record set aside from a restored state ({@link
   * SweepRuns#setAside()}).
   */
  public static final String DEAD_LETTER = "DEAD_LETTER";

  private String kind;
  private String key;
  private byte[] payload;
  private String reason;

  public DiagnosisOutput() {}

  public DiagnosisOutput(String kind, String key, byte[] payload) {
    this(kind, key, payload, null);
  }

  public DiagnosisOutput(String kind, String key, byte[] payload, String reason) {
    this.kind = kind;
    this.key = key;
    this.payload = payload;
    this.reason = reason;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public byte[] getPayload() {
    return payload;
  }

  public void setPayload(byte[] payload) {
    this.payload = payload;
  }

  /**
   * Why a {@link #DEAD_LETTER} could not be read (a {@code WireFormatException.Reason}); null
   * otherwise.
   */
  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}

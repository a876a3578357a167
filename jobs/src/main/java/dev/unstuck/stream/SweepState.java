package dev.unstuck.stream;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the state store keeps per sweep: every accepted telemetry record, one per (run, epoch), as Avro
 * single-object bytes (compact, and self-describing through the schema fingerprint should the schema evolve).
 * A Spark bean; {@link SweepRuns} is the working form.
 */
public class SweepState implements Serializable {
  private static final long serialVersionUID = 1L;

  private String sweepId;
  private List<byte[]> records = new ArrayList<>();

  public SweepState() {}

  public SweepState(String sweepId, List<byte[]> records) {
    this.sweepId = sweepId;
    this.records = records;
  }

  public String getSweepId() {
    return sweepId;
  }

  public void setSweepId(String sweepId) {
    this.sweepId = sweepId;
  }

  public List<byte[]> getRecords() {
    return records;
  }

  public void setRecords(List<byte[]> records) {
    this.records = records;
  }
}

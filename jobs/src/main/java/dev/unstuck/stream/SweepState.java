package dev.unstuck.stream;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the state store keeps per execution of a sweep (key: {@code RecordKeys.sweepExecution}): per
 * run a few Avro single-object {@code RunSummary} parts, what diagnosing and judging the run needs
 * ({@link SummarisedRun}). A job before run summaries kept every accepted telemetry record here
 * instead, one per (run, epoch), as the bytes it arrived with; the fingerprint in each value names
 * its schema, so {@link SweepRuns#restore} reads either (every published EpochTelemetry and
 * RunSummary version, read into the current one) and sets aside (never fails on) a value of a
 * schema it does not know. A Spark bean; {@link SweepRuns} is the working form.
 *
 * <p>The bean's own shape (a sweep id and a list of byte arrays) is part of the checkpoint: at
 * restart Spark checks the state schema against the one recorded there and refuses an incompatible
 * one, so evolve the values inside, not these fields.
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

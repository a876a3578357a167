package dev.unstuck.wire;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;

/**
 * The Kafka keys of Unstuck's records, and the stream job's state key: each names the execution of
 * the sweep it belongs to, {@code <executionId>/<id>}, so two executions of one sweep name never
 * share a key (a consumer that keeps the latest record per key keeps both). A record without an
 * execution id (a producer before that field) keeps the key it always had, {@code <id>}: old keys
 * and old state stay valid.
 *
 * <p>Neither part can be confused with the other: a sweep name has no {@code /} (the spec parser
 * allows letters, digits, '.', '_' and '-'), and neither has an execution id ({@link
 * #checkExecutionId}).
 */
public final class RecordKeys {
  private static final String SEPARATOR = "/";

  private RecordKeys() {}

  /** {@code <executionId>/<id>}, or {@code id} alone when {@code executionId} is empty. */
  public static String of(String executionId, String id) {
    return executionId.isEmpty() ? id : executionId + SEPARATOR + id;
  }

  /** A telemetry record's key: its run, in its execution. */
  public static String telemetry(EpochTelemetry record) {
    return of(record.getExecutionId(), record.getRunId());
  }

  /** A run diagnosis's key: its run, in its execution. */
  public static String diagnosis(RunDiagnosis diagnosis) {
    return of(diagnosis.getExecutionId(), diagnosis.getRunId());
  }

  /**
   * A verdict row's key: its execution, sweep, fix and baseline symptom. One key per row, because a
   * fix's verdict is one row per baseline symptom: keyed by the fix alone, "the latest per key"
   * would keep one symptom's row.
   */
  public static String verdict(FixVerdict verdict) {
    return of(
        verdict.getExecutionId(),
        verdict.getSweepId()
            + SEPARATOR
            + verdict.getVariantId()
            + SEPARATOR
            + verdict.getBaselineSymptom());
  }

  /**
   * The stream job's state key of one execution of a sweep: {@code sweepId} alone for the empty
   * execution.
   */
  public static String sweepExecution(String sweepId, String executionId) {
    return of(executionId, sweepId);
  }

  /**
   * The execution id in a {@link #sweepExecution} key; empty for a key without one (a state of an
   * older job).
   */
  public static String executionOf(String sweepExecutionKey) {
    int separator = sweepExecutionKey.indexOf(SEPARATOR);
    return separator < 0 ? "" : sweepExecutionKey.substring(0, separator);
  }

  /** The sweep id in a {@link #sweepExecution} key. */
  public static String sweepOf(String sweepExecutionKey) {
    int separator = sweepExecutionKey.indexOf(SEPARATOR);
    return separator < 0 ? sweepExecutionKey : sweepExecutionKey.substring(separator + 1);
  }

  /**
   * {@code executionId} when it can be part of a key, else an IllegalArgumentException saying why:
   * 1 to 64 letters, digits, '.', '_', ':' or '-'.
   */
  public static String checkExecutionId(String executionId) {
    if (executionId == null || !executionId.matches("[A-Za-z0-9._:-]{1,64}")) {
      throw new IllegalArgumentException(
          "'"
              + executionId
              + "' is not an execution id: 1 to 64 letters, digits, "
              + "'.', '_', ':' or '-'");
    }
    return executionId;
  }
}

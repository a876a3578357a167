package dev.unstuck.report;

import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.SymptomEvidence;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.SingleObjectCodec;
import dev.unstuck.wire.WireFormatException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records of the {@code unstuck.diagnosis} topic as lines a person reads while a sweep trains. A
 * sweep name can run again (another execution, the next day, on the same topic): the first record
 * of each execution of a sweep is headed by a line naming it, so two runs of one sweep never read
 * as one.
 */
public final class LiveDiagnosis {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ZoneId zone;
  private final boolean withEvidence;

  /** The execution each sweep's last record belonged to. */
  private final Map<String, String> executions = new HashMap<>();

  public LiveDiagnosis(ZoneId zone, boolean withEvidence) {
    this.zone = zone;
    this.withEvidence = withEvidence;
  }

  /**
   * The line(s) for one record value: a run diagnosis, a fix verdict, or a note that it is neither.
   */
  public String format(byte[] value) {
    if (value == null || value.length < SingleObjectCodec.HEADER_LENGTH) {
      return "?         not an Unstuck record ("
          + (value == null ? "no value" : value.length + " bytes")
          + ")";
    }
    long fingerprint = SingleObjectCodec.fingerprintOf(value);
    try {
      if (Codecs.RUN_DIAGNOSIS.knows(fingerprint)) {
        RunDiagnosis diagnosis = Codecs.RUN_DIAGNOSIS.decode(value);
        return executionHeader(
                diagnosis.getSweepId(), diagnosis.getExecutionId(), diagnosis.getTimestampMs())
            + format(diagnosis);
      }
      if (Codecs.FIX_VERDICT.knows(fingerprint)) {
        FixVerdict verdict = Codecs.FIX_VERDICT.decode(value);
        return executionHeader(
                verdict.getSweepId(), verdict.getExecutionId(), verdict.getTimestampMs())
            + format(verdict);
      }
      return String.format("?         unknown record schema %016x (a newer Unstuck?)", fingerprint);
    } catch (WireFormatException e) {
      return "?         unreadable record: " + e.getMessage();
    }
  }

  /**
   * E.g. {@code 12:03:04 run diverging-lr/baseline/seed-1 epoch 3 DIVERGED bal.acc 0.100
   * DIVERGING}.
   */
  public String format(RunDiagnosis diagnosis) {
    String symptoms =
        diagnosis.getSymptoms().stream()
            .map(SymptomEvidence::getSymptom)
            .distinct()
            .collect(Collectors.joining(", "));
    StringBuilder line =
        new StringBuilder(
            String.format(
                "%s  run      %-40s epoch %3d  %-8s %-12s bal.acc %-6s %s%s",
                time(diagnosis.getTimestampMs()),
                diagnosis.getRunId(),
                diagnosis.getEpoch(),
                diagnosis.getStatus(),
                diagnosis.getLearningState(),
                Format.number(diagnosis.getValBalancedAccuracy()),
                symptoms.isEmpty() ? "no symptoms" : symptoms,
                diagnosis.getFinalDiagnosis() ? "  [final]" : ""));
    if (withEvidence) {
      for (SymptomEvidence evidence : diagnosis.getSymptoms()) {
        line.append("\n          ")
            .append(evidence.getSymptom())
            .append(": ")
            .append(evidence.getExplanation());
      }
    }
    return line.toString().stripTrailing();
  }

  /**
   * E.g. {@code 12:03:15 verdict diverging-lr lr-x0.001 vs DIVERGING: RESOLVED +0.865 ± 0.007
   * learns at epoch 1.5}.
   */
  public String format(FixVerdict verdict) {
    boolean none = "NONE".equals(verdict.getBaselineSymptom());
    String outcome =
        none ? "baseline had no symptom" : verdict.getResolved() ? "RESOLVED" : "not resolved";
    StringBuilder line =
        new StringBuilder(
            String.format(
                "%s  verdict  %s %s (%s) vs %s: %s  bal.acc %s -> %s  %s",
                time(verdict.getTimestampMs()),
                verdict.getSweepId(),
                verdict.getVariantId(),
                verdict.getFixFamily(),
                verdict.getBaselineSymptom(),
                outcome,
                Format.number(verdict.getBaselineMetric()),
                Format.number(verdict.getVariantMetric()),
                Format.delta(verdict.getMetricDelta(), verdict.getMetricDeltaSpread())));
    line.append("  learns at epoch ").append(Format.epochs(verdict.getEpochsToLearn()));
    if (!verdict.getNewSymptoms().isEmpty()) {
      line.append("  new: ").append(String.join(", ", verdict.getNewSymptoms()));
    }
    line.append(verdict.getFinalVerdict() ? "  [final]" : "  [provisional]");
    return line.toString();
  }

  /**
   * A line naming the execution when this sweep's records so far came from another one (or none
   * came yet); nothing for records of a release before execution ids (they carry none).
   */
  private String executionHeader(String sweepId, String executionId, long epochMs) {
    if (executionId.isEmpty() || executionId.equals(executions.put(sweepId, executionId))) {
      return "";
    }
    return time(epochMs) + "  sweep " + sweepId + ": execution " + executionId + "\n";
  }

  private String time(long epochMs) {
    return LocalTime.ofInstant(epochMs > 0 ? Instant.ofEpochMilli(epochMs) : Instant.now(), zone)
        .format(TIME);
  }
}

package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.wire.RunTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What ails the baseline, from the telemetry its runs published: each run's records folded as the stream job folds
 * them (common's {@link RunTelemetry}), each run diagnosed after its last epoch, and the symptoms present in at
 * least half of the seeds that did not fail. For {@code fixes: auto}, which picks fixes by these.
 */
final class BaselineSymptoms {
  private BaselineSymptoms() {}

  static Set<Symptom> of(List<EpochTelemetry> records, Thresholds thresholds) {
    Map<String, RunTelemetry<Void>> byRun = new TreeMap<>();
    for (EpochTelemetry record : records) {
      byRun.computeIfAbsent(record.getRunId(), run -> new RunTelemetry<>()).accept(record, null);
    }
    RunDiagnoser diagnoser = new RunDiagnoser(thresholds);
    List<Diagnosis> diagnoses = new ArrayList<>();
    for (RunTelemetry<Void> run : byRun.values()) {
      List<EpochMetrics> series = run.series();
      if (!series.isEmpty()) { // a run that failed before its first epoch has nothing to diagnose
        diagnoses.add(diagnoser.diagnose(series));
      }
    }
    return diagnoses.isEmpty() ? Set.of() : FixJudge.majoritySymptoms(diagnoses);
  }
}

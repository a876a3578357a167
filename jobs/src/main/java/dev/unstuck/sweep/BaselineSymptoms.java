package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.wire.TelemetryMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What ails the baseline, from the telemetry its runs published: each run diagnosed after its last epoch, and the
 * symptoms present in at least half of its seeds. For {@code fixes: auto}, which picks fixes by these.
 */
final class BaselineSymptoms {
  private BaselineSymptoms() {}

  static Set<Symptom> of(List<EpochTelemetry> records, Thresholds thresholds) {
    Map<String, TreeMap<Integer, EpochTelemetry>> byRun = new TreeMap<>();
    for (EpochTelemetry record : records) {
      if (record.getEpoch() < 1 || record.getTrainLoss() == null && record.getStatus() == RunStatus.FAILED) {
        continue; // failed before measuring anything: no epoch to diagnose
      }
      // the terminal record repeats its epoch's measurements under the final status: it replaces the RUNNING one
      byRun.computeIfAbsent(record.getRunId(), run -> new TreeMap<>()).merge(record.getEpoch(), record,
          (earlier, later) -> later.getStatus() == RunStatus.RUNNING ? earlier : later);
    }
    RunDiagnoser diagnoser = new RunDiagnoser(thresholds);
    List<Diagnosis> diagnoses = new ArrayList<>();
    for (TreeMap<Integer, EpochTelemetry> run : byRun.values()) {
      List<EpochMetrics> series = run.values().stream().map(TelemetryMapper::toMetrics).toList();
      diagnoses.add(diagnoser.diagnose(series));
    }
    return diagnoses.isEmpty() ? Set.of() : FixJudge.majoritySymptoms(diagnoses);
  }
}

package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.Variant;
import dev.unstuck.verdict.FixJudge;
import java.util.List;
import java.util.Set;

/**
 * What ails the baseline, from the telemetry its runs published: each run's records folded as the
 * stream job folds them ({@link TrainedSweep}, common's {@code RunTelemetry}), each run diagnosed
 * after its last epoch, and the symptoms present in at least half of the seeds that did not fail.
 * For {@code fixes: auto}, which picks fixes by these.
 */
final class BaselineSymptoms {
  private BaselineSymptoms() {}

  static Set<Symptom> of(List<EpochTelemetry> records, Thresholds thresholds) {
    List<Diagnosis> diagnoses =
        TrainedSweep.of(records).finalDiagnoses(Variant.BASELINE_ID, new RunDiagnoser(thresholds));
    return diagnoses.isEmpty() ? Set.of() : FixJudge.majoritySymptoms(diagnoses);
  }
}

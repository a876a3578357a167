package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.LearningAssessment;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.verdict.Judgement;
import dev.unstuck.verdict.RunHistory;
import dev.unstuck.verdict.SeedMajority;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A sweep's verdicts from the telemetry it published, with the product's diagnosis and judge (for
 * tests).
 */
final class Verdicts {
  private final List<EpochTelemetry> records;

  Verdicts(List<EpochTelemetry> records) {
    this.records = List.copyOf(records);
  }

  /** The baseline's symptoms present in at least half its seeds. */
  Set<Symptom> baselineSymptoms() {
    return BaselineSymptoms.of(ofVariant("baseline"), Thresholds.DEFAULTS);
  }

  Judgement judge(String variantId) {
    return new FixJudge(Thresholds.DEFAULTS)
        .judge(histories("baseline"), histories(variantId))
        .orElseThrow();
  }

  /** The baseline symptoms the fix resolves. */
  Set<Symptom> resolvedBy(String variantId) {
    Judgement judgement = judge(variantId);
    Set<Symptom> resolved = new TreeSet<>();
    judgement.baselineSymptoms().stream().filter(judgement::resolves).forEach(resolved::add);
    return resolved;
  }

  /**
   * The baseline was LEARNING (by the product's diagnosis) in at least half of its seeds that did
   * not fail.
   */
  boolean baselineLearning() {
    RunDiagnoser diagnoser = new RunDiagnoser(Thresholds.DEFAULTS);
    List<LearningAssessment> states =
        histories("baseline").stream()
            .filter(h -> !h.epochs().isEmpty())
            .map(h -> diagnoser.diagnose(h.epochs()).state())
            .filter(state -> state != LearningAssessment.FAILED)
            .toList();
    return SeedMajority.holds(
        (int) states.stream().filter(s -> s == LearningAssessment.LEARNING).count(), states.size());
  }

  /** Each seed's final validation balanced accuracy. */
  List<Double> finalBalancedAccuracy(String variantId) {
    return ofVariant(variantId).stream()
        .filter(r -> r.getStatus() != RunStatus.RUNNING)
        .map(EpochTelemetry::getValBalancedAccuracy)
        .toList();
  }

  private List<EpochTelemetry> ofVariant(String variantId) {
    return records.stream().filter(r -> r.getVariantId().equals(variantId)).toList();
  }

  private List<RunHistory> histories(String variantId) {
    return TrainedSweep.of(records).histories(variantId);
  }
}

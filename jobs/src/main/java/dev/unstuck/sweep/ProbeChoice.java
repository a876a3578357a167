package dev.unstuck.sweep;

import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.fix.Variant;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.verdict.Judgement;
import dev.unstuck.verdict.LabelPermutation;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Decides, from what a sweep trained, whether it ends with the label-permutation probe ({@link
 * LabelPermutation}): only when the baseline does not learn and no fix learned or resolved
 * anything. The probe is two variants, the reference network on the real labels and on permuted
 * ones.
 */
final class ProbeChoice {
  private ProbeChoice() {}

  /**
   * The probe's two variants: the reference network on the real labels, and the same on permuted
   * labels.
   */
  record Probe(Variant real, Variant permuted) {
    List<Variant> variants() {
      return List.of(real, permuted);
    }
  }

  /** The probe, or none. */
  static Optional<Probe> after(
      SweepPlan plan, RunConfig baseline, SweepResult result, Thresholds thresholds) {
    TrainedSweep trained = TrainedSweep.of(result.telemetry());
    Collection<Judgement> judgements = trained.judgements(plan, new FixJudge(thresholds)).values();
    if (!LabelPermutation.worthProbing(
        trained.finalDiagnoses(Variant.BASELINE_ID, new RunDiagnoser(thresholds)), judgements)) {
      return Optional.empty();
    }
    Variant reference = Variant.reference(LabelPermutation.reference(baseline));
    return Optional.of(new Probe(reference, Variant.permutedLabels(reference)));
  }
}

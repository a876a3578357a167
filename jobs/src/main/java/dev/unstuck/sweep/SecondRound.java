package dev.unstuck.sweep;

import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.fix.Variant;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.verdict.Combination;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.verdict.Judgement;
import dev.unstuck.verdict.LearningRateSearch;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rounds of {@code fixes: auto} after the first: the learning rate's walk a decade further
 * while the better direction helps without resolving ({@link LearningRateSearch}), then the best
 * resolving fixes of the two best families trained together ({@link Combination}). Whether the
 * combination is kept is read once it has run, from its runs against each fix alone.
 */
final class SecondRound {
  private SecondRound() {}

  /** The next learning-rate step worth a round of its own, judged on every fix trained so far. */
  static Optional<Variant> furtherLearningRate(
      SweepPlan trained, RunConfig baseline, SweepResult result, Thresholds thresholds) {
    List<LearningRateSearch.Tried> tried =
        singleFixJudgements(trained, result, thresholds).entrySet().stream()
            .map(e -> new LearningRateSearch.Tried(e.getKey().fixes().get(0), e.getValue()))
            .toList();
    return LearningRateSearch.nextStep(tried).map(fix -> Variant.of(fix, baseline));
  }

  static Optional<Variant> combination(
      SweepPlan firstRound, RunConfig baseline, SweepResult result, Thresholds thresholds) {
    List<Combination.Candidate> candidates =
        singleFixJudgements(firstRound, result, thresholds).entrySet().stream()
            .map(e -> new Combination.Candidate(e.getKey().id(), e.getKey().family(), e.getValue()))
            .toList();
    List<String> ids = Combination.fixesToCombine(candidates);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Variant.combined(
            ids.stream()
                .map(
                    id ->
                        firstRound.variants().stream()
                            .filter(v -> v.id().equals(id))
                            .findFirst()
                            .orElseThrow()
                            .fixes()
                            .get(0))
                .toList(),
            baseline));
  }

  /** Every trained variant of one fix (not a combination), judged against the baseline. */
  private static Map<Variant, Judgement> singleFixJudgements(
      SweepPlan plan, SweepResult result, Thresholds thresholds) {
    Map<Variant, Judgement> judgements =
        TrainedSweep.of(result.telemetry()).judgements(plan, new FixJudge(thresholds));
    judgements.keySet().removeIf(variant -> variant.fixes().size() != 1);
    return judgements;
  }
}

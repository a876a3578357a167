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
 * The rounds of {@code fixes: auto} after the first: the learning rate's walk a decade further while the better
 * direction helps without resolving ({@link LearningRateSearch}), then the best resolving fixes of the two best
 * families trained together ({@link Combination}). Whether the combination is kept is read once it has run, from its
 * runs against each fix alone.
 */
final class SecondRound {
  private SecondRound() {}

  /** The next learning-rate step worth a round of its own, judged on every fix trained so far. */
  static Optional<Variant> furtherLearningRate(SweepPlan trained, RunConfig baseline, SweepResult result,
      Thresholds thresholds) {
    Map<Variant, Judgement> judgements = TrainedSweep.of(result.telemetry())
        .judgements(trained, new FixJudge(thresholds));
    List<LearningRateSearch.Tried> tried = judgements.entrySet().stream()
        .filter(e -> e.getKey().fixes().size() == 1)
        .map(e -> new LearningRateSearch.Tried(e.getKey().fixes().get(0), e.getValue())).toList();
    return LearningRateSearch.nextStep(tried).map(fix -> Variant.of(fix, baseline));
  }

  static Optional<Variant> combination(SweepPlan firstRound, RunConfig baseline, SweepResult result,
      Thresholds thresholds) {
    Map<Variant, Judgement> judgements = TrainedSweep.of(result.telemetry())
        .judgements(firstRound, new FixJudge(thresholds));
    List<Combination.Candidate> candidates = judgements.entrySet().stream()
        .filter(e -> e.getKey().fixes().size() == 1)
        .map(e -> new Combination.Candidate(e.getKey().id(), e.getKey().family(), e.getValue())).toList();
    List<String> ids = Combination.fixesToCombine(candidates);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Variant.combined(ids.stream().map(id -> firstRound.variants().stream()
        .filter(v -> v.id().equals(id)).findFirst().orElseThrow().fixes().get(0)).toList(), baseline));
  }
}

package dev.unstuck.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.testing.Curves;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepSummaryTest {
  private final FixJudge judge = new FixJudge(Thresholds.DEFAULTS);

  private Judgement judge(Curves baseline, Curves fix) {
    return judge.judge(
        List.of(new RunHistory(1, baseline.build()), new RunHistory(2, baseline.build()),
            new RunHistory(3, baseline.build())),
        List.of(new RunHistory(1, fix.build()), new RunHistory(2, fix.build()), new RunHistory(3, fix.build())))
        .orElseThrow();
  }

  @Test
  void aHealthyBaselineHasNothingToFix() {
    Map<String, Judgement> judgements = Map.of("lr-x0.1", judge(Curves.healthy(), Curves.healthy().reaching(0.95)));

    assertThat(SweepSummary.lines(judgements)).containsExactly("The baseline shows no symptom: nothing to fix.");
  }

  @Test
  void whenNoFixHelpedItSaysSo() {
    Map<String, Judgement> judgements = new LinkedHashMap<>();
    judgements.put("lr-x10", judge(Curves.flatAtChance(), Curves.flatAtChance()));
    judgements.put("optimizer-adam", judge(Curves.flatAtChance(), Curves.nanDivergence(3)));

    assertThat(SweepSummary.lines(judgements)).containsExactly(
        "SLOW_CONVERGENCE: no fix resolved it",
        "NOT_LEARNING: no fix resolved it");
  }

  @Test
  void listsTheFixesThatResolvedEachSymptom() {
    Map<String, Judgement> judgements = new LinkedHashMap<>();
    judgements.put("lr-x0.1", judge(Curves.nanDivergence(4), Curves.healthy()));
    judgements.put("lr-x10", judge(Curves.nanDivergence(4), Curves.nanDivergence(2)));
    judgements.put("clip-norm-1.0", judge(Curves.nanDivergence(4), Curves.healthy().reaching(0.8)));

    assertThat(SweepSummary.lines(judgements)).containsExactly("DIVERGING: resolved by lr-x0.1, clip-norm-1.0");
  }

  @Test
  void oneLinePerBaselineSymptomInSymptomOrder() {
    Map<String, Judgement> judgements = new LinkedHashMap<>();
    // the collapsed baseline: CLASS_IMBALANCE_COLLAPSE, NOT_LEARNING, SLOW_CONVERGENCE. The fix learns.
    judgements.put("resample-oversample", judge(Curves.classImbalanceCollapse(),
        Curves.healthy().majorityRate(0.9).reaching(0.8).each(e -> e.valAccuracy(0.95))));

    assertThat(SweepSummary.lines(judgements)).containsExactly(
        "SLOW_CONVERGENCE: resolved by resample-oversample",
        "NOT_LEARNING: resolved by resample-oversample",
        "CLASS_IMBALANCE_COLLAPSE: resolved by resample-oversample");
  }
}

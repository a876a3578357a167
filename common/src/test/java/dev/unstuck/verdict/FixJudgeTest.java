package dev.unstuck.verdict;

import static dev.unstuck.diagnosis.Symptom.DEAD_UNITS;
import static dev.unstuck.diagnosis.Symptom.DIVERGING;
import static dev.unstuck.diagnosis.Symptom.NOT_LEARNING;
import static dev.unstuck.diagnosis.Symptom.OSCILLATING_LOSS;
import static dev.unstuck.diagnosis.Symptom.SLOW_CONVERGENCE;
import static dev.unstuck.diagnosis.Symptom.VANISHING_GRADIENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.LearningAssessment;
import dev.unstuck.diagnosis.NonFinite;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.testing.Curves;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FixJudgeTest {
  private static final double EPS = 1e-9;
  private final FixJudge judge = new FixJudge(Thresholds.DEFAULTS);

  /** Seeds 1, 2, 3, ... in argument order. */
  private static List<RunHistory> seeds(Curves... curves) {
    List<RunHistory> runs = new ArrayList<>();
    for (int i = 0; i < curves.length; i++) {
      runs.add(new RunHistory(i + 1, curves[i].build()));
    }
    return runs;
  }

  private Judgement judge(List<RunHistory> baseline, List<RunHistory> fix) {
    return judge.judge(baseline, fix).orElseThrow();
  }

  @Test
  void aFixThatResolvesDivergence() {
    // baseline NaN at epoch 4 on every seed (judged at chance, 0.5); the fix learns to 0.85 / 0.90
    // / 0.95
    Judgement j =
        judge(
            seeds(Curves.nanDivergence(4), Curves.nanDivergence(4), Curves.nanDivergence(4)),
            seeds(
                Curves.healthy().reaching(0.85),
                Curves.healthy().reaching(0.90),
                Curves.healthy().reaching(0.95)));

    assertThat(j.seeds()).isEqualTo(3);
    assertThat(j.comparedEpoch()).isEqualTo(10);
    assertThat(j.baselineSymptoms()).containsExactly(DIVERGING);
    assertThat(j.fixSymptoms()).isEmpty();
    assertThat(j.fixLearns()).isTrue();
    assertThat(j.baselineMetric()).isCloseTo(0.5, within(EPS));
    assertThat(j.fixMetric()).isCloseTo(0.9, within(EPS));
    // deltas 0.35, 0.40, 0.45: mean 0.40, sample std sqrt((0.05^2 + 0 + 0.05^2) / 2) = 0.05
    assertThat(j.delta()).isCloseTo(0.40, within(EPS));
    assertThat(j.spread()).isCloseTo(0.05, within(EPS));
    assertThat(j.improvementSupported()).isTrue();
    assertThat(j.epochsToLearn())
        .hasValueSatisfying(e -> assertThat(e).isCloseTo(2.0, within(EPS)));
    assertThat(j.complete()).isTrue();
    assertThat(j.resolves(DIVERGING)).isTrue();
    assertThat(j.remainingSymptoms()).isEmpty();
    assertThat(j.newSymptoms()).isEmpty();
  }

  @Test
  void aFixThatDoesNotHelp() {
    Judgement j =
        judge(
            seeds(Curves.flatAtChance(), Curves.flatAtChance(), Curves.flatAtChance()),
            seeds(Curves.flatAtChance(), Curves.flatAtChance(), Curves.flatAtChance()));

    assertThat(j.baselineSymptoms()).containsExactlyInAnyOrder(NOT_LEARNING, SLOW_CONVERGENCE);
    assertThat(j.delta()).isCloseTo(0.0, within(EPS));
    assertThat(j.spread()).isCloseTo(0.0, within(EPS));
    assertThat(j.fixLearns()).isFalse();
    assertThat(j.improvementSupported()).isFalse();
    assertThat(j.resolves(NOT_LEARNING)).isFalse();
    assertThat(j.resolves(SLOW_CONVERGENCE)).isFalse();
    assertThat(j.remainingSymptoms()).containsExactly(SLOW_CONVERGENCE, NOT_LEARNING);
    assertThat(j.epochsToLearn()).isEmpty();
  }

  @Test
  void aFixThatHelpsOnAverageButNotBeyondTheSeedSpreadIsNotSupported() {
    // deltas 0.45, 0.12, 0.00: mean 0.19 (well above the 0.02 minimum), sample std sqrt(0.0543) =
    // 0.233,
    // standard error 0.1345, and 2 standard errors = 0.269 > 0.19
    Judgement j =
        judge(
            seeds(Curves.flatAtChance(), Curves.flatAtChance(), Curves.flatAtChance()),
            seeds(
                Curves.healthy().reaching(0.95),
                Curves.healthy().reaching(0.62),
                Curves.flatAtChance()));

    assertThat(j.delta()).isCloseTo(0.19, within(EPS));
    assertThat(j.spread()).isCloseTo(Math.sqrt(0.0543), within(EPS));
    assertThat(j.delta()).isGreaterThan(Thresholds.DEFAULTS.verdictMinDelta());
    assertThat(j.fixLearns()).as("2 of 3 seeds learn").isTrue();
    assertThat(j.fixSymptoms()).as("NOT_LEARNING in only 1 of 3 seeds").isEmpty();
    assertThat(j.improvementSupported()).isFalse();
    assertThat(j.resolves(NOT_LEARNING)).isFalse();
  }

  @Test
  void theSameMeanWithLittleSpreadIsSupported() {
    // deltas 0.18, 0.19, 0.20: mean 0.19, std 0.01
    Judgement j =
        judge(
            seeds(Curves.flatAtChance(), Curves.flatAtChance(), Curves.flatAtChance()),
            seeds(
                Curves.healthy().reaching(0.68),
                Curves.healthy().reaching(0.69),
                Curves.healthy().reaching(0.70)));

    assertThat(j.delta()).isCloseTo(0.19, within(EPS));
    assertThat(j.spread()).isCloseTo(0.01, within(EPS));
    assertThat(j.improvementSupported()).isTrue();
    assertThat(j.resolves(NOT_LEARNING)).isTrue();
  }

  @Test
  void aGainBelowTheMinimumDeltaIsNotSupportedEvenWithoutSpread() {
    // the baseline underfits at 0.62 on every seed; the fix reaches 0.63 - 0.01 better, no spread
    // at all
    Judgement j =
        judge(
            seeds(Curves.underfitting(), Curves.underfitting()),
            seeds(
                Curves.underfitting().last(e -> e.valBalancedAccuracy(0.63)),
                Curves.underfitting().last(e -> e.valBalancedAccuracy(0.63))));

    assertThat(j.delta()).isCloseTo(0.01, within(EPS));
    assertThat(j.spread()).isCloseTo(0.0, within(EPS));
    assertThat(j.improvementSupported()).isFalse();
  }

  @Test
  void remainingAndNewSymptoms() {
    // baseline: deep net, vanishing gradients, not learning; fix (say activation relu): learns, but
    // the
    // gradients still vanish and most units of layer 0 die
    Curves baseline = Curves.vanishingGradients().flat();
    Curves fix =
        Curves.healthy().hidden(64, 64, 64, 64).withVanishingGradients().withDeadUnits(0.85);

    Judgement j = judge(seeds(baseline, baseline, baseline), seeds(fix, fix, fix));

    assertThat(j.baselineSymptoms())
        .containsExactlyInAnyOrder(VANISHING_GRADIENTS, NOT_LEARNING, SLOW_CONVERGENCE);
    assertThat(j.fixSymptoms()).containsExactlyInAnyOrder(VANISHING_GRADIENTS, DEAD_UNITS);
    assertThat(j.remainingSymptoms()).containsExactly(VANISHING_GRADIENTS);
    assertThat(j.newSymptoms()).containsExactly(DEAD_UNITS);
    assertThat(j.resolves(NOT_LEARNING)).isTrue();
    assertThat(j.resolves(SLOW_CONVERGENCE)).isTrue();
    assertThat(j.resolves(VANISHING_GRADIENTS)).isFalse();
    assertThat(j.resolves(DEAD_UNITS)).as("not a baseline symptom").isFalse();
    assertThat(j.delta()).isCloseTo(0.4, within(EPS));
  }

  @Test
  void whileRunsAreStillTrainingTheVerdictIsProvisional() {
    Curves baseline = Curves.flatAtChance().stopAfter(5).running();
    Curves fix = Curves.healthy().stopAfter(5).running();

    Judgement j = judge(seeds(baseline, baseline, baseline), seeds(fix, fix, fix));

    assertThat(j.complete()).isFalse();
    assertThat(j.comparedEpoch()).isEqualTo(5);
    assertThat(j.fixMetric())
        .isCloseTo(Curves.healthy().build().get(4).valBalancedAccuracy(), within(EPS));
  }

  @Test
  void onceEveryRunEndedTheVerdictIsFinal() {
    Judgement j =
        judge(
            seeds(Curves.flatAtChance(), Curves.flatAtChance()),
            seeds(Curves.healthy(), Curves.healthy()));

    assertThat(j.complete()).isTrue();
    assertThat(j.comparedEpoch()).isEqualTo(10);
    assertThat(j.fixMetric()).isCloseTo(0.9, within(EPS));
  }

  @Test
  void aPlannedSeedThatHasNotStartedKeepsItProvisional() {
    List<RunHistory> baseline = seeds(Curves.flatAtChance(), Curves.flatAtChance());
    List<RunHistory> fix = seeds(Curves.healthy(), Curves.healthy());

    assertThat(judge.judge(baseline, fix, 3).orElseThrow().complete()).isFalse();
    assertThat(judge.judge(baseline, fix, 2).orElseThrow().complete()).isTrue();
  }

  @Test
  void aRunThatFailedBeforeItsFirstEpochHasEndedAndCountsTowardsFinal() {
    List<RunHistory> baseline =
        new ArrayList<>(seeds(Curves.flatAtChance(), Curves.flatAtChance()));
    List<RunHistory> fix = new ArrayList<>(seeds(Curves.healthy(), Curves.healthy()));
    fix.add(new RunHistory(3, List.of(), true));
    baseline.add(new RunHistory(3, Curves.flatAtChance().build()));

    Judgement j = judge.judge(baseline, fix, 3).orElseThrow();
    assertThat(j.complete()).isTrue();
    assertThat(j.seeds()).as("the failed seed has nothing to compare").isEqualTo(2);
    assertThat(
            judge
                .judge(
                    baseline,
                    List.of(fix.get(0), fix.get(1), new RunHistory(3, List.of(), false)),
                    3)
                .orElseThrow()
                .complete())
        .as("a seed not yet started")
        .isFalse();
  }

  @Test
  void oneSeedStillRunningKeepsItProvisional() {
    Judgement j =
        judge(
            seeds(Curves.flatAtChance(), Curves.flatAtChance()),
            seeds(Curves.healthy(), Curves.healthy().stopAfter(7).running()));

    assertThat(j.complete()).isFalse();
    assertThat(j.seeds()).isEqualTo(2);
  }

  @Test
  void aFinishedFixIsComparedAtTheEpochTheBaselineHasReached() {
    // the fix finished 10 epochs; the baseline is at epoch 6: compare both at 6, not the fix's
    // final 0.9
    Judgement j =
        judge(seeds(Curves.flatAtChance().stopAfter(6).running()), seeds(Curves.healthy()));

    assertThat(j.comparedEpoch()).isEqualTo(6);
    assertThat(j.fixMetric())
        .isCloseTo(Curves.healthy().build().get(5).valBalancedAccuracy(), within(EPS));
    assertThat(j.complete()).isFalse();
  }

  @Test
  void aFixThatDivergedEarlyIsComparedWithTheWholeBaseline() {
    // baseline oscillates 0.65 (odd epochs) / 0.75 (even) and finishes at epoch 10 on 0.75; the fix
    // diverged
    // at epoch 3 and stays diverged (chance, 0.5): compared at 10, not at 3 (where the baseline had
    // 0.65)
    Judgement j =
        judge(
            seeds(Curves.oscillating(), Curves.oscillating(), Curves.oscillating()),
            seeds(Curves.nanDivergence(3), Curves.nanDivergence(3), Curves.nanDivergence(3)));

    assertThat(j.comparedEpoch()).isEqualTo(10);
    assertThat(j.baselineMetric()).isCloseTo(0.75, within(EPS));
    assertThat(j.fixMetric()).isCloseTo(0.5, within(EPS));
    assertThat(j.delta()).isCloseTo(-0.25, within(EPS));
    assertThat(j.spread()).isCloseTo(0.0, within(EPS));
    assertThat(j.fixLearns()).isFalse();
    assertThat(j.complete()).isTrue();
    assertThat(j.baselineSymptoms()).containsExactly(OSCILLATING_LOSS);
    assertThat(j.newSymptoms()).containsExactly(DIVERGING);
    assertThat(j.remainingSymptoms()).isEmpty();
    assertThat(j.resolves(OSCILLATING_LOSS))
        .as("gone, but only because the fix diverged")
        .isFalse();
  }

  @Test
  void aFixThatDivergedEarlyIsComparedWithARunningBaselineAtItsCurrentEpoch() {
    Judgement j =
        judge(seeds(Curves.oscillating().stopAfter(6).running()), seeds(Curves.nanDivergence(3)));

    assertThat(j.comparedEpoch()).isEqualTo(6);
    assertThat(j.baselineMetric()).isCloseTo(0.75, within(EPS));
    assertThat(j.complete()).isFalse();
  }

  @Test
  void epochsToLearnIsTheMeanFirstLearningEpochOfTheSeedsThatLearnt() {
    // first LEARNING epochs 2, 4 and 6
    Judgement j =
        judge(
            seeds(Curves.flatAtChance(), Curves.flatAtChance(), Curves.flatAtChance()),
            seeds(
                Curves.healthy(),
                Curves.healthy().notLearningUntil(3),
                Curves.healthy().notLearningUntil(5)));

    assertThat(j.epochsToLearn())
        .hasValueSatisfying(e -> assertThat(e).isCloseTo(4.0, within(EPS)));
  }

  @Test
  void seedsThatNeverLearntDoNotCountTowardsEpochsToLearn() {
    Judgement j =
        judge(
            seeds(Curves.flatAtChance(), Curves.flatAtChance(), Curves.flatAtChance()),
            seeds(
                Curves.healthy().notLearningUntil(3),
                Curves.flatAtChance(),
                Curves.healthy().notLearningUntil(5)));

    assertThat(j.epochsToLearn())
        .hasValueSatisfying(e -> assertThat(e).isCloseTo(5.0, within(EPS)));
  }

  @Test
  void onlySeedsPresentOnBothSidesAreCompared() {
    Judgement j =
        judge(
            seeds(Curves.flatAtChance(), Curves.flatAtChance(), Curves.flatAtChance()),
            List.of(
                new RunHistory(1, Curves.healthy().build()),
                new RunHistory(3, Curves.healthy().reaching(0.8).build())));

    assertThat(j.seeds()).isEqualTo(2);
    assertThat(j.delta()).isCloseTo((0.4 + 0.3) / 2, within(EPS));
  }

  @Test
  void noVerdictWhileNoCommonSeedHasEpochs() {
    assertThat(
            judge.judge(seeds(Curves.flatAtChance()), List.of(new RunHistory(1, List.of(), false))))
        .isEmpty();
    assertThat(
            judge.judge(
                seeds(Curves.flatAtChance().stopAfter(3).running()),
                List.of(new RunHistory(2, Curves.healthy().build()))))
        .isEmpty();
    assertThat(judge.judge(List.of(), List.of())).isEmpty();
  }

  @Test
  void aFixWhoseEverySeedFailedGetsAFinalVerdictThatComparesNothing() {
    List<RunHistory> baseline = seeds(Curves.flatAtChance(), Curves.flatAtChance());
    List<RunHistory> fix =
        List.of(new RunHistory(1, List.of(), true), new RunHistory(2, crashedInFirstEpoch()));
    double baselineMetric =
        new RunDiagnoser(Thresholds.DEFAULTS).diagnose(Curves.flatAtChance().build()).metric();

    Judgement j = judge.judge(baseline, fix, 2).orElseThrow();

    assertThat(j.complete()).as("nothing more will come").isTrue();
    assertThat(j.seeds()).isZero();
    assertThat(j.baselineSymptoms()).contains(NOT_LEARNING);
    assertThat(j.resolves(NOT_LEARNING)).isFalse();
    assertThat(j.fixLearns()).isFalse();
    assertThat(j.improvementSupported()).isFalse();
    assertThat(j.baselineMetric()).isCloseTo(baselineMetric, within(EPS));
    assertThat(j.fixMetric()).isNaN();
    assertThat(j.delta()).isNaN();
    assertThat(judge.judge(baseline, List.of(fix.get(0)), 2))
        .as("seed 2 of the fix has not reported yet")
        .isEmpty();
  }

  @Test
  void regularisationThatEndsMemorisationAtTheSameAccuracyResolvesOverfitting() {
    // baseline: validation stops at 0.8 while training climbs to 0.99 and validation loss rises;
    // the fix
    // learns to the same 0.8 with no gap: delta 0, no gain - yet the memorisation is gone at no
    // cost
    Judgement same =
        judge(
            seeds(Curves.overfitting(), Curves.overfitting()),
            seeds(Curves.healthy().reaching(0.8), Curves.healthy().reaching(0.8)));

    assertThat(same.baselineSymptoms()).contains(Symptom.OVERFITTING);
    assertThat(same.fixSymptoms()).doesNotContain(Symptom.OVERFITTING);
    assertThat(same.delta()).isCloseTo(0.0, within(EPS));
    assertThat(same.improvementSupported()).isFalse();
    assertThat(same.noWorse()).isTrue();
    assertThat(same.resolves(Symptom.OVERFITTING)).isTrue();

    // the same cure at 0.1 lower validation accuracy (beyond the 0.02 minimum) costs too much to
    // count
    Judgement worse =
        judge(
            seeds(Curves.overfitting(), Curves.overfitting()),
            seeds(Curves.healthy().reaching(0.7), Curves.healthy().reaching(0.7)));
    assertThat(worse.delta()).isCloseTo(-0.1, within(EPS));
    assertThat(worse.noWorse()).isFalse();
    assertThat(worse.resolves(Symptom.OVERFITTING)).isFalse();
  }

  @Test
  void aFixThatLearnsFromTheSameUnnormalisedInputsHasNotResolvedThem() {
    // baseline: raw features (|mean| 250, std 1000) and at chance, so the unnormalised inputs are a
    // symptom
    List<RunHistory> baseline =
        seeds(
            Curves.flatAtChance().withFeatureScale(250, 1000),
            Curves.flatAtChance().withFeatureScale(250, 1000));
    // a lower learning rate learns from the very same inputs: on a learning run they are only a
    // hint
    Judgement sameInputs =
        judge(
            baseline,
            seeds(
                Curves.healthy().withFeatureScale(250, 1000),
                Curves.healthy().withFeatureScale(250, 1000)));
    // normalisation changes the inputs themselves
    Judgement normalised = judge(baseline, seeds(Curves.healthy(), Curves.healthy()));

    assertThat(sameInputs.baselineSymptoms()).contains(NOT_LEARNING, Symptom.DATA_PIPELINE_ERROR);
    assertThat(sameInputs.fixSymptoms()).doesNotContain(Symptom.DATA_PIPELINE_ERROR);
    assertThat(sameInputs.fixHints()).containsExactly(Symptom.DATA_PIPELINE_ERROR);
    assertThat(sameInputs.resolves(NOT_LEARNING)).isTrue();
    assertThat(sameInputs.resolves(Symptom.DATA_PIPELINE_ERROR)).isFalse();
    assertThat(normalised.resolves(Symptom.DATA_PIPELINE_ERROR)).isTrue();
  }

  @Test
  void withOneSeedThereIsNoSpread() {
    Judgement j = judge(seeds(Curves.flatAtChance()), seeds(Curves.healthy()));

    assertThat(j.spread()).isEqualTo(0.0);
    assertThat(j.delta()).isCloseTo(0.4, within(EPS));
    assertThat(j.improvementSupported()).isTrue();
  }

  @Test
  void symptomsCountWhenPresentInAtLeastHalfTheRuns() {
    RunDiagnoser diagnoser = new RunDiagnoser(Thresholds.DEFAULTS);
    Diagnosis flat = diagnoser.diagnose(Curves.flatAtChance().build());
    Diagnosis dead = diagnoser.diagnose(Curves.deadRelu().build());
    Diagnosis healthy = diagnoser.diagnose(Curves.healthy().build());

    assertThat(FixJudge.majoritySymptoms(List.of(flat, healthy, healthy))).isEmpty();
    assertThat(FixJudge.majoritySymptoms(List.of(flat, flat, dead)))
        .containsExactlyInAnyOrder(NOT_LEARNING, SLOW_CONVERGENCE);
    assertThat(FixJudge.majoritySymptoms(List.of(flat, dead)))
        .as("1 of 2 is half")
        .containsExactlyInAnyOrder(NOT_LEARNING, SLOW_CONVERGENCE, DEAD_UNITS);
    assertThat(FixJudge.majoritySymptoms(List.of())).isEqualTo(Set.<Symptom>of());
    assertThat(healthy.state()).isEqualTo(LearningAssessment.LEARNING);
  }

  /** A run that crashed inside epoch 1: its terminal record has a status and nothing measured. */
  private static List<EpochMetrics> crashedInFirstEpoch() {
    return List.of(
        new EpochMetrics(
            1,
            TrainingStatus.FAILED,
            2,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            List.of(),
            Double.NaN,
            List.of(),
            NonFinite.NONE,
            Double.NaN,
            Double.NaN));
  }

  @Test
  void aFailedFixSeedIsLeftOutOfTheComparison() {
    // the fix's seed 2 failed at epoch 4: a crash says nothing about the fix's effect on learning
    Judgement j =
        judge(
            seeds(Curves.flatAtChance(), Curves.flatAtChance()),
            seeds(
                Curves.healthy(), Curves.healthy().stopAfter(4).endingWith(TrainingStatus.FAILED)));

    assertThat(j.complete()).isTrue();
    assertThat(j.seeds()).isEqualTo(1);
    assertThat(j.fixMetric()).isCloseTo(0.9, within(EPS));
    assertThat(j.delta()).isCloseTo(0.4, within(EPS));
  }

  @Test
  void aBaselineSeedThatCrashedIsNoDivergenceAHealthyFixCouldResolve() {
    // issue 10: baseline seed 2 crashed in epoch 1 and was diagnosed DIVERGED, so a healthy fix
    // "resolved
    // DIVERGING" - a false row that fed fix_effectiveness
    List<RunHistory> baseline =
        List.of(
            new RunHistory(1, Curves.healthy().build()), new RunHistory(2, crashedInFirstEpoch()));
    Judgement j = judge(baseline, seeds(Curves.healthy(), Curves.healthy()));

    assertThat(j.baselineSymptoms()).isEmpty();
    assertThat(j.resolves(DIVERGING)).isFalse();
    assertThat(j.seeds()).as("only seed 1 has two runs that did not fail").isEqualTo(1);
    assertThat(j.complete()).isTrue();
  }

  @Test
  void onlyFailedRunsOnOneSideResolveNothing() {
    Judgement j =
        judge
            .judge(seeds(Curves.flatAtChance()), List.of(new RunHistory(1, crashedInFirstEpoch())))
            .orElseThrow();

    assertThat(j.seeds()).isZero();
    assertThat(j.baselineSymptoms()).noneMatch(j::resolves);
    assertThat(j.complete()).isTrue();
  }

  @Test
  void failedRunsDoNotCountTowardsTheMajority() {
    RunDiagnoser diagnoser = new RunDiagnoser(Thresholds.DEFAULTS);
    Diagnosis flat = diagnoser.diagnose(Curves.flatAtChance().build());
    Diagnosis failed = diagnoser.diagnose(crashedInFirstEpoch());

    assertThat(FixJudge.majoritySymptoms(List.of(flat, failed, failed)))
        .as("1 of the 1 seed that ran")
        .containsExactlyInAnyOrder(NOT_LEARNING, SLOW_CONVERGENCE);
    assertThat(FixJudge.majoritySymptoms(List.of(failed, failed))).isEmpty();
  }

  @Test
  void aFixThatBeatsAHealthyBaselineIsAnImprovementNotAResolution() {
    // issue 10: the baseline learns to 0.90 with raw (unnormalised) inputs; normalising brings 0.94
    // / 0.95 / 0.96
    Judgement j =
        judge(
            seeds(
                Curves.unnormalisedInputs(),
                Curves.unnormalisedInputs(),
                Curves.unnormalisedInputs()),
            seeds(
                Curves.healthy().reaching(0.94),
                Curves.healthy().reaching(0.95),
                Curves.healthy().reaching(0.96)));

    assertThat(j.baselineSymptoms())
        .as("the unnormalised inputs are a hint of a model that learns")
        .isEmpty();
    assertThat(j.resolves(Symptom.DATA_PIPELINE_ERROR)).isFalse();
    assertThat(j.improvementSupported()).isTrue();
    assertThat(j.delta()).isCloseTo(0.05, within(EPS));
  }
}

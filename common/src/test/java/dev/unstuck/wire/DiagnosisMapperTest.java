package dev.unstuck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.SymptomEvidence;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.testing.Curves;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.verdict.Judgement;
import dev.unstuck.verdict.RunHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosisMapperTest {
  private static final DiagnosisMapper.RunRef RUN =
      new DiagnosisMapper.RunRef(
          "churn", "e-1", "churn/baseline/seed-2", "baseline", "BASELINE", 2);
  private static final DiagnosisMapper.FixRef FIX =
      new DiagnosisMapper.FixRef(
          "churn", "e-1", "activation-relu", "ACTIVATION", Map.of("activation", "relu"));

  private final RunDiagnoser diagnoser = new RunDiagnoser(Thresholds.DEFAULTS);

  private static List<RunHistory> threeSeeds(Curves curve) {
    List<RunHistory> runs = new ArrayList<>();
    for (int seed = 1; seed <= 3; seed++) {
      runs.add(new RunHistory(seed, curve.build()));
    }
    return runs;
  }

  private static Judgement judge(Curves baseline, Curves fix) {
    return new FixJudge(Thresholds.DEFAULTS)
        .judge(threeSeeds(baseline), threeSeeds(fix))
        .orElseThrow();
  }

  @Test
  void aRunDiagnosisCarriesTheRunStateAndEvidence() {
    RunDiagnosis record =
        DiagnosisMapper.toAvro(RUN, diagnoser.diagnose(Curves.nanDivergence(4).build()), 1234L);

    assertThat(record.getSweepId()).isEqualTo("churn");
    assertThat(record.getExecutionId()).isEqualTo("e-1");
    assertThat(record.getRunId()).isEqualTo("churn/baseline/seed-2");
    assertThat(record.getVariantId()).isEqualTo("baseline");
    assertThat(record.getFixFamily()).isEqualTo("BASELINE");
    assertThat(record.getSeed()).isEqualTo(2);
    assertThat(record.getEpoch()).isEqualTo(4);
    assertThat(record.getStatus()).isEqualTo("DIVERGED");
    assertThat(record.getLearningState()).isEqualTo(LearningState.DIVERGED);
    assertThat(record.getValBalancedAccuracy()).isEqualTo(0.5);
    assertThat(record.getFinalDiagnosis()).isTrue();
    assertThat(record.getTimestampMs()).isEqualTo(1234L);
    assertThat(record.getSymptoms())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getSymptom()).isEqualTo("DIVERGING");
              assertThat(s.getMetric()).isEqualTo("nonFinite");
              assertThat(s.getFromEpoch()).isEqualTo(4);
              assertThat(s.getToEpoch()).isEqualTo(4);
              assertThat(s.getValue()).isEqualTo(301.0);
              assertThat(s.getThreshold()).isEqualTo(0.0);
              assertThat(s.getExplanation()).contains("epoch 5".replace('5', '4'));
            });
  }

  @Test
  void aRunningRunsDiagnosisIsNotFinal() {
    RunDiagnosis record =
        DiagnosisMapper.toAvro(
            RUN, diagnoser.diagnose(Curves.flatAtChance().stopAfter(6).running().build()), 0L);

    assertThat(record.getFinalDiagnosis()).isFalse();
    assertThat(record.getLearningState()).isEqualTo(LearningState.NOT_LEARNING);
    assertThat(record.getSymptoms())
        .extracting(SymptomEvidence::getSymptom)
        .containsExactly("SLOW_CONVERGENCE", "NOT_LEARNING");
  }

  @Test
  void oneVerdictRowPerBaselineSymptom() {
    // baseline: vanishing gradients, not learning; the fix learns but its gradients still vanish
    // and units die
    Judgement judgement =
        judge(
            Curves.vanishingGradients().flat(),
            Curves.healthy().hidden(64, 64, 64, 64).withVanishingGradients().withDeadUnits(0.85));

    List<FixVerdict> rows = DiagnosisMapper.toAvro(FIX, judgement, 77L);

    assertThat(rows)
        .extracting(FixVerdict::getBaselineSymptom)
        .containsExactly("VANISHING_GRADIENTS", "SLOW_CONVERGENCE", "NOT_LEARNING");
    assertThat(rows).extracting(FixVerdict::getResolved).containsExactly(false, true, true);
    FixVerdict row = rows.get(2);
    assertThat(row.getSweepId()).isEqualTo("churn");
    assertThat(row.getExecutionId()).isEqualTo("e-1");
    assertThat(row.getVariantId()).isEqualTo("activation-relu");
    assertThat(row.getFixFamily()).isEqualTo("ACTIVATION");
    assertThat(row.getFixParams()).isEqualTo(Map.of("activation", "relu"));
    assertThat(row.getBaselineSymptoms())
        .containsExactly("VANISHING_GRADIENTS", "SLOW_CONVERGENCE", "NOT_LEARNING");
    assertThat(row.getSeeds()).isEqualTo(3);
    assertThat(row.getComparedEpoch()).isEqualTo(10);
    assertThat(row.getBaselineMetric()).isCloseTo(0.5, within(1e-9));
    assertThat(row.getVariantMetric()).isCloseTo(0.9, within(1e-9));
    assertThat(row.getMetricDelta()).isCloseTo(0.4, within(1e-9));
    assertThat(row.getMetricDeltaSpread()).isCloseTo(0.0, within(1e-9));
    assertThat(row.getEpochsToLearn()).isCloseTo(2.0, within(1e-9));
    assertThat(row.getRemainingSymptoms()).containsExactly("VANISHING_GRADIENTS");
    assertThat(row.getNewSymptoms()).containsExactly("DEAD_UNITS");
    assertThat(row.getFinalVerdict()).isTrue();
    assertThat(row.getTimestampMs()).isEqualTo(77L);
  }

  @Test
  void aHealthyBaselineGivesOneNoneRow() {
    List<FixVerdict> rows =
        DiagnosisMapper.toAvro(FIX, judge(Curves.healthy(), Curves.healthy().reaching(0.95)), 0L);

    assertThat(rows)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.getBaselineSymptom())
                  .isEqualTo(DiagnosisMapper.NO_SYMPTOM)
                  .isEqualTo("NONE");
              assertThat(row.getResolved()).isFalse();
              assertThat(row.getBaselineSymptoms()).isEmpty();
              assertThat(row.getMetricDelta()).isCloseTo(0.05, within(1e-9));
              assertThat(row.getImproved())
                  .as("0.05 better on every seed: an improvement, not a resolution")
                  .isTrue();
            });
  }

  @Test
  void aFixNoBetterThanAHealthyBaselineIsNoImprovement() {
    List<FixVerdict> rows =
        DiagnosisMapper.toAvro(FIX, judge(Curves.healthy(), Curves.healthy()), 0L);

    assertThat(rows).singleElement().satisfies(row -> assertThat(row.getImproved()).isFalse());
  }

  @Test
  void hintsTravelApartFromSymptoms() {
    RunDiagnosis record =
        DiagnosisMapper.toAvro(RUN, diagnoser.diagnose(Curves.unnormalisedInputs().build()), 0L);

    assertThat(record.getLearningState()).isEqualTo(LearningState.LEARNING);
    assertThat(record.getSymptoms()).isEmpty();
    assertThat(record.getHints())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.getSymptom()).isEqualTo("DATA_PIPELINE_ERROR");
              assertThat(h.getExplanation()).contains("unnormalised");
            });
  }

  @Test
  void aFixThatNeverLearntHasNoEpochsToLearnAndAProvisionalVerdict() {
    List<FixVerdict> rows =
        DiagnosisMapper.toAvro(
            FIX,
            judge(
                Curves.flatAtChance().stopAfter(5).running(),
                Curves.flatAtChance().stopAfter(5).running()),
            0L);

    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.getEpochsToLearn()).isNull();
              assertThat(row.getFinalVerdict()).isFalse();
              assertThat(row.getResolved()).isFalse();
            });
  }
}

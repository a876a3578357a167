package dev.unstuck.verdict;

import static dev.unstuck.diagnosis.Symptom.NOT_LEARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.LearningAssessment;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.spec.Activation;
import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.LossFunction;
import dev.unstuck.spec.LrSchedule;
import dev.unstuck.spec.ModelSpec;
import dev.unstuck.spec.Optimizer;
import dev.unstuck.spec.Resampling;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.spec.WeightInit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelPermutationTest {
  private static final Thresholds T =
      Thresholds.DEFAULTS; // learningMargin 0.1, verdictSpreadFactor 2

  @Test
  void realLabelsClearlyAbovePermutedCarrySignal() {
    // deltas 0.30, 0.26, 0.28: mean 0.28, sample std 0.02, standard error 0.02/sqrt(3) = 0.01155
    LabelPermutation.Reading reading =
        LabelPermutation.read(
                "lr-x0.1", Map.of(1, 0.60, 2, 0.56, 3, 0.58), Map.of(1, 0.30, 2, 0.30, 3, 0.30), T)
            .orElseThrow();

    assertThat(reading.seeds()).isEqualTo(3);
    assertThat(reading.realMetric()).isCloseTo(0.58, within(1e-12));
    assertThat(reading.permutedMetric()).isCloseTo(0.30, within(1e-12));
    assertThat(reading.delta()).isCloseTo(0.28, within(1e-12));
    assertThat(reading.spread()).isCloseTo(0.02, within(1e-12));
    assertThat(reading.signal()).isTrue();
  }

  @Test
  void realLabelsNoBetterThanPermutedCarryNone() {
    // deltas +0.01 and -0.01: mean 0
    LabelPermutation.Reading reading =
        LabelPermutation.read("reference", Map.of(1, 0.51, 2, 0.49), Map.of(1, 0.50, 2, 0.50), T)
            .orElseThrow();

    assertThat(reading.delta()).isCloseTo(0.0, within(1e-12));
    assertThat(reading.signal()).isFalse();
  }

  @Test
  void aSteadyGainBelowTheLearningMarginIsNoSignal() {
    // deltas 0.021 and 0.022 (measured on digits with shuffled labels): steady, but 0.0215 < 0.1
    LabelPermutation.Reading reading =
        LabelPermutation.read(
                "reference", Map.of(1, 0.121, 2, 0.122), Map.of(1, 0.100, 2, 0.100), T)
            .orElseThrow();

    assertThat(reading.delta()).isCloseTo(0.0215, within(1e-12));
    assertThat(reading.signal()).isFalse();
  }

  @Test
  void aGainWithinTheSeedNoiseIsNoSignal() {
    // deltas 0.40 and 0.00: mean 0.20 > 0.1, but std 0.2828, standard error 0.2, twice that 0.4 >
    // 0.2
    LabelPermutation.Reading reading =
        LabelPermutation.read("reference", Map.of(1, 0.90, 2, 0.50), Map.of(1, 0.50, 2, 0.50), T)
            .orElseThrow();

    assertThat(reading.delta()).isCloseTo(0.20, within(1e-12));
    assertThat(reading.spread()).isCloseTo(Math.sqrt(0.08), within(1e-12));
    assertThat(reading.signal()).isFalse();
  }

  @Test
  void onlySeedsWithAFiniteMetricOnBothSidesCount() {
    Map<Integer, Double> real = new LinkedHashMap<>();
    real.put(1, 0.9);
    real.put(2, Double.NaN);
    real.put(3, 0.8);
    LabelPermutation.Reading reading =
        LabelPermutation.read("baseline", real, Map.of(1, 0.5, 2, 0.5), T).orElseThrow();

    assertThat(reading.seeds()).isEqualTo(1);
    assertThat(reading.delta()).isCloseTo(0.4, within(1e-12));
    assertThat(LabelPermutation.read("baseline", Map.of(1, Double.NaN), Map.of(1, 0.5), T))
        .isEmpty();
  }

  @Test
  void theReferenceKeepsTheLayersAndTheScheduleOfTheBaselineAndNothingElse() {
    RunConfig baseline =
        new RunConfig(
            new ModelSpec(
                List.of(64, 32),
                Activation.SIGMOID,
                WeightInit.UNIT_NORMAL,
                LossFunction.MCXENT,
                0.5,
                0.01,
                0.02,
                true),
            new TrainingSpec(
                Optimizer.SGD,
                5.0,
                LrSchedule.STEP,
                32,
                12,
                1.0,
                0.5,
                InputNormalization.NONE,
                Resampling.UNDERSAMPLE,
                0.1,
                3,
                2,
                4));

    RunConfig reference = LabelPermutation.reference(baseline);

    assertThat(reference.model())
        .isEqualTo(
            new ModelSpec(
                List.of(64, 32),
                Activation.RELU,
                WeightInit.HE,
                LossFunction.MCXENT,
                0,
                0,
                0,
                false));
    assertThat(reference.training())
        .isEqualTo(
            new TrainingSpec(
                Optimizer.ADAM,
                0.001,
                LrSchedule.NONE,
                32,
                12,
                0,
                0,
                InputNormalization.STANDARD,
                Resampling.CLASS_WEIGHTS,
                0,
                0,
                2,
                4));
  }

  @Test
  void probesOnlyABaselineThatDoesNotLearnWhenNoFixLearnsOrResolves() {
    List<Diagnosis> notLearning =
        List.of(
            diagnosis(LearningAssessment.NOT_LEARNING), diagnosis(LearningAssessment.NOT_LEARNING));
    Judgement nothingHelped =
        judgement(EnumSet.of(NOT_LEARNING), EnumSet.of(NOT_LEARNING), false, false);
    Judgement learnsWithoutResolving =
        judgement(EnumSet.of(NOT_LEARNING), EnumSet.of(NOT_LEARNING), true, false);
    Judgement resolves = judgement(EnumSet.of(NOT_LEARNING), Set.of(), true, true);

    assertThat(LabelPermutation.worthProbing(notLearning, List.of(nothingHelped))).isTrue();
    assertThat(LabelPermutation.worthProbing(notLearning, List.of())).isTrue();
    assertThat(
            LabelPermutation.worthProbing(
                notLearning, List.of(nothingHelped, learnsWithoutResolving)))
        .isFalse();
    assertThat(LabelPermutation.worthProbing(notLearning, List.of(resolves))).isFalse();
    assertThat(
            LabelPermutation.worthProbing(
                List.of(
                    diagnosis(LearningAssessment.LEARNING), diagnosis(LearningAssessment.LEARNING)),
                List.of(nothingHelped)))
        .isFalse();
    // a crashed seed is not a seed that learns: one of the two that ran does not learn, which is
    // half
    assertThat(
            LabelPermutation.worthProbing(
                List.of(
                    diagnosis(LearningAssessment.FAILED),
                    diagnosis(LearningAssessment.NOT_LEARNING),
                    diagnosis(LearningAssessment.LEARNING)),
                List.of()))
        .isTrue();
    assertThat(
            LabelPermutation.worthProbing(List.of(diagnosis(LearningAssessment.FAILED)), List.of()))
        .isFalse();
  }

  private static Diagnosis diagnosis(LearningAssessment state) {
    return new Diagnosis(10, TrainingStatus.FINISHED, state, 0.5, List.of());
  }

  private static Judgement judgement(
      Set<Symptom> baseline, Set<Symptom> fix, boolean learns, boolean supported) {
    return new Judgement(
        2,
        10,
        baseline,
        fix,
        Set.of(),
        learns,
        0.5,
        0.6,
        0.1,
        0.01,
        supported,
        supported,
        Optional.empty(),
        true);
  }
}

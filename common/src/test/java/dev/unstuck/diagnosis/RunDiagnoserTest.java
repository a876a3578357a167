package dev.unstuck.diagnosis;

import static dev.unstuck.diagnosis.Symptom.CLASS_IMBALANCE_COLLAPSE;
import static dev.unstuck.diagnosis.Symptom.DATA_PIPELINE_ERROR;
import static dev.unstuck.diagnosis.Symptom.DEAD_UNITS;
import static dev.unstuck.diagnosis.Symptom.DIVERGING;
import static dev.unstuck.diagnosis.Symptom.EXPLODING_GRADIENTS;
import static dev.unstuck.diagnosis.Symptom.NOT_LEARNING;
import static dev.unstuck.diagnosis.Symptom.OSCILLATING_LOSS;
import static dev.unstuck.diagnosis.Symptom.OVERFITTING;
import static dev.unstuck.diagnosis.Symptom.SATURATED_ACTIVATIONS;
import static dev.unstuck.diagnosis.Symptom.SLOW_CONVERGENCE;
import static dev.unstuck.diagnosis.Symptom.UNDERFITTING;
import static dev.unstuck.diagnosis.Symptom.VANISHING_GRADIENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.testing.Curves;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunDiagnoserTest {
  private final RunDiagnoser diagnoser = new RunDiagnoser(Thresholds.DEFAULTS);

  static Stream<Arguments> healthy() {
    return Curves.healthyVariety().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthy")
  void aHealthyRunHasNoSymptomAndIsLearning(String name, Curves curve) {
    List<EpochMetrics> epochs = curve.build();

    Diagnosis diagnosis = diagnoser.diagnose(epochs);

    assertThat(diagnosis.detections()).isEmpty();
    assertThat(diagnosis.state()).isEqualTo(LearningAssessment.LEARNING);
    assertThat(diagnosis.epoch()).isEqualTo(epochs.size());
    assertThat(diagnosis.metric()).isEqualTo(epochs.get(epochs.size() - 1).valBalancedAccuracy());
  }

  @Test
  void thereIsOneDetectorPerSymptom() {
    assertThat(RunDiagnoser.detectors()).hasSize(Symptom.values().length);
    assertThat(RunDiagnoser.detectors().stream().map(Detector::symptom).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Symptom.values());
  }

  static Stream<Arguments> everySymptom() {
    return Stream.of(
        Arguments.of(
            "nanDivergence(5)",
            Curves.nanDivergence(5),
            EnumSet.of(DIVERGING),
            LearningAssessment.DIVERGED),
        Arguments.of(
            "explodingLoss",
            Curves.explodingLoss(),
            EnumSet.of(DIVERGING, NOT_LEARNING),
            LearningAssessment.DIVERGED),
        Arguments.of(
            "explodingGradients",
            Curves.explodingGradients(),
            EnumSet.of(EXPLODING_GRADIENTS),
            LearningAssessment.LEARNING),
        Arguments.of(
            "vanishingGradients",
            Curves.vanishingGradients(),
            EnumSet.of(VANISHING_GRADIENTS),
            LearningAssessment.LEARNING),
        Arguments.of(
            "deadRelu", Curves.deadRelu(), EnumSet.of(DEAD_UNITS), LearningAssessment.LEARNING),
        Arguments.of(
            "saturatedSigmoid",
            Curves.saturatedSigmoid(),
            EnumSet.of(SATURATED_ACTIVATIONS),
            LearningAssessment.LEARNING),
        Arguments.of(
            "oscillating",
            Curves.oscillating(),
            EnumSet.of(OSCILLATING_LOSS),
            LearningAssessment.LEARNING),
        // still below chance + margin at the end: NOT_LEARNING, stated with the numbers though the
        // loss is not flat
        Arguments.of(
            "slowConvergence",
            Curves.slowConvergence(),
            EnumSet.of(SLOW_CONVERGENCE, NOT_LEARNING),
            LearningAssessment.NOT_LEARNING),
        Arguments.of(
            "flatAtChance",
            Curves.flatAtChance(),
            EnumSet.of(NOT_LEARNING, SLOW_CONVERGENCE),
            LearningAssessment.NOT_LEARNING),
        Arguments.of(
            "classImbalanceCollapse",
            Curves.classImbalanceCollapse(),
            EnumSet.of(CLASS_IMBALANCE_COLLAPSE, NOT_LEARNING, SLOW_CONVERGENCE),
            LearningAssessment.NOT_LEARNING),
        Arguments.of(
            "overfitting",
            Curves.overfitting(),
            EnumSet.of(OVERFITTING),
            LearningAssessment.LEARNING),
        Arguments.of(
            "underfitting",
            Curves.underfitting(),
            EnumSet.of(UNDERFITTING),
            LearningAssessment.LEARNING),
        Arguments.of(
            "unnormalisedInputs, not learning",
            Curves.unnormalisedInputs().flat(),
            EnumSet.of(DATA_PIPELINE_ERROR, NOT_LEARNING, SLOW_CONVERGENCE),
            LearningAssessment.NOT_LEARNING),
        Arguments.of(
            "nanInputs",
            Curves.nanInputs(),
            EnumSet.of(DATA_PIPELINE_ERROR),
            LearningAssessment.LEARNING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySymptom")
  void eachSyntheticRunShowsExactlyItsSymptoms(
      String name, Curves curve, Set<Symptom> expected, LearningAssessment state) {
    Diagnosis diagnosis = diagnoser.diagnose(curve.build());

    assertThat(diagnosis.symptoms()).isEqualTo(expected);
    assertThat(diagnosis.state()).isEqualTo(state);
  }

  @Test
  void everySymptomIsCoveredByASyntheticRun() {
    Set<Symptom> covered =
        everySymptom()
            .flatMap(a -> ((Set<?>) a.get()[2]).stream())
            .map(Symptom.class::cast)
            .collect(Collectors.toSet());

    assertThat(covered).containsExactlyInAnyOrder(Symptom.values());
  }

  @Test
  void aNanRunIsDivergedAndJudgedAtChance() {
    Diagnosis diagnosis = diagnoser.diagnose(Curves.nanDivergence(4).build());

    assertThat(diagnosis.state()).isEqualTo(LearningAssessment.DIVERGED);
    assertThat(diagnosis.status()).isEqualTo(TrainingStatus.DIVERGED);
    assertThat(diagnosis.epoch()).isEqualTo(4);
    assertThat(diagnosis.metric()).isEqualTo(0.5);
  }

  @Test
  void aDivergedStatusIsDivergedWhateverTheMetrics() {
    assertThat(
            diagnoser
                .diagnose(Curves.healthy().endingWith(TrainingStatus.DIVERGED).build())
                .state())
        .isEqualTo(LearningAssessment.DIVERGED);
  }

  @Test
  void aRisingLossIsDivergedThoughTheRunFinished() {
    Diagnosis diagnosis = diagnoser.diagnose(Curves.explodingLoss().build());

    assertThat(diagnosis.status()).isEqualTo(TrainingStatus.FINISHED);
    assertThat(diagnosis.state()).isEqualTo(LearningAssessment.DIVERGED);
  }

  @Test
  void aBlockingSymptomMeansNotLearning() {
    // collapse: plain accuracy 0.9 looks great, balanced accuracy says chance
    Diagnosis diagnosis = diagnoser.diagnose(Curves.classImbalanceCollapse().build());

    assertThat(diagnosis.state()).isEqualTo(LearningAssessment.NOT_LEARNING);
    assertThat(diagnosis.metric()).isEqualTo(0.5);
  }

  @Test
  void withoutSymptomsAMetricAtChanceIsStillNotLearning() {
    // epoch 1 of a healthy run: balanced accuracy 0.5, too early for any trend rule
    Diagnosis diagnosis = diagnoser.diagnose(Curves.healthy().build().subList(0, 1));

    assertThat(diagnosis.detections()).isEmpty();
    assertThat(diagnosis.state()).isEqualTo(LearningAssessment.NOT_LEARNING);
  }

  @Test
  void learningMarginBoundary() {
    // chance 0.5 + margin 0.1
    assertThat(
            diagnoser
                .diagnose(Curves.healthy().epochs(2).last(e -> e.accuracy(0.61, 0.59)).build())
                .state())
        .isEqualTo(LearningAssessment.NOT_LEARNING);
    assertThat(
            diagnoser
                .diagnose(Curves.healthy().epochs(2).last(e -> e.accuracy(0.63, 0.61)).build())
                .state())
        .isEqualTo(LearningAssessment.LEARNING);
  }

  @Test
  void nonBlockingSymptomsLeaveARunLearning() {
    Diagnosis diagnosis = diagnoser.diagnose(Curves.deadRelu().build());

    assertThat(diagnosis.symptoms()).containsExactly(DEAD_UNITS);
    assertThat(diagnosis.state()).isEqualTo(LearningAssessment.LEARNING);
  }

  @Test
  void detectionsCarryTheirEvidence() {
    Detection detection = diagnoser.diagnose(Curves.deadRelu().build()).detections().get(0);

    assertThat(detection.evidence().metric()).isEqualTo("deadFraction[0]");
    assertThat(detection.toString())
        .isEqualTo("DEAD_UNITS: 85% of layer 0's relu units are dead (>= 70%)");
  }

  @Test
  void anEmptyRunCannotBeDiagnosed() {
    assertThatThrownBy(() -> diagnoser.diagnose(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overriddenThresholdsReachTheDetectors() {
    RunDiagnoser lenient =
        new RunDiagnoser(Thresholds.DEFAULTS.withOverrides(Map.of("deadUnitFraction", "0.9")));

    assertThat(lenient.diagnose(Curves.deadRelu().build()).detections()).isEmpty();
  }

  @Test
  void firstLearningEpochOfAHealthyRun() {
    assertThat(diagnoser.firstLearningEpoch(Curves.healthy().build())).contains(2);
  }

  @Test
  void firstLearningEpochAfterAFlatStart() {
    assertThat(diagnoser.firstLearningEpoch(Curves.healthy().notLearningUntil(5).build()))
        .contains(6);
  }

  @Test
  void aRunThatNeverLearnsHasNoFirstLearningEpoch() {
    assertThat(diagnoser.firstLearningEpoch(Curves.flatAtChance().build())).isEmpty();
    assertThat(diagnoser.firstLearningEpoch(List.of())).isEqualTo(Optional.empty());
  }

  @Test
  void aRunThatLearntThenDivergedStillHasItsFirstLearningEpoch() {
    assertThat(diagnoser.firstLearningEpoch(Curves.nanDivergence(4).build())).contains(2);
  }

  @Test
  void aRunBelowChancePlusMarginWithoutAFlatLossIsStillNamedNotLearning() {
    Diagnosis diagnosis =
        new RunDiagnoser(Thresholds.DEFAULTS).diagnose(Curves.slowConvergence().build());

    Detection notLearning =
        diagnosis.detections().stream()
            .filter(d -> d.symptom() == Symptom.NOT_LEARNING)
            .findFirst()
            .orElseThrow();
    assertThat(notLearning.evidence().metric()).isEqualTo("valBalancedAccuracy");
    assertThat(notLearning.evidence().threshold())
        .isCloseTo(
            Curves.slowConvergence().build().get(0).chance() + Thresholds.DEFAULTS.learningMargin(),
            Offset.offset(1e-12));
    assertThat(notLearning.evidence().explanation()).contains("does not beat chance");
  }

  @Test
  void tooFewEpochsToCallItNotLearning() {
    Diagnosis diagnosis =
        new RunDiagnoser(Thresholds.DEFAULTS)
            .diagnose(Curves.slowConvergence().build().subList(0, 2));

    assertThat(diagnosis.symptoms()).doesNotContain(Symptom.NOT_LEARNING);
  }

  /** The terminal record of a run that crashed inside epoch 1: a status and nothing measured. */
  static EpochMetrics crashedInFirstEpoch() {
    return new EpochMetrics(
        1,
        TrainingStatus.FAILED,
        10,
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
        Double.NaN);
  }

  @Test
  void aRunThatCrashedInItsFirstEpochIsAFailureNotADivergence() {
    // issue 10: this used to read "DIVERGING: NaN/Inf ... at epoch 1 (0 values)" with state
    // DIVERGED
    Diagnosis diagnosis = diagnoser.diagnose(List.of(crashedInFirstEpoch()));

    assertThat(diagnosis.state()).isEqualTo(LearningAssessment.FAILED);
    assertThat(diagnosis.symptoms()).isEmpty();
    assertThat(diagnosis.status()).isEqualTo(TrainingStatus.FAILED);
  }

  @Test
  void aRunThatFailedAfterSomeEpochsIsAFailureWithoutSymptoms() {
    // flat at chance for 6 epochs, then training threw: the crash, not the curve, is what happened
    // to it
    Diagnosis diagnosis =
        diagnoser.diagnose(
            Curves.flatAtChance().stopAfter(6).endingWith(TrainingStatus.FAILED).build());

    assertThat(diagnosis.state()).isEqualTo(LearningAssessment.FAILED);
    assertThat(diagnosis.symptoms()).isEmpty();
  }

  @Test
  void unnormalisedInputsOnARunThatLearnsAreAHintNotASymptom() {
    // issue 10: an advisory finding on a model that learns must not make a healthy baseline "ill",
    // nor give
    // normalizeInputs something to "resolve"
    Diagnosis diagnosis = diagnoser.diagnose(Curves.unnormalisedInputs().build());

    assertThat(diagnosis.state()).isEqualTo(LearningAssessment.LEARNING);
    assertThat(diagnosis.symptoms()).isEmpty();
    assertThat(diagnosis.hints())
        .extracting(Detection::symptom)
        .containsExactly(DATA_PIPELINE_ERROR);
    assertThat(diagnosis.hints().get(0).evidence().explanation()).contains("unnormalised");
  }

  @Test
  void nanInputsAreASymptomEvenOnARunThatLearns() {
    // NaN/Inf in the data is an error in the pipeline, not advice
    Diagnosis diagnosis = diagnoser.diagnose(Curves.nanInputs().build());

    assertThat(diagnosis.symptoms()).containsExactly(DATA_PIPELINE_ERROR);
    assertThat(diagnosis.hints()).isEmpty();
  }
}

package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnderfittingDetectorTest {
  private final Detector detector = new UnderfittingDetector();

  private boolean fires(Curves curve) {
    return detector.detect(curve.build(), Thresholds.DEFAULTS).isPresent();
  }

  static Stream<Arguments> healthy() {
    return Curves.healthyVariety().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthy")
  void healthyRunsDoNotUnderfit(String name, Curves curve) {
    assertThat(fires(curve)).isFalse();
  }

  @Test
  void lowAccuracyOnTrainingAndValidationWithAFlatLossIsUnderfitting() {
    Detection detection = detector.detect(Curves.underfitting().build(), Thresholds.DEFAULTS).orElseThrow();

    assertThat(detection.symptom()).isEqualTo(Symptom.UNDERFITTING);
    Evidence evidence = detection.evidence();
    assertThat(evidence.metric()).isEqualTo("trainBalancedAccuracy");
    assertThat(evidence.fromEpoch()).isEqualTo(6);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(0.63);
    assertThat(evidence.threshold()).isEqualTo(0.7);
  }

  @Test
  void trainingAccuracyBoundary() {
    assertThat(fires(Curves.underfitting().last(e -> e.trainBalancedAccuracy(0.695).valBalancedAccuracy(0.66))))
        .isTrue();
    assertThat(fires(Curves.underfitting().last(e -> e.trainBalancedAccuracy(0.705).valBalancedAccuracy(0.66))))
        .isFalse();
  }

  @Test
  void atChanceItIsNotLearningRatherThanUnderfitting() {
    assertThat(fires(Curves.healthy().underfit(0.55))).isFalse();
  }

  @Test
  void aLossStillFallingIsNotAPlateau() {
    assertThat(fires(Curves.underfitting().each(e -> e.trainLoss(0.7 * Math.pow(0.97, e.epoch()))))).isFalse();
  }

  @Test
  void trainingWellAboveValidationIsNotUnderfitting() {
    assertThat(fires(Curves.underfitting().last(e -> e.trainBalancedAccuracy(0.69)))).as("gap 0.07").isFalse();
  }
}

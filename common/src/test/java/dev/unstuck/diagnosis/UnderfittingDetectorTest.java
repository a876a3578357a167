package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class UnderfittingDetectorTest extends DetectorTestBase {
  UnderfittingDetectorTest() {
    super(new UnderfittingDetector(), Symptom.UNDERFITTING);
  }

  @Test
  void lowAccuracyOnTrainingAndValidationWithAFlatLossIsUnderfitting() {
    Evidence evidence = detected(Curves.underfitting());

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

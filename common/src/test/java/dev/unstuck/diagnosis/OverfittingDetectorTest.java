package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class OverfittingDetectorTest extends DetectorTestBase {
  OverfittingDetectorTest() {
    super(new OverfittingDetector(), Symptom.OVERFITTING);
  }

  @Test
  void trainAccuracyFarAboveValidationWithValidationLossRisingIsOverfitting() {
    Evidence evidence = detected(Curves.overfitting());

    assertThat(evidence.metric()).isEqualTo("trainAccuracy-valAccuracy");
    assertThat(evidence.fromEpoch()).isEqualTo(1);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isCloseTo(0.19, within(1e-9)); // 0.99 - 0.80
    assertThat(evidence.threshold()).isEqualTo(0.1);
  }

  @Test
  void gapBoundary() {
    assertThat(fires(Curves.overfitting().last(e -> e.trainAccuracy(0.8 + 0.095)))).isFalse();
    assertThat(fires(Curves.overfitting().last(e -> e.trainAccuracy(0.8 + 0.105)))).isTrue();
  }

  @Test
  void validationLossRiseBoundary() {
    double best = Curves.overfitting().build().get(4).valLoss(); // epoch 5 is the best

    assertThat(fires(Curves.overfitting().last(e -> e.valLoss(best * 1.04)))).isFalse();
    assertThat(fires(Curves.overfitting().last(e -> e.valLoss(best * 1.06)))).isTrue();
  }

  @Test
  void aGapWithValidationLossStillFallingIsNotOverfitting() {
    assertThat(fires(Curves.healthy().each(e -> e.trainAccuracy(0.99)))).isFalse();
  }

  @Test
  void validationLossRisingWithoutAGapIsNotOverfitting() {
    assertThat(fires(Curves.overfitting().each(e -> e.trainAccuracy(e.valAccuracy() + 0.05))))
        .isFalse();
  }
}

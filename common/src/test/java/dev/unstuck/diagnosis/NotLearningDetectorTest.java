package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class NotLearningDetectorTest extends DetectorTestBase {
  NotLearningDetectorTest() {
    super(new NotLearningDetector(), Symptom.NOT_LEARNING);
  }

  @Test
  void flatLossAtChanceIsNotLearning() {
    Evidence evidence = detected(Curves.flatAtChance());

    assertThat(evidence.metric()).isEqualTo("trainLoss");
    assertThat(evidence.fromEpoch()).isEqualTo(6); // the last 5 epochs
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(0.0);
    assertThat(evidence.threshold()).isEqualTo(0.01);
    assertThat(evidence.explanation()).contains("epochs 6-10").contains("0.5000");
  }

  @Test
  void needsThreeEpochs() {
    assertThat(fires(Curves.flatAtChance().epochs(2))).isFalse();
    assertThat(fires(Curves.flatAtChance().epochs(3))).isTrue();
  }

  @Test
  void theWindowIsShorterWhenTheRunIs() {
    Evidence evidence = evidence(Curves.flatAtChance().epochs(3));

    assertThat(evidence.fromEpoch()).isEqualTo(1);
    assertThat(evidence.toEpoch()).isEqualTo(3);
  }

  /** At chance, loss 1.0 at epoch 6 falling to 1 - decrease at epoch 10. */
  private static Curves atChanceLossFalling(double decrease) {
    return Curves.flatAtChance().from(6, e -> e.trainLoss(1.0 - decrease * (e.epoch() - 6) / 4));
  }

  @Test
  void plateauBoundary() {
    assertThat(fires(atChanceLossFalling(0.0099))).isTrue();
    assertThat(fires(atChanceLossFalling(0.0101))).isFalse();
  }

  @Test
  void aFlatLossAboveChanceIsNotThisSymptom() {
    // converged at 0.9 balanced accuracy: the plateau of a run that has learnt
    assertThat(fires(Curves.healthy().epochs(30))).isFalse();
  }

  @Test
  void balancedAccuracyWithinTheMarginOfChanceCounts() {
    // accuracy 0.58 is well above the majority rate 0.5, but balanced accuracy 0.58 is within 0.1
    // of chance
    assertThat(fires(Curves.healthy().underfit(0.58))).isTrue();
  }

  @Test
  void aConvergedRunOnImbalancedDataIsLearningEvenWithAccuracyBelowTheMajorityRate() {
    // 90/10 data; a class-weighted fix recalls 84 % of class 0 and 80 % of class 1: balanced
    // accuracy 0.82, plain
    // accuracy 0.9 * 0.84 + 0.1 * 0.80 = 0.836 - below the majority rate 0.9, as resampling fixes
    // typically are.
    // 30 epochs: it converged, the loss is flat at the end.
    Curves classWeighted =
        Curves.healthy()
            .epochs(30)
            .majorityRate(0.9)
            .reaching(0.82)
            .last(e -> e.valPerClassRecall(0.84, 0.80).valAccuracy(0.836));

    assertThat(detector.detect(classWeighted.build(), Thresholds.DEFAULTS)).isEmpty();
  }
}

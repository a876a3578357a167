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
    assertThat(
            fires(
                Curves.underfitting()
                    .last(e -> e.trainBalancedAccuracy(0.695).valBalancedAccuracy(0.66))))
        .isTrue();
    assertThat(
            fires(
                Curves.underfitting()
                    .last(e -> e.trainBalancedAccuracy(0.705).valBalancedAccuracy(0.66))))
        .isFalse();
  }

  @Test
  void atChanceItIsNotLearningRatherThanUnderfitting() {
    assertThat(fires(Curves.healthy().underfit(0.55))).isFalse();
  }

  @Test
  void aLossStillFallingIsNotAPlateau() {
    assertThat(fires(Curves.underfitting().each(e -> e.trainLoss(0.7 * Math.pow(0.97, e.epoch())))))
        .isFalse();
  }

  /**
   * Two hidden units on the ten digits, trained with PyTorch (Adam 0.01, batch 32, standardised
   * inputs, seed 1; /usr/bin/python3 on the shipped digits.csv.gz): training loss and accuracy per
   * epoch as measured. The loss still falls 7 % over the last five epochs - not flat outright - but
   * those epochs brought a tenth of the progress since epoch 1: bent flat at 0.59 accuracy.
   */
  private static final double[] TINY_LOSS = {
    1.834, 1.556, 1.389, 1.308, 1.25, 1.183, 1.145, 1.117, 1.092, 1.082, 1.055, 1.038
  };

  private static final double[] TINY_TRAIN = {
    0.25, 0.393, 0.433, 0.434, 0.469, 0.499, 0.555, 0.535, 0.546, 0.547, 0.594, 0.594
  };
  private static final double[] TINY_VAL = {
    0.22, 0.38, 0.439, 0.431, 0.425, 0.524, 0.546, 0.538, 0.527, 0.518, 0.558, 0.555
  };

  private static Curves tinyNetwork() {
    return Curves.healthy()
        .classes(10)
        .epochs(12)
        .each(
            e ->
                e.trainLoss(TINY_LOSS[e.epoch() - 1])
                    .valLoss(TINY_LOSS[e.epoch() - 1] + 0.05)
                    .accuracy(TINY_TRAIN[e.epoch() - 1], TINY_VAL[e.epoch() - 1]));
  }

  @Test
  void aLossThatHasBentFlatIsAPlateauThoughItStillCreepsDown() {
    Evidence evidence = detected(tinyNetwork());

    assertThat(evidence.value()).isEqualTo(0.594);
    assertThat(evidence.fromEpoch()).isEqualTo(8);
  }

  @Test
  void theSameAccuraciesWithALossFallingInAStraightLineAreNoPlateau() {
    // 2.3 down to 1.0 in equal steps: the last five epochs bring 4/11 (36 %) of the progress
    assertThat(fires(tinyNetwork().each(e -> e.trainLoss(2.3 - 1.3 * (e.epoch() - 1) / 11.0))))
        .isFalse();
  }

  @Test
  void trainingWellAboveValidationIsNotUnderfitting() {
    assertThat(fires(Curves.underfitting().last(e -> e.trainBalancedAccuracy(0.69))))
        .as("gap 0.07")
        .isFalse();
  }
}

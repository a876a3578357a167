package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.testing.Curves;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class OscillatingAccuracyDetectorTest extends DetectorTestBase {
  OscillatingAccuracyDetectorTest() {
    super(new OscillatingAccuracyDetector(), Symptom.OSCILLATING_LOSS);
  }

  @Test
  void alternatingValidationAccuracyIsOscillating() {
    Evidence evidence = detected(Curves.oscillating());

    assertThat(evidence.metric()).isEqualTo("valBalancedAccuracy");
    assertThat(evidence.fromEpoch()).isEqualTo(1);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    // 9 steps; the first has nothing to reverse, the other 8 each reverse the one before
    assertThat(evidence.value()).isCloseTo(8.0 / 9, within(1e-12));
    assertThat(evidence.threshold()).isEqualTo(0.2);
    assertThat(evidence.explanation()).startsWith("8 of 9 epochs");
  }

  @Test
  void swingSizeBoundary() {
    assertThat(fires(Curves.healthy().oscillatingBetween(0.70, 0.729)))
        .as("steps of 0.029")
        .isFalse();
    assertThat(fires(Curves.healthy().oscillatingBetween(0.70, 0.731)))
        .as("steps of 0.031")
        .isTrue();
  }

  @Test
  void needsFiveEpochs() {
    assertThat(fires(Curves.oscillating().epochs(4))).isFalse();
    assertThat(fires(Curves.oscillating().epochs(5))).isTrue();
  }

  /** Validation balanced accuracy given per epoch. */
  private static Curves valAccuracy(int epochs, IntToDoubleFunction value) {
    return Curves.healthy()
        .epochs(epochs)
        .each(
            e -> {
              double v = value.applyAsDouble(e.epoch());
              e.accuracy(v + 0.02, v);
            });
  }

  /**
   * 0.7, jumps to 0.8 at epoch 6, back to 0.7 at 7 (swing 1), up to 0.8 at 9 (swing 2) and stays.
   */
  private static double twoSwings(int epoch) {
    return epoch == 6 || epoch >= 9 ? 0.8 : 0.7;
  }

  @Test
  void shareOfSwingsBoundaryIsInclusive() {
    // 11 epochs = 10 steps, 2 swings: share exactly 0.2
    assertThat(evidence(valAccuracy(11, OscillatingAccuracyDetectorTest::twoSwings)).value())
        .isCloseTo(0.2, within(1e-12));

    // 12 epochs = 11 steps, 2 swings: 0.18
    assertThat(fires(valAccuracy(12, OscillatingAccuracyDetectorTest::twoSwings))).isFalse();
  }

  @Test
  void aSingleSpikeIsNotOscillation() {
    // 0.7 with one epoch at 0.9: one reversal only, though it is 1 of 4 steps
    assertThat(fires(valAccuracy(5, epoch -> epoch == 3 ? 0.9 : 0.7))).isFalse();
  }

  @Test
  void aSteadyDeclineIsNotOscillation() {
    assertThat(fires(valAccuracy(10, epoch -> 0.9 - 0.04 * epoch))).isFalse();
  }
}

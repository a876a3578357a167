package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class SlowConvergenceDetectorTest extends DetectorTestBase {
  SlowConvergenceDetectorTest() {
    super(new SlowConvergenceDetector(), Symptom.SLOW_CONVERGENCE);
  }

  @Test
  void tinyGainsEveryEpochAreSlowConvergence() {
    Evidence evidence = detected(Curves.slowConvergence());

    assertThat(evidence.metric()).isEqualTo("balancedAccuracy gain per epoch");
    assertThat(evidence.fromEpoch()).isEqualTo(1);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isCloseTo(0.005, within(1e-9));
    assertThat(evidence.threshold()).isEqualTo(0.01);
  }

  @Test
  void gainBoundary() {
    assertThat(fires(Curves.healthy().gainingPerEpoch(0.0099))).isTrue();
    assertThat(fires(Curves.healthy().gainingPerEpoch(0.0101))).isFalse();
  }

  @Test
  void needsThreeEpochs() {
    assertThat(fires(Curves.slowConvergence().epochs(2))).isFalse();
    assertThat(fires(Curves.slowConvergence().epochs(3))).isTrue();
  }

  @Test
  void theFirstEpochsGainIsMeasuredFromChance() {
    // learnt everything in epoch 1 (0.5 -> 0.9), nothing after: not slow
    assertThat(fires(Curves.healthy().each(e -> e.accuracy(0.9, 0.9)))).isFalse();
  }

  @Test
  void aGainOnTrainingAloneIsEnough() {
    Curves trainingLearns = Curves.slowConvergence().at(4, e -> e.trainBalancedAccuracy(0.6));

    assertThat(fires(trainingLearns)).isFalse();
  }

  @Test
  void noBalancedAccuracyMeasuredSaysNothing() {
    // every epoch's balanced accuracy NaN (e.g. a run whose outputs were NaN from the start): no
    // gain was measured,
    // so there is no "best gain" to report, least of all -Infinity
    assertThat(fires(Curves.healthy().each(e -> e.accuracy(Double.NaN, Double.NaN)))).isFalse();
  }
}

package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DivergingDetectorTest extends DetectorTestBase {
  DivergingDetectorTest() {
    super(new DivergingDetector(), Symptom.DIVERGING);
  }

  @Test
  void nanLossIsDivergenceWithTheNonFiniteCount() {
    Evidence evidence = detected(Curves.nanDivergence(5));

    assertThat(evidence.metric()).isEqualTo("nonFinite");
    assertThat(evidence.fromEpoch()).isEqualTo(5);
    assertThat(evidence.toEpoch()).isEqualTo(5);
    assertThat(evidence.value()).isEqualTo(301.0); // loss 1 + gradients 100 + parameters 200
    assertThat(evidence.threshold()).isEqualTo(0.0);
    assertThat(evidence.explanation()).contains("epoch 5").contains("301 values");
  }

  @Test
  void infiniteTrainingLossWithoutCountsIsDivergence() {
    Evidence evidence = detected(Curves.healthy().last(e -> e.trainLoss(Double.POSITIVE_INFINITY)));

    assertThat(evidence.metric()).isEqualTo("nonFinite");
    assertThat(evidence.value()).isEqualTo(0.0);
  }

  @Test
  void nonFiniteGradientsAloneAreDivergence() {
    Evidence evidence =
        detected(Curves.healthy().last(e -> e.nonFinite(new NonFinite(0, 7, 0, 0))));

    assertThat(evidence.metric()).isEqualTo("nonFinite");
    assertThat(evidence.value()).isEqualTo(7.0);
  }

  @Test
  void divergedStatusAloneIsDivergence() {
    assertThat(detected(Curves.healthy().endingWith(TrainingStatus.DIVERGED)).metric())
        .isEqualTo("nonFinite");
  }

  @Test
  void nanInputsAreADataProblemNotDivergence() {
    assertThat(fires(Curves.nanInputs())).isFalse();
  }

  @Test
  void aNanEpochThatIsNotTheLastDoesNotCount() {
    // Only the current epoch is judged; a series that recovered (e.g. a restarted run) is not
    // diverging now.
    assertThat(fires(Curves.healthy().at(4, e -> e.nonFinite(new NonFinite(1, 0, 0, 0)))))
        .isFalse();
  }

  @Test
  void hugeValidationLossIsDivergence() {
    Evidence evidence = detected(Curves.healthy().last(e -> e.valLoss(2e5)));

    assertThat(evidence.metric()).isEqualTo("valLoss");
    assertThat(evidence.fromEpoch()).isEqualTo(10);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(2e5);
    assertThat(evidence.threshold()).isEqualTo(1e5);
  }

  @Test
  void validationLossBoundaryIsInclusive() {
    assertThat(fires(Curves.healthy().last(e -> e.valLoss(99_999)))).isFalse();
    assertThat(fires(Curves.healthy().last(e -> e.valLoss(100_000)))).isTrue();
  }

  @Test
  void trainingLossRisingTenfoldFromItsBestIsDivergence() {
    // ten classes: a uniform guess loses ln 10 = 2.30, so 8.0 stays under the 5x-chance rule and
    // the rise rule speaks
    Evidence evidence = detected(Curves.explodingLoss().classes(10));

    assertThat(evidence.metric()).isEqualTo("trainLoss");
    assertThat(evidence.fromEpoch()).isEqualTo(1);
    assertThat(evidence.toEpoch()).isEqualTo(7);
    assertThat(evidence.value()).isEqualTo(16.0); // 8.0 / best 0.5
    assertThat(evidence.threshold()).isEqualTo(10.0);
    assertThat(evidence.explanation()).contains("16.00x").contains("0.5000").contains("8.000");
  }

  @Test
  void riseFactorBoundary() {
    // best training loss is 0.5 (epoch 3): 4.95 is 9.9x, 5.0 is exactly 10x
    assertThat(fires(Curves.explodingLoss().classes(10).last(e -> e.trainLoss(4.95)))).isFalse();
    assertThat(fires(Curves.explodingLoss().classes(10).last(e -> e.trainLoss(5.0)))).isTrue();
  }

  @Test
  void aLossFarAboveAUniformGuessIsDivergenceEvenWithoutNaN() {
    // two classes: a uniform guess loses ln 2 = 0.693; 5x that is 3.466
    Evidence evidence = detected(Curves.healthy().classes(2).last(e -> e.trainLoss(3.5)));

    assertThat(evidence.metric()).isEqualTo("trainLoss");
    assertThat(evidence.value()).isEqualTo(3.5);
    assertThat(evidence.threshold()).isCloseTo(5 * Math.log(2), Offset.offset(1e-12));
    assertThat(evidence.explanation()).contains("uniform guess");
  }

  @Test
  void chanceLossBoundary() {
    double bound = 5 * Math.log(2);
    // a loss flat at 3.4 throughout, so the 10x-rise rule stays silent and only the chance rule can
    // speak
    Curves flatHigh = Curves.healthy().classes(2).each(e -> e.trainLoss(3.4));
    assertThat(fires(flatHigh.last(e -> e.trainLoss(bound - 0.01)))).isFalse();
    assertThat(
            fires(
                Curves.healthy()
                    .classes(2)
                    .each(e -> e.trainLoss(3.4))
                    .last(e -> e.trainLoss(bound))))
        .isTrue();
  }

  @Test
  void theRiseIsMeasuredAgainstTheBestEpochNotTheFirst() {
    // 0.7 -> 0.05 (best) -> 0.6: only 0.86x the first epoch, but 12x the best
    List<EpochMetrics> series =
        Curves.healthy()
            .epochs(3)
            .at(1, e -> e.trainLoss(0.7))
            .at(2, e -> e.trainLoss(0.05))
            .at(3, e -> e.trainLoss(0.6))
            .build();

    Evidence evidence = detector.detect(series, Thresholds.DEFAULTS).orElseThrow().evidence();

    assertThat(evidence.value()).isCloseTo(12.0, Assertions.within(1e-9));
  }
}

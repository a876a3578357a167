package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DataPipelineErrorDetectorTest {
  private final Detector detector = new DataPipelineErrorDetector();

  private boolean fires(Curves curve) {
    return detector.detect(curve.build(), Thresholds.DEFAULTS).isPresent();
  }

  private Evidence evidence(Curves curve) {
    Detection detection = detector.detect(curve.build(), Thresholds.DEFAULTS).orElseThrow();
    assertThat(detection.symptom()).isEqualTo(Symptom.DATA_PIPELINE_ERROR);
    return detection.evidence();
  }

  static Stream<Arguments> healthy() {
    return Curves.healthyVariety().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthy")
  void healthyRunsHaveCleanInputs(String name, Curves curve) {
    assertThat(fires(curve)).isFalse();
  }

  @Test
  void nanInputsAreAPipelineError() {
    Evidence evidence = evidence(Curves.nanInputs());

    assertThat(evidence.metric()).isEqualTo("nonFinite.inputs");
    assertThat(evidence.fromEpoch()).isEqualTo(10);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(12.0);
    assertThat(evidence.threshold()).isEqualTo(0.0);
    assertThat(evidence.explanation()).isEqualTo("12 NaN/Inf feature values in the training data");
  }

  @Test
  void unnormalisedInputsAreAPipelineError() {
    Evidence evidence = evidence(Curves.unnormalisedInputs());

    assertThat(evidence.metric()).isEqualTo("maxFeatureScale");
    assertThat(evidence.value()).isEqualTo(1000.0); // the larger of |mean| 250 and std 1000
    assertThat(evidence.threshold()).isEqualTo(10.0);
    assertThat(evidence.explanation()).contains("250.0").contains("1000");
  }

  @Test
  void aLargeMeanAloneIsEnough() {
    assertThat(evidence(Curves.healthy().withFeatureScale(250, 1)).value()).isEqualTo(250.0);
  }

  @Test
  void scaleBoundaryIsExclusive() {
    assertThat(fires(Curves.healthy().withFeatureScale(10, 1))).isFalse();
    assertThat(fires(Curves.healthy().withFeatureScale(1, 10.5))).isTrue();
  }

  @Test
  void nanInputsAreReportedBeforeScale() {
    assertThat(evidence(Curves.unnormalisedInputs().withNanInputs(3)).metric()).isEqualTo("nonFinite.inputs");
  }

  @Test
  void unmeasuredInputStatisticsAreNoEvidence() {
    assertThat(fires(Curves.healthy().withFeatureScale(Double.NaN, Double.NaN))).isFalse();
  }

  @Test
  void aHugeStdIsAnErrorEvenWhenTheMeanWasNotMeasured() {
    assertThat(evidence(Curves.healthy().withFeatureScale(Double.NaN, 1000)).value()).isEqualTo(1000.0);
  }
}

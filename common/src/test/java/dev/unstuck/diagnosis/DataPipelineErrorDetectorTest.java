package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class DataPipelineErrorDetectorTest extends DetectorTestBase {
  DataPipelineErrorDetectorTest() {
    super(new DataPipelineErrorDetector(), Symptom.DATA_PIPELINE_ERROR);
  }

  @Test
  void nanInputsAreAPipelineError() {
    Evidence evidence = detected(Curves.nanInputs());

    assertThat(evidence.metric()).isEqualTo("nonFinite.inputs");
    assertThat(evidence.fromEpoch()).isEqualTo(10);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(12.0);
    assertThat(evidence.threshold()).isEqualTo(0.0);
    assertThat(evidence.explanation()).isEqualTo("12 NaN/Inf feature values in the training data");
  }

  @Test
  void unnormalisedInputsAreAPipelineError() {
    Evidence evidence = detected(Curves.unnormalisedInputs());

    assertThat(evidence.metric()).isEqualTo("maxFeatureScale");
    assertThat(evidence.value()).isEqualTo(1000.0); // the larger of |mean| 250 and std 1000
    assertThat(evidence.threshold()).isEqualTo(10.0);
    assertThat(evidence.explanation()).contains("250.0").contains("1000");
  }

  @Test
  void aLargeMeanAloneIsEnough() {
    assertThat(detected(Curves.healthy().withFeatureScale(250, 1)).value()).isEqualTo(250.0);
  }

  @Test
  void scaleBoundaryIsExclusive() {
    assertThat(fires(Curves.healthy().withFeatureScale(10, 1))).isFalse();
    assertThat(fires(Curves.healthy().withFeatureScale(1, 10.5))).isTrue();
  }

  @Test
  void nanInputsAreReportedBeforeScale() {
    assertThat(detected(Curves.unnormalisedInputs().withNanInputs(3)).metric())
        .isEqualTo("nonFinite.inputs");
  }

  @Test
  void unmeasuredInputStatisticsAreNoEvidence() {
    assertThat(fires(Curves.healthy().withFeatureScale(Double.NaN, Double.NaN))).isFalse();
  }

  @Test
  void aHugeStdIsAnErrorEvenWhenTheMeanWasNotMeasured() {
    assertThat(detected(Curves.healthy().withFeatureScale(Double.NaN, 1000)).value())
        .isEqualTo(1000.0);
  }
}

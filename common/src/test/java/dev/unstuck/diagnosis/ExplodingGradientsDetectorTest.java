package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExplodingGradientsDetectorTest {
  private final Detector detector = new ExplodingGradientsDetector();

  private boolean fires(Curves curve) {
    return detector.detect(curve.build(), Thresholds.DEFAULTS).isPresent();
  }

  static Stream<Arguments> healthy() {
    return Curves.healthyVariety().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthy")
  void healthyRunsDoNotExplode(String name, Curves curve) {
    assertThat(fires(curve)).isFalse();
  }

  @Test
  void firstLayerGradientFarAboveTheOutputLayersIsExploding() {
    Detection detection = detector.detect(Curves.explodingGradients().build(), Thresholds.DEFAULTS).orElseThrow();

    assertThat(detection.symptom()).isEqualTo(Symptom.EXPLODING_GRADIENTS);
    Evidence evidence = detection.evidence();
    assertThat(evidence.metric()).isEqualTo("gradientNorm[first]/gradientNorm[last]");
    assertThat(evidence.fromEpoch()).isEqualTo(10);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(100.0);
    assertThat(evidence.threshold()).isEqualTo(70.0);
    assertThat(evidence.explanation()).contains("100.0x");
  }

  @Test
  void ratioBoundaryIsExclusive() {
    assertThat(fires(Curves.healthy().withExplodingGradients(70))).isFalse();
    assertThat(fires(Curves.healthy().withExplodingGradients(70.5))).isTrue();
  }

  @Test
  void aSingleLayerHasNoRatio() {
    Curves logisticRegression = Curves.healthy().hidden()
        .each(e -> e.layer(0, l -> l.gradientNorm(1e6)));

    assertThat(fires(logisticRegression)).isFalse();
  }

  @Test
  void aZeroOutputGradientHasNoRatio() {
    assertThat(fires(Curves.explodingGradients().last(e -> e.layer(2, l -> l.gradientNorm(0))))).isFalse();
  }
}

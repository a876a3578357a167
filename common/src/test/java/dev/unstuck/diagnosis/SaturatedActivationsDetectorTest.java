package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SaturatedActivationsDetectorTest {
  private final Detector detector = new SaturatedActivationsDetector();

  private boolean fires(Curves curve) {
    return detector.detect(curve.build(), Thresholds.DEFAULTS).isPresent();
  }

  static Stream<Arguments> healthy() {
    return Curves.healthyVariety().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthy")
  void healthyRunsAreNotSaturated(String name, Curves curve) {
    assertThat(fires(curve)).isFalse();
  }

  @Test
  void saturatedSigmoidLayerIsDetected() {
    Detection detection = detector.detect(Curves.saturatedSigmoid().build(), Thresholds.DEFAULTS).orElseThrow();

    assertThat(detection.symptom()).isEqualTo(Symptom.SATURATED_ACTIVATIONS);
    Evidence evidence = detection.evidence();
    assertThat(evidence.metric()).isEqualTo("saturatedFraction[0]");
    assertThat(evidence.fromEpoch()).isEqualTo(10);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(0.8);
    assertThat(evidence.threshold()).isEqualTo(0.5);
    assertThat(evidence.explanation()).isEqualTo("80% of layer 0's sigmoid activations are saturated (> 50%)");
  }

  @Test
  void boundaryIsExclusive() {
    Curves sigmoid = Curves.healthy().activation("sigmoid");
    assertThat(fires(sigmoid.last(e -> e.layer(0, l -> l.saturatedFraction(0.50))))).isFalse();
    assertThat(fires(Curves.healthy().activation("sigmoid")
        .last(e -> e.layer(0, l -> l.saturatedFraction(0.51))))).isTrue();
  }

  @Test
  void tanhLayersCountToo() {
    Evidence evidence = detector.detect(Curves.healthy().activation("tanh")
        .last(e -> e.layer(1, l -> l.saturatedFraction(0.7))).build(), Thresholds.DEFAULTS).orElseThrow().evidence();

    assertThat(evidence.metric()).isEqualTo("saturatedFraction[1]");
    assertThat(evidence.explanation()).contains("tanh");
  }
}

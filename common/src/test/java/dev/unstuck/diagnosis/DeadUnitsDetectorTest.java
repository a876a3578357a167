package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadUnitsDetectorTest {
  private final Detector detector = new DeadUnitsDetector();

  private boolean fires(Curves curve) {
    return detector.detect(curve.build(), Thresholds.DEFAULTS).isPresent();
  }

  static Stream<Arguments> healthy() {
    return Curves.healthyVariety().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthy")
  void healthyRunsHaveNoDeadUnits(String name, Curves curve) {
    assertThat(fires(curve)).isFalse();
  }

  @Test
  void mostlyDeadReluLayerIsDetected() {
    Detection detection = detector.detect(Curves.deadRelu().build(), Thresholds.DEFAULTS).orElseThrow();

    assertThat(detection.symptom()).isEqualTo(Symptom.DEAD_UNITS);
    Evidence evidence = detection.evidence();
    assertThat(evidence.metric()).isEqualTo("deadFraction[0]");
    assertThat(evidence.fromEpoch()).isEqualTo(10);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(0.85);
    assertThat(evidence.threshold()).isEqualTo(0.7);
    assertThat(evidence.explanation()).isEqualTo("85% of layer 0's relu units are dead (>= 70%)");
  }

  @Test
  void boundaryIsInclusive() {
    assertThat(fires(Curves.healthy().last(e -> e.layer(0, l -> l.deadFraction(0.69))))).isFalse();
    assertThat(fires(Curves.healthy().last(e -> e.layer(0, l -> l.deadFraction(0.70))))).isTrue();
  }

  @Test
  void aDeeperLayerIsNamed() {
    Evidence evidence = detector.detect(Curves.healthy().last(e -> e.layer(1, l -> l.deadFraction(0.9))).build(),
        Thresholds.DEFAULTS).orElseThrow().evidence();

    assertThat(evidence.metric()).isEqualTo("deadFraction[1]");
    assertThat(evidence.value()).isEqualTo(0.9);
  }

  @Test
  void onlyTheCurrentEpochCounts() {
    assertThat(fires(Curves.healthy().at(5, e -> e.layer(0, l -> l.deadFraction(0.95))))).isFalse();
  }
}

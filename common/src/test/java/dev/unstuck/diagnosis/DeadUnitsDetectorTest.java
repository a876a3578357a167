package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class DeadUnitsDetectorTest extends DetectorTestBase {
  DeadUnitsDetectorTest() {
    super(new DeadUnitsDetector(), Symptom.DEAD_UNITS);
  }

  @Test
  void mostlyDeadReluLayerIsDetected() {
    Evidence evidence = detected(Curves.deadRelu());

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
    Evidence evidence = evidence(Curves.healthy().last(e -> e.layer(1, l -> l.deadFraction(0.9))));

    assertThat(evidence.metric()).isEqualTo("deadFraction[1]");
    assertThat(evidence.value()).isEqualTo(0.9);
  }

  @Test
  void onlyTheCurrentEpochCounts() {
    assertThat(fires(Curves.healthy().at(5, e -> e.layer(0, l -> l.deadFraction(0.95))))).isFalse();
  }
}

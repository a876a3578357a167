package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.testing.Curves;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void defaultsAreTheDesignTable() {
    Thresholds t = Thresholds.DEFAULTS;
    assertThat(t.divergenceLoss()).isEqualTo(1e5);
    assertThat(t.divergenceRiseFactor()).isEqualTo(10);
    assertThat(t.explodingGradientRatio()).isEqualTo(70);
    assertThat(t.vanishingGradientRatio()).isEqualTo(1e-3);
    assertThat(t.vanishingFirstLayerNorm()).isEqualTo(1e-4);
    assertThat(t.vanishingMeanAbsGradient()).isEqualTo(1e-7);
    assertThat(t.deadUnitFraction()).isEqualTo(0.7);
    assertThat(t.saturatedFraction()).isEqualTo(0.5);
    assertThat(t.oscillationSwing()).isEqualTo(0.03);
    assertThat(t.oscillationEpochShare()).isEqualTo(0.2);
    assertThat(t.slowConvergenceGain()).isEqualTo(0.01);
    assertThat(t.plateauWindow()).isEqualTo(5);
    assertThat(t.overfitGap()).isEqualTo(0.1);
  }

  @Test
  void anOverrideChangesThatThresholdOnly() throws Exception {
    Thresholds changed = Thresholds.DEFAULTS.withOverrides(Map.of("deadUnitFraction", "0.8"));

    assertThat(changed.deadUnitFraction()).isEqualTo(0.8);
    for (RecordComponent component : Thresholds.class.getRecordComponents()) {
      if (!component.getName().equals("deadUnitFraction")) {
        assertThat(component.getAccessor().invoke(changed)).as(component.getName())
            .isEqualTo(component.getAccessor().invoke(Thresholds.DEFAULTS));
      }
    }
    assertThat(Thresholds.DEFAULTS.deadUnitFraction()).as("the original is unchanged").isEqualTo(0.7);
  }

  @Test
  void spacedAndScientificValuesParse() {
    Thresholds changed = Thresholds.DEFAULTS.withOverrides(Map.of("divergenceLoss", " 1e4 ", "overfitGap", "0.2"));

    assertThat(changed.divergenceLoss()).isEqualTo(1e4);
    assertThat(changed.overfitGap()).isEqualTo(0.2);
  }

  @Test
  void anIntegerThresholdCanBeOverridden() {
    Thresholds changed = Thresholds.DEFAULTS.withOverrides(Map.of("plateauWindow", "7"));

    assertThat(changed.plateauWindow()).isEqualTo(7);
  }

  @Test
  void aValueThatIsNotAFiniteNumberIsRejectedWithItsName() {
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("deadUnitFraction", "NaN")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threshold deadUnitFraction: 'NaN' is not a finite number");
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("divergenceLoss", "Infinity")))
        .hasMessage("threshold divergenceLoss: 'Infinity' is not a finite number");
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("overfitGap", "big")))
        .hasMessage("threshold overfitGap: 'big' is not a number");
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("plateauWindow", "2.5")))
        .hasMessage("threshold plateauWindow: '2.5' is not an integer");
  }

  @Test
  void noOverridesIsTheSameThresholds() {
    assertThat(Thresholds.DEFAULTS.withOverrides(Map.of())).isEqualTo(Thresholds.DEFAULTS);
  }

  @Test
  void anUnknownNameIsRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("deadUnitFractoin", "0.8")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown thresholds [deadUnitFractoin]")
        .hasMessageContaining("deadUnitFraction");
  }

  @Test
  void aNonNumberIsRejected() {
    assertThatThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("plateauWindow", "five")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void detectorsUseTheOverriddenValue() {
    Detector dead = new DeadUnitsDetector();
    Thresholds stricter = Thresholds.DEFAULTS.withOverrides(Map.of("deadUnitFraction", "0.9"));
    Thresholds looser = Thresholds.DEFAULTS.withOverrides(Map.of("deadUnitFraction", "0.8"));

    assertThat(dead.detect(Curves.deadRelu().build(), stricter)).isEmpty(); // 0.85 < 0.9
    assertThat(dead.detect(Curves.deadRelu().build(), looser).orElseThrow().evidence().threshold()).isEqualTo(0.8);
  }
}

package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.testing.Curves;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  /**
   * The README's table of thresholds is what users tune with {@code --threshold}: every threshold
   * is in it, with the default in force. (Each default's source and reason is in {@link
   * Thresholds}' own documentation.)
   */
  @Test
  void theReadmeDocumentsEveryThresholdWithItsDefault() throws Exception {
    Map<String, String> documented = new LinkedHashMap<>();
    Pattern row = Pattern.compile("^\\| `(\\w+)` \\| ([^|]+) \\|");
    for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
      Matcher m = row.matcher(line);
      if (m.find()) {
        documented.put(m.group(1), m.group(2).trim());
      }
    }
    for (RecordComponent component : Thresholds.class.getRecordComponents()) {
      assertThat(documented)
          .as("README row for %s", component.getName())
          .containsKey(component.getName());
      Object inForce = component.getAccessor().invoke(Thresholds.DEFAULTS);
      assertThat(Double.parseDouble(documented.get(component.getName())))
          .as(component.getName())
          .isEqualTo(((Number) inForce).doubleValue());
    }
  }

  @Test
  void anOverrideChangesThatThresholdOnly() throws Exception {
    Thresholds changed = Thresholds.DEFAULTS.withOverrides(Map.of("deadUnitFraction", "0.8"));

    assertThat(changed.deadUnitFraction()).isEqualTo(0.8);
    for (RecordComponent component : Thresholds.class.getRecordComponents()) {
      if (!component.getName().equals("deadUnitFraction")) {
        assertThat(component.getAccessor().invoke(changed))
            .as(component.getName())
            .isEqualTo(component.getAccessor().invoke(Thresholds.DEFAULTS));
      }
    }
    assertThat(Thresholds.DEFAULTS.deadUnitFraction())
        .as("the original is unchanged")
        .isEqualTo(0.7);
  }

  @Test
  void spacedAndScientificValuesParse() {
    Thresholds changed =
        Thresholds.DEFAULTS.withOverrides(Map.of("divergenceLoss", " 1e4 ", "overfitGap", "0.2"));

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
    assertThatThrownBy(
            () -> Thresholds.DEFAULTS.withOverrides(Map.of("divergenceLoss", "Infinity")))
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
    assertThat(dead.detect(Curves.deadRelu().build(), looser).orElseThrow().evidence().threshold())
        .isEqualTo(0.8);
  }
}

package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every detector's test shares: the detector under test with the symptom it must report,
 * helpers that run it on a curve at the default thresholds, and the check that no healthy run
 * raises that symptom.
 */
abstract class DetectorTestBase {
  protected final Detector detector;
  private final Symptom symptom;

  protected DetectorTestBase(Detector detector, Symptom symptom) {
    this.detector = detector;
    this.symptom = symptom;
  }

  /** Whether the detector raises anything for the curve. */
  protected boolean fires(Curves curve) {
    return detector.detect(curve.build(), Thresholds.DEFAULTS).isPresent();
  }

  /**
   * The evidence of the detection the curve must raise, after asserting that it names this test's
   * symptom.
   */
  protected Evidence detected(Curves curve) {
    Detection detection = detector.detect(curve.build(), Thresholds.DEFAULTS).orElseThrow();
    assertThat(detection.symptom()).isEqualTo(symptom);
    return detection.evidence();
  }

  /** The evidence of the detection the curve must raise, whatever symptom it names. */
  protected Evidence evidence(Curves curve) {
    return detector.detect(curve.build(), Thresholds.DEFAULTS).orElseThrow().evidence();
  }

  static Stream<Arguments> healthy() {
    return Curves.healthyVariety().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthy")
  void healthyRunsRaiseNothing(String name, Curves curve) {
    assertThat(fires(curve)).isFalse();
  }
}

package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class SaturatedActivationsDetectorTest extends DetectorTestBase {
  SaturatedActivationsDetectorTest() {
    super(new SaturatedActivationsDetector(), Symptom.SATURATED_ACTIVATIONS);
  }

  @Test
  void saturatedSigmoidLayerIsDetected() {
    Evidence evidence = detected(Curves.saturatedSigmoid());

    assertThat(evidence.metric()).isEqualTo("saturatedFraction[0]");
    assertThat(evidence.fromEpoch()).isEqualTo(10);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(0.8);
    assertThat(evidence.threshold()).isEqualTo(0.5);
    assertThat(evidence.explanation())
        .isEqualTo("80% of layer 0's sigmoid activations are saturated (> 50%)");
  }

  @Test
  void boundaryIsExclusive() {
    Curves sigmoid = Curves.healthy().activation("sigmoid");
    assertThat(fires(sigmoid.last(e -> e.layer(0, l -> l.saturatedFraction(0.50))))).isFalse();
    assertThat(
            fires(
                Curves.healthy()
                    .activation("sigmoid")
                    .last(e -> e.layer(0, l -> l.saturatedFraction(0.51)))))
        .isTrue();
  }

  @Test
  void tanhLayersCountToo() {
    Evidence evidence =
        evidence(
            Curves.healthy()
                .activation("tanh")
                .last(e -> e.layer(1, l -> l.saturatedFraction(0.7))));

    assertThat(evidence.metric()).isEqualTo("saturatedFraction[1]");
    assertThat(evidence.explanation()).contains("tanh");
  }
}

package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class ExplodingGradientsDetectorTest extends DetectorTestBase {
  ExplodingGradientsDetectorTest() {
    super(new ExplodingGradientsDetector(), Symptom.EXPLODING_GRADIENTS);
  }

  @Test
  void firstLayerGradientFarAboveTheOutputLayersIsExploding() {
    Evidence evidence = detected(Curves.explodingGradients());

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
    Curves logisticRegression =
        Curves.healthy().hidden().each(e -> e.layer(0, l -> l.gradientNorm(1e6)));

    assertThat(fires(logisticRegression)).isFalse();
  }

  @Test
  void aZeroOutputGradientHasNoRatio() {
    assertThat(fires(Curves.explodingGradients().last(e -> e.layer(2, l -> l.gradientNorm(0)))))
        .isFalse();
  }
}

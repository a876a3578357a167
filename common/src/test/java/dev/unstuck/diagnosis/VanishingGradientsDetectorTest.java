package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class VanishingGradientsDetectorTest extends DetectorTestBase {
  VanishingGradientsDetectorTest() {
    super(new VanishingGradientsDetector(), Symptom.VANISHING_GRADIENTS);
  }

  @Test
  void tinyFirstLayerGradientInADeepSigmoidNetIsVanishing() {
    Evidence evidence = detected(Curves.vanishingGradients());

    assertThat(evidence.metric()).isEqualTo("gradientNorm[first]/gradientNorm[last]");
    assertThat(evidence.fromEpoch()).isEqualTo(10);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isCloseTo(1e-4, within(1e-12)); // 1e-6 / 1e-2
    assertThat(evidence.threshold()).isEqualTo(1e-3);
    assertThat(evidence.explanation()).contains("1.00e-06");
  }

  /** Layer 0 gradient norm {@code first}, the output layer's {@code output}. */
  private static Curves norms(double first, double output) {
    return Curves.healthy()
        .last(e -> e.layer(0, l -> l.gradientNorm(first)).layer(2, l -> l.gradientNorm(output)));
  }

  @Test
  void ratioBoundary() {
    // a first-layer norm of 1e-3 is not tiny in itself: only the ratio decides
    assertThat(fires(norms(1e-3, 0.99))).as("ratio 1.01e-3").isFalse();
    assertThat(fires(norms(1e-3, 1.01))).as("ratio 0.99e-3").isTrue();
  }

  @Test
  void theRatioAloneIsEnough() {
    // ratio 1e-4 with a first-layer norm of 1e-3, far above the absolute bound 1e-4
    Evidence evidence = evidence(norms(1e-3, 10));

    assertThat(evidence.metric()).isEqualTo("gradientNorm[first]/gradientNorm[last]");
    assertThat(evidence.value()).isCloseTo(1e-4, within(1e-12));
  }

  @Test
  void aTinyFirstLayerNormWithAClearlySmallerFirstLayerIsVanishing() {
    // 5e-5 < 1e-4, and 5e-5 / 1e-3 = 0.05 of the output layer's
    Evidence evidence = evidence(norms(5e-5, 1e-3));

    assertThat(evidence.metric()).isEqualTo("gradientNorm[first]");
    assertThat(evidence.value()).isEqualTo(5e-5);
    assertThat(evidence.threshold()).isEqualTo(1e-4);
    assertThat(evidence.fromEpoch()).isEqualTo(10);
  }

  @Test
  void tinyGradientsEverywhereAreAConvergedNetNotVanishing() {
    assertThat(fires(norms(5e-5, 1e-4))).as("ratio 0.5").isFalse();
  }

  @Test
  void tinyNormRatioBoundary() {
    assertThat(fires(norms(5e-5, 4.9e-4))).as("ratio 0.102").isFalse();
    assertThat(fires(norms(5e-5, 5.1e-4))).as("ratio 0.098").isTrue();
  }

  @Test
  void aHiddenLayerWithTinyMeanAbsoluteGradientIsVanishing() {
    Curves curve = Curves.healthy().last(e -> e.layer(1, l -> l.meanAbsGradient(5e-8)));

    Evidence evidence = evidence(curve);

    assertThat(evidence.metric()).isEqualTo("meanAbsGradient[1]");
    assertThat(evidence.value()).isEqualTo(5e-8);
    assertThat(evidence.threshold()).isEqualTo(1e-7);
    assertThat(evidence.fromEpoch()).isEqualTo(10);
  }

  @Test
  void meanAbsoluteGradientBoundaryIsExclusive() {
    assertThat(fires(Curves.healthy().last(e -> e.layer(0, l -> l.meanAbsGradient(1e-7)))))
        .isFalse();
    assertThat(fires(Curves.healthy().last(e -> e.layer(0, l -> l.meanAbsGradient(0.99e-7)))))
        .isTrue();
  }

  @Test
  void theOutputLayersMeanAbsoluteGradientIsNotJudged() {
    assertThat(fires(Curves.healthy().last(e -> e.layer(2, l -> l.meanAbsGradient(1e-12)))))
        .isFalse();
  }

  @Test
  void missingGradientStatisticsAreNotVanishing() {
    assertThat(
            fires(
                Curves.healthy()
                    .last(
                        e ->
                            e.eachLayer(
                                l -> l.gradientNorm(Double.NaN).meanAbsGradient(Double.NaN)))))
        .isFalse();
  }
}

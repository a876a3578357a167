package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * EXPLODING_GRADIENTS: the first layer's gradient is far larger than the output layer's
 * (AUTOTRAINER).
 */
public final class ExplodingGradientsDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.EXPLODING_GRADIENTS;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    EpochMetrics now = Series.last(epochs);
    double ratio = GradientRatioDetectors.firstOverLast(now);
    if (ratio > t.explodingGradientRatio()) {
      return Optional.of(
          Detection.of(
              symptom(),
              "gradientNorm[first]/gradientNorm[last]",
              now.epoch(),
              now.epoch(),
              ratio,
              t.explodingGradientRatio(),
              "first-layer gradient is "
                  + Series.num(ratio)
                  + "x the output layer's (> "
                  + Series.num(t.explodingGradientRatio())
                  + ")"));
    }
    return Optional.empty();
  }
}

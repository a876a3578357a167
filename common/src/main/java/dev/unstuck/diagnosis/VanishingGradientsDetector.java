package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * VANISHING_GRADIENTS: the first layer's gradient is a tiny fraction of the output layer's and tiny in itself
 * (AUTOTRAINER), or a hidden layer's mean |gradient| is below 1e-7 (SageMaker Debugger).
 */
public final class VanishingGradientsDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.VANISHING_GRADIENTS;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    EpochMetrics now = Series.last(epochs);
    int e = now.epoch();
    double ratio = GradientRatioDetectors.firstOverLast(now);
    Optional<LayerMetrics> first = GradientRatioDetectors.firstLayer(now);
    if (ratio < t.vanishingGradientRatio() && first.isPresent()
        && first.get().gradientNorm() < t.vanishingFirstLayerNorm()) {
      return Optional.of(Detection.of(symptom(), "gradientNorm[first]/gradientNorm[last]", e, e, ratio,
          t.vanishingGradientRatio(), "first-layer gradient norm " + Series.num(first.get().gradientNorm())
              + " is " + Series.num(ratio) + " of the output layer's (< " + Series.num(t.vanishingGradientRatio())
              + ")"));
    }
    List<LayerMetrics> layers = now.layers();
    for (LayerMetrics layer : layers.subList(0, Math.max(0, layers.size() - 1))) {
      if (layer.meanAbsGradient() < t.vanishingMeanAbsGradient()) {
        return Optional.of(Detection.of(symptom(), "meanAbsGradient[" + layer.index() + "]", e, e,
            layer.meanAbsGradient(), t.vanishingMeanAbsGradient(), "layer " + layer.index() + " mean |gradient| "
                + Series.num(layer.meanAbsGradient()) + " < " + Series.num(t.vanishingMeanAbsGradient())));
      }
    }
    return Optional.empty();
  }
}

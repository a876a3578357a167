package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * VANISHING_GRADIENTS: the first layer's gradient is a tiny fraction of the output layer's, or tiny
 * in itself (AUTOTRAINER's two conditions), or a hidden layer's mean |gradient| is below 1e-7
 * (SageMaker Debugger).
 *
 * <p>AUTOTRAINER requires both conditions at once. Measured on a 6x64 sigmoid network with Xavier
 * weights on the digits data (DL4J, minibatch-averaged gradients), the first/last ratio was 2.4e-4
 * while the first-layer norm was still 0.12 and the network stayed at chance: the absolute bound
 * depends on the loss and layer sizes, the ratio does not. So the ratio suffices alone; a tiny
 * first-layer norm counts only with a clearly smaller first layer, because a network that has
 * converged has tiny gradients everywhere and is not sick.
 */
public final class VanishingGradientsDetector implements Detector {
  /**
   * With a first-layer norm below the absolute bound, the first/last ratio must still be below
   * this.
   */
  static final double VANISHING_RATIO_WITH_TINY_NORM = 0.1;

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
    if (ratio < t.vanishingGradientRatio()) {
      return Optional.of(
          Detection.of(
              symptom(),
              "gradientNorm[first]/gradientNorm[last]",
              e,
              e,
              ratio,
              t.vanishingGradientRatio(),
              "first-layer gradient norm "
                  + Series.num(first.orElseThrow().gradientNorm())
                  + " is "
                  + Series.num(ratio)
                  + " of the output layer's (< "
                  + Series.num(t.vanishingGradientRatio())
                  + ")"));
    }
    if (first.isPresent()
        && first.get().gradientNorm() < t.vanishingFirstLayerNorm()
        && ratio < VANISHING_RATIO_WITH_TINY_NORM) {
      return Optional.of(
          Detection.of(
              symptom(),
              "gradientNorm[first]",
              e,
              e,
              first.get().gradientNorm(),
              t.vanishingFirstLayerNorm(),
              "first-layer gradient norm "
                  + Series.num(first.get().gradientNorm())
                  + " < "
                  + Series.num(t.vanishingFirstLayerNorm())
                  + " and "
                  + Series.num(ratio)
                  + " of the output layer's"));
    }
    List<LayerMetrics> layers = now.layers();
    for (LayerMetrics layer : layers.subList(0, Math.max(0, layers.size() - 1))) {
      if (layer.meanAbsGradient() < t.vanishingMeanAbsGradient()) {
        return Optional.of(
            Detection.of(
                symptom(),
                "meanAbsGradient[" + layer.index() + "]",
                e,
                e,
                layer.meanAbsGradient(),
                t.vanishingMeanAbsGradient(),
                "layer "
                    + layer.index()
                    + " mean |gradient| "
                    + Series.num(layer.meanAbsGradient())
                    + " < "
                    + Series.num(t.vanishingMeanAbsGradient())));
      }
    }
    return Optional.empty();
  }
}

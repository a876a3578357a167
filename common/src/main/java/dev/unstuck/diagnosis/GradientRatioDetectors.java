package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * Gradient norm of the first (input-side) layer over the last (output) layer, on the probe batch.
 */
final class GradientRatioDetectors {
  private GradientRatioDetectors() {}

  /** The ratio, or NaN when there are fewer than two layers or norms are missing. */
  static double firstOverLast(EpochMetrics epoch) {
    List<LayerMetrics> layers = epoch.layers();
    if (layers.size() < 2) {
      return Double.NaN;
    }
    double first = layers.get(0).gradientNorm();
    double last = Series.outputLayer(epoch).gradientNorm();
    return last > 0 ? first / last : Double.NaN;
  }

  static Optional<LayerMetrics> firstLayer(EpochMetrics epoch) {
    return epoch.layers().isEmpty() ? Optional.empty() : Optional.of(epoch.layers().get(0));
  }
}

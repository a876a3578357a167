package dev.unstuck.diagnosis;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Small helpers over a run's epochs that several detectors share. */
final class Series {
  private Series() {}

  static EpochMetrics last(List<EpochMetrics> epochs) {
    return epochs.get(epochs.size() - 1);
  }

  /** The last {@code size} epochs (fewer if the run is shorter). */
  static List<EpochMetrics> window(List<EpochMetrics> epochs, int size) {
    return epochs.subList(Math.max(0, epochs.size() - size), epochs.size());
  }

  /** Relative fall of a metric from the window's first to its last epoch; negative when it rose. */
  static double relativeDecrease(List<EpochMetrics> window, ToDoubleFunction<EpochMetrics> metric) {
    double first = metric.applyAsDouble(window.get(0));
    double last = metric.applyAsDouble(window.get(window.size() - 1));
    return (first - last) / Math.max(Math.abs(first), 1e-12);
  }

  static double min(List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> metric) {
    return epochs.stream().mapToDouble(metric).filter(Double::isFinite).min().orElse(Double.NaN);
  }

  /** The output-side layer: the one gradients start from. */
  static LayerMetrics outputLayer(EpochMetrics epoch) {
    return epoch.layers().get(epoch.layers().size() - 1);
  }

  static String pct(double share) {
    return String.format("%.0f%%", share * 100);
  }

  static String num(double value) {
    return String.format(Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? "%.4g" : "%.2e", value);
  }
}

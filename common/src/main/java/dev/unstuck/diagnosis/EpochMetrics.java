package dev.unstuck.diagnosis;

import java.util.List;

/**
 * What the detectors see of one epoch of one run: the domain view of an EpochTelemetry record.
 * Metrics that were not measured are NaN; a NaN loss after training started means the run diverged.
 */
public record EpochMetrics(
    int epoch,
    TrainingStatus status,
    int numClasses,
    double trainLoss,
    double valLoss,
    double trainAccuracy,
    double trainBalancedAccuracy,
    double valAccuracy,
    double valBalancedAccuracy,
    List<Double> valPerClassRecall,
    double majorityClassRate,
    List<LayerMetrics> layers,
    NonFinite nonFinite,
    double maxAbsFeatureMean,
    double maxFeatureStd) {

  public EpochMetrics {
    valPerClassRecall = List.copyOf(valPerClassRecall);
    layers = List.copyOf(layers);
  }

  /** Balanced accuracy of a constant predictor: 1 / number of classes. */
  public double chance() {
    return numClasses > 0 ? 1.0 / numClasses : 0.5;
  }

  /** Validation balanced accuracy, with a NaN (a diverged network's output) counted as chance. */
  public double judgedMetric() {
    return Double.isFinite(valBalancedAccuracy) ? valBalancedAccuracy : chance();
  }
}

package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * SLOW_CONVERGENCE: no epoch gained much balanced accuracy, on training or validation
 * (AUTOTRAINER). The first epoch's gain is measured from chance, the balanced accuracy of a
 * constant prediction.
 */
public final class SlowConvergenceDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.SLOW_CONVERGENCE;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    if (epochs.size() < t.minEpochs()) {
      return Optional.empty();
    }
    double bestTrain = bestGain(epochs, EpochMetrics::trainBalancedAccuracy);
    double bestVal = bestGain(epochs, EpochMetrics::valBalancedAccuracy);
    double best = Math.max(bestTrain, bestVal);
    if (best == Double.NEGATIVE_INFINITY) {
      return Optional.empty(); // no balanced accuracy was measured: nothing to say about its gains
    }
    if (best < t.slowConvergenceGain()) {
      return Optional.of(
          Detection.of(
              symptom(),
              "balancedAccuracy gain per epoch",
              epochs.get(0).epoch(),
              Series.last(epochs).epoch(),
              best,
              t.slowConvergenceGain(),
              "best one-epoch gain in balanced accuracy "
                  + Series.num(best)
                  + " < "
                  + Series.num(t.slowConvergenceGain())));
    }
    return Optional.empty();
  }

  private static double bestGain(List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> metric) {
    double previous = epochs.get(0).chance();
    double best = Double.NEGATIVE_INFINITY;
    for (EpochMetrics epoch : epochs) {
      double value = metric.applyAsDouble(epoch);
      if (Double.isFinite(value)) {
        best = Math.max(best, value - previous);
        previous = value;
      }
    }
    return best;
  }
}

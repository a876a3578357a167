package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * OSCILLATING_LOSS: validation balanced accuracy keeps reversing direction by large steps
 * (AUTOTRAINER: at least 20 % of epochs are swings of 0.03 or more). The symptom keeps
 * AUTOTRAINER's name, which every published record and results table carries; what swings here is
 * the accuracy, the metric verdicts are judged on - a loss can swing while the answers the network
 * gives stay put.
 */
public final class OscillatingAccuracyDetector implements Detector {
  /** Fewer epochs than this cannot show a pattern of swings. */
  private static final int MIN_EPOCHS = 5;

  @Override
  public Symptom symptom() {
    return Symptom.OSCILLATING_LOSS;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    if (epochs.size() < Math.max(MIN_EPOCHS, t.minEpochs())) {
      return Optional.empty();
    }
    int swings = 0;
    double previousStep = 0;
    for (int i = 1; i < epochs.size(); i++) {
      double step = epochs.get(i).valBalancedAccuracy() - epochs.get(i - 1).valBalancedAccuracy();
      if (Math.abs(step) >= t.oscillationSwing()
          && Math.signum(step) == -Math.signum(previousStep)) {
        swings++;
      }
      if (step != 0) {
        previousStep = step;
      }
    }
    double share = swings / (double) (epochs.size() - 1);
    if (swings >= 2 && share >= t.oscillationEpochShare()) {
      return Optional.of(
          Detection.of(
              symptom(),
              "valBalancedAccuracy",
              epochs.get(0).epoch(),
              Series.last(epochs).epoch(),
              share,
              t.oscillationEpochShare(),
              swings
                  + " of "
                  + (epochs.size() - 1)
                  + " epochs reverse validation balanced accuracy by >= "
                  + Series.num(t.oscillationSwing())));
    }
    return Optional.empty();
  }
}

package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * NOT_LEARNING: training loss flat over the last epochs and validation no better than guessing:
 * balanced accuracy within the learning margin of chance (DeepDiagnosis' "accuracy at the
 * majority-class rate", made robust to class imbalance).
 */
public final class NotLearningDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.NOT_LEARNING;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    if (epochs.size() < t.minEpochs()) {
      return Optional.empty();
    }
    List<EpochMetrics> window = Series.window(epochs, t.plateauWindow());
    double decrease = Series.relativeDecrease(window, EpochMetrics::trainLoss);
    EpochMetrics now = Series.last(epochs);
    // Balanced accuracy, not accuracy against the majority rate: a well-trained resampled model on
    // imbalanced
    // data has accuracy below the majority rate and is learning; a collapsed one has balanced
    // accuracy at chance.
    boolean atChance = now.judgedMetric() <= now.chance() + t.learningMargin();
    if (decrease < t.plateauRelativeDecrease() && atChance) {
      return Optional.of(
          Detection.of(
              symptom(),
              "trainLoss",
              window.get(0).epoch(),
              now.epoch(),
              decrease,
              t.plateauRelativeDecrease(),
              (decrease < 0
                      ? "training loss rose " + Series.pct(-decrease)
                      : "training loss fell only " + Series.pct(decrease))
                  + " over epochs "
                  + window.get(0).epoch()
                  + "-"
                  + now.epoch()
                  + " and validation balanced accuracy "
                  + Series.num(now.judgedMetric())
                  + " is at chance ("
                  + Series.num(now.chance())
                  + ")"));
    }
    return Optional.empty();
  }
}

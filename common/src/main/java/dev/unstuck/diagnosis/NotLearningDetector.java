package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * NOT_LEARNING: training loss flat over the last epochs and validation no better than guessing - accuracy at
 * the majority-class rate, or balanced accuracy within the learning margin of chance (DeepDiagnosis).
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
    boolean atMajority = now.valAccuracy() <= now.majorityClassRate() + t.collapseAccuracyTolerance();
    boolean atChance = now.judgedMetric() <= now.chance() + t.learningMargin();
    if (decrease < t.plateauRelativeDecrease() && (atMajority || atChance)) {
      return Optional.of(Detection.of(symptom(), "trainLoss", window.get(0).epoch(), now.epoch(), decrease,
          t.plateauRelativeDecrease(), "training loss fell only " + Series.pct(decrease) + " over epochs "
              + window.get(0).epoch() + "-" + now.epoch() + " and validation balanced accuracy "
              + Series.num(now.judgedMetric()) + " is at chance (" + Series.num(now.chance()) + ")"));
    }
    return Optional.empty();
  }
}

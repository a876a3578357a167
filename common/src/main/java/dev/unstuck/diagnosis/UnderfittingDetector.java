package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * UNDERFITTING: the network learns something but little - training balanced accuracy low and about
 * equal to validation, loss on a plateau. (At chance it is NOT_LEARNING instead.) The plateau is
 * either flat outright or bent flat: the last window brought only a small share of the progress
 * since the first epoch. A network too small for its task is rarely flat outright; its loss creeps
 * down by a few percent an epoch long after it stopped getting anywhere, while a network that still
 * learns at a steady pace is on neither kind of plateau.
 */
public final class UnderfittingDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.UNDERFITTING;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    if (epochs.size() < t.minEpochs()) {
      return Optional.empty();
    }
    EpochMetrics now = Series.last(epochs);
    List<EpochMetrics> window = Series.window(epochs, t.plateauWindow());
    boolean flat =
        Series.relativeDecrease(window, EpochMetrics::trainLoss) < t.plateauRelativeDecrease()
            || bentFlat(epochs, window, t);
    boolean low = now.trainBalancedAccuracy() < t.underfitTrainAccuracy();
    boolean close =
        Math.abs(now.trainBalancedAccuracy() - now.valBalancedAccuracy()) <= t.underfitGap();
    boolean aboveChance = now.judgedMetric() > now.chance() + t.learningMargin();
    if (flat && low && close && aboveChance) {
      return Optional.of(
          Detection.of(
              symptom(),
              "trainBalancedAccuracy",
              window.get(0).epoch(),
              now.epoch(),
              now.trainBalancedAccuracy(),
              t.underfitTrainAccuracy(),
              "training balanced accuracy "
                  + Series.num(now.trainBalancedAccuracy())
                  + " < "
                  + Series.num(t.underfitTrainAccuracy())
                  + ", close to validation, with the loss on a plateau"));
    }
    return Optional.empty();
  }

  /**
   * The window's loss decrease is under {@code plateauShareOfProgress} of the decrease since the
   * first epoch.
   */
  private static boolean bentFlat(
      List<EpochMetrics> epochs, List<EpochMetrics> window, Thresholds t) {
    double sinceStart = epochs.get(0).trainLoss() - Series.last(epochs).trainLoss();
    double inWindow = window.get(0).trainLoss() - Series.last(window).trainLoss();
    return sinceStart > 0
        && window.size() < epochs.size()
        && inWindow < t.plateauShareOfProgress() * sinceStart;
  }
}

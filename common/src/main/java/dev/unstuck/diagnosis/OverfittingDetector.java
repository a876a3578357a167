package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/** OVERFITTING: train accuracy well above validation while validation loss climbs off its best. */
public final class OverfittingDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.OVERFITTING;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    EpochMetrics now = Series.last(epochs);
    double gap = now.trainAccuracy() - now.valAccuracy();
    double best = Series.min(epochs, EpochMetrics::valLoss);
    boolean rising = best > 0 && now.valLoss() >= best * (1 + t.overfitValLossRise());
    if (gap >= t.overfitGap() && rising) {
      return Optional.of(
          Detection.of(
              symptom(),
              "trainAccuracy-valAccuracy",
              epochs.get(0).epoch(),
              now.epoch(),
              gap,
              t.overfitGap(),
              "train accuracy exceeds validation by "
                  + Series.num(gap)
                  + " while validation loss rose from "
                  + Series.num(best)
                  + " to "
                  + Series.num(now.valLoss())));
    }
    return Optional.empty();
  }
}

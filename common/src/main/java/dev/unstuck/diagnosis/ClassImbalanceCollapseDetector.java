package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * CLASS_IMBALANCE_COLLAPSE: on imbalanced data, accuracy equals the majority-class rate and some
 * minority class is never recalled - the network predicts the majority class for everything.
 */
public final class ClassImbalanceCollapseDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.CLASS_IMBALANCE_COLLAPSE;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    EpochMetrics now = Series.last(epochs);
    List<Double> recall = now.valPerClassRecall();
    boolean imbalanced = now.majorityClassRate() >= t.imbalanceFactor() * now.chance();
    if (!imbalanced
        || recall.size() < 2
        || Math.abs(now.valAccuracy() - now.majorityClassRate()) > t.collapseAccuracyTolerance()) {
      return Optional.empty();
    }
    // a class with no validation rows has no recall (NaN): it is neither the majority nor a
    // minority class
    int majority = -1;
    for (int i = 0; i < recall.size(); i++) {
      if (Double.isFinite(recall.get(i))
          && (majority < 0 || recall.get(i) > recall.get(majority))) {
        majority = i;
      }
    }
    double worstMinority = Double.POSITIVE_INFINITY;
    for (int i = 0; i < recall.size(); i++) {
      if (i != majority && Double.isFinite(recall.get(i))) {
        worstMinority = Math.min(worstMinority, recall.get(i));
      }
    }
    if (majority >= 0 && worstMinority <= t.collapseMinorityRecall()) {
      return Optional.of(
          Detection.of(
              symptom(),
              "valPerClassRecall",
              now.epoch(),
              now.epoch(),
              worstMinority,
              t.collapseMinorityRecall(),
              "accuracy "
                  + Series.num(now.valAccuracy())
                  + " equals the majority rate "
                  + Series.num(now.majorityClassRate())
                  + " and a minority class has recall "
                  + Series.num(worstMinority)));
    }
    return Optional.empty();
  }
}

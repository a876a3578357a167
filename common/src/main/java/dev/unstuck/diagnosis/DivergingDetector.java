package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * DIVERGING: any NaN/Inf in loss or weights, validation loss huge, training loss far above a
 * uniform guess's, or training loss up 10x on its best.
 */
public final class DivergingDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.DIVERGING;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    EpochMetrics now = Series.last(epochs);
    int e = now.epoch();
    if (now.nonFinite().inTraining()
        || !Double.isFinite(now.trainLoss())
        || now.status() == TrainingStatus.DIVERGED) {
      long count =
          now.nonFinite().loss() + now.nonFinite().gradients() + now.nonFinite().parameters();
      return Optional.of(
          Detection.of(
              symptom(),
              "nonFinite",
              e,
              e,
              count,
              0,
              "NaN/Inf in loss, gradients or weights at epoch " + e + " (" + count + " values)"));
    }
    if (now.valLoss() >= t.divergenceLoss()) {
      return Optional.of(
          Detection.of(
              symptom(),
              "valLoss",
              e,
              e,
              now.valLoss(),
              t.divergenceLoss(),
              "validation loss "
                  + Series.num(now.valLoss())
                  + " >= "
                  + Series.num(t.divergenceLoss())));
    }
    double uniformGuessLoss = Math.log(Math.max(2, now.numClasses()));
    if (now.trainLoss() >= t.divergenceChanceLossFactor() * uniformGuessLoss) {
      double factor = now.trainLoss() / uniformGuessLoss;
      return Optional.of(
          Detection.of(
              symptom(),
              "trainLoss",
              e,
              e,
              now.trainLoss(),
              t.divergenceChanceLossFactor() * uniformGuessLoss,
              "training loss "
                  + Series.num(now.trainLoss())
                  + " is "
                  + Series.num(factor)
                  + "x that of a uniform guess ("
                  + Series.num(uniformGuessLoss)
                  + ")"));
    }
    double best = Series.min(epochs, EpochMetrics::trainLoss);
    if (best > 0 && now.trainLoss() >= best * t.divergenceRiseFactor()) {
      double factor = now.trainLoss() / best;
      return Optional.of(
          Detection.of(
              symptom(),
              "trainLoss",
              epochs.get(0).epoch(),
              e,
              factor,
              t.divergenceRiseFactor(),
              "training loss rose "
                  + Series.num(factor)
                  + "x from its best "
                  + Series.num(best)
                  + " to "
                  + Series.num(now.trainLoss())));
    }
    return Optional.empty();
  }
}

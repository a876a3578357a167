package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;
import java.util.stream.DoubleStream;

/** DATA_PIPELINE_ERROR: NaN/Inf in the inputs, or features far from unit scale (unnormalised). */
public final class DataPipelineErrorDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.DATA_PIPELINE_ERROR;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    EpochMetrics now = Series.last(epochs);
    int e = now.epoch();
    if (now.nonFinite().inputs() > 0) {
      return Optional.of(
          Detection.of(
              symptom(),
              "nonFinite.inputs",
              e,
              e,
              now.nonFinite().inputs(),
              0,
              now.nonFinite().inputs() + " NaN/Inf feature values in the training data"));
    }
    double scale =
        DoubleStream.of(now.maxAbsFeatureMean(), now.maxFeatureStd())
            .filter(Double::isFinite)
            .max()
            .orElse(0);
    if (scale > t.featureScale()) {
      // advisory: many models learn from raw features; only on one that does not is it a likely
      // cause
      return Optional.of(
          Detection.advisory(
              symptom(),
              "maxFeatureScale",
              e,
              e,
              scale,
              t.featureScale(),
              "input features are unnormalised: largest |mean| "
                  + Series.num(now.maxAbsFeatureMean())
                  + ", largest std "
                  + Series.num(now.maxFeatureStd())
                  + " (> "
                  + Series.num(t.featureScale())
                  + ")"));
    }
    return Optional.empty();
  }
}

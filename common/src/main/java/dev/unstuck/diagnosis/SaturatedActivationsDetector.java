package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/** SATURATED_ACTIVATIONS: most sigmoid/tanh activations sit at the flat ends (DeepDiagnosis). */
public final class SaturatedActivationsDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.SATURATED_ACTIVATIONS;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    EpochMetrics now = Series.last(epochs);
    return now.layers().stream()
        .filter(layer -> layer.saturatedFraction() > t.saturatedFraction())
        .findFirst()
        .map(
            layer ->
                Detection.of(
                    symptom(),
                    "saturatedFraction[" + layer.index() + "]",
                    now.epoch(),
                    now.epoch(),
                    layer.saturatedFraction(),
                    t.saturatedFraction(),
                    Series.pct(layer.saturatedFraction())
                        + " of layer "
                        + layer.index()
                        + "'s "
                        + layer.activation()
                        + " activations are saturated (> "
                        + Series.pct(t.saturatedFraction())
                        + ")"));
  }
}

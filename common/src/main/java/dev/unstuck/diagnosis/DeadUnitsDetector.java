package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * DEAD_UNITS: most units of a ReLU layer output 0 for every probe input (AUTOTRAINER,
 * DeepDiagnosis).
 */
public final class DeadUnitsDetector implements Detector {
  @Override
  public Symptom symptom() {
    return Symptom.DEAD_UNITS;
  }

  @Override
  public Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds t) {
    EpochMetrics now = Series.last(epochs);
    return now.layers().stream()
        .filter(layer -> layer.deadFraction() >= t.deadUnitFraction())
        .findFirst()
        .map(
            layer ->
                Detection.of(
                    symptom(),
                    "deadFraction[" + layer.index() + "]",
                    now.epoch(),
                    now.epoch(),
                    layer.deadFraction(),
                    t.deadUnitFraction(),
                    Series.pct(layer.deadFraction())
                        + " of layer "
                        + layer.index()
                        + "'s "
                        + layer.activation()
                        + " units are dead (>= "
                        + Series.pct(t.deadUnitFraction())
                        + ")"));
  }
}

package dev.unstuck.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of {@code fix_outcome}: did one fix resolve one baseline symptom (NONE: the baseline had
 * none), and did it improve on the baseline by more than the seed spread (against a healthy
 * baseline: an improvement, not a fix).
 */
public record FixOutcome(
    String sweepId,
    String variantId,
    String fixFamily,
    Map<String, String> fixParams,
    String baselineSymptom,
    List<String> baselineSymptoms,
    int seeds,
    int comparedEpoch,
    boolean resolved,
    boolean improved,
    Double baselineMetric,
    Double variantMetric,
    Double metricDelta,
    Double metricDeltaSpread,
    Double epochsToLearn,
    List<String> remainingSymptoms,
    List<String> newSymptoms,
    boolean isFinal) {

  public FixOutcome {
    fixParams = Map.copyOf(fixParams);
    baselineSymptoms = List.copyOf(baselineSymptoms);
    remainingSymptoms = List.copyOf(remainingSymptoms);
    newSymptoms = List.copyOf(newSymptoms);
  }

  /** From a {@code fix_outcome} row (column name -> value). */
  public static FixOutcome of(Map<String, Object> row) {
    return new FixOutcome(
        Values.string(row.get("sweep_id")),
        Values.string(row.get("variant_id")),
        Values.string(row.get("fix_family")),
        Values.stringMap(row.get("fix_params")),
        Values.string(row.get("baseline_symptom")),
        Values.strings(row.get("baseline_symptoms")),
        Values.integer(row.get("seeds"), 0),
        Values.integer(row.get("compared_epoch"), 0),
        Values.bool(row.get("resolved")),
        Values.bool(row.get("improved")),
        Values.number(row.get("baseline_metric")),
        Values.number(row.get("variant_metric")),
        Values.number(row.get("metric_delta")),
        Values.number(row.get("metric_delta_spread")),
        Values.number(row.get("epochs_to_learn")),
        Values.strings(row.get("remaining_symptoms")),
        Values.strings(row.get("new_symptoms")),
        Values.bool(row.get("is_final")));
  }

  /** The fix's setting as a person writes it in a spec, e.g. {@code learningRate: x0.001}. */
  public String fixSetting() {
    if (fixParams.isEmpty()) {
      return variantId;
    }
    StringBuilder text = new StringBuilder();
    new TreeMap<>(fixParams)
        .forEach(
            (k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
    return text.toString();
  }
}
